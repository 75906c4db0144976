package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
)

// http2Exchange serves one request over HTTP/2 on a loopback TLS server and reads the answer with
// the server's own client, so http2debug has a real connection, streams and frames to log.
func http2Exchange() error {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello over %s", r.Proto)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %s\n", resp.Proto, body)
	return nil
}

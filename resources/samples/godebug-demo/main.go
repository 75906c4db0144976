// godebug-demo: a short program that gives every GODEBUG trace something to print.
//
//	go run .            allocate (GC cycles), keep goroutines busy (scheduler), run init work
//	go run . -http2     an HTTP/2 exchange over a loopback TLS server (for http2debug)
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	h2 := flag.Bool("http2", false, "run an HTTP/2 request over a loopback TLS server")
	seconds := flag.Float64("seconds", 1.5, "how long to allocate")
	flag.Parse()
	if *h2 {
		if err := http2Exchange(); err != nil {
			fmt.Fprintln(os.Stderr, "http2:", err)
			os.Exit(1)
		}
		return
	}
	fmt.Printf("table has %d entries, checksum %x\n", len(table), checksum)
	kept := churn(time.Duration(*seconds * float64(time.Second)))
	fmt.Printf("done: %d live blocks\n", kept)
}

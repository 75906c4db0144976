// godebug-demo: a short program that gives every GODEBUG trace something to print.
//
//	go run .            init work, one HTTP/2 exchange over a loopback TLS server (for http2debug),
//	                    then allocate from busy goroutines (GC cycles, scavenger, scheduler)
//	go run . -http2     only the HTTP/2 exchange
//	go run . -progress  the workers also print lines while they allocate
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	h2 := flag.Bool("http2", false, "only run the HTTP/2 exchange")
	seconds := flag.Float64("seconds", 1.5, "how long to allocate")
	progress := flag.Bool("progress", false, "print a line from each worker now and then")
	flag.Parse()
	// The exchange comes first so the run still ends with the forced GC cycle of churn.
	if err := http2Exchange(); err != nil {
		fmt.Fprintln(os.Stderr, "http2:", err)
		os.Exit(1)
	}
	if *h2 {
		return
	}
	fmt.Printf("table has %d entries, checksum %x\n", len(table), checksum)
	kept := churn(time.Duration(*seconds*float64(time.Second)), *progress)
	fmt.Printf("done: %d live blocks\n", kept)
}

package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// churn allocates from a few goroutines for d, keeping part of what it allocates alive so the heap
// grows and shrinks: that gives gctrace cycles, scavenger work and busy run queues for schedtrace.
// With progress, each worker prints a line now and then, as a program that logs while it works.
func churn(d time.Duration, progress bool) int {
	workers := runtime.GOMAXPROCS(0) * 2
	var wg sync.WaitGroup
	live := make([][][]byte, workers)
	deadline := time.Now().Add(d)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var keep [][]byte
			for i := 0; time.Now().Before(deadline); i++ {
				b := make([]byte, 4096+i%8192)
				b[0] = byte(i)
				keep = append(keep, b)
				if len(keep) > 1024 {
					keep = keep[len(keep)/2:] // drop half: garbage for the next cycle
				}
				if progress && i%5000 == 4999 {
					fmt.Printf("worker %d: %d blocks\n", w, i+1)
				}
			}
			live[w] = keep
		}(w)
	}
	wg.Wait()
	runtime.GC() // one forced cycle, printed with "(forced)"
	// runtime.GC returns before the runtime has printed that cycle's gctrace line (it prints in
	// many small writes, after waking the caller): a program that printed and exited now could
	// cut the line or land inside it. ReadMemStats stops the world, which waits for the print.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	n := 0
	for _, k := range live {
		n += len(k)
	}
	return n
}

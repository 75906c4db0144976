// A cgo program that needs a shared library of its own, libgopsydemo.so. The library is not part of
// the sample: build it from clib/gopsydemo.c into lib/ first,
//
//	gcc -shared -fPIC -o lib/libgopsydemo.so clib/gopsydemo.c
//
// The binary records no run path, so the dynamic loader finds the library only when told where it
// is: `ldd` shows "libgopsydemo.so => not found" until LD_LIBRARY_PATH names lib/.
package main

/*
#cgo LDFLAGS: -L${SRCDIR}/lib -lgopsydemo
int gopsy_demo_answer(void);
*/
import "C"

import "fmt"

func main() {
	fmt.Println("answer from libgopsydemo:", int(C.gopsy_demo_answer()))
}

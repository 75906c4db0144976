//go:build gopsy_linkfail

package main

import _ "unsafe" // for go:linkname

// answer has no body: the linker looks for example.com/linkfail/impl.answer, which does not exist.
//
//go:linkname answer example.com/linkfail/impl.answer
func answer() int

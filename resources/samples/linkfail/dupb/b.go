//go:build gopsy_linkdup

// Package dupb defines example.com/linkfail/dup.value under that name, as dupb does: a duplicate symbol.
package dupb

import _ "unsafe" // for go:linkname

//go:linkname value example.com/linkfail/dup.value
func value() int { return 2 }

// Value calls it.
func Value() int { return value() }

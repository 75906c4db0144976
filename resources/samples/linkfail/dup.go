//go:build gopsy_linkdup

package main

import (
	"example.com/linkfail/dupa"
	"example.com/linkfail/dupb"
)

func init() { _ = dupa.Value() + dupb.Value() }

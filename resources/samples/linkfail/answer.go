//go:build !gopsy_linkfail

package main

func answer() int { return 42 }

package main

import (
	"crypto/sha256"
	"encoding/json"
	"regexp"
)

// Package-level work done at init, so inittrace has something to measure for package main.
var (
	table    = buildTable()
	pattern  = regexp.MustCompile(`^gc (\d+) @([\d.]+)s`)
	checksum = sha256.Sum256(mustJSON(table))
)

func buildTable() map[string]int {
	m := make(map[string]int, 1000)
	for i := 0; i < 1000; i++ {
		m[string(rune('a'+i%26))+string(rune('a'+i/26%26))] = i
	}
	return m
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

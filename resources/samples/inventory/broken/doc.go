// Package broken holds a deliberate compile error behind the gopsy_broken build tag, so that
// the project builds by default and `go build -tags gopsy_broken ./...` fails in a known place.
package broken

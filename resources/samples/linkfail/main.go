// Command linkfail is gopsy's link-stage sample. It builds and runs as it is; the build tag
// gopsy_linkfail makes its link step fail on an undefined symbol, gopsy_linkdup on a duplicate one.
package main

import "fmt"

func main() {
	fmt.Println("linked:", answer())
}

// Command asmlines calls the shapes package both directly (small functions are inlined into main) and
// through function values (so the linker keeps each function's own code too).
package main

import (
	"fmt"

	"example.com/asmlines/shapes"
)

var funcs = []any{shapes.Sum[int], shapes.Sum[float64], shapes.Counter, shapes.At, shapes.Total, shapes.Describe, shapes.Rect.Area, (*shapes.Rect).Scale}

func main() {
	c := shapes.Counter()
	c()
	rs := []shapes.Rect{{W: 2, H: 3}}
	rs[0].Scale(2)
	fmt.Println(shapes.Sum([]int{1, 2}), shapes.Sum([]float64{1.5}), shapes.Total(rs), shapes.At([]int{4}, 0), shapes.Describe(rs[0]), c(), len(funcs))
}

// Package shapes exercises what the compiler turns into machine code in different ways.
package shapes

import "fmt"

var table []int

func init() {
	table = make([]int, 8)
}

func init() {
	for i := range table {
		table[i] = i * i
	}
}

// Rect is a rectangle.
type Rect struct{ W, H int }

// Area is a method.
func (r Rect) Area() int { return r.W * r.H }

// Scale has a pointer receiver (a nil check).
func (r *Rect) Scale(k int) { r.W *= k; r.H *= k }

// Sum is generic: each shape gets its own instance.
func Sum[T int | float64](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// Counter returns a closure.
func Counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

// At indexes with a bounds check.
func At(xs []int, i int) int {
	return xs[i]
}

// Total calls a method and a helper from another file (clamp.go), both inlined.
func Total(rs []Rect) int {
	t := 0
	for _, r := range rs {
		t += r.Area() + clamp(r.W)
	}
	return t
}

// Describe allocates.
func Describe(r Rect) string {
	return fmt.Sprintf("%dx%d", r.W, r.H)
}

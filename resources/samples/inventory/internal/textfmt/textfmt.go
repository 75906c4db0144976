// Package textfmt formats report text.
package textfmt

import (
	"cmp"
	"fmt"
	"strings"
)

// Join lists words as "a, b and c".
func Join(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Cents formats an amount of cents as a decimal currency string.
func Cents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// Max returns the largest of xs, or the zero value for none (a generic function with a constraint).
func Max[T cmp.Ordered](xs ...T) T {
	var best T
	for i, x := range xs {
		if i == 0 || x > best {
			best = x
		}
	}
	return best
}

// Counter returns a closure that counts calls.
func Counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

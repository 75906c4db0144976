//go:build gopsy_broken

package broken

// Count is wrong on purpose: it returns a string where an int is declared.
func Count(xs []string) int {
	total := "none"
	if len(xs) > 0 {
		total = xs[0]
	}
	return total
}

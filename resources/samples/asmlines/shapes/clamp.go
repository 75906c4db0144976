package shapes

func clamp(v int) int {
	if v < 0 {
		return 0
	}
	return v
}

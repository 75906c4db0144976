package shapes

import "testing"

func TestSum(t *testing.T) {
	if Sum([]int{1, 2, 3}) != 6 || Sum([]float64{1, 2}) != 3 {
		t.Fatal("sum")
	}
}

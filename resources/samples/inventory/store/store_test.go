package store

import "testing"

func TestAddMergesQuantities(t *testing.T) {
	s := New()
	s.Add(Item{SKU: "a", Qty: 2, PriceCents: 10})
	s.Add(Item{SKU: "a", Qty: 3, PriceCents: 10})
	if got := s.Items()[0].Qty; got != 5 {
		t.Fatalf("qty = %d, want 5", got)
	}
	if got := s.Value(); got != 50 {
		t.Fatalf("value = %d, want 50", got)
	}
}

func TestMap(t *testing.T) {
	got := Map([]int{1, 2, 3}, func(i int) int { return i * i })
	if len(got) != 3 || got[2] != 9 {
		t.Fatalf("Map = %v", got)
	}
}

// Package store keeps items in stock. It has methods with value and pointer receivers,
// a closure and a generic function: the shapes whose compiler names gopsy has to get right.
package store

import "sort"

// Item is one line of stock.
type Item struct {
	SKU        string
	Name       string
	Qty        int
	PriceCents int64
}

// Total is the item's stock value in cents (value receiver).
func (it Item) Total() int64 { return int64(it.Qty) * it.PriceCents }

// Store holds items by SKU.
type Store struct {
	items map[string]Item
}

// New returns an empty store.
func New() *Store { return &Store{items: make(map[string]Item)} }

// Add puts an item in the store, adding to the quantity of an existing SKU (pointer receiver).
func (s *Store) Add(it Item) {
	if old, ok := s.items[it.SKU]; ok {
		it.Qty += old.Qty
	}
	s.items[it.SKU] = it
}

// Items returns the items sorted by SKU.
func (s *Store) Items() []Item {
	out := make([]Item, 0, len(s.items))
	for _, it := range s.items {
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKU < out[j].SKU })
	return out
}

// Value is the total stock value in cents.
func (s *Store) Value() int64 {
	var sum int64
	for _, it := range s.items {
		sum += it.Total()
	}
	return sum
}

// Filter returns the items for which keep is true, sorted by SKU.
func (s *Store) Filter(keep func(Item) bool) []Item {
	var out []Item
	for _, it := range s.Items() {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// Map applies f to every element of xs (a generic function).
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

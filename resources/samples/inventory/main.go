// Command inventory is gopsy's sample project: a small stock ledger with methods, closures,
// generics and a test, sized so that compiler dumps of it stay readable.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"example.com/inventory/internal/textfmt"
	"example.com/inventory/store"
)

func main() {
	wait := flag.Duration("wait", 0, "keep running this long after the report (for console tests)")
	flag.Parse()

	s := store.New()
	s.Add(store.Item{SKU: "bolt-m6", Name: "Bolt M6", Qty: 120, PriceCents: 15})
	s.Add(store.Item{SKU: "nut-m6", Name: "Nut M6", Qty: 300, PriceCents: 5})
	s.Add(store.Item{SKU: "washer", Name: "Washer", Qty: 75, PriceCents: 2})

	names := store.Map(s.Items(), func(it store.Item) string { return it.Name })
	fmt.Println("items:", textfmt.Join(names))
	fmt.Println("value:", textfmt.Cents(s.Value()))

	lowStock := s.Filter(func(it store.Item) bool { return it.Qty < 100 })
	for _, it := range lowStock {
		fmt.Fprintf(os.Stdout, "reorder %s (%d left)\n", it.SKU, it.Qty)
	}

	if *wait > 0 {
		fmt.Println("waiting", *wait)
		time.Sleep(*wait)
	}
}

package synth_test

import (
	"fmt"

	"github.com/debrief-dev/debrief/internal/synth"
)

func ExampleGenerate() {
	err := synth.Generate(synth.Options{Seed: 1, N: 3}, func(d synth.Doc) error {
		fmt.Println(d.Format, d.Path)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// text data/2024/2024-03-20-data-loss-in-stream-db-after-000000.txt
	// markdown-toml edge/2025/2025-03-24-cdn-edge-unreachable-after-dns-change-000001.md
	// markdown-yaml payments/2026/2026-06-14-checkout-unavailable-after-payment-gateway-deploy-000002.md
}

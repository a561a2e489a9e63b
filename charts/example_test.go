package charts_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/debrief-dev/debrief/charts"
	"github.com/debrief-dev/debrief/store"
)

// A static page (such as the quarterly report) renders a chart with
// Render and Snippet and inlines assets.EChartsJS() and
// assets.DashboardJS() once, after all snippets.
func Example() {
	rows := []store.AggRow{
		{Keys: []string{"2025-Q2", "payments"}, Value: 4},
		{Keys: []string{"2025-Q3", "payments"}, Value: 6},
		{Keys: []string{"2025-Q3", "search"}, Value: 2},
	}
	r, err := charts.Render("by-quarter", "Postmortems per quarter", charts.StackedBar(rows), len(rows) == 0)
	if err != nil {
		panic(err)
	}
	var page bytes.Buffer
	if err := charts.Snippet.Execute(&page, r); err != nil {
		panic(err)
	}
	html := page.String()
	fmt.Println(strings.Contains(html, `<div class="chart" data-chart="by-quarter"`))
	fmt.Println(strings.Contains(html, `<script type="application/json" id="opt-by-quarter">`))
	fmt.Println(r.Scripts)
	// Output:
	// true
	// true
	// [/assets/echarts.min.js]
}

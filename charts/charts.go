// Package charts turns store aggregates (store.AggRow) into go-echarts
// charts, and renders a chart's option as JSON that is safe to embed in an
// HTML page. The dashboard and the quarterly report share it.
//
// Row conventions: for two-dimensional builders Keys[0] is the x category
// (quarter, team, ...) and Keys[1] the series (team, theme, label, ...); for
// one-dimensional builders Keys[0] is the category. Rows with fewer keys
// than a builder needs are ignored.
package charts

import (
	"math"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/debrief-dev/debrief/store"
)

// DefaultAssetsHost is where the dashboard serves the embedded ECharts
// build; every builder sets it so go-echarts never references its CDN.
const DefaultAssetsHost = "/assets/"

// Palette is the series colour cycle (readable on white, colour-blind aware
// enough to tell ten themes apart with the legend).
var Palette = []string{
	"#4263eb", "#f59f00", "#37b24d", "#f03e3e", "#7048e8",
	"#1098ad", "#e8590c", "#ae3ec9", "#74b816", "#868e96",
}

func base() []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			Width: "100%", Height: "320px", AssetsHost: DefaultAssetsHost,
		}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "plain", Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithColorsOpts(opts.Colors(Palette)),
	}
}

// Pivot is a two-key aggregate laid out as a matrix: Values[i][j] is the
// value for X[i] and Series[j] (NaN where no row exists).
type Pivot struct {
	X      []string
	Series []string
	Values [][]float64
}

// PivotRows lays out rows keyed (x, series). X is sorted ascending (quarters
// and months sort chronologically); Series is ordered by total descending,
// then name.
func PivotRows(rows []store.AggRow) Pivot {
	xi := map[string]int{}
	si := map[string]int{}
	var p Pivot
	totals := map[string]float64{}
	for _, r := range rows {
		if len(r.Keys) < 2 {
			continue
		}
		if _, ok := xi[r.Keys[0]]; !ok {
			xi[r.Keys[0]] = 0
			p.X = append(p.X, r.Keys[0])
		}
		if _, ok := si[r.Keys[1]]; !ok {
			si[r.Keys[1]] = 0
			p.Series = append(p.Series, r.Keys[1])
		}
		totals[r.Keys[1]] += r.Value
	}
	sort.Strings(p.X)
	sort.Slice(p.Series, func(i, j int) bool {
		a, b := p.Series[i], p.Series[j]
		if totals[a] != totals[b] {
			return totals[a] > totals[b]
		}
		return a < b
	})
	for i, x := range p.X {
		xi[x] = i
	}
	for j, s := range p.Series {
		si[s] = j
	}
	p.Values = make([][]float64, len(p.X))
	for i := range p.Values {
		p.Values[i] = make([]float64, len(p.Series))
		for j := range p.Values[i] {
			p.Values[i][j] = math.NaN()
		}
	}
	for _, r := range rows {
		if len(r.Keys) < 2 {
			continue
		}
		i, j := xi[r.Keys[0]], si[r.Keys[1]]
		if math.IsNaN(p.Values[i][j]) {
			p.Values[i][j] = 0
		}
		p.Values[i][j] += r.Value
	}
	return p
}

// Ratio joins num and den on their keys and returns num/den*scale for
// every key of den with a positive value, in den's order; a key missing
// from num counts 0 (a team with sentences and no blame findings has blame
// density 0, not "no data"). Example: blame findings per 1,000 sentences is
// Ratio(findings, sentences, 1000).
func Ratio(num, den []store.AggRow, scale float64) []store.AggRow {
	n := make(map[string]float64, len(num))
	for _, r := range num {
		n[joinKeys(r.Keys)] += r.Value
	}
	out := make([]store.AggRow, 0, len(den))
	for _, r := range den {
		if r.Value <= 0 {
			continue
		}
		out = append(out, store.AggRow{Keys: r.Keys, Value: round2(n[joinKeys(r.Keys)] / r.Value * scale)})
	}
	return out
}

func joinKeys(k []string) string {
	s := ""
	for i, x := range k {
		if i > 0 {
			s += "\x00"
		}
		s += x
	}
	return s
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// StackedBar draws rows keyed (x, series) as stacked bars, e.g. postmortems
// per quarter by team. Use it only when the series are disjoint sets (a
// postmortem has one team); sets that overlap (a postmortem has several
// themes) would stack past the total: draw their shares with GroupedBar,
// Lines or a Matrix instead.
func StackedBar(rows []store.AggRow) *charts.Bar { return bars(rows, "total") }

// GroupedBar draws rows keyed (x, series) as side-by-side bars.
func GroupedBar(rows []store.AggRow) *charts.Bar { return bars(rows, "") }

// bars draws rows keyed (x, series) as one bar series per series key,
// stacked when stack is not empty; a missing pair is 0.
func bars(rows []store.AggRow, stack string) *charts.Bar {
	p := PivotRows(rows)
	c := charts.NewBar()
	c.SetGlobalOptions(base()...)
	c.SetXAxis(p.X)
	for j, s := range p.Series {
		data := make([]opts.BarData, len(p.X))
		for i := range p.X {
			data[i] = opts.BarData{Value: zeroNaN(p.Values[i][j])}
		}
		c.AddSeries(s, data, charts.WithBarChartOpts(opts.BarChart{Stack: stack}))
	}
	return c
}

// Lines draws rows keyed (x, series) as one line per series; a missing
// (x, series) pair is a gap, not a zero (a team without postmortems in a
// quarter has no blame density that quarter).
func Lines(rows []store.AggRow) *charts.Line {
	gap := func(v float64) any {
		if math.IsNaN(v) {
			return "-" // ECharts' "no value"
		}
		return v
	}
	return lines(rows, gap, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}))
}

func lines[V any](rows []store.AggRow, value func(float64) V, so ...charts.SeriesOpts) *charts.Line {
	p := PivotRows(rows)
	c := charts.NewLine()
	c.SetGlobalOptions(base()...)
	c.SetXAxis(p.X)
	for j, s := range p.Series {
		data := make([]opts.LineData, len(p.X))
		for i := range p.X {
			data[i] = opts.LineData{Value: value(p.Values[i][j])}
		}
		c.AddSeries(s, data, so...)
	}
	return c
}

// Bar draws one-key rows as a single bar series named name, in row order
// (rows usually come sorted by the store). Horizontal bars suit long labels.
func Bar(rows []store.AggRow, name string, horizontal bool) *charts.Bar {
	c := charts.NewBar()
	c.SetGlobalOptions(base()...)
	c.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	x := make([]string, 0, len(rows))
	data := make([]opts.BarData, 0, len(rows))
	for _, r := range rows {
		if len(r.Keys) < 1 {
			continue
		}
		x = append(x, r.Keys[0])
		data = append(data, opts.BarData{Value: r.Value})
	}
	if horizontal {
		// Largest on top: ECharts draws the first category at the bottom.
		for i, j := 0, len(x)-1; i < j; i, j = i+1, j-1 {
			x[i], x[j] = x[j], x[i]
			data[i], data[j] = data[j], data[i]
		}
	}
	c.SetXAxis(x)
	c.AddSeries(name, data)
	if horizontal {
		c.XYReversal()
	}
	return c
}

// Compare draws two one-key aggregates side by side over the union of
// their categories, ordered by cur descending: e.g. top themes this quarter
// (cur) versus last (prev).
func Compare(cur, prev []store.AggRow, curName, prevName string) *charts.Bar {
	cv, pv := map[string]float64{}, map[string]float64{}
	var cats []string
	seen := map[string]bool{}
	for _, set := range []struct {
		rows []store.AggRow
		m    map[string]float64
	}{{cur, cv}, {prev, pv}} {
		for _, r := range set.rows {
			if len(r.Keys) < 1 {
				continue
			}
			set.m[r.Keys[0]] += r.Value
			if !seen[r.Keys[0]] {
				seen[r.Keys[0]] = true
				cats = append(cats, r.Keys[0])
			}
		}
	}
	sort.SliceStable(cats, func(i, j int) bool {
		if cv[cats[i]] != cv[cats[j]] {
			return cv[cats[i]] > cv[cats[j]]
		}
		if pv[cats[i]] != pv[cats[j]] {
			return pv[cats[i]] > pv[cats[j]]
		}
		return cats[i] < cats[j]
	})
	c := charts.NewBar()
	c.SetGlobalOptions(base()...)
	c.SetXAxis(cats)
	for _, s := range []struct {
		name string
		m    map[string]float64
	}{{prevName, pv}, {curName, cv}} {
		data := make([]opts.BarData, len(cats))
		for i, k := range cats {
			data[i] = opts.BarData{Value: s.m[k]}
		}
		c.AddSeries(s.name, data)
	}
	return c
}

// Box is one box of a box plot: the five quantiles of a distribution.
type Box struct {
	Name                     string
	Min, Q1, Median, Q3, Max float64
}

// BoxesFromQuantiles joins five one-key aggregates (quantiles 0, .25, .5,
// .75 and 1 of the same measure and grouping) into boxes, ordered by
// category name. Categories missing from any of the five are dropped.
func BoxesFromQuantiles(q0, q1, q2, q3, q4 []store.AggRow) []Box {
	sets := [5]map[string]float64{}
	for i, rows := range [][]store.AggRow{q0, q1, q2, q3, q4} {
		sets[i] = map[string]float64{}
		for _, r := range rows {
			if len(r.Keys) >= 1 {
				sets[i][r.Keys[0]] = r.Value
			}
		}
	}
	var out []Box
	for k, v0 := range sets[0] {
		b := Box{Name: k, Min: v0}
		ok := true
		for i, dst := range []*float64{&b.Q1, &b.Median, &b.Q3, &b.Max} {
			v, present := sets[i+1][k]
			if !present {
				ok = false
				break
			}
			*dst = v
		}
		if ok {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// BoxPlot draws one box per category, e.g. quality score distribution per team.
func BoxPlot(boxes []Box, name string) *charts.BoxPlot {
	c := charts.NewBoxPlot()
	c.SetGlobalOptions(base()...)
	c.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	x := make([]string, len(boxes))
	data := make([]opts.BoxPlotData, len(boxes))
	for i, b := range boxes {
		x[i] = b.Name
		data[i] = opts.BoxPlotData{Value: [5]float64{b.Min, b.Q1, b.Median, b.Q3, b.Max}}
	}
	c.SetXAxis(x)
	c.AddSeries(name, data)
	return c
}

func zeroNaN(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// Recolor sets each series' colour to color(series name) (kept when color
// returns ""), so that a team or theme has the same colour in every chart.
// Pass a chart's MultiSeries (e.g. bar.MultiSeries).
func Recolor(series charts.MultiSeries, color func(name string) string) {
	for i := range series {
		s := &series[i]
		c := color(s.Name)
		if c == "" {
			continue
		}
		// Series options may share style pointers: copy before changing.
		item := opts.ItemStyle{}
		if s.ItemStyle != nil {
			item = *s.ItemStyle
		}
		item.Color = c
		s.ItemStyle = &item
		if s.Type == "line" {
			line := opts.LineStyle{}
			if s.LineStyle != nil {
				line = *s.LineStyle
			}
			line.Color = c
			s.LineStyle = &line
		}
		if s.AreaStyle != nil {
			area := *s.AreaStyle
			area.Color = c
			s.AreaStyle = &area
		}
	}
}

// PaletteIndex returns a colour function that gives the i-th name of names
// the i-th Palette colour (cycling), and "" for names not listed.
func PaletteIndex(names []string) func(string) string {
	idx := make(map[string]int, len(names))
	for i, n := range names {
		idx[n] = i
	}
	return func(name string) string {
		i, ok := idx[name]
		if !ok {
			return ""
		}
		return Palette[i%len(Palette)]
	}
}

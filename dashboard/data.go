package dashboard

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/debrief-dev/debrief/charts"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/taxonomy"
)

// request is what a chart or list loader needs: the parsed filter, the
// raw query (for chart-specific parameters such as the compared teams) and
// the server.
type request struct {
	ctx context.Context
	s   *Server
	p   Params
	q   url.Values
}

func (r request) agg(m store.Measure, dims []store.Dimension, mod func(*store.AggregateQuery)) ([]store.AggRow, error) {
	aq := store.AggregateQuery{Filter: r.p.Filter, Measure: m, GroupBy: dims}
	if mod != nil {
		mod(&aq)
	}
	load := func() ([]store.AggRow, error) { return r.s.st.Aggregate(r.ctx, aq) }
	var rows []store.AggRow
	var err error
	if r.s.aggs != nil {
		key, _ := json.Marshal(aq)
		rows, err = r.s.aggs.get(string(key), load)
	} else {
		rows, err = load()
	}
	if err != nil {
		return nil, fmt.Errorf("aggregate %s by %v: %w", m, dims, err)
	}
	// Callers may reorder what they get; the cache keeps its own copy.
	out := append([]store.AggRow(nil), rows...)
	for i, d := range dims {
		if d != store.DimTeam {
			continue
		}
		for j := range out {
			if i < len(out[j].Keys) && out[j].Keys[i] == "" {
				keys := append([]string(nil), out[j].Keys...)
				keys[i] = model.NoTeam
				out[j].Keys = keys
			}
		}
	}
	return out, nil
}

// storeTeam is the store's value for a team name shown to readers: ""
// for model.NoTeam.
func storeTeam(name string) string {
	if name == model.NoTeam {
		return ""
	}
	return name
}

func kinds(k ...string) func(*store.AggregateQuery) {
	return func(q *store.AggregateQuery) { q.FindingKinds = k }
}

// chartDef is one chart: its API name, what its rows mean, how to load
// them and how to draw them. The API (/api/v1/charts/{name}) returns the
// rows; the pages draw the same rows.
type chartDef struct {
	Name  string   `json:"name"`
	Title string   `json:"title"`
	Dims  []string `json:"dimensions"`
	Value string   `json:"value"`
	// Params lists chart-specific query parameters besides the filters.
	Params []string `json:"params,omitempty"`
	Tall   bool     `json:"-"`
	// X and Y title the axes as drawn.
	X, Y string `json:"-"`

	load func(r request) ([]store.AggRow, error)
	// sample, when set, loads how many postmortems stand behind each point
	// (keyed by sampleKey), for the counts in the tooltips and the muting
	// of points read from fewer than charts.MinSample postmortems.
	sample func(r request) (samples, error)
	build  func(r request, rows []store.AggRow, n samples) charts.Chart
	// note annotates bar and line points (see charts.Look.Note).
	note func(n samples) func(category, series string, v float64) (string, bool)
}

// samples counts postmortems per point: keyed by sampleKey of the point's
// keys (one key, or category and series).
type samples map[string]float64

func sampleKey(keys ...string) string { return strings.Join(keys, "\x00") }

// samplesBy counts postmortems grouped by dims, keyed by sampleKey.
func samplesBy(r request, dims ...store.Dimension) (samples, error) {
	rows, err := r.agg(store.MeasurePostmortems, dims, nil)
	n := samples{}
	for _, row := range rows {
		n[sampleKey(row.Keys...)] += row.Value
	}
	return n, err
}

func perThousand(num, den []store.AggRow) []store.AggRow { return charts.Ratio(num, den, 1000) }

var quantiles = []struct {
	key string
	q   float64
}{{"min", 0}, {"q1", 0.25}, {"median", 0.5}, {"q3", 0.75}, {"max", 1}}

// few is the caution added to a point read from too few postmortems.
const few = " · fewer than 5 postmortems: read with care"

// shareMatrix draws rows keyed (x, y) with postmortem counts as the share
// of n[sampleKey(key)] (key is x when byX, else y), in percent, with the
// counts in the tooltip. Sets that overlap (themes) are read cell by cell,
// never stacked.
func shareMatrix(rows []store.AggRow, n samples, byX bool, xname, yname string) *charts.Matrix {
	p := charts.PivotRows(rows)
	xs, ys := p.X, p.Series
	if !byX {
		ys = sortedTeams(ys)
	}
	m := &charts.Matrix{XS: xs, YS: ys, XName: xname, YName: yname, ValueName: "% of postmortems", Unit: "%"}
	for i, x := range p.X {
		for j, y := range p.Series {
			v := p.Values[i][j]
			if math.IsNaN(v) {
				v = 0
			}
			of := y
			if byX {
				of = x
			}
			total := n[sampleKey(of)]
			if total <= 0 {
				continue
			}
			c := charts.Cell{X: x, Y: y, Value: math.Round(100 * v / total), Muted: total < charts.MinSample}
			// The counts beside the share, in the cell itself.
			c.Label = fmt.Sprintf("%.0f%%\n%.0f of %.0f", c.Value, v, total)
			c.Tip = fmt.Sprintf("%s, %s: %s postmortems", y, x, charts.Share(v, total))
			if c.Muted {
				c.Tip += few
			}
			m.Cells = append(m.Cells, c)
		}
	}
	return m
}

// sortedTeams orders team names alphabetically with model.NoTeam last.
func sortedTeams(ts []string) []string {
	out := append([]string(nil), ts...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i] == model.NoTeam, out[j] == model.NoTeam
		if a != b {
			return b
		}
		return out[i] < out[j]
	})
	return out
}

// countNote annotates one-key bars with the postmortems behind them.
func countNote(unit string) func(n samples) func(string, string, float64) (string, bool) {
	return func(n samples) func(string, string, float64) (string, bool) {
		return func(cat, _ string, v float64) (string, bool) {
			total := n[sampleKey(cat)]
			tip := fmt.Sprintf("%s %s (%.0f postmortems)", fmtFloat(v), unit, total)
			if total < charts.MinSample {
				tip += few
			}
			return tip, total < charts.MinSample
		}
	}
}

// shareNote annotates bars whose value is a count of postmortems out of
// n[sampleKey(series)] (or of the category when byCategory).
func shareNote(byCategory bool) func(n samples) func(string, string, float64) (string, bool) {
	return func(n samples) func(string, string, float64) (string, bool) {
		return func(cat, series string, v float64) (string, bool) {
			of := series
			if byCategory {
				of = cat
			}
			total := n[sampleKey(of)]
			tip := charts.Share(v, total) + " postmortems"
			if total < charts.MinSample {
				tip += few
			}
			return tip, total < charts.MinSample
		}
	}
}

var chartDefs = []*chartDef{
	{
		Name: "postmortems-by-quarter", Title: "Postmortems per quarter by team",
		Dims: []string{"quarter", "team"}, Value: "postmortems", X: "Quarter", Y: "Postmortems",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasurePostmortems, []store.Dimension{store.DimQuarter, store.DimTeam}, nil)
		},
		// A postmortem has one team: the stack is the quarter's total.
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart { return charts.StackedBar(rows) },
	},
	{
		Name: "theme-trend", Title: "Share of postmortems with each theme, per quarter",
		Dims: []string{"quarter", "theme"}, Value: "postmortems with the theme", Tall: true,
		X: "Quarter", Y: "Theme",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasurePostmortems, []store.Dimension{store.DimQuarter, store.DimTheme}, nil)
		},
		sample: func(r request) (samples, error) { return samplesBy(r, store.DimQuarter) },
		build: func(_ request, rows []store.AggRow, n samples) charts.Chart {
			return shareMatrix(renameKey(rows, 1, taxonomy.Display), n, true, "Quarter", "Theme")
		},
	},
	{
		Name: "blame-density", Title: "Blame findings per 1,000 sentences, by team and quarter",
		Dims: []string{"quarter", "team"}, Value: "blame findings per 1,000 sentences", Tall: true,
		X: "Quarter", Y: "Team",
		load: func(r request) ([]store.AggRow, error) {
			dims := []store.Dimension{store.DimQuarter, store.DimTeam}
			f, err := r.agg(store.MeasureFindings, dims, kinds("blame"))
			if err != nil {
				return nil, err
			}
			s, err := r.agg(store.MeasureSentences, dims, nil)
			return perThousand(f, s), err
		},
		sample: func(r request) (samples, error) { return samplesBy(r, store.DimQuarter, store.DimTeam) },
		build: func(_ request, rows []store.AggRow, n samples) charts.Chart {
			p := charts.PivotRows(rows)
			m := &charts.Matrix{XS: p.X, YS: sortedTeams(p.Series), XName: "Quarter", YName: "Team",
				ValueName: "per 1,000 sentences"}
			for i, x := range p.X {
				for j, team := range p.Series {
					v := p.Values[i][j]
					if math.IsNaN(v) {
						continue // no postmortems: no rate
					}
					total := n[sampleKey(x, team)]
					c := charts.Cell{X: x, Y: team, Value: math.Round(v), Label: fmt.Sprintf("%.0f", v), Muted: total < charts.MinSample}
					c.Tip = fmt.Sprintf("%s, %s: %.0f blame findings per 1,000 sentences (%.0f postmortems)", team, x, v, total)
					if c.Muted {
						c.Tip += few
					}
					m.Cells = append(m.Cells, c)
				}
			}
			return m
		},
	},
	{
		Name: "assumptions-trend", Title: "Assumptions and surprises surfaced",
		Dims: []string{"quarter", "label"}, Value: "findings", X: "Quarter", Y: "Findings",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasureFindings, []store.Dimension{store.DimQuarter, store.DimLabel}, kinds("assumption"))
		},
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			return charts.GroupedBar(renameKey(rows, 1, taxonomy.Display))
		},
	},
	{
		Name: "top-themes", Title: "Top recurring themes: this quarter versus last",
		Dims: []string{"theme", "quarter"}, Value: "postmortems with the theme",
		X: "Theme", Y: "Postmortems with the theme",
		load:   loadTopThemes,
		sample: func(r request) (samples, error) { return samplesBy(r, store.DimQuarter) },
		note:   shareNote(false),
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			var cur, prev []store.AggRow
			var curQ, prevQ string
			for _, r := range rows {
				if curQ == "" || r.Keys[1] > curQ {
					curQ = r.Keys[1]
				}
			}
			prevQ = prevQuarter(curQ)
			for _, r := range rows {
				if r.Keys[1] == curQ {
					cur = append(cur, store.AggRow{Keys: r.Keys[:1], Value: r.Value})
				} else {
					prev = append(prev, store.AggRow{Keys: r.Keys[:1], Value: r.Value})
				}
			}
			return charts.Compare(renameKey(cur, 0, taxonomy.Display), renameKey(prev, 0, taxonomy.Display), curQ, prevQ)
		},
	},
	{
		Name: "team-theme-heatmap", Title: "Share of each team's postmortems with the theme",
		Dims: []string{"theme", "team"}, Value: "postmortems with the theme", Tall: true,
		X: "Theme", Y: "Team",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasurePostmortems, []store.Dimension{store.DimTheme, store.DimTeam}, nil)
		},
		sample: func(r request) (samples, error) { return samplesBy(r, store.DimTeam) },
		build: func(_ request, rows []store.AggRow, n samples) charts.Chart {
			return shareMatrix(renameKey(rows, 0, taxonomy.Display), n, false, "Theme", "Team")
		},
	},
	{
		Name: "team-blame-density", Title: "Blame findings per 1,000 sentences",
		Dims: []string{"team"}, Value: "blame findings per 1,000 sentences",
		X: "Blame findings per 1,000 sentences", Y: "Team",
		load: func(r request) ([]store.AggRow, error) {
			dims := []store.Dimension{store.DimTeam}
			f, err := r.agg(store.MeasureFindings, dims, kinds("blame"))
			if err != nil {
				return nil, err
			}
			s, err := r.agg(store.MeasureSentences, dims, nil)
			rows := perThousand(f, s)
			sortRows(rows)
			return rows, err
		},
		sample: func(r request) (samples, error) { return samplesBy(r, store.DimTeam) },
		note:   countNote("per 1,000 sentences"),
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			return charts.Bar(rows, "blame per 1,000 sentences", true)
		},
	},
	{
		Name: "team-score-box", Title: "Writeup quality score distribution",
		Dims: []string{"team", "quantile"}, Value: "quality score", X: "Team", Y: "Quality score (0–100)",
		load: func(r request) ([]store.AggRow, error) {
			return quantileRows(r, store.MeasureScoreQuantile, store.DimTeam)
		},
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			return charts.BoxPlot(boxes(rows), "score")
		},
	},
	{
		Name: "team-ttr", Title: "Median time to resolve (minutes)",
		Dims: []string{"team"}, Value: "median duration in minutes", X: "Median minutes to resolve", Y: "Team",
		load: func(r request) ([]store.AggRow, error) {
			rows, err := r.agg(store.MeasureDurationQuantile, []store.Dimension{store.DimTeam},
				func(q *store.AggregateQuery) { q.Quantile = 0.5 })
			sortRows(rows)
			return rows, err
		},
		sample: func(r request) (samples, error) { return samplesBy(r, store.DimTeam) },
		note:   countNote("minutes"),
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			return charts.Bar(rows, "median minutes", true)
		},
	},
	{
		Name: "team-compare", Title: "Themes: team A versus team B",
		Dims: []string{"theme", "team"}, Value: "share of the team's postmortems with the theme (%)",
		X: "Theme", Y: "% of the team's postmortems",
		Params: []string{"a", "b"},
		load:   loadTeamCompare,
		sample: func(r request) (samples, error) { return samplesBy(r, store.DimTeam) },
		note: func(n samples) func(string, string, float64) (string, bool) {
			return func(_, team string, v float64) (string, bool) {
				total := n[sampleKey(team)]
				tip := charts.Share(math.Round(v*total/100), total) + " postmortems"
				if total < charts.MinSample {
					tip += few
				}
				return tip, total < charts.MinSample
			}
		},
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			return charts.GroupedBar(renameKey(rows, 0, taxonomy.Display))
		},
	},
	{
		Name: "theme-quarters", Title: "Share of postmortems with the theme, per quarter",
		Dims: []string{"quarter", "theme"}, Value: "postmortems", X: "Quarter", Y: "% of the quarter's postmortems",
		load: func(r request) ([]store.AggRow, error) {
			rows, err := r.agg(store.MeasurePostmortems, []store.Dimension{store.DimQuarter, store.DimTheme}, nil)
			return keepThemes(rows, 1, r.p.Filter.Themes), err
		},
		sample: func(r request) (samples, error) {
			// Every postmortem of the quarter under the other filters: the
			// share's base is not narrowed to the theme itself.
			rq := r
			rq.p.Filter.Themes = nil
			return samplesBy(rq, store.DimQuarter)
		},
		note: func(n samples) func(string, string, float64) (string, bool) {
			return func(q, _ string, v float64) (string, bool) {
				total := n[sampleKey(q)]
				tip := charts.Share(math.Round(v*total/100), total) + " postmortems"
				if total < charts.MinSample {
					tip += few
				}
				return tip, total < charts.MinSample
			}
		},
		// Shares side by side (several themes overlap: never stacked).
		build: func(_ request, rows []store.AggRow, n samples) charts.Chart {
			shares := make([]store.AggRow, 0, len(rows))
			for _, row := range rows {
				if total := n[sampleKey(row.Keys[0])]; total > 0 {
					// One decimal: the tooltip recovers the exact count from it.
					shares = append(shares, store.AggRow{Keys: row.Keys, Value: math.Round(1000*row.Value/total) / 10})
				}
			}
			return charts.GroupedBar(renameKey(shares, 1, taxonomy.Display))
		},
	},
	{
		Name: "theme-teams", Title: "Teams meeting the theme",
		Dims: []string{"team"}, Value: "postmortems", X: "Postmortems", Y: "Team",
		load: func(r request) ([]store.AggRow, error) {
			rows, err := r.agg(store.MeasurePostmortems, []store.Dimension{store.DimTeam}, nil)
			sortRows(rows)
			return rows, err
		},
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			return charts.Bar(rows, "postmortems", true)
		},
	},
	{
		Name: "score-trend", Title: "Quality score per quarter",
		Dims: []string{"quarter", "statistic"}, Value: "quality score", X: "Quarter", Y: "Quality score (0–100)",
		load: func(r request) ([]store.AggRow, error) {
			var out []store.AggRow
			for _, st := range []struct {
				name string
				q    float64
			}{{"p75", 0.75}, {"median", 0.5}, {"p25", 0.25}} {
				rows, err := r.agg(store.MeasureScoreQuantile, []store.Dimension{store.DimQuarter},
					func(aq *store.AggregateQuery) { aq.Quantile = st.q })
				if err != nil {
					return nil, err
				}
				for _, row := range rows {
					out = append(out, store.AggRow{Keys: []string{row.Keys[0], st.name}, Value: row.Value})
				}
			}
			return out, nil
		},
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			names := map[string]string{"p75": "75th percentile", "median": "median", "p25": "25th percentile"}
			return charts.Lines(renameKey(rows, 1, func(k string) string { return names[k] }))
		},
	},
	{
		Name: "top-rules", Title: "Most common findings",
		Dims: []string{"rule"}, Value: "findings", X: "Findings", Y: "Rule",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasureFindings, []store.Dimension{store.DimRule},
				func(q *store.AggregateQuery) { q.FindingKinds = []string{"blame", "assumption"}; q.Limit = 12 })
		},
		build: func(r request, rows []store.AggRow, _ samples) charts.Chart {
			bar := charts.Bar(renameKey(rows, 0, r.s.ruleName), "findings", true)
			// Each bar in its label's colour: blame warm, good news cool.
			if data, ok := bar.MultiSeries[0].Data.([]opts.BarData); ok && len(data) == len(rows) {
				for i := range data {
					// Bar draws horizontal bars in reverse row order.
					if c := taxonomy.Color(r.s.ruleLabel(rows[len(rows)-1-i].Keys[0])); c != "" {
						data[i].ItemStyle = &opts.ItemStyle{Color: c}
					}
				}
			}
			return bar
		},
	},
	{
		Name: "missing-sections", Title: "Missing sections",
		Dims: []string{"section"}, Value: "writeups missing the section (sample of the most recent)",
		X: "Writeups missing the section", Y: "Section",
		load: loadMissingSections,
		build: func(_ request, rows []store.AggRow, _ samples) charts.Chart {
			return charts.Bar(rows, "writeups", true)
		},
	},
}

var chartByName = func() map[string]*chartDef {
	m := make(map[string]*chartDef, len(chartDefs))
	for _, d := range chartDefs {
		m[d.Name] = d
	}
	return m
}()

// renderChart loads and draws one chart for a page.
func renderChart(r request, name string) (charts.Rendered, []store.AggRow, error) {
	d := chartByName[name]
	rows, err := d.load(r)
	if err != nil {
		return charts.Rendered{}, nil, err
	}
	var n samples
	if d.sample != nil {
		if n, err = d.sample(r); err != nil {
			return charts.Rendered{}, nil, err
		}
	}
	c := d.build(r, rows, n)
	if len(d.Dims) == 2 {
		if color := r.seriesColors(d.Dims[1]); color != nil {
			switch ch := c.(type) {
			case *gocharts.Bar:
				charts.Recolor(ch.MultiSeries, color)
			case *gocharts.Line:
				charts.Recolor(ch.MultiSeries, color)
			}
		}
	}
	look := charts.Look{X: d.X, Y: d.Y}
	if d.note != nil {
		look.Note = d.note(n)
	}
	out, err := charts.RenderWith(d.Name, d.Title, c, len(rows) == 0, look)
	out.Tall = d.Tall
	return out, rows, err
}

// renameKey returns rows with Keys[i] replaced by name(Keys[i]).
func renameKey(rows []store.AggRow, i int, name func(string) string) []store.AggRow {
	out := make([]store.AggRow, len(rows))
	for j, r := range rows {
		keys := append([]string(nil), r.Keys...)
		if i < len(keys) {
			keys[i] = name(keys[i])
		}
		out[j] = store.AggRow{Keys: keys, Value: r.Value}
	}
	return out
}

// seriesColors gives teams and themes a fixed colour across charts (teams
// by their alphabetical position among all teams, built-in themes their
// taxonomy colour, other themes the palette in order); nil for other
// dimensions.
func (r request) seriesColors(dim string) func(string) string {
	switch dim {
	case "team", "theme":
	case "label":
		return labelColor
	default:
		return nil
	}
	f, err := r.s.facets.get(r.ctx)
	if err != nil {
		return nil
	}
	if dim == "team" {
		return charts.PaletteIndex(f.Teams)
	}
	var extra []string
	for _, t := range f.Themes {
		if taxonomy.Color(t) == "" {
			extra = append(extra, t)
		}
	}
	others := charts.PaletteIndex(extra)
	return func(name string) string {
		if c := labelColor(name); c != "" {
			return c
		}
		return others(name)
	}
}

// sortRows orders rows by value descending, then key.
func sortRows(rows []store.AggRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Value != rows[j].Value {
			return rows[i].Value > rows[j].Value
		}
		return fmt.Sprint(rows[i].Keys) < fmt.Sprint(rows[j].Keys)
	})
}

// keepThemes keeps rows whose key at index i is one of themes (all rows
// when themes is empty).
func keepThemes(rows []store.AggRow, i int, themes []string) []store.AggRow {
	if len(themes) == 0 {
		return rows
	}
	keep := map[string]bool{}
	for _, t := range themes {
		keep[t] = true
	}
	out := rows[:0:0]
	for _, r := range rows {
		if len(r.Keys) > i && keep[r.Keys[i]] {
			out = append(out, r)
		}
	}
	return out
}

// quantileRows returns the five box-plot quantiles of m grouped by dim as
// rows keyed (category, "min"|"q1"|"median"|"q3"|"max").
func quantileRows(r request, m store.Measure, dim store.Dimension) ([]store.AggRow, error) {
	var out []store.AggRow
	for _, qu := range quantiles {
		rows, err := r.agg(m, []store.Dimension{dim}, func(aq *store.AggregateQuery) { aq.Quantile = qu.q })
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			out = append(out, store.AggRow{Keys: []string{row.Keys[0], qu.key}, Value: row.Value})
		}
	}
	return out, nil
}

func boxes(rows []store.AggRow) []charts.Box {
	by := map[string][]store.AggRow{}
	for _, r := range rows {
		by[r.Keys[1]] = append(by[r.Keys[1]], store.AggRow{Keys: r.Keys[:1], Value: r.Value})
	}
	bs := charts.BoxesFromQuantiles(by["min"], by["q1"], by["median"], by["q3"], by["max"])
	// By name, with the postmortems without a team last.
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].Name != model.NoTeam && bs[j].Name == model.NoTeam })
	return bs
}

// currentQuarter is the selected quarter, else the latest quarter with
// postmortems under the filter ("" when there are none).
func currentQuarter(r request) (string, error) {
	if r.p.Quarter != "" {
		return r.p.Quarter, nil
	}
	rows, err := r.agg(store.MeasurePostmortems, []store.Dimension{store.DimQuarter}, nil)
	if err != nil {
		return "", err
	}
	latest := ""
	for _, row := range rows {
		if len(row.Keys) > 0 && row.Keys[0] > latest {
			latest = row.Keys[0]
		}
	}
	return latest, nil
}

func loadTopThemes(r request) ([]store.AggRow, error) {
	cur, err := currentQuarter(r)
	if err != nil || cur == "" {
		return nil, err
	}
	var out []store.AggRow
	for _, q := range []string{cur, prevQuarter(cur)} {
		from, to, _ := quarterRange(q)
		rq := r
		rq.p.Filter.From, rq.p.Filter.To = from, to
		rows, err := rq.agg(store.MeasurePostmortems, []store.Dimension{store.DimTheme},
			func(aq *store.AggregateQuery) { aq.Limit = 10 })
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			out = append(out, store.AggRow{Keys: []string{row.Keys[0], q}, Value: row.Value})
		}
	}
	return out, nil
}

// compareTeams returns the two teams to compare: parameters a and b, else
// the two teams with the most postmortems under the filter.
func compareTeams(r request) (string, string, error) {
	a, err := single(r.q, "a")
	if err != nil {
		return "", "", err
	}
	b, err := single(r.q, "b")
	if err != nil {
		return "", "", err
	}
	if a != "" && b != "" {
		return a, b, nil
	}
	rows, err := r.agg(store.MeasurePostmortems, []store.Dimension{store.DimTeam}, nil)
	if err != nil {
		return "", "", err
	}
	sortRows(rows)
	for _, row := range rows {
		switch t := row.Keys[0]; {
		case a == "" && t != b:
			a = t
		case b == "" && t != a:
			b = t
		}
	}
	return a, b, nil
}

func loadTeamCompare(r request) ([]store.AggRow, error) {
	a, b, err := compareTeams(r)
	if err != nil || a == "" || b == "" {
		return nil, err
	}
	var out []store.AggRow
	for _, team := range []string{a, b} {
		rq := r
		rq.p.Filter.Teams = []string{storeTeam(team)}
		total, err := rq.agg(store.MeasurePostmortems, nil, nil)
		if err != nil {
			return nil, err
		}
		if len(total) == 0 || total[0].Value == 0 {
			continue
		}
		rows, err := rq.agg(store.MeasurePostmortems, []store.Dimension{store.DimTheme}, nil)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			out = append(out, store.AggRow{Keys: []string{row.Keys[0], team},
				Value: math.Round(row.Value/total[0].Value*1000) / 10})
		}
	}
	return out, nil
}

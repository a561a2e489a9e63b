package dashboard

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"

	"github.com/debrief-dev/debrief/charts"
	"github.com/debrief-dev/debrief/store"
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
	return append([]store.AggRow(nil), rows...), nil
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

	load  func(r request) ([]store.AggRow, error)
	build func(rows []store.AggRow) charts.Chart
}

func perThousand(num, den []store.AggRow) []store.AggRow { return charts.Ratio(num, den, 1000) }

var quantiles = []struct {
	key string
	q   float64
}{{"min", 0}, {"q1", 0.25}, {"median", 0.5}, {"q3", 0.75}, {"max", 1}}

var chartDefs = []*chartDef{
	{
		Name: "postmortems-by-quarter", Title: "Postmortems per quarter by team",
		Dims: []string{"quarter", "team"}, Value: "postmortems",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasurePostmortems, []store.Dimension{store.DimQuarter, store.DimTeam}, nil)
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.StackedBar(rows) },
	},
	{
		Name: "theme-trend", Title: "Contributing-factor themes over time",
		Dims: []string{"quarter", "theme"}, Value: "postmortems with the theme",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasurePostmortems, []store.Dimension{store.DimQuarter, store.DimTheme}, nil)
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.StackedArea(rows) },
	},
	{
		Name: "blame-density", Title: "Blame findings per 1,000 sentences, by team",
		Dims: []string{"quarter", "team"}, Value: "blame findings per 1,000 sentences",
		load: func(r request) ([]store.AggRow, error) {
			dims := []store.Dimension{store.DimQuarter, store.DimTeam}
			f, err := r.agg(store.MeasureFindings, dims, kinds("blame"))
			if err != nil {
				return nil, err
			}
			s, err := r.agg(store.MeasureSentences, dims, nil)
			return perThousand(f, s), err
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.Lines(rows) },
	},
	{
		Name: "assumptions-trend", Title: "Assumptions and surprises surfaced",
		Dims: []string{"quarter", "label"}, Value: "findings",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasureFindings, []store.Dimension{store.DimQuarter, store.DimLabel}, kinds("assumption"))
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.GroupedBar(rows) },
	},
	{
		Name: "top-themes", Title: "Top recurring themes: this quarter versus last",
		Dims: []string{"theme", "quarter"}, Value: "postmortems with the theme",
		load: loadTopThemes,
		build: func(rows []store.AggRow) charts.Chart {
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
			return charts.Compare(cur, prev, curQ, prevQ)
		},
	},
	{
		Name: "team-theme-heatmap", Title: "Teams by theme",
		Dims: []string{"theme", "team"}, Value: "postmortems with the theme", Tall: true,
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasurePostmortems, []store.Dimension{store.DimTheme, store.DimTeam}, nil)
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.HeatMap(rows) },
	},
	{
		Name: "team-blame-density", Title: "Blame findings per 1,000 sentences",
		Dims: []string{"team"}, Value: "blame findings per 1,000 sentences",
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
		build: func(rows []store.AggRow) charts.Chart { return charts.Bar(rows, "blame per 1,000 sentences", true) },
	},
	{
		Name: "team-score-box", Title: "Writeup quality score distribution",
		Dims: []string{"team", "quantile"}, Value: "quality score",
		load: func(r request) ([]store.AggRow, error) {
			return quantileRows(r, store.MeasureScoreQuantile, store.DimTeam)
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.BoxPlot(boxes(rows), "score") },
	},
	{
		Name: "team-ttr", Title: "Median time to resolve (minutes)",
		Dims: []string{"team"}, Value: "median duration in minutes",
		load: func(r request) ([]store.AggRow, error) {
			rows, err := r.agg(store.MeasureDurationQuantile, []store.Dimension{store.DimTeam},
				func(q *store.AggregateQuery) { q.Quantile = 0.5 })
			sortRows(rows)
			return rows, err
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.Bar(rows, "median minutes", true) },
	},
	{
		Name: "team-compare", Title: "Themes: team A versus team B",
		Dims: []string{"theme", "team"}, Value: "share of the team's postmortems with the theme (%)",
		Params: []string{"a", "b"},
		load:   loadTeamCompare,
		build:  func(rows []store.AggRow) charts.Chart { return charts.GroupedBar(rows) },
	},
	{
		Name: "theme-quarters", Title: "Postmortems with the theme per quarter",
		Dims: []string{"quarter", "theme"}, Value: "postmortems",
		load: func(r request) ([]store.AggRow, error) {
			rows, err := r.agg(store.MeasurePostmortems, []store.Dimension{store.DimQuarter, store.DimTheme}, nil)
			return keepThemes(rows, 1, r.p.Filter.Themes), err
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.StackedBar(rows) },
	},
	{
		Name: "theme-teams", Title: "Teams meeting the theme",
		Dims: []string{"team"}, Value: "postmortems",
		load: func(r request) ([]store.AggRow, error) {
			rows, err := r.agg(store.MeasurePostmortems, []store.Dimension{store.DimTeam}, nil)
			sortRows(rows)
			return rows, err
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.Bar(rows, "postmortems", true) },
	},
	{
		Name: "score-trend", Title: "Quality score per quarter",
		Dims: []string{"quarter", "statistic"}, Value: "quality score",
		load: func(r request) ([]store.AggRow, error) {
			var out []store.AggRow
			for _, st := range []struct {
				name string
				q    float64
			}{{"p25", 0.25}, {"median", 0.5}, {"p75", 0.75}} {
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
		build: func(rows []store.AggRow) charts.Chart { return charts.Lines(rows) },
	},
	{
		Name: "top-rules", Title: "Most common findings",
		Dims: []string{"rule"}, Value: "findings",
		load: func(r request) ([]store.AggRow, error) {
			return r.agg(store.MeasureFindings, []store.Dimension{store.DimRule},
				func(q *store.AggregateQuery) { q.FindingKinds = []string{"blame", "assumption"}; q.Limit = 12 })
		},
		build: func(rows []store.AggRow) charts.Chart { return charts.Bar(rows, "findings", true) },
	},
	{
		Name: "missing-sections", Title: "Missing sections",
		Dims: []string{"section"}, Value: "writeups missing the section (sample of the most recent)",
		load:  loadMissingSections,
		build: func(rows []store.AggRow) charts.Chart { return charts.Bar(rows, "writeups", true) },
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
	c := d.build(rows)
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
	out, err := charts.Render(d.Name, d.Title, c, len(rows) == 0)
	out.Tall = d.Tall
	return out, rows, err
}

// taxonomyThemes are the built-in themes in TAXONOMY.md order: each keeps
// its colour in every chart.
var taxonomyThemes = []string{"change", "capacity", "dependency", "detection", "time",
	"data", "network", "security", "automation", "communication"}

// seriesColors gives teams and themes a fixed colour across charts (teams
// by their alphabetical position among all teams); nil for other dimensions.
func (r request) seriesColors(dim string) func(string) string {
	switch dim {
	case "team", "theme":
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
	names := append([]string{}, taxonomyThemes...)
	for _, t := range f.Themes {
		if !slices.Contains(taxonomyThemes, t) {
			names = append(names, t)
		}
	}
	return charts.PaletteIndex(names)
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
	return charts.BoxesFromQuantiles(by["min"], by["q1"], by["median"], by["q3"], by["max"])
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
		rq.p.Filter.Teams = []string{team}
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

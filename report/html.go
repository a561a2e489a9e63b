package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/debrief-dev/debrief/charts/assets"
	"github.com/debrief-dev/debrief/charts"
	"github.com/debrief-dev/debrief/store"
)

//go:embed templates/review.html.tmpl
var htmlTemplateText string

//go:embed templates/review.css
var reviewCSS string

var htmlTemplate = template.Must(template.New("review").Funcs(template.FuncMap{
	"percent":  Percent,
	"points":   Points,
	"minutes":  Minutes,
	"change":   Change,
	"theme":    ThemeName,
	"trend":    trendWord,
	"rate":     rateText,
	"score":    scoreText,
	"dash":     dash,
	"joinAnd":  joinAnd,
	"capFirst": capFirst,
	"section":  SectionName,
	"join":     strings.Join,
	"plural":   plural,
	"add":      func(a, b int) int { return a + b },
	"share":    func(c Count, total int) string { return Percent(c.Share(total)) },
	"fmtDate":  func(q Quarter) string { return q.Start().Format("2 Jan 2006") },
	"lastDate": func(q Quarter) string { return q.End().AddDate(0, 0, -1).Format("2 Jan 2006") },
	"chart":    renderChart,
	"generated": func(r *Review) string {
		if r.GeneratedAt.IsZero() {
			return ""
		}
		return r.GeneratedAt.UTC().Format("2 Jan 2006 15:04 MST")
	},
}).Parse(htmlTemplateText))

// htmlView is what the HTML template sees.
type htmlView struct {
	*Review
	CSS     template.CSS
	ECharts template.JS
	Script  template.JS
	Charts  map[string]charts.Rendered
	// BlameRows is the "All teams" row followed by the listed teams.
	BlameRows []TeamBlame
	// The theme rule's thresholds, for the explanation.
	MinPoints    int
	MinRatio     float64
	BlamePenalty int
}

// WriteHTML renders the review as one self-contained HTML page: styles,
// the ECharts library and the chart options are inlined, nothing is loaded
// from the network, so the file can be mailed or opened offline. Document
// text is escaped by html/template; chart options are JSON escaped for
// <script> (charts.Option).
func (r *Review) WriteHTML(w io.Writer) error {
	cs, err := r.charts()
	if err != nil {
		return err
	}
	v := htmlView{
		Review:       r,
		CSS:          template.CSS(reviewCSS),
		ECharts:      template.JS(assets.EChartsJS()),
		Script:       template.JS(assets.DashboardJS()),
		Charts:       cs,
		BlameRows:    append([]TeamBlame{r.Blame.All}, r.Blame.Teams...),
		MinPoints:    int(100 * minShareDelta),
		MinRatio:     minShareRatio,
		BlamePenalty: blamePenalty,
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: render HTML: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// renderChart is the template's way to place one chart (or its "no data"
// note) by name.
func renderChart(c charts.Rendered) (template.HTML, error) {
	var b strings.Builder
	if err := charts.Snippet.Execute(&b, c); err != nil {
		return "", err
	}
	// The snippet is produced by html/template, so its text is escaped.
	return template.HTML(b.String()), nil
}

// charts builds the review's charts from its own numbers, so the pictures
// and the tables can never disagree.
func (r *Review) charts() (map[string]charts.Rendered, error) {
	out := map[string]charts.Rendered{}
	add := func(name, title string, c charts.Chart, empty bool) error {
		rc, err := charts.Render(name, title, c, empty)
		if err != nil {
			return err
		}
		out[name] = rc
		return nil
	}
	o := r.Overview

	var volume []store.AggRow
	for i, q := range r.Quarters {
		volume = append(volume, store.AggRow{Keys: []string{q.String()}, Value: float64(o.PerQuarter[i])})
	}
	if err := add("volume", "Postmortems per quarter", charts.Bar(volume, "postmortems", false), sum(o.PerQuarter) == 0); err != nil {
		return nil, err
	}

	var sevCur, sevPrev []store.AggRow
	for _, c := range o.Severity {
		sevCur = append(sevCur, store.AggRow{Keys: []string{c.Key}, Value: float64(c.Value)})
		sevPrev = append(sevPrev, store.AggRow{Keys: []string{c.Key}, Value: float64(c.PrevValue)})
	}
	if err := add("severity", "Severity mix", charts.Compare(sevCur, sevPrev, r.Quarter.String(), r.Previous.String()), len(sevCur) == 0); err != nil {
		return nil, err
	}

	var themes []store.AggRow
	for _, t := range r.Themes {
		for i, q := range r.Quarters {
			if o.PerQuarter[i] > 0 {
				themes = append(themes, store.AggRow{Keys: []string{q.String(), t.Theme}, Value: round1(100 * t.Shares[i])})
			}
		}
	}
	if err := add("themes", "Share of the writing per theme (%)", charts.Lines(themes), len(themes) == 0); err != nil {
		return nil, err
	}

	var blame []store.AggRow
	for _, t := range append([]TeamBlame{r.Blame.All}, r.Blame.Teams...) {
		for i, q := range r.Quarters {
			if t.Rates[i].Known() {
				blame = append(blame, store.AggRow{Keys: []string{q.String(), t.Team}, Value: round1(t.Rates[i].PerThousand())})
			}
		}
	}
	blameChart := charts.Lines(blame)
	// The all-teams line is the headline: draw it thick, black and dashed.
	for i := range blameChart.MultiSeries {
		if blameChart.MultiSeries[i].Name == r.Blame.All.Team {
			blameChart.MultiSeries[i].ConfigureSeriesOpts(
				gocharts.WithLineStyleOpts(opts.LineStyle{Width: 4, Type: "dashed", Color: "#1f2430"}),
				gocharts.WithItemStyleOpts(opts.ItemStyle{Color: "#1f2430"}))
		}
	}
	if err := add("blame", "Blame findings per 1,000 sentences", blameChart, len(blame) == 0); err != nil {
		return nil, err
	}
	return out, nil
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func round1(x float64) float64 {
	return float64(int64(x*10+0.5)) / 10
}

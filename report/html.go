package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/debrief-dev/debrief/charts"
	"github.com/debrief-dev/debrief/charts/assets"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/taxonomy"
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
	"label":    taxonomy.Display,
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
	// The small-sample thresholds, for the captions.
	MinSample, MinSentences int
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
		MinSample:    MinSample,
		MinSentences: minBlameSentences,
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
	add := func(name, title string, c charts.Chart, empty bool, look charts.Look) error {
		rc, err := charts.RenderWith(name, title, c, empty, look)
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
	if err := add("volume", "Postmortems per quarter", charts.Bar(volume, "postmortems", false), sum(o.PerQuarter) == 0,
		charts.Look{X: "Quarter", Y: "Postmortems"}); err != nil {
		return nil, err
	}

	var sevCur, sevPrev []store.AggRow
	for _, c := range o.Severity {
		sevCur = append(sevCur, store.AggRow{Keys: []string{c.Key}, Value: float64(c.Value)})
		sevPrev = append(sevPrev, store.AggRow{Keys: []string{c.Key}, Value: float64(c.PrevValue)})
	}
	if err := add("severity", "Severity mix", charts.Compare(sevCur, sevPrev, r.Quarter.String(), r.Previous.String()), len(sevCur) == 0,
		charts.Look{X: "Severity", Y: "Postmortems"}); err != nil {
		return nil, err
	}

	// Themes overlap (a postmortem has several): one cell per theme and
	// quarter, never a stack or ten tangled lines.
	themes := &charts.Matrix{XName: "Quarter", YName: "Theme", ValueName: "% of the writing", Unit: "%"}
	for _, q := range r.Quarters {
		themes.XS = append(themes.XS, q.String())
	}
	for _, t := range r.Themes {
		themes.YS = append(themes.YS, ThemeName(t.Theme))
		for i, q := range r.Quarters {
			total := o.PerQuarter[i]
			if total == 0 {
				continue
			}
			c := charts.Cell{X: q.String(), Y: ThemeName(t.Theme), Value: round1(100 * t.Shares[i]), Label: Percent(t.Shares[i]),
				Muted: total < MinSample}
			c.Tip = fmt.Sprintf("%s, %s: %s of the writing; dominant in %d of %d postmortems", ThemeName(t.Theme), q, Percent(t.Shares[i]), t.Counts[i], total)
			if c.Muted {
				c.Tip += " (fewer than " + fmt.Sprint(MinSample) + ")"
			}
			themes.Cells = append(themes.Cells, c)
		}
	}
	if err := add("themes", "Share of the writing per theme (%)", themes, len(themes.Cells) == 0, charts.Look{}); err != nil {
		return nil, err
	}

	blame := &charts.Matrix{XS: themes.XS, XName: "Quarter", YName: "Team", ValueName: "per 1,000 sentences"}
	for _, t := range append([]TeamBlame{r.Blame.All}, r.Blame.Teams...) {
		blame.YS = append(blame.YS, t.Team)
		for i, q := range r.Quarters {
			rate := t.Rates[i]
			if !rate.Known() {
				continue
			}
			c := charts.Cell{X: q.String(), Y: t.Team, Value: round1(rate.PerThousand()), Label: fmt.Sprintf("%.0f", rate.PerThousand()),
				Muted: rate.Sentences < minBlameSentences}
			c.Tip = fmt.Sprintf("%s, %s: %.1f per 1,000 sentences (%d findings in %d sentences)", t.Team, q, rate.PerThousand(), rate.Findings, rate.Sentences)
			blame.Cells = append(blame.Cells, c)
		}
	}
	if err := add("blame", "Blame findings per 1,000 sentences", blame, len(blame.Cells) == 0, charts.Look{}); err != nil {
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

package dashboard

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/debrief-dev/debrief/charts"
	"github.com/debrief-dev/debrief/charts/assets"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/taxonomy"
)

//go:embed templates/*.html
var templateFS embed.FS

var pageNames = []string{"overview", "teams", "themes", "quality", "patterns", "postmortems", "postmortem", "search", "error"}

type pageTemplates struct{ t map[string]*template.Template }

var templateFuncs = template.FuncMap{
	"date": func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		return t.Format("2006-01-02")
	},
	"datetime": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"scoreClass": func(score int) string {
		switch {
		case score >= 75:
			return "good"
		case score >= 50:
			return "ok"
		}
		return "poor"
	},
	"join": strings.Join,
	// Taxonomy display name and colour of a label, for templates.
	"labelName":  taxonomy.Display,
	"labelColor": taxonomy.Color,
	"num": func(v float64) string {
		if v == math.Trunc(v) {
			return fmt.Sprintf("%.0f", v)
		}
		return fmt.Sprintf("%.1f", v)
	},
	"minutes": func(m float64) string {
		if m <= 0 {
			return "—"
		}
		if m < 120 {
			return fmt.Sprintf("%.0f min", m)
		}
		return fmt.Sprintf("%.1f h", m/60)
	},
	"has": func(list []string, v string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	},
	"add":  func(a, b int) int { return a + b },
	"team": model.TeamName,
	// anyMember reports whether analysis marked dominant themes (documents
	// stored before membership existed have none).
	"anyMember": func(ts []model.Theme) bool {
		return slices.ContainsFunc(ts, func(t model.Theme) bool { return t.Member })
	},
	"label": taxonomy.Display,
	"few":   func(n int) bool { return n < charts.MinSample },
	"hasTeam": func(list []string, name string) bool {
		return slices.Contains(list, storeTeam(name))
	},
	"pct":        func(v float64) string { return fmt.Sprintf("%.0f%%", v*100) },
	"pathEscape": url.PathEscape,
	// dict builds a map for sub-templates: dict "K1" v1 "K2" v2.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

func mustParsePages() *pageTemplates {
	pt := &pageTemplates{t: map[string]*template.Template{}}
	for _, name := range pageNames {
		t := template.Must(template.New(name).Funcs(templateFuncs).Parse(charts.SnippetTemplate))
		t = template.Must(t.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
		pt.t[name] = t
	}
	return pt
}

// pageData is what every page template receives.
type pageData struct {
	Title string
	Nav   string
	Path  string // route path of this page, for the filter form action
	Base  string
	// P is the filter of the request: links carry it.
	P Params
	// Shown is the filter the page displays in the filter bar: P, plus
	// defaults a page picked (the Themes page's most frequent theme).
	Shown  Params
	Facets facets
	// Hidden are page-specific parameters kept when the filter changes.
	Hidden  url.Values
	Charts  map[string]charts.Rendered
	Scripts []string
	Data    map[string]any
}

// Link returns path under the base with the current filter.
func (d *pageData) Link(path string) string {
	return d.LinkWith(path, nil)
}

// LinkWith returns path with the current filter plus extra parameters.
func (d *pageData) LinkWith(path string, extra url.Values) string {
	v := d.P.Values()
	for k, vals := range extra {
		v[k] = vals
	}
	u := d.Base + path
	if enc := v.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// Set returns the current URL of this page with parameter key set to val
// (removed when val is empty); other page parameters are kept.
func (d *pageData) Set(key, val string) string {
	v := d.P.Values()
	for k, vals := range d.Hidden {
		v[k] = vals
	}
	if val == "" {
		v.Del(key)
	} else {
		v.Set(key, val)
	}
	u := d.Base + d.Path
	if enc := v.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// PM returns the link to a postmortem page.
func (d *pageData) PM(id string) string { return d.Base + "/postmortems/" + url.PathEscape(id) }

// LinkShown returns path with the filter the page shows (Shown).
func (d *pageData) LinkShown(path string) string {
	u := d.Base + path
	if enc := d.Shown.Values().Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// API returns the API URL for a chart or list with the filter the page
// shows, so the data matches what is on screen.
func (d *pageData) API(path, format string) string {
	v := d.Shown.Values()
	for k, vals := range d.Hidden {
		v[k] = vals
	}
	if format != "" {
		v.Set("format", format)
	}
	u := d.Base + "/api/v1/" + path
	if enc := v.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// addCharts loads and draws charts concurrently and attaches them to the page.
func (d *pageData) addCharts(r request, names ...string) error {
	out := make([]charts.Rendered, len(names))
	fns := make([]func() error, len(names))
	for i, name := range names {
		fns[i] = func() error {
			var err error
			out[i], _, err = renderChart(r, name)
			return err
		}
	}
	if err := parallel(fns...); err != nil {
		return err
	}
	for i, name := range names {
		d.Charts[name] = out[i]
	}
	return nil
}

type pageFunc func(c *gin.Context, r request, d *pageData) (string, error)

func (s *Server) page(h pageFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		q := c.Request.URL.Query()
		p, err := parseParams(q)
		if err != nil {
			s.renderError(c, http.StatusBadRequest, err.Error())
			return
		}
		r := request{ctx: c.Request.Context(), s: s, p: p, q: q}
		fac, err := s.facets.get(r.ctx)
		if err != nil {
			code, msg := s.classify(c, err)
			s.renderError(c, code, msg)
			return
		}
		d := &pageData{
			Base: s.base, P: p, Shown: p, Facets: fac, Hidden: url.Values{},
			Path:   strings.TrimPrefix(c.FullPath(), s.base),
			Charts: map[string]charts.Rendered{}, Data: map[string]any{"MinSample": charts.MinSample},
		}
		name, err := h(c, r, d)
		if err != nil {
			code, msg := s.classify(c, err)
			s.renderError(c, code, msg)
			return
		}
		d.Scripts = s.chartScripts(d.Charts)
		s.render(c, http.StatusOK, name, d)
	}
}

// chartScripts returns the scripts the page's charts reference (the
// embedded ECharts build under /assets/), under the base path, once each.
func (s *Server) chartScripts(cs map[string]charts.Rendered) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		if c.Empty {
			continue
		}
		for _, src := range c.Scripts {
			if strings.HasPrefix(src, "/") {
				src = s.base + src
			}
			if !seen[src] {
				seen[src] = true
				out = append(out, src)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (s *Server) render(c *gin.Context, code int, name string, d *pageData) {
	var buf bytes.Buffer
	if err := s.pages.t[name].ExecuteTemplate(&buf, "layout", d); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		c.String(http.StatusInternalServerError, "internal error rendering the page\n")
		return
	}
	c.Data(code, "text/html; charset=utf-8", buf.Bytes())
}

func (s *Server) renderError(c *gin.Context, code int, msg string) {
	d := &pageData{Base: s.base, Title: http.StatusText(code), Path: "/", Hidden: url.Values{},
		Charts: map[string]charts.Rendered{}, Data: map[string]any{"Code": code, "Message": msg}}
	s.render(c, code, "error", d)
}

// asset serves an embedded file with a long cache lifetime.
func (s *Server) asset(c *gin.Context) {
	name := c.Param("file")
	ctype := ""
	switch {
	case strings.HasSuffix(name, ".js"):
		ctype = "text/javascript; charset=utf-8"
	case strings.HasSuffix(name, ".css"):
		ctype = "text/css; charset=utf-8"
	case strings.HasSuffix(name, ".svg"):
		ctype = "image/svg+xml"
	case strings.HasPrefix(name, "LICENSE"), strings.HasPrefix(name, "NOTICE"), strings.HasSuffix(name, ".md"):
		ctype = "text/plain; charset=utf-8"
	}
	b, err := assets.FS.ReadFile(name)
	if err != nil || ctype == "" || strings.Contains(name, "/") {
		s.fail(c, http.StatusNotFound, "no such asset")
		return
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Data(http.StatusOK, ctype, b)
}

// kpis are the headline numbers of the overview.
type kpis struct {
	Postmortems, Sentences, Blame, Assumptions, Surprises float64
	BlamePer1000, SurprisesPer1000, MedianScore           float64
}

func (r request) kpis() (kpis, error) {
	var k kpis
	one := func(m store.Measure, mod func(*store.AggregateQuery)) (float64, error) {
		rows, err := r.agg(m, nil, mod)
		if err != nil || len(rows) == 0 {
			return 0, err
		}
		return rows[0].Value, nil
	}
	var err error
	if k.Postmortems, err = one(store.MeasurePostmortems, nil); err != nil {
		return k, err
	}
	if k.Sentences, err = one(store.MeasureSentences, nil); err != nil {
		return k, err
	}
	if k.Blame, err = one(store.MeasureFindings, kinds("blame")); err != nil {
		return k, err
	}
	rows, err := r.agg(store.MeasureFindings, []store.Dimension{store.DimLabel}, kinds("assumption"))
	if err != nil {
		return k, err
	}
	for _, row := range rows {
		k.Assumptions += row.Value
		if len(row.Keys) > 0 && row.Keys[0] == taxonomy.Surprise {
			k.Surprises += row.Value
		}
	}
	if k.MedianScore, err = one(store.MeasureScoreQuantile, func(q *store.AggregateQuery) { q.Quantile = 0.5 }); err != nil {
		return k, err
	}
	if k.Sentences > 0 {
		k.BlamePer1000 = round1(k.Blame / k.Sentences * 1000)
		k.SurprisesPer1000 = round1(k.Surprises / k.Sentences * 1000)
	}
	return k, nil
}

func (s *Server) pageOverview(c *gin.Context, r request, d *pageData) (string, error) {
	d.Title, d.Nav = "Overview", "overview"
	var k kpis
	var cur string
	err := parallel(
		func() (err error) { k, err = r.kpis(); return err },
		func() (err error) { cur, err = currentQuarter(r); return err },
		func() error {
			return d.addCharts(r, "postmortems-by-quarter", "theme-trend", "blame-density", "assumptions-trend", "top-themes")
		},
	)
	if err != nil {
		return "", err
	}
	d.Data["KPIs"] = k
	d.Data["Quarter"], d.Data["PrevQuarter"] = cur, prevQuarter(cur)
	return "overview", nil
}

func (s *Server) pageTeams(c *gin.Context, r request, d *pageData) (string, error) {
	d.Title, d.Nav = "Teams", "teams"
	var ts teamStats
	var cmp teamCompare
	err := parallel(
		func() (err error) { ts, err = r.teamStats(); return err },
		func() (err error) { cmp, err = r.teamCompare(); return err },
		func() error {
			return d.addCharts(r, "team-theme-heatmap", "team-blame-density", "team-score-box", "team-ttr", "team-compare")
		},
	)
	if err != nil {
		return "", err
	}
	d.Data["Teams"], d.Data["Compare"] = ts, cmp
	if cmp.A != "" {
		d.Hidden.Set("a", cmp.A)
	}
	if cmp.B != "" {
		d.Hidden.Set("b", cmp.B)
	}
	return "teams", nil
}

// The Themes page shows up to themeExamples example sentences, at most two
// per postmortem, from the first themeExampleDocs postmortems it lists.
const (
	themeExamples    = 12
	themeExampleDocs = 8
)

// themeSentences picks sentences of docs tagged with one of themes, at most
// two per document and n in all, as search hits.
func themeSentences(docs []*model.Postmortem, themes []string, n int) []store.SentenceHit {
	var out []store.SentenceHit
	for _, d := range docs {
		per := 0
		for i, sent := range d.Sentences {
			var fs []model.Finding
			tagged := false
			for _, f := range d.Findings {
				if f.Sentence == i {
					fs = append(fs, f)
					tagged = tagged || f.Kind == model.KindTheme && slices.Contains(themes, f.Label)
				}
			}
			if !tagged || per == 2 || len(out) == n {
				continue
			}
			per++
			section := ""
			if sent.Section >= 0 && sent.Section < len(d.Sections) {
				section = d.Sections[sent.Section].Kind
			}
			out = append(out, store.SentenceHit{PostmortemID: d.ID, Title: d.Title, Team: d.Team, Date: d.Date,
				Index: i, Section: section, Text: sent.Text, Findings: fs})
		}
	}
	return out
}

func (s *Server) pageThemes(c *gin.Context, r request, d *pageData) (string, error) {
	d.Title, d.Nav = "Themes", "themes"
	if len(r.p.Filter.Themes) == 0 {
		// Show the most frequent theme under the current filter.
		rows, err := r.agg(store.MeasurePostmortems, []store.Dimension{store.DimTheme}, func(q *store.AggregateQuery) { q.Limit = 1 })
		if err != nil {
			return "", err
		}
		if len(rows) > 0 {
			r.p.Filter.Themes = []string{rows[0].Keys[0]}
			d.Shown = r.p
			d.Data["Defaulted"] = true
		}
	}
	if len(r.p.Filter.Themes) > 0 {
		names := make([]string, len(r.p.Filter.Themes))
		for i, t := range r.p.Filter.Themes {
			names[i] = taxonomy.Display(t)
		}
		d.Data["Theme"] = strings.Join(names, ", ")
	}
	var items []store.Summary
	var total int
	var examples []store.SentenceHit
	err := parallel(
		func() error { return d.addCharts(r, "theme-quarters", "theme-teams") },
		func() error {
			var err error
			items, total, err = s.st.List(r.ctx, store.ListQuery{Filter: r.p.Filter, Sort: "date", Limit: 25})
			if err != nil || len(items) == 0 || len(r.p.Filter.Themes) == 0 {
				return err
			}
			// Reading a few listed postmortems is much cheaper than a
			// sentence search over the whole store.
			docs, err := fetchDocs(r.ctx, s.st, items[:min(len(items), themeExampleDocs)])
			if err != nil {
				return err
			}
			examples = dedupeHits(themeSentences(docs, r.p.Filter.Themes, themeExamples))
			return nil
		},
	)
	if err != nil {
		return "", err
	}
	d.Data["Postmortems"], d.Data["Total"] = items, total
	d.Data["Examples"] = hitViews(examples)
	return "themes", nil
}

func (s *Server) pageQuality(c *gin.Context, r request, d *pageData) (string, error) {
	d.Title, d.Nav = "Writeup quality", "quality"
	var rules ruleStats
	var best []store.Summary
	err := parallel(
		func() error { return d.addCharts(r, "score-trend", "top-rules", "missing-sections", "team-score-box") },
		func() (err error) { rules, err = r.topRules(12); return err },
		func() (err error) {
			best, _, err = s.st.List(r.ctx, store.ListQuery{Filter: r.p.Filter, Sort: "-score", Limit: 10})
			return err
		},
	)
	if err != nil {
		return "", err
	}
	d.Data["Rules"], d.Data["Best"], d.Data["Sample"] = rules, best, missingSample
	return "quality", nil
}

func (s *Server) pagePostmortems(c *gin.Context, r request, d *pageData) (string, error) {
	d.Title, d.Nav = "Postmortems", "postmortems"
	l, err := r.list()
	if err != nil {
		return "", err
	}
	sortBy, _ := oneOf(r.q, "sort", "date", sorts...)
	d.Hidden.Set("sort", sortBy)
	d.Data["List"], d.Data["Sort"], d.Data["Sorts"] = l, sortBy, sorts
	setPager(d, l.Total, l.Limit, l.Offset)
	return "postmortems", nil
}

func setPager(d *pageData, total, limit, offset int) {
	if offset > 0 {
		prev := offset - limit
		if prev < 0 {
			prev = 0
		}
		d.Data["PrevURL"] = d.Set("offset", fmt.Sprint(prev))
	}
	if offset+limit < total {
		d.Data["NextURL"] = d.Set("offset", fmt.Sprint(offset+limit))
	}
	d.Data["From"], d.Data["To"] = offset+1, min(offset+limit, total)
}

// hitView is a search hit with its text split for highlighting.
type hitView struct {
	store.SentenceHit
	Pieces []piece
	// Tags are the sentence's findings, one per kind and label.
	Tags []model.Finding
}

func hitViews(hits []store.SentenceHit) []hitView {
	out := make([]hitView, len(hits))
	for i, h := range hits {
		v := hitView{SentenceHit: h, Pieces: highlight(h.Text, h.Findings)}
		seen := map[[2]string]bool{}
		for _, f := range h.Findings {
			if k := [2]string{f.Kind, f.Label}; !seen[k] {
				seen[k] = true
				v.Tags = append(v.Tags, f)
			}
		}
		out[i] = v
	}
	return out
}

// dedupeHits drops a hit that repeats an earlier one: the same sentence
// of the same postmortem (document and sentence index), or the same text
// again in the same postmortem (a summary repeated under another heading),
// which a reader sees as the same sentence twice.
func dedupeHits(hits []store.SentenceHit) []store.SentenceHit {
	type key struct {
		doc, text string
		idx       int
	}
	seen := map[key]bool{}
	out := hits[:0:0]
	for _, h := range hits {
		byIdx := key{doc: h.PostmortemID, idx: h.Index}
		byText := key{doc: h.PostmortemID, text: strings.Join(strings.Fields(h.Text), " "), idx: -1}
		if seen[byIdx] || seen[byText] {
			continue
		}
		seen[byIdx], seen[byText] = true, true
		out = append(out, h)
	}
	return out
}

func (s *Server) pageSearch(c *gin.Context, r request, d *pageData) (string, error) {
	d.Title, d.Nav = "Search", "search"
	res, err := r.search(25)
	if err != nil {
		return "", err
	}
	text, _ := single(r.q, "q")
	ks, _ := values(r.q, "kind")
	labels, _ := values(r.q, "label")
	for k, v := range map[string][]string{"q": {text}, "kind": ks, "label": labels} {
		if len(v) > 0 && v[0] != "" {
			d.Hidden[k] = v
		}
	}
	kind, label := "", ""
	if len(ks) > 0 {
		kind = ks[0]
	}
	if len(labels) > 0 {
		label = labels[0]
	}
	d.Data["Q"], d.Data["Kind"], d.Data["Label"] = text, kind, label
	d.Data["Kinds"] = findingKinds
	d.Data["Labels"] = findingLabels
	d.Data["Result"], d.Data["Hits"] = res, hitViews(dedupeHits(res.Items))
	setPager(d, res.Total, res.Limit, res.Offset)
	return "search", nil
}

// findingLabels are the built-in labels of the taxonomy, for the search form.
var findingLabels = taxonomy.AllLabels()

func (s *Server) pagePostmortem(c *gin.Context, r request, d *pageData) (string, error) {
	doc, err := s.st.Get(r.ctx, c.Param("id"))
	if err != nil {
		return "", err
	}
	d.Title, d.Nav = doc.Title, "postmortems"
	if d.Title == "" {
		d.Title = doc.ID
	}
	d.Data["Doc"] = doc
	d.Data["Sections"] = docSections(doc)
	counts := map[string]int{}
	for _, f := range doc.Findings {
		counts[f.Kind]++
	}
	d.Data["Counts"] = counts
	sim, err := s.opts.Similar(r.ctx, s.st, doc, 6)
	if err != nil {
		return "", err
	}
	d.Data["Similar"] = sim
	if doc.Quality != nil && len(doc.Quality.Reasons) > 0 {
		var rows []store.AggRow
		for _, q := range doc.Quality.Reasons {
			rows = append(rows,
				store.AggRow{Keys: []string{q.Code, "earned"}, Value: q.Points},
				store.AggRow{Keys: []string{q.Code, "possible"}, Value: q.Max})
		}
		bar := charts.GroupedBar(rows)
		bar.XYReversal()
		rc, err := charts.RenderWith("score-reasons", "Score by criterion", bar, false, charts.Look{X: "Points", Y: "Criterion"})
		if err != nil {
			return "", err
		}
		d.Charts["score-reasons"] = rc
	}
	return "postmortem", nil
}

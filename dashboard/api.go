package dashboard

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/debrief-dev/debrief/store"
)

// tabular results can be downloaded as CSV (?format=csv).
type tabular interface {
	CSV() (header []string, rows [][]string)
}

type apiFunc func(c *gin.Context, r request) (any, error)

// api wraps an endpoint: it parses the filter, runs the handler, and writes
// JSON, CSV or an error (400 with a message for bad parameters, 404 for
// unknown ids).
func (s *Server) api(h apiFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		q := c.Request.URL.Query()
		format, err := oneOf(q, "format", "json", "json", "csv")
		if err != nil {
			s.fail(c, http.StatusBadRequest, err.Error())
			return
		}
		p, err := parseParams(q)
		if err != nil {
			s.fail(c, http.StatusBadRequest, err.Error())
			return
		}
		res, err := h(c, request{ctx: c.Request.Context(), s: s, p: p, q: q})
		if err != nil {
			code, msg := s.classify(c, err)
			s.fail(c, code, msg)
			return
		}
		if format == "csv" {
			t, ok := res.(tabular)
			if !ok {
				s.fail(c, http.StatusBadRequest, "format=csv: this endpoint is not a table")
				return
			}
			writeCSV(c, t)
			return
		}
		c.JSON(http.StatusOK, res)
	}
}

// csvSafe defuses spreadsheet formulas: a cell starting with = + - @ (or a
// tab/CR) is prefixed with a quote, as OWASP recommends.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

func writeCSV(c *gin.Context, t tabular) {
	header, rows := t.CSV()
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="debrief.csv"`)
	c.Status(http.StatusOK)
	w := csv.NewWriter(c.Writer)
	_ = w.Write(header)
	for _, r := range rows {
		for i := range r {
			r[i] = csvSafe(r[i])
		}
		_ = w.Write(r)
	}
	w.Flush()
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func fmtDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// chartResult is the data behind one chart.
type chartResult struct {
	Name       string         `json:"chart"`
	Title      string         `json:"title"`
	Dimensions []string       `json:"dimensions"`
	Value      string         `json:"value"`
	Rows       []store.AggRow `json:"rows"`
}

func (r chartResult) CSV() ([]string, [][]string) {
	h := append(append([]string{}, r.Dimensions...), "value")
	out := make([][]string, len(r.Rows))
	for i, row := range r.Rows {
		out[i] = append(append([]string{}, row.Keys...), fmtFloat(row.Value))
	}
	return h, out
}

func (s *Server) apiChartList(c *gin.Context, r request) (any, error) {
	return chartDefs, nil
}

func (s *Server) apiChart(c *gin.Context, r request) (any, error) {
	d, ok := chartByName[c.Param("name")]
	if !ok {
		return nil, notFoundErr{"no chart named " + strconv.Quote(c.Param("name")) + "; see /api/v1/charts"}
	}
	rows, err := d.load(r)
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []store.AggRow{}
	}
	return chartResult{Name: d.Name, Title: d.Title, Dimensions: d.Dims, Value: d.Value, Rows: rows}, nil
}

var measures = []string{
	string(store.MeasurePostmortems), string(store.MeasureSentences), string(store.MeasureFindings),
	string(store.MeasureScore), string(store.MeasureScoreQuantile), string(store.MeasureDurationQuantile),
	string(store.MeasureThemeWeight),
}

var dimensions = []string{
	string(store.DimTeam), string(store.DimQuarter), string(store.DimMonth), string(store.DimWeek), string(store.DimSeverity),
	string(store.DimService), string(store.DimTheme), string(store.DimKind), string(store.DimLabel), string(store.DimRule),
}

// apiAggregate exposes store.Aggregate: measure, group_by (repeatable, at
// most 3), kind, label, quantile, limit.
func (s *Server) apiAggregate(c *gin.Context, r request) (any, error) {
	m, err := oneOf(r.q, "measure", string(store.MeasurePostmortems), measures...)
	if err != nil {
		return nil, err
	}
	groups, err := values(r.q, "group_by")
	if err != nil {
		return nil, err
	}
	if len(groups) > 3 {
		return nil, badRequestf("parameter group_by: at most 3 dimensions")
	}
	var dims []store.Dimension
	for _, g := range groups {
		ok := false
		for _, d := range dimensions {
			ok = ok || g == d
		}
		if !ok {
			return nil, badRequestf("parameter group_by=%q: want one of %s", g, strings.Join(dimensions, ", "))
		}
		dims = append(dims, store.Dimension(g))
	}
	ks, err := kindValues(r)
	if err != nil {
		return nil, err
	}
	labels, err := values(r.q, "label")
	if err != nil {
		return nil, err
	}
	quant := 0.5
	if qs, err := single(r.q, "quantile"); err != nil {
		return nil, err
	} else if qs != "" {
		quant, err = strconv.ParseFloat(qs, 64)
		if err != nil || quant < 0 || quant > 1 {
			return nil, badRequestf("parameter quantile=%q: want a number in [0,1]", qs)
		}
	}
	limit, err := intParam(r.q, "limit", 0, 0, maxLimit)
	if err != nil {
		return nil, err
	}
	rows, err := r.s.st.Aggregate(r.ctx, store.AggregateQuery{
		Filter: r.p.Filter, Measure: store.Measure(m), GroupBy: dims,
		FindingKinds: ks, FindingLabels: labels, Quantile: quant, Limit: limit,
	})
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []store.AggRow{}
	}
	return chartResult{Name: "aggregate", Title: m, Dimensions: groups, Value: m, Rows: rows}, nil
}

func kindValues(r request) ([]string, error) {
	ks, err := values(r.q, "kind")
	if err != nil {
		return nil, err
	}
	for _, k := range ks {
		ok := false
		for _, a := range findingKinds {
			ok = ok || k == a
		}
		if !ok {
			return nil, badRequestf("parameter kind=%q: want one of %s", k, strings.Join(findingKinds, ", "))
		}
	}
	return ks, nil
}

// notFoundErr is a 404 with a message.
type notFoundErr struct{ msg string }

func (e notFoundErr) Error() string { return e.msg }

func (s *Server) apiStats(c *gin.Context, r request) (any, error) {
	return s.st.Stats(r.ctx)
}

func (s *Server) apiFilters(c *gin.Context, r request) (any, error) {
	return s.facets.get(r.ctx)
}

// listResult is one page of postmortem summaries.
type listResult struct {
	Total  int             `json:"total"`
	Limit  int             `json:"limit"`
	Offset int             `json:"offset"`
	Items  []store.Summary `json:"items"`
}

func (l listResult) CSV() ([]string, [][]string) {
	h := []string{"id", "title", "team", "severity", "services", "date", "duration_minutes", "score",
		"sentences", "blame", "assumptions", "themes"}
	out := make([][]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = []string{it.ID, it.Title, it.Team, it.Severity, strings.Join(it.Services, ";"), fmtDate(it.Date),
			fmtFloat(it.DurationMinutes), strconv.Itoa(it.Score), strconv.Itoa(it.Sentences),
			strconv.Itoa(it.Blame), strconv.Itoa(it.Assumptions), strings.Join(it.Themes, ";")}
	}
	return h, out
}

var sorts = []string{"date", "score", "-score", "title", "team", "blame"}

func (r request) list() (listResult, error) {
	pg, err := parsePage(r.q, 50)
	if err != nil {
		return listResult{}, err
	}
	sortBy, err := oneOf(r.q, "sort", "date", sorts...)
	if err != nil {
		return listResult{}, err
	}
	items, total, err := r.s.st.List(r.ctx, store.ListQuery{Filter: r.p.Filter, Sort: sortBy, Limit: pg.Limit, Offset: pg.Offset})
	if err != nil {
		return listResult{}, err
	}
	if items == nil {
		items = []store.Summary{}
	}
	return listResult{Total: total, Limit: pg.Limit, Offset: pg.Offset, Items: items}, nil
}

func (s *Server) apiPostmortems(c *gin.Context, r request) (any, error) { return r.list() }

func (s *Server) apiPostmortem(c *gin.Context, r request) (any, error) {
	return s.st.Get(r.ctx, c.Param("id"))
}

func (s *Server) apiSimilar(c *gin.Context, r request) (any, error) {
	n, err := intParam(r.q, "limit", 5, 1, 50)
	if err != nil {
		return nil, err
	}
	doc, err := s.st.Get(r.ctx, c.Param("id"))
	if err != nil {
		return nil, err
	}
	sim, err := s.opts.Similar(r.ctx, s.st, doc, n)
	if sim == nil {
		sim = []SimilarDoc{}
	}
	return sim, err
}

// searchResult is one page of matching sentences.
// searchMaxTotal caps how many matches a search counts: counting every
// match of a broad query means reading every sentence. A capped total is
// shown as "1000+" and TotalCapped is set.
const searchMaxTotal = 1000

type searchResult struct {
	Total       int                 `json:"total"`
	TotalCapped bool                `json:"total_capped"`
	Limit       int                 `json:"limit"`
	Offset      int                 `json:"offset"`
	Items       []store.SentenceHit `json:"items"`
}

func (l searchResult) CSV() ([]string, [][]string) {
	h := []string{"postmortem_id", "title", "team", "date", "section", "index", "text", "findings"}
	out := make([][]string, len(l.Items))
	for i, it := range l.Items {
		var fs []string
		for _, f := range it.Findings {
			fs = append(fs, f.Kind+"/"+f.Label)
		}
		out[i] = []string{it.PostmortemID, it.Title, it.Team, fmtDate(it.Date), it.Section,
			strconv.Itoa(it.Index), it.Text, strings.Join(fs, ";")}
	}
	return h, out
}

// search runs a sentence search: q (text), kind and label (finding filters).
func (r request) search(defLimit int) (searchResult, error) {
	pg, err := parsePage(r.q, defLimit)
	if err != nil {
		return searchResult{}, err
	}
	text, err := single(r.q, "q")
	if err != nil {
		return searchResult{}, err
	}
	ks, err := kindValues(r)
	if err != nil {
		return searchResult{}, err
	}
	labels, err := values(r.q, "label")
	if err != nil {
		return searchResult{}, err
	}
	maxTotal := searchMaxTotal
	if exact, err := single(r.q, "exact_total"); err != nil {
		return searchResult{}, err
	} else if exact == "true" || exact == "1" {
		maxTotal = 0 // count every match (slower on broad queries)
	}
	hits, total, err := r.s.st.SearchSentences(r.ctx, store.SentenceQuery{
		Filter: r.p.Filter, Text: text, Kinds: ks, Labels: labels, Limit: pg.Limit, Offset: pg.Offset,
		MaxTotal: maxTotal,
	})
	if err != nil {
		return searchResult{}, err
	}
	if hits == nil {
		hits = []store.SentenceHit{}
	}
	return searchResult{Total: total, TotalCapped: maxTotal > 0 && total >= maxTotal, Limit: pg.Limit, Offset: pg.Offset, Items: hits}, nil
}

func (s *Server) apiSearch(c *gin.Context, r request) (any, error) { return r.search(50) }

type actionItemsResult []store.ActionItemRow

func (a actionItemsResult) CSV() ([]string, [][]string) {
	h := []string{"postmortem_id", "title", "team", "date", "text", "owner", "status", "due", "ticket"}
	out := make([][]string, len(a))
	for i, it := range a {
		out[i] = []string{it.PostmortemID, it.Title, it.Team, fmtDate(it.Date), it.Text, it.Owner, it.Status, it.Due, it.Ticket}
	}
	return h, out
}

func (s *Server) apiActionItems(c *gin.Context, r request) (any, error) {
	status, err := single(r.q, "status")
	if err != nil {
		return nil, err
	}
	items, err := s.st.ActionItems(r.ctx, r.p.Filter)
	if err != nil {
		return nil, err
	}
	out := actionItemsResult{}
	for _, it := range items {
		if status == "" || it.Status == status {
			out = append(out, it)
		}
	}
	return out, nil
}

func (s *Server) apiTeams(c *gin.Context, r request) (any, error) { return r.teamStats() }

func (s *Server) apiTeamCompare(c *gin.Context, r request) (any, error) {
	cmp, err := r.teamCompare()
	if err != nil {
		return nil, err
	}
	return cmp, nil
}

func (s *Server) apiRules(c *gin.Context, r request) (any, error) { return r.topRules(20) }

func (s *Server) apiBest(c *gin.Context, r request) (any, error) {
	n, err := intParam(r.q, "limit", 10, 1, 100)
	if err != nil {
		return nil, err
	}
	items, total, err := s.st.List(r.ctx, store.ListQuery{Filter: r.p.Filter, Sort: "-score", Limit: n})
	if err != nil {
		return nil, err
	}
	if items == nil {
		items = []store.Summary{}
	}
	return listResult{Total: total, Limit: n, Items: items}, nil
}

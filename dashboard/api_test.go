package dashboard

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func getJSON(t *testing.T, h http.Handler, target string, v any) {
	t.Helper()
	rec := get(t, h, target)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: content type %q", target, ct)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: decode %v: %s", target, err, rec.Body.String())
	}
}

// rowsOf flattens chart rows to "k1|k2=value" strings, sorted.
func rowsOf(rows []store.AggRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r.Keys, "|") + "=" + fmtFloat(r.Value)
	}
	sort.Strings(out)
	return out
}

func TestChartFilters(t *testing.T) {
	h := New(fixtureStore(t, fixtures()), Options{})
	tests := []struct {
		name, chart, query string
		want               []string
	}{
		{"all", "postmortems-by-quarter", "", []string{
			"2025-Q1|payments=1", "2025-Q1|search=1", "2025-Q2|payments=1", "2025-Q3|payments=1",
			"2025-Q3|search=1", "2025-Q4|identity=1", "2025-Q4|search=1"}},
		{"team", "postmortems-by-quarter", "team=payments", []string{
			"2025-Q1|payments=1", "2025-Q2|payments=1", "2025-Q3|payments=1"}},
		{"two teams", "postmortems-by-quarter", "team=payments&team=identity", []string{
			"2025-Q1|payments=1", "2025-Q2|payments=1", "2025-Q3|payments=1", "2025-Q4|identity=1"}},
		{"quarter", "postmortems-by-quarter", "quarter=2025-Q3", []string{"2025-Q3|payments=1", "2025-Q3|search=1"}},
		{"date range, to inclusive", "postmortems-by-quarter", "from=2025-05-10&to=2025-08-21", []string{
			"2025-Q2|payments=1", "2025-Q3|payments=1"}},
		{"quarter and range intersect", "postmortems-by-quarter", "quarter=2025-Q3&to=2025-08-31", []string{"2025-Q3|payments=1"}},
		{"severity", "postmortems-by-quarter", "severity=SEV3", []string{"2025-Q1|search=1", "2025-Q4|search=1"}},
		{"service", "postmortems-by-quarter", "service=api", []string{
			"2025-Q1|payments=1", "2025-Q3|payments=1", "2025-Q3|search=1"}},
		{"theme", "theme-trend", "theme=network", []string{
			"2025-Q1|change=1", "2025-Q1|network=2", "2025-Q3|network=1"}},
		{"blame density", "blame-density", "team=payments", []string{
			"2025-Q1|payments=666.67", "2025-Q2|payments=333.33", "2025-Q3|payments=500"}},
		{"blame density zero for blame-free team", "blame-density", "team=search", []string{
			"2025-Q1|search=0", "2025-Q3|search=0", "2025-Q4|search=0"}},
		{"assumptions", "assumptions-trend", "", []string{
			"2025-Q1|surprise=1", "2025-Q2|belief=1", "2025-Q3|belief=1", "2025-Q3|surprise=1"}},
		{"top themes: latest quarter vs previous", "top-themes", "", []string{
			"capacity|2025-Q3=1", "data|2025-Q4=1", "network|2025-Q3=1", "security|2025-Q4=1"}},
		{"top themes: chosen quarter", "top-themes", "quarter=2025-Q2", []string{
			"change|2025-Q1=1", "change|2025-Q2=1", "network|2025-Q1=2"}},
		{"heatmap", "team-theme-heatmap", "team=search", []string{"data|search=1", "network|search=2"}},
		{"team blame", "team-blame-density", "", []string{"identity=500", "payments=500", "search=0"}},
		{"team compare", "team-compare", "a=payments&b=search", []string{
			"capacity|payments=33.3", "change|payments=66.7", "data|search=33.3", "network|payments=33.3", "network|search=66.7"}},
		{"theme teams", "theme-teams", "theme=network", []string{"payments=1", "search=2"}},
		{"top rules", "top-rules", "team=payments", []string{"assumption.belief=1",
			"blame.counterfactual=1", "blame.human-error=1", "blame.judgmental=1", "blame.single-root-cause=1"}},
		{"missing sections", "missing-sections", "team=search", []string{"timeline=3"}},
		{"no match", "postmortems-by-quarter", "team=nobody", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var res chartResult
			getJSON(t, h, "/api/v1/charts/"+tc.chart+"?"+tc.query, &res)
			if res.Rows == nil {
				t.Fatalf("rows is null, want an array")
			}
			got := rowsOf(res.Rows)
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("rows\n got %v\nwant %v", got, tc.want)
			}
			if res.Name != tc.chart || len(res.Dimensions) == 0 {
				t.Errorf("chart metadata: %+v", res)
			}
		})
	}
}

func TestChartListCoversEveryChart(t *testing.T) {
	h := New(fixtureStore(t, fixtures()), Options{})
	var defs []chartDef
	getJSON(t, h, "/api/v1/charts", &defs)
	if len(defs) != len(chartDefs) {
		t.Fatalf("listed %d charts, have %d", len(defs), len(chartDefs))
	}
	for _, d := range defs {
		var res chartResult
		getJSON(t, h, "/api/v1/charts/"+d.Name, &res)
		rec := get(t, h, "/api/v1/charts/"+d.Name+"?format=csv")
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
			t.Errorf("%s csv: %d %s", d.Name, rec.Code, rec.Header().Get("Content-Type"))
		}
		recs, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil || len(recs) != len(res.Rows)+1 || len(recs[0]) != len(d.Dims)+1 {
			t.Errorf("%s csv: %d records for %d rows (%v)", d.Name, len(recs), len(res.Rows), err)
		}
	}
}

func TestListsAndDetails(t *testing.T) {
	h := New(fixtureStore(t, fixtures()), Options{})

	var l listResult
	getJSON(t, h, "/api/v1/postmortems?team=search&sort=-score&limit=2", &l)
	if l.Total != 3 || len(l.Items) != 2 || l.Items[0].ID != "s2" || l.Items[1].ID != "s1" {
		t.Errorf("list: %+v", l)
	}
	getJSON(t, h, "/api/v1/postmortems?team=search&sort=-score&limit=2&offset=2", &l)
	if len(l.Items) != 1 || l.Items[0].ID != "s3" {
		t.Errorf("list page 2: %+v", l.Items)
	}

	var best listResult
	getJSON(t, h, "/api/v1/quality/best?limit=1", &best)
	if len(best.Items) != 1 || best.Items[0].ID != "s2" {
		t.Errorf("best writeup: %+v", best.Items)
	}

	var doc model.Postmortem
	getJSON(t, h, "/api/v1/postmortems/p1", &doc)
	if doc.ID != "p1" || len(doc.Findings) != 3 || doc.Quality == nil || doc.Quality.Score != 40 {
		t.Errorf("postmortem p1: %+v", doc)
	}

	var sim []SimilarDoc
	getJSON(t, h, "/api/v1/postmortems/p1/similar?limit=3", &sim)
	if len(sim) == 0 || len(sim) > 3 {
		t.Fatalf("similar to p1: %d results", len(sim))
	}
	for _, s := range sim {
		if s.ID == "p1" {
			t.Errorf("p1 is listed as similar to itself")
		}
	}

	// "All surprises about DNS in 2025."
	var sr searchResult
	getJSON(t, h, "/api/v1/search?q=dns&kind=assumption&label=surprise&from=2025-01-01&to=2025-12-31", &sr)
	var ids []string
	for _, it := range sr.Items {
		ids = append(ids, it.PostmortemID)
	}
	sort.Strings(ids)
	if sr.Total != 2 || strings.Join(ids, ",") != "s1,s2" {
		t.Errorf("surprises about DNS: total %d, ids %v", sr.Total, ids)
	}
	getJSON(t, h, "/api/v1/search?q=dns&team=payments", &sr)
	if sr.Total != 1 || sr.Items[0].PostmortemID != "p1" {
		t.Errorf("DNS in payments: %+v", sr)
	}

	var ts teamStats
	getJSON(t, h, "/api/v1/teams", &ts)
	if len(ts) != 3 || ts[0].Team != "payments" && ts[0].Team != "search" {
		t.Fatalf("teams: %+v", ts)
	}
	for _, row := range ts {
		if row.Team == "payments" && (row.Postmortems != 3 || row.Blame != 4 || row.Sentences != 8 || row.BlamePer1000 != 500 || row.MedianScore != 55 || row.MedianResolveMinute != 90) {
			t.Errorf("payments: %+v", row)
		}
	}

	var cmp teamCompare
	getJSON(t, h, "/api/v1/teams/compare?a=search&b=identity", &cmp)
	if cmp.A != "search" || cmp.B != "identity" || len(cmp.Stats) != 2 || cmp.Stats[1].Postmortems != 1 {
		t.Errorf("compare: %+v", cmp)
	}

	var rules ruleStats
	getJSON(t, h, "/api/v1/quality/rules?team=payments", &rules)
	if len(rules) != 5 {
		t.Fatalf("rules for payments: %+v", rules)
	}
	for _, r := range rules {
		if r.Message == "" || r.Suggestion == "" {
			t.Errorf("rule %s has no message or suggestion: %+v", r.ID, r)
		}
	}

	var items actionItemsResult
	getJSON(t, h, "/api/v1/action-items?team=search", &items)
	if len(items) != 3 {
		t.Errorf("action items for search: %d", len(items))
	}

	var f facets
	getJSON(t, h, "/api/v1/filters", &f)
	if strings.Join(f.Teams, ",") != "identity,payments,search" || f.Quarters[0] != "2025-Q4" || len(f.Themes) != 5 {
		t.Errorf("filters: %+v", f)
	}
}

func TestEmptyStore(t *testing.T) {
	h := New(fixtureStore(t, nil), Options{})
	for _, d := range chartDefs {
		rec := get(t, h, "/api/v1/charts/"+d.Name)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"rows":[]`) {
			t.Errorf("%s on an empty store: %d %s", d.Name, rec.Code, rec.Body.String())
		}
	}
	for _, u := range []string{"/api/v1/postmortems", "/api/v1/search?q=x", "/api/v1/quality/best"} {
		rec := get(t, h, u)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"items":[]`) {
			t.Errorf("%s on an empty store: %d %s", u, rec.Code, rec.Body.String())
		}
	}
	for _, u := range []string{"/api/v1/teams", "/api/v1/quality/rules", "/api/v1/action-items"} {
		rec := get(t, h, u)
		if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != "[]" {
			t.Errorf("%s on an empty store: %d %s", u, rec.Code, rec.Body.String())
		}
	}
	for _, u := range []string{"/", "/teams", "/themes", "/quality", "/postmortems", "/search?q=x"} {
		rec := get(t, h, u)
		if rec.Code != 200 {
			t.Errorf("page %s on an empty store: %d %s", u, rec.Code, rec.Body.String())
		}
		if strings.Contains(rec.Body.String(), "data-chart=") {
			t.Errorf("page %s draws a chart without data", u)
		}
	}
}

func TestBadParameters(t *testing.T) {
	h := New(fixtureStore(t, fixtures()), Options{})
	long := strings.Repeat("x", 201)
	many := strings.Repeat("team=a&", 51)
	tests := []struct{ target, want string }{
		{"/api/v1/postmortems?quarter=2025-Q5", "quarter"},
		{"/api/v1/postmortems?quarter=2025-Q1&quarter=2025-Q2", "at most one"},
		{"/api/v1/postmortems?from=yesterday", "from"},
		{"/api/v1/postmortems?to=2025-13-01", "to"},
		{"/api/v1/postmortems?from=2025-06-01&to=2025-01-01", "after"},
		{"/api/v1/postmortems?limit=0", "limit"},
		{"/api/v1/postmortems?limit=abc", "limit"},
		{"/api/v1/postmortems?limit=100000", "limit"},
		{"/api/v1/postmortems?offset=-1", "offset"},
		{"/api/v1/postmortems?sort=random", "sort"},
		{"/api/v1/postmortems?format=xml", "format"},
		{"/api/v1/postmortems/p1?format=csv", "not a table"},
		{"/api/v1/search?kind=blam", "kind"},
		{"/api/v1/aggregate?group_by=colour", "group_by"},
		{"/api/v1/aggregate?measure=happiness", "measure"},
		{"/api/v1/aggregate?measure=score_quantile&quantile=2", "quantile"},
		{"/api/v1/aggregate?group_by=team&group_by=theme&group_by=month&group_by=rule", "at most 3"},
		{"/api/v1/charts/top-themes?team=" + long, "longer than"},
		{"/api/v1/charts/top-themes?" + many, "more than 50"},
		{"/api/v1/charts/top-themes?team=%ff", "UTF-8"},
		{"/api/v1/teams/compare?a=x&a=y", "at most one"},
	}
	for _, tc := range tests {
		rec := get(t, h, tc.target)
		var e apiError
		if rec.Code != http.StatusBadRequest || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Status != "error" ||
			!strings.Contains(e.Error, tc.want) {
			t.Errorf("GET %s: %d %s; want 400 with a JSON message about %q", tc.target, rec.Code, rec.Body.String(), tc.want)
		}
	}
	// Pages answer bad parameters with a 400 page that shows the message.
	rec := get(t, h, "/teams?quarter=Q9")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "want a quarter like 2025-Q3") {
		t.Errorf("page with a bad quarter: %d %s", rec.Code, rec.Body.String())
	}
}

func TestNotFound(t *testing.T) {
	h := New(fixtureStore(t, fixtures()), Options{})
	for _, u := range []string{"/api/v1/postmortems/nope", "/api/v1/postmortems/nope/similar", "/api/v1/charts/nope", "/api/v1/nope"} {
		rec := get(t, h, u)
		var e apiError
		if rec.Code != http.StatusNotFound || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error == "" {
			t.Errorf("GET %s: %d %s, want 404 JSON", u, rec.Code, rec.Body.String())
		}
	}
	for _, u := range []string{"/postmortems/nope", "/nope", "/assets/nope.js", "/assets/assets.go"} {
		rec := get(t, h, u)
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", u, rec.Code)
		}
	}
}

// hostileTeam is a team name that would close a <script> element if chart
// data were embedded unescaped.
const hostileTeam = `</script><script>alert("team")</script>`

func TestEscaping(t *testing.T) {
	docs := fixtures()
	evil := fixtureDoc("x2", "=HYPERLINK(\"http://evil\")", hostileTeam, "SEV2", []string{`svc"><b>`}, day(2025, 10, 1), 5, 10,
		[]string{"security"}, []string{"We assumed <b>bold</b> & DNS were fine.", `Someone should have read "</script>".`},
		[][4]any{{0, "assumption", "belief", "We assumed"}, {1, "blame", "counterfactual", "should have"}})
	evil.Findings[1].Message = `<img src=x onerror=alert("msg")>`
	evil.Findings[1].Suggestion = `"><script>alert("sugg")</script>`
	h := New(fixtureStore(t, append(docs, evil)), Options{})

	pages := []string{"/", "/teams", "/themes?theme=security", "/quality", "/postmortems", "/postmortems/x1", "/postmortems/x2",
		"/search?q=assumed", "/search?q=human", "/teams?a=" + url.QueryEscape(hostileTeam) + "&b=payments"}
	for _, u := range pages {
		rec := get(t, h, u)
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", u, rec.Code, body)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", `alert("team")</script>`, "<b>bold</b>", `"><b>`} {
			if strings.Contains(body, bad) {
				i := strings.Index(body, bad)
				t.Errorf("%s: unescaped %q in page: ...%s...", u, bad, body[max(0, i-80):min(len(body), i+80)])
			}
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", u, csp)
		}
		// Every <script> is either an asset or a JSON chart option.
		for _, chunk := range strings.Split(body, "<script")[1:] {
			if !strings.HasPrefix(chunk, ` src="/assets/`) && !strings.HasPrefix(chunk, ` type="application/json"`) {
				t.Errorf("%s: unexpected script element <script%s", u, chunk[:min(60, len(chunk))])
			}
		}
	}
	rec := get(t, h, "/postmortems/x1")
	if !strings.Contains(rec.Body.String(), "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;") {
		t.Errorf("x1 title not shown escaped")
	}
	rec = get(t, h, "/postmortems/x2")
	for _, want := range []string{`data-message="&lt;img src=x onerror=alert(&#34;msg&#34;)&gt;"`, `&#34;&gt;&lt;script&gt;alert(&#34;sugg&#34;)&lt;/script&gt;`} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("x2: want escaped %s", want)
		}
	}
	// Chart options carry the team name JSON-escaped.
	rec = get(t, h, "/")
	if !strings.Contains(rec.Body.String(), `\u003c/script\u003e\u003cscript\u003ealert`) {
		t.Errorf("overview: hostile team name not \\u-escaped in chart JSON")
	}
	// CSV cells that would be spreadsheet formulas are defused.
	rec = get(t, h, "/api/v1/postmortems?format=csv&severity=SEV2&sort=title")
	recs, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		if r[0] == "x2" {
			found = true
			if r[1] != `'=HYPERLINK("http://evil")` {
				t.Errorf("csv title cell %q, want it prefixed with a quote", r[1])
			}
		}
	}
	if !found {
		t.Errorf("x2 missing from csv: %v", recs)
	}
}

func TestServerPlumbing(t *testing.T) {
	h := New(fixtureStore(t, fixtures()), Options{MaxBodyBytes: 64, BaseURL: "https://example.com/debrief/"})
	if rec := get(t, h, "/debrief/healthz"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "healthy") {
		t.Errorf("healthz: %d %s", rec.Code, rec.Body.String())
	}
	if rec := get(t, h, "/debrief/readyz"); rec.Code != 200 {
		t.Errorf("readyz: %d", rec.Code)
	}
	if rec := get(t, h, "/healthz"); rec.Code != 404 {
		t.Errorf("routes must live under the base path; /healthz gave %d", rec.Code)
	}
	rec := get(t, h, "/debrief/teams?team=search")
	body := rec.Body.String()
	for _, want := range []string{`href="/debrief/assets/style.css"`, `src="/debrief/assets/echarts.min.js"`,
		`href="/debrief/?team=search"`, `action="/debrief/teams"`} {
		if !strings.Contains(body, want) {
			t.Errorf("base path: page lacks %s", want)
		}
	}
	js := get(t, h, "/debrief/assets/echarts.min.js")
	if js.Code != 200 || js.Body.Len() < 500_000 || !strings.HasPrefix(js.Header().Get("Content-Type"), "text/javascript") {
		t.Errorf("echarts asset: %d, %d bytes, %s", js.Code, js.Body.Len(), js.Header().Get("Content-Type"))
	}
	big := httptest.NewRequest(http.MethodGet, "/debrief/api/v1/postmortems", strings.NewReader(strings.Repeat("x", 100)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, big)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d, want 413", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/debrief/api/v1/postmortems", nil))
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("POST without a token: %d, want 401", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/debrief/api/v1/stats", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST stats: %d, want 405", rec.Code)
	}
	m := get(t, h, "/debrief/metrics").Body.String()
	for _, want := range []string{`debrief_http_requests_total{code="200",method="GET",route="/debrief/teams"} 1`,
		`debrief_http_request_duration_seconds_count{code="200",method="GET",route="/debrief/healthz"} 1`} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s:\n%s", want, m)
		}
	}
}

func TestHTTPServerLimits(t *testing.T) {
	srv := NewHTTPServer("127.0.0.1:0", http.NotFoundHandler())
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 {
		t.Errorf("server limits not set: %+v", srv)
	}
}

func TestThemesPageDefaultsToTopTheme(t *testing.T) {
	h := New(fixtureStore(t, fixtures()), Options{})
	body := get(t, h, "/themes?team=search").Body.String()
	for _, want := range []string{
		"<h1>Theme: Network</h1>",
		`<option value="network" selected>`,
		`href="/?team=search"`, // nav keeps the user's filter, not the default
		`href="/api/v1/postmortems?format=csv&amp;team=search&amp;theme=network"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("themes page lacks %s", want)
		}
	}
	// Example sentences carry the theme and come from the listed postmortems.
	if !strings.Contains(body, `class="finding theme"`) || !strings.Contains(body, "load balancer") {
		t.Errorf("themes page: no highlighted example sentences")
	}
}

func TestServeShutsDownOnCancel(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, l, fixtureStore(t, nil), Options{}) }()
	var resp *http.Response
	for i := 0; i < 100; i++ {
		if resp, err = http.Get("http://" + addr + "/healthz"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server did not come up: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v after cancel, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}

// Postmortems without a team are "(no team)" in chart rows, in the team
// facet, and team=(no team) selects exactly them.
func TestNoTeam(t *testing.T) {
	h := New(fixtureStore(t, append(fixtures(), teamlessDocs()...)), Options{})
	var all, only struct {
		Rows []store.AggRow `json:"rows"`
	}
	getJSON(t, h, "/api/v1/charts/postmortems-by-quarter", &all)
	getJSON(t, h, "/api/v1/charts/postmortems-by-quarter?team="+url.QueryEscape(model.NoTeam), &only)
	want := []string{"2026-Q1|(no team)=2", "2026-Q3|(no team)=1"}
	if got := rowsOf(only.Rows); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("team=(no team): %v, want %v", got, want)
	}
	for _, r := range all.Rows {
		if r.Keys[1] == "" {
			t.Errorf("unlabelled team in %v", r)
		}
	}
	body := get(t, h, "/teams").Body.String()
	if !strings.Contains(body, `<option value="(no team)"`) || !strings.Contains(body, `class="few"`) {
		t.Errorf("teams page: no (no team) filter option or small-sample row")
	}
}

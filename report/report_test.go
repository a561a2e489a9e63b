package report

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/store"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.md from the current output")

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestBuildOverview(t *testing.T) {
	r := buildFixture(t, Options{})
	o := r.Overview
	if r.Quarter.String() != "2025-Q3" || r.Previous.String() != "2025-Q2" {
		t.Fatalf("quarters %v / %v", r.Quarter, r.Previous)
	}
	var qs []string
	for _, q := range r.Quarters {
		qs = append(qs, q.String())
	}
	if got := strings.Join(qs, " "); got != "2024-Q4 2025-Q1 2025-Q2 2025-Q3" {
		t.Errorf("window %s", got)
	}
	if o.Postmortems != 6 || o.PrevPostmortems != 4 || o.Teams != 3 || o.PrevTeams != 2 {
		t.Errorf("counts: %d (prev %d) postmortems, %d (prev %d) teams", o.Postmortems, o.PrevPostmortems, o.Teams, o.PrevTeams)
	}
	if o.Undated != 1 {
		t.Errorf("undated %d, want 1", o.Undated)
	}
	if got := o.PerQuarter; len(got) != 4 || got[0] != 2 || got[1] != 4 || got[2] != 4 || got[3] != 6 {
		t.Errorf("per quarter %v, want [2 4 4 6]", got)
	}
	// Durations 120, 30, 60, 45, 240 (one unknown) -> 60; Q2 90, 60, 20, 300 -> 75.
	if !near(o.MedianResolveMinutes, 60) || !near(o.PrevMedianResolveMinutes, 75) {
		t.Errorf("median TTR %v (prev %v), want 60 (75)", o.MedianResolveMinutes, o.PrevMedianResolveMinutes)
	}
	if !near(o.MeanScore, 75) || !near(o.PrevMeanScore, 72.5) {
		t.Errorf("mean score %v (prev %v), want 75 (72.5)", o.MeanScore, o.PrevMeanScore)
	}
	wantSev := []Count{{"SEV1", 2, 1}, {"SEV2", 2, 2}, {"SEV3", 2, 1}}
	if !equalCounts(o.Severity, wantSev) {
		t.Errorf("severity %v, want %v", o.Severity, wantSev)
	}
	wantTeams := []Count{{"identity", 2, 0}, {"payments", 2, 2}, {"search", 2, 2}}
	if !equalCounts(o.TopTeams, wantTeams) {
		t.Errorf("teams %v, want %v", o.TopTeams, wantTeams)
	}
}

func equalCounts(a, b []Count) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBuildThemes(t *testing.T) {
	r := buildFixture(t, Options{})
	// Shares are summed weights over the quarter's postmortems (2, 4, 4, 6).
	type want struct {
		theme, dir string
		counts     [4]int
		shares     [4]float64
	}
	wants := []want{
		{"capacity", Rising, [4]int{0, 0, 1, 4}, [4]float64{0, 0, 0.2 / 4, 0.8 / 6}},
		{"dependency", Rising, [4]int{0, 1, 1, 2}, [4]float64{0, 0.2 / 4, 0.2 / 4, 0.4 / 6}},
		{"change", Falling, [4]int{1, 2, 3, 1}, [4]float64{0.2 / 2, 0.4 / 4, 0.6 / 4, 0.2 / 6}},
		// 0.1/6 = 1.7 points above a zero baseline: under the 2-point bar.
		{"detection", Steady, [4]int{0, 0, 0, 1}, [4]float64{0, 0, 0, 0.1 / 6}},
	}
	if len(r.Themes) != len(wants) {
		t.Fatalf("themes %+v, want %d", r.Themes, len(wants))
	}
	for i, w := range wants {
		got := r.Themes[i]
		if got.Theme != w.theme || got.Direction != w.dir {
			t.Errorf("theme %d = %s %s, want %s %s", i, got.Theme, got.Direction, w.theme, w.dir)
			continue
		}
		base := (w.shares[0] + w.shares[1] + w.shares[2]) / 3
		if !near(got.Baseline, base) || got.BaselineQuarters != 3 {
			t.Errorf("%s baseline %.4f over %d quarters, want %.4f over 3", w.theme, got.Baseline, got.BaselineQuarters, base)
		}
		for j := range w.counts {
			if got.Counts[j] != w.counts[j] || !near(got.Shares[j], w.shares[j]) {
				t.Errorf("%s counts %v shares %v, want %v %v", w.theme, got.Counts, got.Shares, w.counts, w.shares)
				break
			}
		}
	}
	if c := r.Themes[0]; c.Count != 4 || c.PrevCount != 1 || !near(c.Share, 0.8/6) || !near(c.PrevShare, 0.05) {
		t.Errorf("capacity now %d/%.3f, before %d/%.3f", c.Count, c.Share, c.PrevCount, c.PrevShare)
	}
}

func TestDirection(t *testing.T) {
	cases := []struct {
		share, base float64
		quarters    int
		want        string
	}{
		{0.30, 0.10, 3, Rising},
		{0.12, 0.08, 3, Rising},  // +4 points, exactly 1.5 times
		{0.11, 0.08, 3, Steady},  // +3 points, 1.4 times
		{0.03, 0.015, 3, Steady}, // twice, but +1.5 points
		{0.03, 0, 3, Rising},     // new and large enough
		{0.05, 0.10, 3, Falling}, // half, −5 points
		{0.08, 0.12, 3, Falling}, // exactly two thirds, −4 points
		{0.09, 0.12, 3, Steady},
		{0.50, 0, 0, Steady}, // no baseline quarters
	}
	for _, c := range cases {
		if got := direction(c.share, c.base, c.quarters, 10); got != c.want {
			t.Errorf("direction(%v, %v, %d) = %s, want %s", c.share, c.base, c.quarters, got, c.want)
		}
	}
	if got := direction(0.5, 0.1, 3, 0); got != Steady {
		t.Errorf("empty quarter: %s", got)
	}
	if got := direction(0.5, 0.1, 3, MinSample-1); got != Steady {
		t.Errorf("a quarter of %d postmortems: %s, want no trend called", MinSample-1, got)
	}
}

func TestBuildBlame(t *testing.T) {
	r := buildFixture(t, Options{})
	all := r.Blame.All
	wantAll := []Rate{{0, 40}, {0, 80}, {2, 80}, {3, 120}}
	for i, w := range wantAll {
		if all.Rates[i] != w {
			t.Errorf("all teams %s: %+v, want %+v", r.Quarters[i], all.Rates[i], w)
		}
	}
	if got := all.Current().PerThousand(); !near(got, 25) {
		t.Errorf("all teams now %.2f per 1000, want 25", got)
	}
	byTeam := map[string]TeamBlame{}
	var names []string
	for _, tb := range r.Blame.Teams {
		byTeam[tb.Team] = tb
		names = append(names, tb.Team)
	}
	if got := strings.Join(names, ","); got != "identity,payments,search" {
		t.Fatalf("teams %s", got)
	}
	if p := byTeam["payments"]; !near(p.Current().PerThousand(), 25) || !near(p.Prev().PerThousand(), 50) {
		t.Errorf("payments %+v", p.Rates)
	}
	if s := byTeam["search"]; !near(s.Current().PerThousand(), 50) || s.Prev().Findings != 0 {
		t.Errorf("search %+v", s.Rates)
	}
	if id := byTeam["identity"]; id.Prev().Known() || !id.Current().Known() || id.Current().Findings != 0 {
		t.Errorf("identity %+v: want unknown in Q2 and 0 in Q3", id.Rates)
	}
	want := []Count{{Key: "counterfactual", Value: 2}, {Key: "human-error", Value: 1}}
	if !equalCounts(r.Blame.Labels, want) {
		t.Errorf("labels %v, want %v", r.Blame.Labels, want)
	}
}

func TestBuildAssumptions(t *testing.T) {
	r := buildFixture(t, Options{BaseURL: "http://dash.example:8080/"})
	a := r.Assumptions
	if a.Sentences != 5 {
		t.Errorf("assumption sentences %d, want 5", a.Sentences)
	}
	if !equalCounts(a.Labels, []Count{{Key: "surprise", Value: 3}, {Key: "belief", Value: 2}}) {
		t.Errorf("labels %v", a.Labels)
	}
	// q3-6's sentence is too short to quote; the rest alternate teams.
	var ids []string
	for _, q := range a.Quotes {
		ids = append(ids, q.ID)
	}
	if got := strings.Join(ids, ","); got != "q3-1,q3-3,q3-5,q3-2" {
		t.Errorf("quoted %s, want q3-1,q3-3,q3-5,q3-2", got)
	}
	q := a.Quotes[0]
	if q.Text != "We assumed the connection pool would grow with traffic, but it stayed at twenty." ||
		q.Team != "payments" || q.URL != "http://dash.example:8080/postmortems/q3-1" ||
		strings.Join(q.Labels, ",") != "surprise" || strings.Join(q.Themes, ",") != "capacity" {
		t.Errorf("first quote %+v", q)
	}

	// With at most two quotes, they come from two different teams.
	r2 := buildFixture(t, Options{MaxQuotes: 2})
	if len(r2.Assumptions.Quotes) != 2 || r2.Assumptions.Quotes[0].Team == r2.Assumptions.Quotes[1].Team {
		t.Errorf("two quotes %+v: want two teams", r2.Assumptions.Quotes)
	}
}

func TestPickVariedSpreadsTeams(t *testing.T) {
	// Fifty candidates from one team and one each from three others: the
	// first four picks cover four teams.
	var cands []candidate
	for i := 0; i < 50; i++ {
		cands = append(cands, candidate{hit: store.SentenceHit{PostmortemID: "big-" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Team: "big", Text: "sentence " + string(rune('a'+i%26)) + string(rune('a'+i/26))}, base: 3, labels: []string{"surprise"}})
	}
	for _, team := range []string{"x", "y", "z"} {
		cands = append(cands, candidate{hit: store.SentenceHit{PostmortemID: team, Team: team, Text: "from " + team}, base: 2, labels: []string{"belief"}})
	}
	got := pickVaried(cands, 4)
	teams := map[string]bool{}
	for _, c := range got {
		teams[c.hit.Team] = true
	}
	if len(teams) != 4 {
		t.Errorf("picked teams %v, want 4 distinct", teams)
	}
	// Identical sentences are quoted once.
	dup := []candidate{
		{hit: store.SentenceHit{PostmortemID: "a", Team: "a", Text: "Same  words."}, base: 1},
		{hit: store.SentenceHit{PostmortemID: "b", Team: "b", Text: "same words."}, base: 1},
	}
	if got := pickVaried(dup, 5); len(got) != 1 {
		t.Errorf("duplicate sentences quoted %d times", len(got))
	}
}

func TestBuildRepeatedActions(t *testing.T) {
	r := buildFixture(t, Options{})
	if len(r.Repeated) != 2 {
		t.Fatalf("repeated %+v, want 2", r.Repeated)
	}
	a := r.Repeated[0]
	if a.Text != "Add alerting on connection pool saturation" || a.Postmortems != 3 || a.Items != 3 || a.Open != 3 ||
		a.FirstText() != "2025-04-10" || strings.Join(a.Teams, ",") != "payments,search" {
		t.Errorf("first repeated %+v", a)
	}
	// Two wordings, each shown once with a postmortem that used it.
	if len(a.Examples) != 2 || a.Examples[1].Text != "Add alerting for connection pool saturation." || a.Examples[1].ID != "q3-3" ||
		a.Examples[1].Reworded || a.Examples[0].Reworded {
		t.Errorf("examples %+v", a.Examples)
	}
	b := r.Repeated[1]
	if b.Text != "Document the token cache limits in the runbook" || b.Postmortems != 2 || b.Open != 1 ||
		strings.Join(b.Teams, ",") != "identity,search" {
		t.Errorf("second repeated %+v", b)
	}
}

func TestBuildWriteups(t *testing.T) {
	r := buildFixture(t, Options{})
	var ids []string
	for _, w := range r.Writeups {
		ids = append(ids, w.ID)
	}
	// Mean score 75: q3-3 (85, clean) first, then q3-1 (90, 1 blame) and
	// q3-4 (95, 2 blame) which rank 82 and 79.
	if got := strings.Join(ids, ","); got != "q3-3,q3-1,q3-4" {
		t.Fatalf("writeups %s, want q3-3,q3-1,q3-4", got)
	}
	why := strings.Join(r.Writeups[0].Why, "; ")
	for _, want := range []string{"no blame phrasing in 20 sentences", "names 1 assumption or surprise", "a timeline of 2 events", "1 action item"} {
		if !strings.Contains(why, want) {
			t.Errorf("why %q lacks %q", why, want)
		}
	}
	if why := strings.Join(r.Writeups[2].Why, "; "); !strings.Contains(why, "uses blame phrasing twice") {
		t.Errorf("q3-4 why %q does not mention its blame phrasing", why)
	}
}

func TestQuestions(t *testing.T) {
	r := buildFixture(t, Options{})
	all := strings.Join(r.Questions, "\n")
	for _, want := range []string{
		"Capacity made up 13% of what this quarter's postmortems say, against 2% before, and came up in 4 of 6. Did we see the load coming?",
		"Dependency made up 7% of what this quarter's postmortems say, against 3% before, and came up in 2 of 6. Which dependencies",
		"Change fell to 3% of what postmortems say, from 12%.",
		"“Add alerting on connection pool saturation” has been promised in 3 postmortems since 2025-04-10, 3 of them not marked done.",
		"5 sentences this quarter record a belief",
		"What made “Incident q3-3” easy to learn from",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("questions lack %q:\n%s", want, all)
		}
	}
	// 6 vs 4 postmortems, 60 vs 75 minutes and blame at 25.0 per 1,000
	// sentences both quarters are below the thresholds.
	if strings.Contains(all, "postmortems this quarter against") || strings.Contains(all, "time to resolve") ||
		strings.Contains(all, "Blame phrasing") {
		t.Errorf("questions raise a change below the threshold:\n%s", all)
	}
}

func TestQuestionsFromTrends(t *testing.T) {
	q := Quarter{Year: 2025, Q: 3}
	r := &Review{
		Quarter: q, Previous: q.Add(-1), Quarters: []Quarter{q.Add(-1), q},
		Overview: Overview{Postmortems: 20, PrevPostmortems: 10, MedianResolveMinutes: 150, PrevMedianResolveMinutes: 60,
			MeanScore: 60, PrevMeanScore: 70},
		Blame: BlameTrend{
			All: TeamBlame{Team: "All teams", Rates: []Rate{{Findings: 5, Sentences: 1000}, {Findings: 12, Sentences: 1000}}},
			Teams: []TeamBlame{
				{Team: "small", Rates: []Rate{{Findings: 0, Sentences: 50}, {Findings: 10, Sentences: 50}}},     // too little text
				{Team: "steady", Rates: []Rate{{Findings: 50, Sentences: 500}, {Findings: 60, Sentences: 500}}}, // 100 -> 120
				{Team: "riser", Rates: []Rate{{Findings: 10, Sentences: 500}, {Findings: 40, Sentences: 500}}},  // 20 -> 80
			},
		},
	}
	r.Overview.Severity = []Count{{Key: "SEV1", Value: 9, PrevValue: 6}, {Key: "SEV2", Value: 11, PrevValue: 4}}
	all := strings.Join(questions(r), "\n")
	for _, want := range []string{
		"We wrote 20 postmortems this quarter against 10 in Q2 2025.",
		"Median time to resolve rose from 1 h to 2 h 30 min.",
		"Blame phrasing rose to 12.0 per 1,000 sentences from 5.0.",
		"The mean writeup score fell from 70 to 60.",
		"Writeups from riser used blame phrasing at 80.0 per 1,000 sentences, up from 20.0.",
		"SEV1 incidents went from 6 to 9.",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("questions lack %q:\n%s", want, all)
		}
	}
	r.Blame.All.Rates[1].Findings = 2
	if all := strings.Join(questions(r), "\n"); !strings.Contains(all, "Blame phrasing fell to 2.0 per 1,000 sentences from 5.0.") {
		t.Errorf("no question on falling blame:\n%s", all)
	}
}

func TestFilterScopesEverySection(t *testing.T) {
	r := buildFixture(t, Options{Filter: store.Filter{Teams: []string{"search"}}})
	if r.Overview.Postmortems != 2 || r.Overview.PrevPostmortems != 2 || r.Scope != "teams search" {
		t.Errorf("search only: %d/%d postmortems, scope %q", r.Overview.Postmortems, r.Overview.PrevPostmortems, r.Scope)
	}
	for _, q := range r.Assumptions.Quotes {
		if q.Team != "search" {
			t.Errorf("quote from %s", q.Team)
		}
	}
	if len(r.Blame.Teams) != 1 || r.Blame.Teams[0].Team != "search" {
		t.Errorf("blame teams %+v", r.Blame.Teams)
	}
	if u := r.DashboardURL(); u != "" {
		t.Errorf("dashboard URL %q without a base URL", u)
	}
	r.BaseURL = "http://localhost:8080/debrief"
	if u, want := r.DashboardURL(), "http://localhost:8080/debrief/?quarter=2025-Q3&team=search"; u != want {
		t.Errorf("dashboard URL %q, want %q", u, want)
	}
	if u, want := r.ThemeURL("data"), "http://localhost:8080/debrief/themes?quarter=2025-Q3&team=search&theme=data"; u != want {
		t.Errorf("theme URL %q, want %q", u, want)
	}
}

// failingSearch is a store whose sentence search fails.
type failingSearch struct{ store.Store }

func (failingSearch) SearchSentences(context.Context, store.SentenceQuery) ([]store.SentenceHit, int, error) {
	return nil, 0, errors.New("disk on fire")
}

func TestBuildReportsStoreErrors(t *testing.T) {
	_, err := Build(context.Background(), failingSearch{fixtureStore(t)}, Quarter{Year: 2025, Q: 3}, Options{})
	if err == nil || err.Error() != "report 2025-Q3: assumptions: disk on fire" {
		t.Errorf("error %v, want it to name the quarter and the section", err)
	}
}

func TestBuildRejectsBadInput(t *testing.T) {
	st := fixtureStore(t)
	for _, base := range []string{"javascript:alert(1)", "localhost:8080", "ftp://x", "http://x/?a=b"} {
		_, err := Build(context.Background(), st, Quarter{Year: 2025, Q: 3}, Options{BaseURL: base})
		if err == nil || !strings.Contains(err.Error(), base) {
			t.Errorf("base URL %q: error %v, want one naming it", base, err)
		}
	}
	if _, err := Build(context.Background(), st, Quarter{Year: 2025, Q: 5}, Options{}); err == nil {
		t.Error("quarter 5 accepted")
	}
	if _, err := Build(context.Background(), nil, Quarter{Year: 2025, Q: 3}, Options{}); err == nil {
		t.Error("nil store accepted")
	}
}

func TestEmptyQuarter(t *testing.T) {
	_, err := Build(context.Background(), fixtureStore(t), Quarter{Year: 2030, Q: 1}, Options{})
	var empty *EmptyQuarterError
	if !errors.As(err, &empty) {
		t.Fatalf("an empty quarter must be refused with an EmptyQuarterError, got %v", err)
	}
	want := "no postmortems are dated in 2030-Q1 for all teams; quarters with postmortems: 2024-Q3, 2024-Q4, 2025-Q1, 2025-Q2, 2025-Q3"
	if err.Error() != want {
		t.Errorf("error %q\nwant  %q", err, want)
	}
	_, err = Build(context.Background(), fixtureStore(t), Quarter{Year: 2025, Q: 3}, Options{Filter: store.Filter{Teams: []string{"nobody"}}})
	if !errors.As(err, &empty) || len(empty.Have) != 0 || !strings.Contains(err.Error(), "nor in any other quarter") {
		t.Errorf("a filter selecting nothing: %v", err)
	}
}

func TestLatestQuarter(t *testing.T) {
	st := fixtureStore(t)
	cases := []struct {
		filter store.Filter
		want   string
		err    error
	}{
		{store.Filter{}, "2025-Q3", nil},
		{store.Filter{Teams: []string{"nobody"}}, "", ErrNoData},
	}
	for _, c := range cases {
		q, err := LatestQuarter(context.Background(), st, c.filter)
		if !errors.Is(err, c.err) || (c.err == nil && q.String() != c.want) {
			t.Errorf("LatestQuarter(%+v) = %s, %v; want %s, %v", c.filter, q, err, c.want, c.err)
		}
	}
	qs, ns, err := QuartersWithData(context.Background(), st, store.Filter{})
	if err != nil || len(qs) != 5 || qs[0].String() != "2024-Q3" || ns[0] != 1 || ns[4] != 6 {
		t.Errorf("QuartersWithData = %v %v %v, want 2024-Q3 (1) .. 2025-Q3 (6)", qs, ns, err)
	}
}

// TestFewPostmortems reviews 2024-Q4, a quarter of 2 postmortems: the
// review says the sample is small, calls no trend, gives changes as
// counts and shares with their counts (golden file).
func TestFewPostmortems(t *testing.T) {
	r, err := Build(context.Background(), fixtureStore(t), Quarter{Year: 2024, Q: 4}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Few() || len(r.ThemesIn(Rising))+len(r.ThemesIn(Falling)) != 0 {
		t.Errorf("few = %v, rising/falling %v %v", r.Few(), r.ThemesIn(Rising), r.ThemesIn(Falling))
	}
	var md, html bytes.Buffer
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"(0%)", "+100%", "+133%", "−100%"} {
		if strings.Contains(md.String(), bad) {
			t.Errorf("small-sample review says %q", bad)
		}
	}
	if !strings.Contains(html.String(), "Small sample.") {
		t.Error("HTML review does not caution about the small sample")
	}
	golden(t, "testdata/review-2024-Q4-few.golden.md", md.Bytes())
}

func TestMarkdownGolden(t *testing.T) {
	r := buildFixture(t, Options{BaseURL: "https://debrief.example.com"})
	var buf bytes.Buffer
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/review-2025-Q3.golden.md", buf.Bytes())

	r = buildFixture(t, Options{})
	buf.Reset()
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/review-2025-Q3-nolinks.golden.md", buf.Bytes())
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test ./report -update and review the diff.\n--- got ---\n%s", path, got)
	}
}

func TestMarkdownEscapesDocumentText(t *testing.T) {
	r := buildFixture(t, Options{BaseURL: "https://debrief.example.com"})
	var buf bytes.Buffer
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "<b>", "*hard*", "cache</b> |"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown contains unescaped %q", bad)
		}
	}
	if !strings.Contains(out, `&lt;script&gt;alert("pwned")&lt;/script&gt; &amp; the \| pipe`) {
		t.Errorf("hostile title not escaped as expected:\n%s", out)
	}
	// Every table row has the same number of cells as its header.
	var cols int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1))
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("table row has %d cells, header %d: %s", n, cols, line)
		}
	}
}

func TestMarkdownEscaper(t *testing.T) {
	cases := map[string]string{
		"plain text":          "plain text",
		"a|b":                 `a\|b`,
		"<img src=x>":         "&lt;img src=x&gt;",
		"*bold* _it_ `code`":  "\\*bold\\* \\_it\\_ \\`code\\`",
		"- not a list":        `\- not a list`,
		"1. not a list":       `1\. not a list`,
		"[link](javascript:)": `\[link\](javascript:)`,
		"two\nlines":          "two lines",
		"# heading":           `\# heading`,
	}
	for in, want := range cases {
		if got := md(in); got != want {
			t.Errorf("md(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzMarkdownEscape checks that escaped text cannot carry Markdown or HTML
// markup: every special character is backslash-escaped or an entity, and
// the text stays on one line.
func FuzzMarkdownEscape(f *testing.F) {
	for _, s := range []string{"plain", "a|b", "<script>", "*x* _y_", "1. list", "- item", "`code`", "[a](b)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := md(s)
		for i := 0; i < len(out); i++ {
			c := out[i]
			if c == '\\' {
				i++ // the escaped character
				continue
			}
			if strings.IndexByte("|*_[]`<>#~!\n\r\t", c) >= 0 {
				t.Fatalf("md(%q) = %q: unescaped %q at %d", s, out, c, i)
			}
			if i == 0 && strings.IndexByte("-+=", c) >= 0 {
				t.Fatalf("md(%q) = %q starts with %q", s, out, c)
			}
		}
	})
}

func BenchmarkBuildAndRender(b *testing.B) {
	st := fixtureStore(b)
	ctx := context.Background()
	for b.Loop() {
		r, err := Build(ctx, st, Quarter{Year: 2025, Q: 3}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := r.WriteMarkdown(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := r.WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func TestShortTrendWindow(t *testing.T) {
	r := buildFixture(t, Options{TrendQuarters: 1}) // raised to 2
	if len(r.Quarters) != 2 || r.Quarters[0] != r.Previous {
		t.Fatalf("window %v", r.Quarters)
	}
	for _, th := range r.Themes {
		if th.BaselineQuarters != 1 || !near(th.Baseline, th.PrevShare) {
			t.Errorf("%s: baseline %.3f over %d quarters, want the previous quarter's %.3f", th.Theme, th.Baseline, th.BaselineQuarters, th.PrevShare)
		}
	}
}

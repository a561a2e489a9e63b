package dashboard

import (
	"context"
	"math"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/taxonomy"
)

// teamStat is one row of the Teams table.
type teamStat struct {
	Team                string  `json:"team"`
	Postmortems         int     `json:"postmortems"`
	Sentences           int     `json:"sentences"`
	Blame               int     `json:"blame_findings"`
	BlamePer1000        float64 `json:"blame_per_1000_sentences"`
	SurprisesPer1000    float64 `json:"surprises_per_1000_sentences"`
	MedianScore         float64 `json:"median_score"`
	MedianResolveMinute float64 `json:"median_resolve_minutes"`
}

type teamStats []teamStat

func (t teamStats) CSV() ([]string, [][]string) {
	h := []string{"team", "postmortems", "sentences", "blame_findings", "blame_per_1000_sentences",
		"surprises_per_1000_sentences", "median_score", "median_resolve_minutes"}
	out := make([][]string, len(t))
	for i, r := range t {
		out[i] = []string{r.Team, strconv.Itoa(r.Postmortems), strconv.Itoa(r.Sentences), strconv.Itoa(r.Blame),
			fmtFloat(r.BlamePer1000), fmtFloat(r.SurprisesPer1000), fmtFloat(r.MedianScore), fmtFloat(r.MedianResolveMinute)}
	}
	return h, out
}

func byKey(rows []store.AggRow) map[string]float64 {
	m := make(map[string]float64, len(rows))
	for _, r := range rows {
		if len(r.Keys) > 0 {
			m[r.Keys[0]] = r.Value
		}
	}
	return m
}

// teamStats computes the per-team table (most postmortems first).
func (r request) teamStats() (teamStats, error) {
	dims := []store.Dimension{store.DimTeam}
	type part struct {
		m   store.Measure
		mod func(*store.AggregateQuery)
	}
	parts := []part{
		{store.MeasurePostmortems, nil},
		{store.MeasureSentences, nil},
		{store.MeasureFindings, kinds("blame")},
		{store.MeasureFindings, func(q *store.AggregateQuery) {
			q.FindingKinds = []string{"assumption"}
			q.FindingLabels = []string{taxonomy.Surprise}
		}},
		{store.MeasureScoreQuantile, func(q *store.AggregateQuery) { q.Quantile = 0.5 }},
		{store.MeasureDurationQuantile, func(q *store.AggregateQuery) { q.Quantile = 0.5 }},
	}
	res := make([]map[string]float64, len(parts))
	fns := make([]func() error, len(parts))
	for i, p := range parts {
		fns[i] = func() error {
			rows, err := r.agg(p.m, dims, p.mod)
			res[i] = byKey(rows)
			return err
		}
	}
	if err := parallel(fns...); err != nil {
		return nil, err
	}
	out := teamStats{}
	for team, n := range res[0] {
		sent := res[1][team]
		ts := teamStat{Team: team, Postmortems: int(n), Sentences: int(sent), Blame: int(res[2][team]),
			MedianScore: round1(res[4][team]), MedianResolveMinute: round1(res[5][team])}
		if sent > 0 {
			ts.BlamePer1000 = round1(res[2][team] / sent * 1000)
			ts.SurprisesPer1000 = round1(res[3][team] / sent * 1000)
		}
		out = append(out, ts)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Postmortems != out[j].Postmortems {
			return out[i].Postmortems > out[j].Postmortems
		}
		return out[i].Team < out[j].Team
	})
	return out, nil
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// teamCompare is the side-by-side comparison of two teams.
type teamCompare struct {
	A      string         `json:"a"`
	B      string         `json:"b"`
	Stats  teamStats      `json:"stats"`
	Themes []store.AggRow `json:"themes"`
}

func (r request) teamCompare() (teamCompare, error) {
	a, b, err := compareTeams(r)
	if err != nil {
		return teamCompare{}, err
	}
	cmp := teamCompare{A: a, B: b, Stats: teamStats{}, Themes: []store.AggRow{}}
	if a == "" || b == "" {
		return cmp, nil
	}
	rq := r
	rq.p.Filter.Teams = []string{storeTeam(a), storeTeam(b)}
	all, err := rq.teamStats()
	if err != nil {
		return cmp, err
	}
	for _, want := range []string{a, b} {
		found := teamStat{Team: want}
		for _, t := range all {
			if t.Team == want {
				found = t
			}
		}
		cmp.Stats = append(cmp.Stats, found)
	}
	themes, err := loadTeamCompare(r)
	if err != nil {
		return cmp, err
	}
	if themes != nil {
		cmp.Themes = themes
	}
	return cmp, nil
}

// ruleStat is one of the most common findings with its explanation.
type ruleStat struct {
	RuleInfo
	// Name is the rule as readers see it ("Counterfactual: failed to").
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type ruleStats []ruleStat

func (t ruleStats) CSV() ([]string, [][]string) {
	h := []string{"rule", "kind", "label", "count", "message", "suggestion"}
	out := make([][]string, len(t))
	for i, r := range t {
		out[i] = []string{r.ID, r.Kind, r.Label, strconv.Itoa(r.Count), r.Message, r.Suggestion}
	}
	return h, out
}

// topRules returns the most frequent blame and assumption rules with their
// messages and suggestions. Rules unknown to Options.Rules take the message
// of one of their findings.
func (r request) topRules(n int) (ruleStats, error) {
	rows, err := r.agg(store.MeasureFindings, []store.Dimension{store.DimRule, store.DimKind, store.DimLabel},
		func(q *store.AggregateQuery) { q.FindingKinds = []string{"blame", "assumption"} })
	if err != nil {
		return nil, err
	}
	counts := map[string]*ruleStat{}
	for _, row := range rows {
		if len(row.Keys) < 3 {
			continue
		}
		rs := counts[row.Keys[0]]
		if rs == nil {
			rs = &ruleStat{RuleInfo: RuleInfo{ID: row.Keys[0], Kind: row.Keys[1], Label: row.Keys[2]}}
			counts[row.Keys[0]] = rs
		}
		rs.Count += int(row.Value)
	}
	out := ruleStats{}
	for id, rs := range counts {
		if info, ok := r.s.opts.Rules[id]; ok {
			info.ID = id
			if info.Kind == "" {
				info.Kind = rs.Kind
			}
			if info.Label == "" {
				info.Label = rs.Label
			}
			rs.RuleInfo = info
		}
		out = append(out, *rs)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].ID < out[j].ID
	})
	for i := range out {
		out[i].Name = r.s.ruleName(out[i].ID)
	}
	if len(out) > n {
		out = out[:n]
	}
	// Fill missing explanations from a finding of the rule.
	for i := range out {
		if out[i].Message != "" {
			continue
		}
		hits, _, err := r.s.st.SearchSentences(r.ctx, store.SentenceQuery{
			Filter: r.p.Filter, Kinds: []string{out[i].Kind}, Labels: []string{out[i].Label}, Limit: 20, MaxTotal: 1})
		if err != nil {
			return nil, err
		}
	found:
		for _, h := range hits {
			for _, f := range h.Findings {
				if f.Rule == out[i].ID && f.Message != "" {
					out[i].Message, out[i].Suggestion = f.Message, f.Suggestion
					if out[i].Severity == "" {
						out[i].Severity = f.Severity
					}
					break found
				}
			}
		}
	}
	return out, nil
}

// missingSample is how many recent writeups the missing-sections chart
// reads in full (the store has no aggregate over Quality.Missing); the
// result is cached for missingTTL per filter.
const (
	missingSample = 30
	missingTTL    = time.Minute
)

// fetchDocs reads the documents of summaries concurrently.
func fetchDocs(ctx context.Context, st store.Store, items []store.Summary) ([]*model.Postmortem, error) {
	docs := make([]*model.Postmortem, len(items))
	fns := make([]func() error, len(items))
	for i, it := range items {
		fns[i] = func() (err error) {
			docs[i], err = st.Get(ctx, it.ID)
			return err
		}
	}
	return docs, parallel(fns...)
}

func loadMissingSections(r request) ([]store.AggRow, error) {
	return r.s.missing.get(r.p.Values().Encode(), func() ([]store.AggRow, error) { return missingSections(r) })
}

func missingSections(r request) ([]store.AggRow, error) {
	items, _, err := r.s.st.List(r.ctx, store.ListQuery{Filter: r.p.Filter, Sort: "date", Limit: missingSample})
	if err != nil {
		return nil, err
	}
	docs, err := fetchDocs(r.ctx, r.s.st, items)
	if err != nil {
		return nil, err
	}
	counts := map[string]float64{}
	for _, d := range docs {
		if d.Quality == nil {
			continue
		}
		for _, m := range d.Quality.Missing {
			counts[m]++
		}
	}
	var rows []store.AggRow
	for _, kind := range model.SectionKinds {
		if counts[kind] > 0 {
			rows = append(rows, store.AggRow{Keys: []string{kind}, Value: counts[kind]})
			delete(counts, kind)
		}
	}
	for kind, n := range counts {
		rows = append(rows, store.AggRow{Keys: []string{kind}, Value: n})
	}
	sortRows(rows)
	return rows, nil
}

// SimilarByOverlap ranks postmortems by the Jaccard overlap of their
// member themes, services and team with doc's, among the postmortems
// sharing at least one of doc's member themes or services.
func SimilarByOverlap(ctx context.Context, st store.Store, doc *model.Postmortem, n int) ([]SimilarDoc, error) {
	feats := func(team string, themes, services []string) map[string]bool {
		m := map[string]bool{}
		for _, t := range themes {
			m["theme:"+t] = true
		}
		for _, s := range services {
			m["service:"+s] = true
		}
		if team != "" {
			m["team:"+team] = true
		}
		return m
	}
	var themes []string
	for _, t := range doc.Themes {
		if t.Member {
			themes = append(themes, t.Label)
		}
	}
	mine := feats(doc.Team, themes, doc.Services)
	seen := map[string]bool{doc.ID: true}
	var cands []store.Summary
	for _, f := range []store.Filter{{Themes: themes}, {Services: doc.Services}} {
		if len(f.Themes) == 0 && len(f.Services) == 0 {
			continue
		}
		items, _, err := st.List(ctx, store.ListQuery{Filter: f, Sort: "date", Limit: 300})
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if !seen[it.ID] {
				seen[it.ID] = true
				cands = append(cands, it)
			}
		}
	}
	var out []SimilarDoc
	for _, c := range cands {
		theirs := feats(c.Team, c.Themes, c.Services)
		inter, union := 0, len(mine)
		var shared []string
		for k := range theirs {
			if mine[k] {
				inter++
				shared = append(shared, k)
			} else {
				union++
			}
		}
		if inter == 0 || union == 0 {
			continue
		}
		sort.Strings(shared)
		out = append(out, SimilarDoc{Summary: c, Score: math.Round(float64(inter)/float64(union)*100) / 100, Shared: shared})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// facets are the values the filter bar offers.
type facets struct {
	Teams      []string `json:"teams"`
	Severities []string `json:"severities"`
	Services   []string `json:"services"`
	Themes     []string `json:"themes"`
	Quarters   []string `json:"quarters"`
}

// facetCache keeps the filter bar's values for a short while: they come
// from five unfiltered aggregates that would otherwise run on every page.
type facetCache struct {
	s   *Server
	ttl time.Duration

	mu   sync.Mutex
	at   time.Time
	vals facets
}

func (fc *facetCache) get(ctx context.Context) (facets, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if !fc.at.IsZero() && time.Since(fc.at) < fc.ttl {
		return fc.vals, nil
	}
	var f facets
	for _, d := range []struct {
		dim store.Dimension
		dst *[]string
	}{{store.DimTeam, &f.Teams}, {store.DimSeverity, &f.Severities}, {store.DimService, &f.Services},
		{store.DimTheme, &f.Themes}, {store.DimQuarter, &f.Quarters}} {
		rows, err := fc.s.st.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{d.dim}})
		if err != nil {
			return facets{}, err
		}
		vals := []string{}
		noTeam := false
		for _, r := range rows {
			switch {
			case len(r.Keys) == 0:
			case r.Keys[0] != "":
				vals = append(vals, r.Keys[0])
			case d.dim == store.DimTeam:
				noTeam = true
			}
		}
		sort.Strings(vals)
		if noTeam {
			// Offered last, so that team=(no team) selects them.
			vals = append(vals, model.NoTeam)
		}
		*d.dst = vals
	}
	if len(f.Quarters) > 0 {
		// Newest quarter first in the picker.
		sort.Sort(sort.Reverse(sort.StringSlice(f.Quarters)))
	}
	fc.vals, fc.at = f, time.Now()
	return f, nil
}

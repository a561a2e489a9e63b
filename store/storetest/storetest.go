// Package storetest is the conformance suite every store.Store backend runs:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t) })
//	}
//
// open must return an empty, migrated store that the suite may close. A
// backend that lacks a capability declares it with Lacks; the suite skips
// only the tests that need it and says why.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Capability is an optional guarantee beyond the store.Store contract.
type Capability string

// Capabilities a backend may lack.
const (
	// BatchAtomic: a failed Put leaves every document of the batch at its
	// old version (the contract only requires each document on its own to
	// be either old or new).
	BatchAtomic Capability = "batch-atomic"
	// SnapshotReads: the several queries behind one List or
	// SearchSentences call read one snapshot, so the total agrees with the
	// page even while Puts commit. Without it, each returned row is still
	// whole and current, but the total may be computed a moment apart.
	SnapshotReads Capability = "snapshot-reads"
)

// Option configures Run.
type Option func(*config)

type config struct {
	lacks map[Capability]string
}

// Lacks declares that the backend does not have capability c, for reason.
func Lacks(c Capability, reason string) Option {
	return func(cfg *config) { cfg.lacks[c] = reason }
}

// Run runs the conformance suite. open returns a fresh, empty, migrated
// store for one subtest.
func Run(t *testing.T, open func(t *testing.T) store.Store, opts ...Option) {
	cfg := &config{lacks: map[Capability]string{}}
	for _, o := range opts {
		o(cfg)
	}
	fresh := func(t *testing.T) store.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
	loaded := func(t *testing.T) store.Store {
		t.Helper()
		s := fresh(t)
		mustPut(t, s, Corpus()...)
		return s
	}
	t.Run("Empty", func(t *testing.T) { testEmpty(t, fresh(t)) })
	t.Run("MigrateTwice", func(t *testing.T) {
		s := fresh(t)
		for i := 0; i < 2; i++ {
			if err := s.Migrate(context.Background()); err != nil {
				t.Fatalf("Migrate #%d: %v", i+1, err)
			}
		}
	})
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, fresh(t)) })
	t.Run("DuplicateServices", func(t *testing.T) {
		s := fresh(t)
		p := &model.Postmortem{ID: "dup", Version: "1", Services: []string{"api", "db", "api"}}
		mustPut(t, s, p)
		if got := get(t, s, "dup").Services; !reflect.DeepEqual(got, []string{"api", "db"}) {
			t.Errorf("Services stored as %v, want [api db]", got)
		}
		rows := agg(t, s, store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimService}})
		if want := []store.AggRow{r(1, "api"), r(1, "db")}; !aggEqual(rows, want) {
			t.Errorf("postmortems by service = %v, want %v", rows, want)
		}
	})
	t.Run("Idempotent", func(t *testing.T) { testIdempotent(t, fresh(t)) })
	t.Run("Replace", func(t *testing.T) { testReplace(t, loaded(t)) })
	t.Run("DuplicateIDsInOnePut", func(t *testing.T) { testDuplicateInBatch(t, fresh(t)) })
	t.Run("List", func(t *testing.T) { testList(t, loaded(t)) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, loaded(t)) })
	t.Run("Aggregate", func(t *testing.T) { testAggregate(t, loaded(t)) })
	t.Run("AggregateUnsupported", func(t *testing.T) { testAggregateUnsupported(t, loaded(t)) })
	t.Run("Search", func(t *testing.T) { testSearch(t, loaded(t)) })
	t.Run("ActionItems", func(t *testing.T) { testActionItems(t, loaded(t)) })
	t.Run("Scan", func(t *testing.T) { testScan(t, fresh(t)) })
	t.Run("Stats", func(t *testing.T) {
		want := store.Stats{Postmortems: 5, Teams: 2, Sentences: 12, Findings: 8, ActionItems: 4, TimelineEvents: 4}
		if got := stats(t, loaded(t)); got != want {
			t.Errorf("Stats = %+v, want %+v", got, want)
		}
	})
	t.Run("ConcurrentPuts", func(t *testing.T) { testConcurrent(t, fresh(t)) })
	t.Run("ConsistentReads", func(t *testing.T) { testConsistentReads(t, loaded(t), cfg) })
	t.Run("InvalidPut", func(t *testing.T) { testInvalidPut(t, loaded(t)) })
	t.Run("CancelledPut", func(t *testing.T) { testCancelledPut(t, loaded(t), cfg) })
}

func mustPut(t *testing.T, s store.Store, docs ...*model.Postmortem) {
	t.Helper()
	if err := s.Put(context.Background(), docs); err != nil {
		t.Fatalf("Put: %v", err)
	}
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func get(t *testing.T, s store.Store, id string) *model.Postmortem {
	t.Helper()
	p, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return p
}

// Normalize maps a postmortem to the shape a store returns: times in UTC
// at one-second precision, empty slices as nil. It copies p.
func Normalize(p *model.Postmortem) *model.Postmortem {
	b, err := json.Marshal(p)
	if err != nil {
		panic(err)
	}
	var c model.Postmortem
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	nt := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		u := t.UTC().Truncate(time.Second)
		return &u
	}
	c.Date, c.StartedAt, c.DetectedAt, c.ResolvedAt = nt(c.Date), nt(c.StartedAt), nt(c.DetectedAt), nt(c.ResolvedAt)
	for i := range c.Timeline {
		c.Timeline[i].At = nt(c.Timeline[i].At)
	}
	c.Services = nilIfEmpty(c.Services)
	c.Authors = nilIfEmpty(c.Authors)
	c.Warnings = nilIfEmpty(c.Warnings)
	c.Sections = nilIfEmpty(c.Sections)
	c.Timeline = nilIfEmpty(c.Timeline)
	c.ActionItems = nilIfEmpty(c.ActionItems)
	c.Sentences = nilIfEmpty(c.Sentences)
	c.Findings = nilIfEmpty(c.Findings)
	c.Themes = nilIfEmpty(c.Themes)
	if c.Quality != nil {
		c.Quality.Reasons = nilIfEmpty(c.Quality.Reasons)
		c.Quality.Missing = nilIfEmpty(c.Quality.Missing)
	}
	return &c
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// sameDoc fails t when got and want differ after Normalize.
func sameDoc(t *testing.T, got, want *model.Postmortem) {
	t.Helper()
	g, w := Normalize(got), Normalize(want)
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(g, "", " ")
		wb, _ := json.MarshalIndent(w, "", " ")
		t.Errorf("Get(%s) differs from what was Put:\n got: %s\nwant: %s", want.ID, gb, wb)
	}
}

func testEmpty(t *testing.T, s store.Store) {
	ctx := context.Background()
	if st := stats(t, s); st != (store.Stats{}) {
		t.Errorf("Stats of an empty store = %+v", st)
	}
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(missing) error = %v, want ErrNotFound", err)
	}
	l, n, err := s.List(ctx, store.ListQuery{})
	if err != nil || n != 0 || len(l) != 0 {
		t.Errorf("List on empty store = %v, %d, %v", l, n, err)
	}
	rows, err := s.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasurePostmortems})
	if err != nil || !reflect.DeepEqual(rows, []store.AggRow{{Keys: []string{}, Value: 0}}) {
		t.Errorf("Aggregate(count) on empty store = %v, %v; want one row with 0", rows, err)
	}
	rows, err = s.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasureScore, GroupBy: []store.Dimension{store.DimTeam}})
	if err != nil || len(rows) != 0 {
		t.Errorf("Aggregate(score by team) on empty store = %v, %v; want no rows", rows, err)
	}
	hits, n, err := s.SearchSentences(ctx, store.SentenceQuery{})
	if err != nil || n != 0 || len(hits) != 0 {
		t.Errorf("SearchSentences on empty store = %v, %d, %v", hits, n, err)
	}
	items, err := s.ActionItems(ctx, store.Filter{})
	if err != nil || len(items) != 0 {
		t.Errorf("ActionItems on empty store = %v, %v", items, err)
	}
	if err := s.Put(ctx, nil); err != nil {
		t.Errorf("Put(nil) = %v", err)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	full := Full()
	// A non-UTC, sub-second time comes back in UTC, truncated to seconds.
	loc := time.FixedZone("X", 5*3600+1800)
	started := full.StartedAt.In(loc).Add(300 * time.Millisecond)
	full.StartedAt = &started
	minimal := &model.Postmortem{ID: "pm-min", Version: "1", Title: ""}
	mustPut(t, s, full, minimal)
	got := get(t, s, full.ID)
	if got.StartedAt == nil || got.StartedAt.Location() != time.UTC {
		t.Errorf("StartedAt = %v, want a UTC time", got.StartedAt)
	}
	sameDoc(t, got, full)
	sameDoc(t, get(t, s, minimal.ID), minimal)
	// The stored document is a copy: changing the caller's value after Put
	// changes nothing.
	full.Title = "changed after Put"
	if got := get(t, s, full.ID); got.Title == full.Title {
		t.Errorf("store kept a reference to the caller's postmortem")
	}
}

// snapshot is everything the reads return for the corpus.
func snapshot(t *testing.T, s store.Store) string {
	t.Helper()
	ctx := context.Background()
	out := map[string]any{"stats": stats(t, s)}
	l, n, err := s.List(ctx, store.ListQuery{Limit: 100})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	out["list"], out["total"] = l, n
	for _, m := range []store.Measure{store.MeasurePostmortems, store.MeasureSentences, store.MeasureFindings, store.MeasureThemeWeight} {
		rows, err := s.Aggregate(ctx, store.AggregateQuery{Measure: m, GroupBy: []store.Dimension{store.DimTheme, store.DimTeam}})
		if err != nil {
			t.Fatalf("Aggregate(%s): %v", m, err)
		}
		out[string(m)] = rows
	}
	for name, q := range map[string]store.AggregateQuery{
		"findings by kind, label": {Measure: store.MeasureFindings, GroupBy: []store.Dimension{store.DimKind, store.DimLabel}},
		"blame by quarter":        {Measure: store.MeasureFindings, FindingKinds: []string{model.KindBlame}, GroupBy: []store.Dimension{store.DimQuarter}},
		"duration p50 by service": {Measure: store.MeasureDurationQuantile, Quantile: 0.5, GroupBy: []store.Dimension{store.DimService}},
	} {
		out[name] = agg(t, s, q)
	}
	hits, _, err := s.SearchSentences(ctx, store.SentenceQuery{Limit: 100})
	if err != nil {
		t.Fatalf("SearchSentences: %v", err)
	}
	out["hits"] = hits
	for _, k := range []string{model.KindBlame, model.KindAssumption} {
		hits, _, err := s.SearchSentences(ctx, store.SentenceQuery{Kinds: []string{k}, Limit: 100})
		if err != nil {
			t.Fatalf("SearchSentences: %v", err)
		}
		out["hits "+k] = hits
	}
	items, err := s.ActionItems(ctx, store.Filter{})
	if err != nil {
		t.Fatalf("ActionItems: %v", err)
	}
	out["items"] = items
	var docs []*model.Postmortem
	for _, x := range l {
		docs = append(docs, Normalize(get(t, s, x.ID)))
	}
	out["docs"] = docs
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testIdempotent(t *testing.T, s store.Store) {
	mustPut(t, s, Corpus()...)
	first := snapshot(t, s)
	for i := 0; i < 2; i++ {
		mustPut(t, s, Corpus()...)
		// One document at a time, too.
		for _, p := range Corpus() {
			mustPut(t, s, p)
		}
		if again := snapshot(t, s); again != first {
			t.Fatalf("re-ingest #%d changed what reads return:\nbefore: %s\nafter: %s", i+2, first, again)
		}
	}
}

func testReplace(t *testing.T, s store.Store) {
	a := Corpus()[0]
	a2 := revisedA()
	mustPut(t, s, a2)
	sameDoc(t, get(t, s, "pm-a"), a2)
	want := store.Stats{Postmortems: 5, Teams: 3, Sentences: 12 - 4 + 2, Findings: 8 - 3 + 1, ActionItems: 4 - 2, TimelineEvents: 4 - 3 + 1}
	if got := stats(t, s); got != want {
		t.Errorf("Stats after replacing pm-a = %+v, want %+v", got, want)
	}
	// Old values must be gone from every read.
	rows := agg(t, s, store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimTeam}})
	wantRows := []store.AggRow{{Keys: []string{""}, Value: 1}, {Keys: []string{"payments"}, Value: 1}, {Keys: []string{"platform"}, Value: 1}, {Keys: []string{"search"}, Value: 2}}
	if !reflect.DeepEqual(rows, wantRows) {
		t.Errorf("postmortems by team after replace = %v, want %v", rows, wantRows)
	}
	rows = agg(t, s, store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: []store.Dimension{store.DimKind}})
	if want := []store.AggRow{r(2, "assumption"), r(2, "blame"), r(2, "theme")}; !aggEqual(rows, want) {
		t.Errorf("findings by kind after replace = %v, want %v", rows, want)
	}
	hits, _, err := s.SearchSentences(context.Background(), store.SentenceQuery{Kinds: []string{model.KindBlame}})
	if err != nil || len(hits) != 2 {
		t.Errorf("blame sentences after replace: %d, %v; want 2 (pm-b, pm-e)", len(hits), err)
	}
	ids := listIDs(t, s, store.ListQuery{Filter: store.Filter{Teams: []string{"payments"}}})
	if !reflect.DeepEqual(ids, []string{"pm-b"}) {
		t.Errorf("payments postmortems after pm-a moved to platform = %v", ids)
	}
	_, n, err := s.SearchSentences(context.Background(), store.SentenceQuery{Text: "assumed retries"})
	if err != nil || n != 0 {
		t.Errorf("search for a sentence only the old version had: %d hits, %v", n, err)
	}
	// Going back to the first version restores it exactly.
	mustPut(t, s, a)
	sameDoc(t, get(t, s, "pm-a"), a)
	if got, want := stats(t, s), (store.Stats{Postmortems: 5, Teams: 2, Sentences: 12, Findings: 8, ActionItems: 4, TimelineEvents: 4}); got != want {
		t.Errorf("Stats after restoring pm-a = %+v, want %+v", got, want)
	}
}

func testDuplicateInBatch(t *testing.T, s store.Store) {
	a := Corpus()[0]
	b := Corpus()[0]
	b.Version = "later"
	b.Title = "the later one wins"
	mustPut(t, s, a, b)
	if got := get(t, s, "pm-a"); got.Version != "later" || got.Title != b.Title {
		t.Errorf("Put of two versions of one ID in one call kept %q (%q), want the later", got.Version, got.Title)
	}
	if st := stats(t, s); st.Postmortems != 1 || st.Sentences != 4 {
		t.Errorf("Stats = %+v, want 1 postmortem with 4 sentences", st)
	}
}

func listIDs(t *testing.T, s store.Store, q store.ListQuery) []string {
	t.Helper()
	l, total, err := s.List(context.Background(), q)
	if err != nil {
		t.Fatalf("List(%+v): %v", q, err)
	}
	ids := []string{}
	for _, x := range l {
		ids = append(ids, x.ID)
	}
	if q.Limit == 0 && q.Offset == 0 && total != len(ids) {
		t.Errorf("List(%+v) total %d but %d rows", q, total, len(ids))
	}
	return ids
}

func testList(t *testing.T, s store.Store) {
	for _, tc := range []struct {
		sort string
		want []string
	}{
		{"", []string{"pm-c", "pm-b", "pm-a", "pm-e", "pm-d"}},
		{"date", []string{"pm-c", "pm-b", "pm-a", "pm-e", "pm-d"}},
		{"score", []string{"pm-c", "pm-a", "pm-b", "pm-e", "pm-d"}},
		{"-score", []string{"pm-e", "pm-b", "pm-a", "pm-c", "pm-d"}},
		{"title", []string{"pm-e", "pm-d", "pm-b", "pm-c", "pm-a"}},
		{"team", []string{"pm-e", "pm-b", "pm-a", "pm-c", "pm-d"}},
		{"blame", []string{"pm-a", "pm-b", "pm-e", "pm-c", "pm-d"}},
	} {
		if got := listIDs(t, s, store.ListQuery{Sort: tc.sort}); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("List sort %q = %v, want %v", tc.sort, got, tc.want)
		}
	}
	l, total, err := s.List(context.Background(), store.ListQuery{Limit: 2, Offset: 1})
	if err != nil || total != 5 || len(l) != 2 || l[0].ID != "pm-b" || l[1].ID != "pm-a" {
		t.Errorf("List page (limit 2, offset 1) = %v, total %d, %v; want pm-b, pm-a of 5", l, total, err)
	}
	l, total, err = s.List(context.Background(), store.ListQuery{Offset: 10})
	if err != nil || total != 5 || len(l) != 0 {
		t.Errorf("List past the end = %v, total %d, %v", l, total, err)
	}
	if _, _, err := s.List(context.Background(), store.ListQuery{Sort: "bogus; DROP TABLE postmortems"}); !errors.Is(err, store.ErrUnsupported) {
		t.Errorf("List with an unknown sort: error %v, want ErrUnsupported", err)
	}
	// Summary fields.
	l, _, err = s.List(context.Background(), store.ListQuery{Filter: store.Filter{IDs: []string{"pm-a"}}})
	if err != nil || len(l) != 1 {
		t.Fatalf("List pm-a: %v, %v", l, err)
	}
	want := store.Summary{ID: "pm-a", Title: "Queue backlog", Team: "payments", Severity: "SEV1",
		Services: []string{"api", "db"}, Date: day(2025, 7, 3), DurationMinutes: 90, Score: 60,
		Sentences: 4, Blame: 2, Assumptions: 1, Themes: []string{"change", "data"}, Path: "postmortems/pm-a.md"}
	if got := l[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("Summary of pm-a = %+v, want %+v", got, want)
	}
	// Summary.Themes lists member themes only.
	l, _, err = s.List(context.Background(), store.ListQuery{Filter: store.Filter{IDs: []string{"pm-b"}}})
	if err != nil || len(l) != 1 || !reflect.DeepEqual(l[0].Themes, []string{"change"}) {
		t.Errorf("List pm-b: %+v, %v; want themes [change] (capacity is no member)", l, err)
	}
}

func testFilters(t *testing.T, s store.Store) {
	for _, tc := range []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"zero", store.Filter{}, []string{"pm-a", "pm-b", "pm-c", "pm-d", "pm-e"}},
		{"team", store.Filter{Teams: []string{"payments"}}, []string{"pm-a", "pm-b"}},
		{"teams OR", store.Filter{Teams: []string{"search", ""}}, []string{"pm-c", "pm-d", "pm-e"}},
		{"severity", store.Filter{Severities: []string{"SEV1"}}, []string{"pm-a", "pm-c"}},
		{"service", store.Filter{Services: []string{"db"}}, []string{"pm-a", "pm-e"}},
		{"services OR", store.Filter{Services: []string{"index", "api"}}, []string{"pm-a", "pm-b", "pm-c"}},
		{"theme", store.Filter{Themes: []string{"change"}}, []string{"pm-a", "pm-b"}},
		{"themes OR", store.Filter{Themes: []string{"capacity", "data"}}, []string{"pm-a", "pm-c", "pm-e"}},
		{"theme: members only", store.Filter{Themes: []string{"capacity"}}, []string{"pm-c"}},
		{"from", store.Filter{From: *day(2025, 8, 15)}, []string{"pm-b", "pm-c"}},
		{"to (exclusive)", store.Filter{To: *day(2025, 8, 15)}, []string{"pm-a", "pm-e"}},
		{"from-to", store.Filter{From: *day(2025, 1, 1), To: *day(2025, 12, 31)}, []string{"pm-a", "pm-b", "pm-c"}},
		{"from in another zone", store.Filter{From: time.Date(2025, 8, 15, 2, 0, 0, 0, time.FixedZone("E", 3*3600))}, []string{"pm-b", "pm-c"}},
		{"ids", store.Filter{IDs: []string{"pm-d", "pm-x"}}, []string{"pm-d"}},
		{"AND of fields", store.Filter{Teams: []string{"payments"}, Severities: []string{"SEV2"}, Services: []string{"api"}}, []string{"pm-b"}},
		{"no match", store.Filter{Teams: []string{"payments"}, Themes: []string{"capacity"}}, []string{}},
		{"injection", store.Filter{Teams: []string{"x' OR '1'='1"}, Services: []string{"'])--"}}, []string{}},
	} {
		got := listIDs(t, s, store.ListQuery{Filter: tc.f, Sort: "title"})
		sort.Strings(got)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("filter %s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func agg(t *testing.T, s store.Store, q store.AggregateQuery) []store.AggRow {
	t.Helper()
	rows, err := s.Aggregate(context.Background(), q)
	if err != nil {
		t.Fatalf("Aggregate(%+v): %v", q, err)
	}
	return rows
}

// r builds an AggRow: keys..., value.
func r(v float64, keys ...string) store.AggRow {
	if keys == nil {
		keys = []string{}
	}
	return store.AggRow{Keys: keys, Value: v}
}

func testAggregate(t *testing.T, s store.Store) {
	D := func(d ...store.Dimension) []store.Dimension { return d }
	for _, tc := range []struct {
		name string
		q    store.AggregateQuery
		want []store.AggRow
	}{
		{"count", store.AggregateQuery{Measure: store.MeasurePostmortems}, []store.AggRow{r(5)}},
		{"count by team", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimTeam)},
			[]store.AggRow{r(1, ""), r(2, "payments"), r(2, "search")}},
		{"count by quarter", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimQuarter)},
			[]store.AggRow{r(1, "2024-Q4"), r(2, "2025-Q3"), r(1, "2025-Q4")}},
		{"count by month", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimMonth)},
			[]store.AggRow{r(1, "2024-12"), r(1, "2025-07"), r(1, "2025-08"), r(1, "2025-10")}},
		{"count by week", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimWeek)},
			[]store.AggRow{r(1, "2024-12-30"), r(1, "2025-06-30"), r(1, "2025-08-11"), r(1, "2025-09-29")}},
		{"count by severity", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimSeverity)},
			[]store.AggRow{r(1, ""), r(2, "SEV1"), r(1, "SEV2"), r(1, "SEV3")}},
		{"count by service", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimService)},
			[]store.AggRow{r(2, "api"), r(2, "db"), r(1, "index")}},
		{"count by theme", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimTheme)},
			[]store.AggRow{r(1, "capacity"), r(2, "change"), r(2, "data")}},
		{"count by theme, team: members only", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimTheme, store.DimTeam)},
			[]store.AggRow{r(1, "capacity", "search"), r(2, "change", "payments"), r(1, "data", ""), r(1, "data", "payments")}},
		{"count by theme filtered by a non-member theme", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimTheme), Filter: store.Filter{Teams: []string{"payments"}, Themes: []string{"capacity"}}},
			[]store.AggRow{}},
		{"count by team, quarter", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimTeam, store.DimQuarter)},
			[]store.AggRow{r(1, "", "2024-Q4"), r(2, "payments", "2025-Q3"), r(1, "search", "2025-Q4")}},
		{"count filtered", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimService), Filter: store.Filter{Teams: []string{"payments"}}},
			[]store.AggRow{r(2, "api"), r(1, "db")}},
		{"sentences by team", store.AggregateQuery{Measure: store.MeasureSentences, GroupBy: D(store.DimTeam)},
			[]store.AggRow{r(2, ""), r(7, "payments"), r(3, "search")}},
		{"sentences by service", store.AggregateQuery{Measure: store.MeasureSentences, GroupBy: D(store.DimService)},
			[]store.AggRow{r(7, "api"), r(6, "db"), r(2, "index")}},
		{"findings", store.AggregateQuery{Measure: store.MeasureFindings}, []store.AggRow{r(8)}},
		{"findings by kind", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimKind)},
			[]store.AggRow{r(3, "assumption"), r(4, "blame"), r(1, "theme")}},
		{"findings by kind, label", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimKind, store.DimLabel)},
			[]store.AggRow{r(2, "assumption", "belief"), r(1, "assumption", "surprise"), r(1, "blame", "counterfactual"), r(3, "blame", "human-error"), r(1, "theme", "change")}},
		{"findings by rule", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimRule), FindingKinds: []string{"blame"}},
			[]store.AggRow{r(1, "blame-counterfactual"), r(3, "blame-human-error")}},
		{"blame by team", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimTeam), FindingKinds: []string{"blame"}},
			[]store.AggRow{r(1, ""), r(3, "payments")}},
		{"blame and assumptions by team", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimTeam), FindingKinds: []string{"assumption", "blame"}},
			[]store.AggRow{r(1, ""), r(4, "payments"), r(2, "search")}},
		{"theme findings by team", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimTeam), FindingKinds: []string{"theme"}},
			[]store.AggRow{r(1, "payments")}},
		{"findings in an empty selection", store.AggregateQuery{Measure: store.MeasureFindings, FindingKinds: []string{"blame"}, Filter: store.Filter{Teams: []string{"nobody"}}},
			[]store.AggRow{r(0)}},
		{"findings by label filter", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimQuarter), FindingLabels: []string{"human-error", "surprise"}},
			[]store.AggRow{r(1, "2024-Q4"), r(2, "2025-Q3"), r(1, "2025-Q4")}},
		{"findings by kind and label filter", store.AggregateQuery{Measure: store.MeasureFindings, FindingKinds: []string{"assumption"}, FindingLabels: []string{"human-error", "surprise"}},
			[]store.AggRow{r(1)}},
		{"findings by service, theme", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimService, store.DimTheme)},
			[]store.AggRow{r(5, "api", "change"), r(3, "api", "data"), r(3, "db", "change"), r(4, "db", "data"), r(2, "index", "capacity")}},
		{"findings by month, severity", store.AggregateQuery{Measure: store.MeasureFindings, GroupBy: D(store.DimMonth, store.DimSeverity)},
			[]store.AggRow{r(1, "2024-12", ""), r(3, "2025-07", "SEV1"), r(2, "2025-08", "SEV2"), r(2, "2025-10", "SEV1")}},
		{"score", store.AggregateQuery{Measure: store.MeasureScore}, []store.AggRow{r(70)}},
		{"score by team", store.AggregateQuery{Measure: store.MeasureScore, GroupBy: D(store.DimTeam)},
			[]store.AggRow{r(100, ""), r(70, "payments"), r(40, "search")}},
		{"score median", store.AggregateQuery{Measure: store.MeasureScoreQuantile, Quantile: 0.5}, []store.AggRow{r(70)}},
		{"score p25", store.AggregateQuery{Measure: store.MeasureScoreQuantile, Quantile: 0.25}, []store.AggRow{r(55)}},
		{"score p0", store.AggregateQuery{Measure: store.MeasureScoreQuantile, Quantile: 0}, []store.AggRow{r(40)}},
		{"score p100", store.AggregateQuery{Measure: store.MeasureScoreQuantile, Quantile: 1}, []store.AggRow{r(100)}},
		{"duration median", store.AggregateQuery{Measure: store.MeasureDurationQuantile, Quantile: 0.5}, []store.AggRow{r(60)}},
		{"duration p90 by team", store.AggregateQuery{Measure: store.MeasureDurationQuantile, Quantile: 0.9, GroupBy: D(store.DimTeam)},
			[]store.AggRow{r(10, ""), r(84, "payments"), r(120, "search")}},
		{"duration by quarter skips unknown", store.AggregateQuery{Measure: store.MeasureDurationQuantile, Quantile: 0.5, GroupBy: D(store.DimQuarter)},
			[]store.AggRow{r(10, "2024-Q4"), r(60, "2025-Q3")}},
		{"theme weight (members or not)", store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: D(store.DimTheme)},
			[]store.AggRow{r(1.125, "capacity"), r(0.75, "change"), r(0.75, "data")}},
		{"theme weight by team", store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: D(store.DimTeam, store.DimTheme)},
			[]store.AggRow{r(0.5, "", "data"), r(0.125, "payments", "capacity"), r(0.75, "payments", "change"), r(0.25, "payments", "data"), r(1, "search", "capacity")}},
		{"theme weight filtered by theme", store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: D(store.DimTheme), Filter: store.Filter{Themes: []string{"capacity", "data"}}},
			[]store.AggRow{r(1, "capacity"), r(0.5, "change"), r(0.75, "data")}},
		{"limit keeps top values", store.AggregateQuery{Measure: store.MeasureThemeWeight, GroupBy: D(store.DimTheme), Limit: 2},
			[]store.AggRow{r(1.125, "capacity"), r(0.75, "change")}},
		{"limit with ties", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimService), Limit: 5},
			[]store.AggRow{r(2, "api"), r(2, "db"), r(1, "index")}},
		{"filter by date", store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: D(store.DimTeam), Filter: store.Filter{From: *day(2025, 1, 1)}},
			[]store.AggRow{r(2, "payments"), r(1, "search")}},
		{"no match", store.AggregateQuery{Measure: store.MeasureScore, GroupBy: D(store.DimTeam), Filter: store.Filter{Teams: []string{"nobody"}}},
			[]store.AggRow{}},
	} {
		got := agg(t, s, tc.q)
		if !aggEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func aggEqual(a, b []store.AggRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !reflect.DeepEqual(a[i].Keys, b[i].Keys) {
			return false
		}
		if d := a[i].Value - b[i].Value; d > 1e-9 || d < -1e-9 {
			return false
		}
	}
	return true
}

func testAggregateUnsupported(t *testing.T, s store.Store) {
	for _, q := range []store.AggregateQuery{
		{Measure: "bogus"},
		{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{"bogus"}},
		{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimKind}},
		{Measure: store.MeasureScore, GroupBy: []store.Dimension{store.DimLabel}},
		{Measure: store.MeasureThemeWeight, GroupBy: []store.Dimension{store.DimTeam}},
		{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimTeam, store.DimTeam}},
		{Measure: store.MeasureScoreQuantile, Quantile: 1.5},
		{Measure: store.MeasureDurationQuantile, Quantile: -0.1},
	} {
		if _, err := s.Aggregate(context.Background(), q); !errors.Is(err, store.ErrUnsupported) {
			t.Errorf("Aggregate(%+v) error = %v, want ErrUnsupported", q, err)
		}
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	type hit struct {
		ID    string
		Index int
	}
	run := func(q store.SentenceQuery) ([]hit, int, []store.SentenceHit) {
		t.Helper()
		hits, total, err := s.SearchSentences(ctx, q)
		if err != nil {
			t.Fatalf("SearchSentences(%+v): %v", q, err)
		}
		out := []hit{}
		for _, h := range hits {
			out = append(out, hit{h.PostmortemID, h.Index})
		}
		return out, total, hits
	}
	for _, tc := range []struct {
		name  string
		q     store.SentenceQuery
		want  []hit
		total int
	}{
		{"text, case-insensitive", store.SentenceQuery{Text: "rollback"}, []hit{{"pm-b", 1}, {"pm-a", 3}}, 2},
		{"text with SQL wildcard", store.SentenceQuery{Text: "%"}, []hit{}, 0},
		{"text with quote", store.SentenceQuery{Text: "'"}, []hit{}, 0},
		{"kind", store.SentenceQuery{Kinds: []string{"blame"}}, []hit{{"pm-b", 1}, {"pm-a", 0}, {"pm-e", 1}}, 3},
		{"label", store.SentenceQuery{Labels: []string{"belief"}}, []hit{{"pm-c", 0}, {"pm-a", 2}}, 2},
		{"kind and label on one finding", store.SentenceQuery{Kinds: []string{"blame"}, Labels: []string{"belief"}}, []hit{}, 0},
		{"text and kind", store.SentenceQuery{Text: "the", Kinds: []string{"theme", "assumption"}}, []hit{{"pm-c", 0}}, 1},
		{"filter", store.SentenceQuery{Filter: store.Filter{Teams: []string{"search"}}}, []hit{{"pm-c", 0}, {"pm-c", 1}, {"pm-d", 0}}, 3},
		{"page", store.SentenceQuery{Limit: 2, Offset: 3}, []hit{{"pm-b", 1}, {"pm-b", 2}}, 12},
		{"page past the end", store.SentenceQuery{Offset: 12}, []hit{}, 12},
		{"whole words", store.SentenceQuery{Text: "THE QUEUE BACKED UP"}, []hit{{"pm-a", 1}}, 1},
		{"whole word missing", store.SentenceQuery{Text: "the queue backed down"}, []hit{}, 0},
		{"capped total", store.SentenceQuery{Limit: 2, Offset: 3, MaxTotal: 5}, []hit{{"pm-b", 1}, {"pm-b", 2}}, 5},
		{"page past the cap", store.SentenceQuery{Limit: 2, Offset: 6, MaxTotal: 5}, []hit{{"pm-a", 1}, {"pm-a", 2}}, 5},
		{"page past the end, capped", store.SentenceQuery{Offset: 20, MaxTotal: 5}, []hit{}, 5},
		{"cap above the total", store.SentenceQuery{Text: "rollback", MaxTotal: 5}, []hit{{"pm-b", 1}, {"pm-a", 3}}, 2},
		{"capped kind", store.SentenceQuery{Kinds: []string{"blame"}, MaxTotal: 1}, []hit{{"pm-b", 1}, {"pm-a", 0}, {"pm-e", 1}}, 1},
	} {
		got, total, _ := run(tc.q)
		if !reflect.DeepEqual(got, tc.want) || total != tc.total {
			t.Errorf("%s: got %v (total %d), want %v (total %d)", tc.name, got, total, tc.want, tc.total)
		}
	}
	if _, _, err := s.SearchSentences(ctx, store.SentenceQuery{MaxTotal: -1}); !errors.Is(err, store.ErrUnsupported) {
		t.Errorf("SearchSentences with MaxTotal -1: error %v, want ErrUnsupported", err)
	}
	// A hit carries its postmortem's context and all its sentence's findings.
	_, _, hits := run(store.SentenceQuery{Text: "bob pushed"})
	if len(hits) != 1 {
		t.Fatalf("search 'bob pushed': %v", hits)
	}
	a := Corpus()[0]
	want := store.SentenceHit{PostmortemID: "pm-a", Title: a.Title, Team: a.Team, Date: a.Date, Index: 0,
		Section: model.SectionSummary, Text: a.Sentences[0].Text, Findings: a.Findings[:2]}
	if !reflect.DeepEqual(hits[0], want) {
		t.Errorf("hit = %+v, want %+v", hits[0], want)
	}
}

func testActionItems(t *testing.T, s store.Store) {
	items, err := s.ActionItems(context.Background(), store.Filter{Teams: []string{"payments"}})
	if err != nil {
		t.Fatal(err)
	}
	a, b := Corpus()[0], Corpus()[1]
	want := []store.ActionItemRow{
		{PostmortemID: "pm-b", Title: b.Title, Team: "payments", Date: b.Date, ActionItem: b.ActionItems[0]},
		{PostmortemID: "pm-a", Title: a.Title, Team: "payments", Date: a.Date, ActionItem: a.ActionItems[0]},
		{PostmortemID: "pm-a", Title: a.Title, Team: "payments", Date: a.Date, ActionItem: a.ActionItems[1]},
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("ActionItems(payments) = %+v, want %+v", items, want)
	}
	all, err := s.ActionItems(context.Background(), store.Filter{})
	if err != nil || len(all) != 4 || all[3].PostmortemID != "pm-d" {
		t.Errorf("ActionItems(all) = %+v, %v; want 4 with undated pm-d last", all, err)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	const workers, each = 6, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*2)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				p := Corpus()[i%5]
				p.ID = fmt.Sprintf("w%d-%d", w, i)
				// Every worker also rewrites the shared document.
				shared := Corpus()[0]
				shared.Version = fmt.Sprintf("w%d", w)
				if err := s.Put(context.Background(), []*model.Postmortem{p, shared}); err != nil {
					errs <- err
					return
				}
				if _, _, err := s.List(context.Background(), store.ListQuery{}); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Put/List: %v", err)
	}
	st := stats(t, s)
	// 30 documents cycling through the 5-doc corpus, plus pm-a once.
	want := store.Stats{Postmortems: workers*each + 1, Teams: 2, Sentences: 6*12 + 4, Findings: 6*8 + 3, ActionItems: 6*4 + 2, TimelineEvents: 6*4 + 3}
	if st != want {
		t.Errorf("Stats after concurrent Puts = %+v, want %+v", st, want)
	}
	sameDoc(t, get(t, s, "pm-a"), withVersion(Corpus()[0], get(t, s, "pm-a").Version))
}

func withVersion(p *model.Postmortem, v string) *model.Postmortem {
	p.Version = v
	return p
}

func testInvalidPut(t *testing.T, s store.Store) {
	before := snapshot(t, s)
	changed := Corpus()[0]
	changed.Version = "v2"
	changed.Title = "changed"
	for _, bad := range []*model.Postmortem{
		{ID: "", Version: "1", Title: "no id"},
		{ID: "x", Version: "", Title: "no version"},
		{ID: "y", Version: "1", Findings: []model.Finding{{Sentence: 3}}},
		nil,
	} {
		if err := s.Put(context.Background(), []*model.Postmortem{changed, bad}); err == nil {
			t.Errorf("Put with invalid document %+v returned nil", bad)
		}
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("a rejected Put changed the store:\nbefore: %s\nafter: %s", before, after)
	}
}

func testCancelledPut(t *testing.T, s store.Store, cfg *config) {
	before := snapshot(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var batch []*model.Postmortem
	for _, p := range Corpus() {
		p.Version += "-new"
		p.Title += " (new)"
		batch = append(batch, p)
	}
	if err := s.Put(ctx, batch); err == nil {
		t.Fatalf("Put with a cancelled context returned nil")
	}
	if after := snapshot(t, s); after != before {
		t.Fatalf("a Put with a cancelled context changed the store:\nbefore: %s\nafter: %s", before, after)
	}
	// Deadlines that expire while Put runs: each document stays whole, old or new.
	old := map[string]*model.Postmortem{}
	for _, p := range Corpus() {
		old[p.ID] = p
	}
	for _, d := range []time.Duration{time.Microsecond, 50 * time.Microsecond, 200 * time.Microsecond, time.Millisecond, 5 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		err := s.Put(ctx, batch)
		cancel()
		nNew := 0
		for _, p := range batch {
			got := get(t, s, p.ID)
			switch got.Version {
			case old[p.ID].Version:
				sameDoc(t, got, old[p.ID])
			case p.Version:
				nNew++
				sameDoc(t, got, p)
			default:
				t.Errorf("after an interrupted Put, %s has version %q", p.ID, got.Version)
			}
		}
		if err == nil && nNew != len(batch) {
			t.Errorf("Put returned nil but only %d of %d documents are new", nNew, len(batch))
		}
		if nNew != 0 && nNew != len(batch) {
			if reason, lacks := cfg.lacks[BatchAtomic]; lacks {
				t.Logf("interrupted Put (timeout %v) left %d of %d documents new: allowed, backend lacks %s (%s)", d, nNew, len(batch), BatchAtomic, reason)
			} else {
				t.Errorf("interrupted Put (timeout %v) left %d of %d documents new; a batch-atomic backend keeps all old or all new", d, nNew, len(batch))
			}
		}
		if err == nil { // the batch is in; restore the old documents for the next round
			mustPut(t, s, Corpus()...)
		}
	}
	st := stats(t, s)
	if st.Postmortems != 5 || st.Sentences != 12 || st.Findings != 8 {
		t.Errorf("Stats after interrupted Puts = %+v", st)
	}
}

// testConsistentReads reads a document while another goroutine keeps
// replacing it with a version of a different shape: every read must see
// one whole version.
func testConsistentReads(t *testing.T, s store.Store, cfg *config) {
	ctx := context.Background()
	v1 := Corpus()[0]
	v2 := Corpus()[2] // different sentences, findings, no action items
	v2.ID, v2.Version = v1.ID, "other-shape"
	versions := map[string]*model.Postmortem{v1.Version: v1, v2.Version: v2}
	loggedSnapshot := false
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 15; i++ {
			for _, v := range []*model.Postmortem{v2, v1} {
				if err := s.Put(ctx, []*model.Postmortem{v}); err != nil {
					t.Errorf("Put: %v", err)
					return
				}
			}
		}
	}()
	for reads := 0; ; reads++ {
		select {
		case <-done:
			if reads == 0 {
				t.Errorf("no read overlapped the writes")
			}
			return
		default:
		}
		got, err := s.Get(ctx, v1.ID)
		if err != nil {
			t.Fatalf("Get during Puts: %v", err)
		}
		want, ok := versions[got.Version]
		if !ok {
			t.Fatalf("Get returned unknown version %q", got.Version)
		}
		sameDoc(t, got, want)
		hits, total, err := s.SearchSentences(ctx, store.SentenceQuery{Filter: store.Filter{IDs: []string{v1.ID}}})
		if err != nil {
			t.Fatalf("SearchSentences during Puts: %v", err)
		}
		var texts []string
		for _, h := range hits {
			texts = append(texts, h.Text)
		}
		if !sameTexts(texts, v1) && !sameTexts(texts, v2) {
			t.Errorf("search during Puts returned %q: not the sentences of one version", texts)
		}
		if len(hits) != total {
			if reason, lacks := cfg.lacks[SnapshotReads]; lacks {
				if !loggedSnapshot {
					t.Logf("search total %d with %d hits during Puts: allowed, backend lacks %s (%s)", total, len(hits), SnapshotReads, reason)
					loggedSnapshot = true
				}
			} else {
				t.Errorf("search during Puts: %d hits but total %d", len(hits), total)
			}
		}
		if t.Failed() {
			<-done
			return
		}
	}
}

func sameTexts(texts []string, p *model.Postmortem) bool {
	if len(texts) != len(p.Sentences) {
		return false
	}
	for i, s := range p.Sentences {
		if texts[i] != s.Text {
			return false
		}
	}
	return true
}

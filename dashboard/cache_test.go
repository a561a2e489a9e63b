package dashboard

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/store"
)

// countingStore counts Aggregate calls.
type countingStore struct {
	store.Store
	aggs atomic.Int64
}

func (c *countingStore) Aggregate(ctx context.Context, q store.AggregateQuery) ([]store.AggRow, error) {
	c.aggs.Add(1)
	return c.Store.Aggregate(ctx, q)
}

func TestAggregateCache(t *testing.T) {
	cs := &countingStore{Store: fixtureStore(t, fixtures())}
	h := New(cs, Options{CacheTTL: time.Hour})
	var first, second chartResult
	getJSON(t, h, "/api/v1/charts/team-blame-density", &first)
	n := cs.aggs.Load()
	getJSON(t, h, "/api/v1/charts/team-blame-density", &second)
	if cs.aggs.Load() != n {
		t.Errorf("identical request ran %d more aggregates, want 0 (cached)", cs.aggs.Load()-n)
	}
	if len(first.Rows) == 0 || rowsOf(first.Rows)[0] != rowsOf(second.Rows)[0] || len(first.Rows) != len(second.Rows) {
		t.Errorf("cached rows differ: %v vs %v", first.Rows, second.Rows)
	}
	getJSON(t, h, "/api/v1/charts/team-blame-density?team=search", &second)
	if cs.aggs.Load() == n {
		t.Error("a different filter was served from the cache")
	}

	off := &countingStore{Store: cs.Store}
	h = New(off, Options{CacheTTL: -1})
	getJSON(t, h, "/api/v1/charts/team-blame-density", &first)
	n = off.aggs.Load()
	getJSON(t, h, "/api/v1/charts/team-blame-density", &first)
	if off.aggs.Load() != 2*n {
		t.Errorf("with the cache off, the second request ran %d aggregates, want %d", off.aggs.Load()-n, n)
	}
}

func TestRowCacheExpiresAndBounds(t *testing.T) {
	c := newRowCache(20*time.Millisecond, 2)
	calls := 0
	load := func() ([]store.AggRow, error) { calls++; return []store.AggRow{{Value: float64(calls)}}, nil }
	mustGet(t, c, "a", load)
	mustGet(t, c, "a", load)
	if calls != 1 {
		t.Errorf("second get loaded again (%d calls)", calls)
	}
	time.Sleep(30 * time.Millisecond)
	if rows, _ := c.get("a", load); calls != 2 || rows[0].Value != 2 {
		t.Errorf("expired entry not reloaded: %d calls", calls)
	}
	mustGet(t, c, "b", load)
	mustGet(t, c, "c", load)
	if len(c.m) > 2 {
		t.Errorf("cache holds %d entries, max 2", len(c.m))
	}
}

// mustGet reads through the cache and fails the test on a load error.
func mustGet(t *testing.T, c *rowCache, key string, load func() ([]store.AggRow, error)) {
	t.Helper()
	if _, err := c.get(key, load); err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
}

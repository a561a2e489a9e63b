package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// scanAll collects what Scan streams for f.
func scanAll(t *testing.T, sc store.Scanner, f store.Filter) []*model.Postmortem {
	t.Helper()
	var out []*model.Postmortem
	if err := sc.Scan(context.Background(), f, func(p *model.Postmortem) error {
		out = append(out, p)
		return nil
	}); err != nil {
		t.Fatalf("Scan(%+v): %v", f, err)
	}
	return out
}

func ids(docs []*model.Postmortem) []string {
	out := []string{}
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

// testScan checks the streaming bulk read: every current document, whole
// (as Get returns it), in List's date order, filtered like List, across
// batch boundaries, stopping at fn's error; and that store.Each uses it.
func testScan(t *testing.T, s store.Store) {
	sc, ok := s.(store.Scanner)
	if !ok {
		t.Fatalf("%T does not implement store.Scanner", s)
	}
	ctx := context.Background()
	if got := scanAll(t, sc, store.Filter{}); len(got) != 0 {
		t.Fatalf("Scan of an empty store: %d documents", len(got))
	}
	mustPut(t, s, Corpus()...)
	mustPut(t, s, Full())
	// Replace pm-a: only the new version may come back.
	mustPut(t, s, revisedA())

	for _, f := range []store.Filter{
		{},
		{Teams: []string{"payments"}},
		{Themes: []string{"capacity"}},
		{From: *day(2025, 1, 1)},
		{IDs: []string{"pm-e", "pm-full", "nope"}},
		{Teams: []string{"nobody"}},
	} {
		got := scanAll(t, sc, f)
		want := listIDs(t, s, store.ListQuery{Filter: f, Sort: "date", Limit: 1000})
		if !reflect.DeepEqual(ids(got), want) {
			t.Errorf("Scan(%+v) = %v, want List's date order %v", f, ids(got), want)
		}
		for _, p := range got {
			if g := get(t, s, p.ID); !reflect.DeepEqual(Normalize(p), Normalize(g)) {
				t.Errorf("Scan's %s differs from Get's", p.ID)
			}
		}
	}

	// fn's error stops the scan and comes back unchanged.
	stop := errors.New("stop here")
	n := 0
	err := sc.Scan(ctx, store.Filter{}, func(*model.Postmortem) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Scan with a failing fn: %d calls, %v; want 1 call and the fn's error", n, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := sc.Scan(cancelled, store.Filter{}, func(*model.Postmortem) error { return nil }); err == nil {
		t.Error("Scan with a cancelled context returned nil")
	}

	// Many documents: batches must not lose, repeat or mix child rows.
	var many []*model.Postmortem
	for i := range 700 {
		id := fmt.Sprintf("bulk-%04d", i)
		p := doc(id, "Bulk "+id, "bulk", "SEV3", nil, day(2023, time.Month(1+i%12), 1+i%28), 1, i%100,
			nil, []string{"First sentence of " + id + ".", "Second of " + id + "."},
			[][3]any{{i % 2, model.KindBlame, "human-error"}}, []model.ActionItem{{Text: "Fix " + id}}, i%3)
		p.Version = "v1"
		many = append(many, p)
	}
	mustPut(t, s, many...)
	got := scanAll(t, sc, store.Filter{Teams: []string{"bulk"}})
	want := listIDs(t, s, store.ListQuery{Filter: store.Filter{Teams: []string{"bulk"}}, Sort: "date", Limit: 1000})
	if !reflect.DeepEqual(ids(got), want) || len(got) != len(many) {
		t.Fatalf("Scan of %d bulk documents: got %d, order matches List: %v", len(many), len(got), reflect.DeepEqual(ids(got), want))
	}
	byID := map[string]*model.Postmortem{}
	for _, p := range many {
		byID[p.ID] = p
	}
	for _, p := range got {
		if w := byID[p.ID]; !reflect.DeepEqual(Normalize(p), Normalize(w)) {
			t.Errorf("Scan's %s differs from what was Put", p.ID)
			break
		}
	}
	// store.Each streams the same documents in the same order.
	var each []string
	if err := store.Each(ctx, s, store.Filter{Teams: []string{"bulk"}}, 0, func(p *model.Postmortem) error {
		each = append(each, p.ID)
		return nil
	}); err != nil || !reflect.DeepEqual(each, want) {
		t.Errorf("store.Each: %d documents, %v; want Scan's %d", len(each), err, len(want))
	}
}

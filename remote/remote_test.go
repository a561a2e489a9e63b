package remote

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/auth"
	"github.com/debrief-dev/debrief/dashboard"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
	"github.com/debrief-dev/debrief/store/retry"
)

func docs(n int, prefix string) []*model.Postmortem {
	out := make([]*model.Postmortem, n)
	for i := range out {
		text := fmt.Sprintf("The queue %d backed up after a deploy.", i)
		out[i] = &model.Postmortem{ID: fmt.Sprintf("%s-%04d", prefix, i), Version: "v1", Title: "Queue " + fmt.Sprint(i), Team: "ops",
			Sections:  []model.Section{{Kind: model.SectionSummary, Heading: "Summary", Text: text}},
			Sentences: []model.Sentence{{Section: 0, Start: 0, End: len(text), Text: text}}}
	}
	return out
}

func TestClientPut(t *testing.T) {
	ctx := context.Background()
	st, err := open.Open(ctx, "duckdb://")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = st.Close() }()
	tok, e, _ := auth.NewToken("t", auth.Read, auth.Write)
	var fail atomic.Int32
	fail.Store(2)
	h := dashboard.New(st, dashboard.Options{Keyring: auth.NewKeyring(e)})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && fail.Add(-1) >= 0 {
			http.Error(w, `{"status":"error","error":"store down"}`, http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	retries := 0
	c := &Client{URL: srv.URL, Token: tok, MaxRequestBytes: 4 << 10,
		Retry: retry.Policy{Initial: time.Millisecond, OnRetry: func(int, error, time.Duration) { retries++ }}}
	if err := c.Put(ctx, docs(300, "a")); err != nil {
		t.Fatal(err)
	}
	if retries != 2 {
		t.Errorf("%d retries, want 2 (two 503s)", retries)
	}
	// Again: idempotent.
	if err := c.Put(ctx, docs(300, "a")); err != nil {
		t.Fatal(err)
	}
	s, err := c.Stats(ctx)
	if err != nil || s.Postmortems != 300 {
		t.Errorf("stats through the API: %+v %v, want 300 postmortems", s, err)
	}

	// List through the API: more IDs than one request takes, and filters.
	var ids []string
	for _, d := range docs(300, "a")[:120] {
		ids = append(ids, d.ID)
	}
	items, total, err := c.List(ctx, store.ListQuery{Filter: store.Filter{IDs: append(ids, "nope")}, Sort: "title", Limit: 121})
	if err != nil || len(items) != 120 || total != 120 {
		t.Errorf("List of 121 IDs: %d items, total %d, %v; want 120", len(items), total, err)
	}
	items, total, err = c.List(ctx, store.ListQuery{Filter: store.Filter{Teams: []string{"ops"}, IDs: ids[:3]}, Limit: 2})
	if err != nil || len(items) != 2 || total != 3 {
		t.Errorf("List team+IDs limit 2: %d items, total %d, %v", len(items), total, err)
	}
	if _, _, err := c.List(ctx, store.ListQuery{Filter: store.Filter{From: time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)}}); !errors.Is(err, store.ErrUnsupported) {
		t.Errorf("List from a time of day: %v, want ErrUnsupported", err)
	}
	if items, _, err := c.List(ctx, store.ListQuery{Filter: store.Filter{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}); err != nil || len(items) != 0 {
		t.Errorf("List from a day (documents have no date): %d %v", len(items), err)
	}

	// The store.Store view of the server.
	rs := Store{Client: c}
	if p, err := rs.Get(ctx, "a-0007"); err != nil || p.Title != "Queue 7" {
		t.Errorf("Get: %+v %v", p, err)
	}
	if _, err := rs.Get(ctx, "no such"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get unknown: %v, want ErrNotFound", err)
	}
	rows, err := rs.Aggregate(ctx, store.AggregateQuery{Measure: store.MeasurePostmortems, GroupBy: []store.Dimension{store.DimTeam}})
	if err != nil || len(rows) != 1 || rows[0].Value != 300 {
		t.Errorf("Aggregate by team: %v %v", rows, err)
	}
	if _, err := rs.Aggregate(ctx, store.AggregateQuery{Measure: "nope"}); !errors.Is(err, store.ErrUnsupported) {
		t.Errorf("Aggregate unknown measure: %v, want ErrUnsupported", err)
	}
	hits, total, err := rs.SearchSentences(ctx, store.SentenceQuery{Text: "queue 1", Limit: 5})
	if err != nil || len(hits) != 5 || total != 111 { // queue 1, 10-19, 100-199
		t.Errorf("SearchSentences: %d hits, total %d, %v", len(hits), total, err)
	}

	bad := docs(1, "b")
	bad[0].Version = ""
	err = c.Put(ctx, bad)
	var re *Error
	if !errors.As(err, &re) || re.Code != 422 || !strings.Contains(err.Error(), "empty version") {
		t.Errorf("invalid document: %v, want a 422 naming the problem", err)
	}
	wrong := &Client{URL: srv.URL, Token: "dbf_nope"}
	if err := wrong.Put(ctx, docs(1, "c")); !errors.As(err, &re) || re.Code != 401 {
		t.Errorf("bad token: %v", err)
	}
}

func TestDiscovery(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "d.db")
	if d, err := Discover(ctx, db); d != nil || err != nil {
		t.Fatalf("no file: %v %v", d, err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }))
	defer srv.Close()
	remove, err := WriteDiscovery(db, Discovery{URL: srv.URL, PID: os.Getpid(), Token: "dbf_x", Store: "duckdb://" + db})
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(DiscoveryPath(db)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("discovery file: %v %v", fi, err)
	}
	d, err := Discover(ctx, db)
	if err != nil || d == nil || d.URL != srv.URL || d.Client().Token != "dbf_x" {
		t.Fatalf("live server: %+v %v", d, err)
	}
	// A dead pid is stale.
	if _, err := WriteDiscovery(db, Discovery{URL: srv.URL, PID: 1 << 30}); err != nil {
		t.Fatal(err)
	}
	if d, err := Discover(ctx, db); d != nil || err != nil {
		t.Errorf("dead pid: %+v %v, want none", d, err)
	}
	// A live pid that does not answer is stale too.
	if _, err := WriteDiscovery(db, Discovery{URL: "http://127.0.0.1:1", PID: os.Getpid()}); err != nil {
		t.Fatal(err)
	}
	if d, _ := Discover(ctx, db); d != nil {
		t.Errorf("unanswering server: %+v, want none", d)
	}
	remove() // not our file any more: kept
	if _, err := os.Stat(DiscoveryPath(db)); err != nil {
		t.Errorf("remove deleted another server's file: %v", err)
	}
	remove2, _ := WriteDiscovery(db, Discovery{URL: srv.URL, PID: os.Getpid(), Token: "t2"})
	remove2()
	if _, err := os.Stat(DiscoveryPath(db)); !os.IsNotExist(err) {
		t.Errorf("remove kept its own file: %v", err)
	}
	_ = remove
}

package patterns

import (
	"slices"
	"testing"
	"time"
)

func date(s string) time.Time { return *day(s) }

var simFixture = []DocText{
	{ID: "disk-1", Team: "payments", Services: []string{"ledger"}, Date: date("2025-01-10"), Themes: []string{"capacity"},
		Title: "Ledger outage: disk full on ledger-3", Text: "The data volume of ledger-3 ran out of free space and the ledger stopped writing."},
	{ID: "disk-2", Team: "payments", Services: []string{"ledger"}, Date: date("2025-04-02"), Themes: []string{"capacity", "detection"},
		Title: "Disk full on ledger nodes again", Text: "The data volume of ledger-5 ran out of space after log rotation was disabled; the ledger stopped writing."},
	{ID: "cert-1", Team: "payments", Services: []string{"ledger"}, Date: date("2025-02-01"), Themes: []string{"time"},
		Title: "Ledger TLS certificate expired", Text: "The certificate for ledger.example.com expired and clients refused the handshake."},
	{ID: "disk-3", Team: "search", Services: []string{"search-api"}, Date: date("2025-01-15"), Themes: []string{"capacity"},
		Title: "search-api disk full", Text: "The disk of search-api-7 filled up with debug logs and indexing stopped."},
	{ID: "disk-4", Team: "search", Services: []string{"search-api"}, Date: date("2025-03-01"), Themes: []string{"capacity"},
		Title: "Disk full on search-api nodes", Text: "Debug logs filled the disk of the search-api nodes and indexing stopped again."},
	{ID: "disk-5", Team: "payments", Services: []string{"ledger"}, Date: date("2025-12-20"), Themes: []string{"capacity"},
		Title: "Disk full on ledger-4", Text: "The ledger stopped writing when the disk of ledger-4 filled up."},
	{ID: "dns-1", Team: "edge", Services: []string{"cdn"}, Date: date("2025-05-05"), Themes: []string{"network"},
		Title: "CDN unreachable after DNS change", Text: "A DNS record change with a long TTL sent clients to the old load balancer."},
}

func ids(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func TestSimilar(t *testing.T) {
	ix := NewIndex(simFixture, IndexOptions{})
	got := ix.Similar("disk-4", 2)
	if want := []string{"disk-3"}; !slices.Equal(ids(got)[:1], want) {
		t.Errorf("Similar(disk-4) = %v, want %v first", ids(got), want)
	}
	for i, m := range got {
		if m.ID == "disk-4" {
			t.Error("a document is similar to itself")
		}
		if m.Score <= 0 || m.Score > 1 || i > 0 && m.Score > got[i-1].Score {
			t.Errorf("scores not in (0,1] descending: %+v", got)
		}
		if len(m.Shared) == 0 {
			t.Errorf("%s: no shared terms", m.ID)
		}
	}
	if !slices.Contains(got[0].Shared, "search-api") {
		t.Errorf("shared terms of disk-3/disk-4: %v", got[0].Shared)
	}
	// The ledger disk incidents are closer to each other than to the
	// ledger certificate incident.
	l := ids(ix.Similar("disk-1", 3))
	if slices.Index(l, "cert-1") >= 0 && slices.Index(l, "cert-1") < slices.Index(l, "disk-2") {
		t.Errorf("Similar(disk-1) = %v: certificate incident ranked above the other disk one", l)
	}
	if ix.Similar("nope", 3) != nil || ix.Similar("disk-1", 0) != nil {
		t.Error("unknown id or k=0 should give nil")
	}
	// The DNS incident shares one common word ("clients") with one other.
	if d := ix.Similar("dns-1", 5); len(d) != 1 || d[0].Score > 0.1 {
		t.Errorf("DNS incident: %+v", d)
	}
	if got := Similar(simFixture, "disk-2", 1); len(got) != 1 || got[0].ID == "disk-2" {
		t.Errorf("Similar helper: %+v", got)
	}
}

func TestSimilarText(t *testing.T) {
	ix := NewIndex(simFixture, IndexOptions{})
	got := ix.SimilarText("Certificate expired", "TLS handshake failures after the certificate expired", 1)
	if len(got) != 1 || got[0].ID != "cert-1" {
		t.Errorf("SimilarText = %+v, want cert-1", got)
	}
	if ix.SimilarText("", "the and of", 3) != nil {
		t.Error("text without terms should give nil")
	}
}

func TestIndexTerms(t *testing.T) {
	ix := NewIndex(simFixture, IndexOptions{})
	terms := ix.Terms("dns-1", 3)
	if len(terms) != 3 {
		t.Fatalf("Terms = %v", terms)
	}
	if ix.Terms("missing", 3) != nil {
		t.Error("unknown id should give nil")
	}
}

func TestRecurring(t *testing.T) {
	got := Recurring(simFixture, RecurrenceOptions{})
	var groups [][]string
	for _, r := range got {
		var g []string
		for _, o := range r.Occurrences {
			g = append(g, o.ID)
		}
		groups = append(groups, g)
	}
	// disk-5 is eight months after disk-2: outside the six-month window.
	// cert-1 is the same service but another failure and theme.
	// Equal sizes: the one with the newest occurrence first.
	want := [][]string{{"disk-1", "disk-2"}, {"disk-3", "disk-4"}}
	if len(groups) != len(want) || !slices.Equal(groups[0], want[0]) || !slices.Equal(groups[1], want[1]) {
		t.Fatalf("recurrences = %v, want %v", groups, want)
	}
	r := got[0]
	if r.Service != "ledger" || r.Team != "payments" || !slices.Equal(r.Themes, []string{"capacity"}) {
		t.Errorf("ledger recurrence: service %q team %q themes %v", r.Service, r.Team, r.Themes)
	}
	if !slices.Contains(r.Keywords, "disk") || r.Score < 0.35 {
		t.Errorf("ledger recurrence keywords %v score %.2f", r.Keywords, r.Score)
	}
	// A year-long window (and a lower bar) chains disk-5 onto the ledger
	// recurrence.
	long := Recurring(simFixture, RecurrenceOptions{Window: 365 * 24 * time.Hour, MinScore: 0.25})
	found := false
	for _, r := range long {
		if r.Service == "ledger" {
			found = len(r.Occurrences) == 3 && r.Occurrences[2].ID == "disk-5"
		}
	}
	if !found {
		t.Errorf("one-year window: %+v", long)
	}
}

func TestRecurringSkipsUndated(t *testing.T) {
	docs := []DocText{
		{ID: "a", Team: "x", Title: "disk full", Text: "disk full on host"},
		{ID: "b", Team: "x", Title: "disk full", Text: "disk full on host"},
	}
	if got := Recurring(docs, RecurrenceOptions{}); len(got) != 0 {
		t.Errorf("undated documents formed a recurrence: %+v", got)
	}
	docs[0].Date, docs[1].Date = date("2025-01-01"), date("2025-01-20")
	if got := Recurring(docs, RecurrenceOptions{}); len(got) != 1 {
		t.Errorf("team-blocked documents without services: %+v", got)
	}
}

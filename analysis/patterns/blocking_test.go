package patterns

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/debrief-dev/debrief/model"

	"github.com/debrief-dev/debrief/internal/synth"
)

// synthDocs builds DocTexts straight from generated documents (title and
// raw text; no parsing), enough to exercise the blocking path.
func synthDocs(t testing.TB, n int) []DocText {
	t.Helper()
	var docs []DocText
	err := synth.Generate(synth.Options{Seed: 5, N: n}, func(d synth.Doc) error {
		docs = append(docs, DocText{ID: d.ID, Team: d.Team, Services: []string{d.Service}, Date: d.Date,
			Title: d.Title, Text: string(d.Data[:min(len(d.Data), 900)]), Themes: d.Themes})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// The candidate path of large blocks finds (nearly) the links the exact
// path finds.
func TestRecurringBlockingRecall(t *testing.T) {
	docs := synthDocs(t, 1500)
	members := func(rs []Recurrence) map[string]string {
		m := map[string]string{}
		for gi, r := range rs {
			for _, o := range r.Occurrences {
				m[o.ID] = fmt.Sprint(gi)
			}
		}
		return m
	}
	exact := members(Recurring(docs, RecurrenceOptions{}))
	saved := exactBlock
	exactBlock = 0
	defer func() { exactBlock = saved }()
	blocked := members(Recurring(docs, RecurrenceOptions{}))
	found := 0
	for id := range exact {
		if _, ok := blocked[id]; ok {
			found++
		}
	}
	if len(exact) == 0 {
		t.Fatal("no recurrences on the exact path")
	}
	t.Logf("exact path: %d documents in recurrences; blocked path keeps %d, adds %d", len(exact), found, len(blocked)-found)
	if found*100 < len(exact)*95 || len(blocked) > len(exact) {
		t.Errorf("blocked path: %d of %d documents found, %d in total", found, len(exact), len(blocked))
	}
}

// Memory grows linearly: allocation per document stays flat from 3k to
// 12k documents (the larger corpus also takes the blocking path).
func TestMemoryLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 15k documents")
	}
	perDoc := func(n int) float64 {
		docs := synthDocs(t, n)
		actions := make([]ActionRef, 0, n)
		for _, d := range docs {
			actions = append(actions, ActionRef{DocID: d.ID, Team: d.Team, Services: d.Services,
				ActionItem: model.ActionItem{Text: d.Title}})
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ix := NewIndex(docs, IndexOptions{})
		for i := 0; i < 100; i++ {
			ix.Similar(docs[i*7%n].ID, 5)
		}
		Recurring(docs, RecurrenceOptions{})
		ClusterActions(actions, ActionOptions{})
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	}
	small, large := perDoc(3000), perDoc(12000)
	t.Logf("allocated per document: %.0f B at 3k, %.0f B at 12k", small, large)
	if large > 1.6*small {
		t.Errorf("allocation per document grows with n: %.0f B at 3k, %.0f B at 12k", small, large)
	}
}

package patterns_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/internal/synth"
)

// corpus is a parsed synthetic corpus with its ground truth.
type corpus struct {
	docs    []patterns.DocText
	actions []patterns.ActionRef
	mode    map[string]string // doc id -> failure mode the generator used
	skipped int               // documents ingest took for templates
}

var (
	corpusMu    sync.Mutex
	corpusCache = map[int]*corpus{}
)

// loadCorpus generates n postmortems, parses them with ingest and converts
// them; themes are the generator's (analysis is not run here).
func loadCorpus(tb testing.TB, n int) *corpus {
	tb.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if c := corpusCache[n]; c != nil {
		return c
	}
	c := &corpus{mode: map[string]string{}}
	err := synth.Generate(synth.Options{Seed: 17, N: n}, func(d synth.Doc) error {
		pm, err := ingest.Parse(d.Path, d.Data, ingest.Options{})
		if errors.Is(err, ingest.ErrTemplate) {
			// Very short generated writeups can look like templates to
			// ingest; they are not what this corpus is for.
			c.skipped++
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", d.Path, err)
		}
		dt := patterns.FromPostmortem(pm)
		dt.Themes = d.Themes
		c.docs = append(c.docs, dt)
		c.actions = append(c.actions, patterns.ActionsOf(pm)...)
		c.mode[pm.ID] = d.FailureMode
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	corpusCache[n] = c
	return c
}

// On a synthetic corpus, recurrences group incidents of one failure mode,
// and the most similar postmortem is usually the same kind of incident.
func TestCorpusQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 2000 generated postmortems")
	}
	c := loadCorpus(t, 2000)
	if c.skipped > 20 {
		t.Errorf("ingest rejected %d of 2000 generated postmortems as templates", c.skipped)
	}

	recs := patterns.Recurring(c.docs, patterns.RecurrenceOptions{})
	pure, total, long := 0, 0, 0
	for _, r := range recs {
		count := map[string]int{}
		for _, o := range r.Occurrences {
			count[c.mode[o.ID]]++
		}
		best := 0
		for _, n := range count {
			best = max(best, n)
		}
		pure += best
		total += len(r.Occurrences)
		if len(r.Occurrences) >= 3 {
			long++
		}
	}
	t.Logf("%d recurrences over %d postmortems, purity %.2f, %d with 3+ occurrences", len(recs), total, float64(pure)/float64(total), long)
	if total == 0 || float64(pure)/float64(total) < 0.85 {
		t.Errorf("recurrence purity %d/%d below 0.85", pure, total)
	}
	if long == 0 {
		t.Error("no recurrence with three or more occurrences; the generator repeats chronic failures")
	}

	ix := patterns.NewIndex(c.docs, patterns.IndexOptions{})
	same, asked := 0, 0
	for i := 0; i < len(c.docs); i += 10 {
		ms := ix.Similar(c.docs[i].ID, 1)
		if len(ms) == 0 {
			continue
		}
		asked++
		if c.mode[ms[0].ID] == c.mode[c.docs[i].ID] {
			same++
		}
	}
	t.Logf("top-1 similar has the same failure mode in %d of %d", same, asked)
	if same*100 < asked*80 {
		t.Errorf("top-1 similar: same failure mode in only %d of %d", same, asked)
	}

	clusters := patterns.RepeatedActions(c.actions, 3)
	if len(clusters) < 20 {
		t.Errorf("only %d repeated action clusters", len(clusters))
	}
	for _, cl := range clusters {
		var disk, mem bool
		for _, e := range cl.Examples {
			l := strings.ToLower(e.Text)
			disk = disk || strings.Contains(l, "disk")
			mem = mem || strings.Contains(l, "memory")
		}
		if disk && mem {
			t.Errorf("cluster %q mixes disk and memory alerts: %+v", cl.Label, cl.Examples)
		}
	}
	t.Logf("%d action items -> %d clusters in 3+ postmortems; top: %q (%d docs)", len(c.actions), len(clusters), clusters[0].Label, clusters[0].Docs)
}

func BenchmarkRecurring10k(b *testing.B) {
	c := loadCorpus(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		patterns.Recurring(c.docs, patterns.RecurrenceOptions{})
	}
	b.ReportMetric(float64(len(c.docs)), "docs")
}

func BenchmarkNewIndex10k(b *testing.B) {
	c := loadCorpus(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		patterns.NewIndex(c.docs, patterns.IndexOptions{})
	}
}

func BenchmarkSimilar10k(b *testing.B) {
	c := loadCorpus(b, 10000)
	ix := patterns.NewIndex(c.docs, patterns.IndexOptions{})
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		ix.Similar(c.docs[i%len(c.docs)].ID, 5)
		i += 7
	}
}

func BenchmarkRepeatedActions10k(b *testing.B) {
	c := loadCorpus(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		patterns.RepeatedActions(c.actions, 2)
	}
	b.ReportMetric(float64(len(c.actions)), "items")
}

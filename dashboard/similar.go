package dashboard

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"sync"
	"time"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// textSimilar answers "similar postmortems" from a TF-IDF index
// (analysis/patterns) over every stored postmortem's title and summary.
type textSimilar struct {
	refresh time.Duration
	log     *slog.Logger

	mu       sync.Mutex
	ix       *patterns.Index
	builtAt  time.Time
	count    int64
	building bool
}

// maxIndexDocs caps the similarity index at the most recent postmortems
// (reading a document costs a few milliseconds; older ones are still
// answered, by their text, against the index).
const maxIndexDocs = 50_000

// TextSimilar returns a SimilarFunc backed by analysis/patterns' text
// similarity. The index is built in the background on first use (reading
// every postmortem once) and rebuilt, at most every refresh, when the number
// of stored postmortems has changed. Until the first build finishes it
// answers with SimilarByOverlap, so pages never wait for it.
func TextSimilar(refresh time.Duration, log *slog.Logger) SimilarFunc {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ts := &textSimilar{refresh: refresh, log: log}
	return ts.similar
}

func (ts *textSimilar) similar(ctx context.Context, st store.Store, doc *model.Postmortem, n int) ([]SimilarDoc, error) {
	ts.mu.Lock()
	ix := ts.ix
	stale := ix == nil || time.Since(ts.builtAt) > ts.refresh
	if stale && !ts.building {
		ts.building = true
		go ts.build(st)
	}
	ts.mu.Unlock()
	if ix == nil {
		return SimilarByOverlap(ctx, st, doc, n)
	}
	var matches []patterns.Match
	if ix.Terms(doc.ID, 1) != nil {
		matches = ix.Similar(doc.ID, n)
	} else {
		dt := patterns.FromPostmortem(doc)
		for _, m := range ix.SimilarText(dt.Title, dt.Text, n+1) {
			if m.ID != doc.ID {
				matches = append(matches, m)
			}
		}
	}
	if len(matches) == 0 {
		return []SimilarDoc{}, nil
	}
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = m.ID
	}
	items, _, err := st.List(ctx, store.ListQuery{Filter: store.Filter{IDs: ids}, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]store.Summary, len(items))
	for _, it := range items {
		byID[it.ID] = it
	}
	out := make([]SimilarDoc, 0, len(matches))
	for _, m := range matches {
		s, ok := byID[m.ID]
		if !ok { // deleted or replaced since the index was built
			continue
		}
		out = append(out, SimilarDoc{Summary: s, Score: math.Round(m.Score*100) / 100, Shared: m.Shared})
	}
	return out, nil
}

// build reads every postmortem (store.Each, newest first, at most
// maxIndexDocs) and swaps in a new index; on error the old index (if any)
// stays.
func (ts *textSimilar) build(st store.Store) {
	defer func() {
		ts.mu.Lock()
		ts.building = false
		ts.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	stats, err := st.Stats(ctx)
	if err != nil {
		ts.log.Warn("similarity index: store stats", "err", err)
		return
	}
	ts.mu.Lock()
	unchanged := ts.ix != nil && stats.Postmortems == ts.count
	if unchanged {
		ts.builtAt = time.Now()
	}
	ts.mu.Unlock()
	if unchanged {
		return
	}
	start := time.Now()
	var docs []patterns.DocText
	err = store.Each(ctx, st, store.Filter{}, 0, func(d *model.Postmortem) error {
		if len(docs) == maxIndexDocs {
			return errPatternCap
		}
		docs = append(docs, patterns.FromPostmortem(d))
		return nil
	})
	if err != nil && !errors.Is(err, errPatternCap) {
		ts.log.Warn("similarity index: read", "err", err)
		return
	}
	ix := patterns.NewIndex(docs, patterns.IndexOptions{})
	ts.mu.Lock()
	ts.ix, ts.builtAt, ts.count = ix, time.Now(), stats.Postmortems
	ts.mu.Unlock()
	ts.log.Info("similarity index built", "postmortems", len(docs), "took", time.Since(start))
}

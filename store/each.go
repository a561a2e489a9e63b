package store

import (
	"context"

	"github.com/debrief-dev/debrief/model"
)

// Scanner is a Store that streams postmortems in bulk. Both backends
// implement it, and store/storetest checks it; a Store without it (a test
// fake, a wrapper) still works with Each, one Get per postmortem.
type Scanner interface {
	// Scan calls fn with every postmortem matching f, fully loaded (as Get
	// returns it), in List's "date" order (newest first, undated last,
	// ties by ID). It reads in batches, a few queries per batch of
	// documents rather than one Get per document, and holds one batch in
	// memory besides the matching IDs. Each document is read whole at one
	// version; documents Put or replaced during a Scan may or may not be
	// seen, and one deleted meanwhile is skipped. Scan stops at the first
	// error from the store or from fn, and returns fn's error unchanged.
	Scan(ctx context.Context, f Filter, fn func(*model.Postmortem) error) error
}

// Each calls fn with every stored postmortem matching f, fully loaded (as
// Get returns it), newest first (List's "date" order). It stops at the
// first error from the store or fn.
//
// Each is for batch work (pattern mining, the similarity index, exports).
// It streams through Scanner.Scan when st has it (both backends do);
// otherwise it pages through List pageSize at a time (0: 500) with one Get
// per postmortem. pageSize only affects that fallback.
func Each(ctx context.Context, st Store, f Filter, pageSize int, fn func(*model.Postmortem) error) error {
	if sc, ok := st.(Scanner); ok {
		return sc.Scan(ctx, f, fn)
	}
	if pageSize <= 0 {
		pageSize = 500
	}
	for off := 0; ; off += pageSize {
		items, _, err := st.List(ctx, ListQuery{Filter: f, Sort: "date", Limit: pageSize, Offset: off})
		if err != nil {
			return err
		}
		for _, it := range items {
			doc, err := st.Get(ctx, it.ID)
			if err != nil {
				return err
			}
			if err := fn(doc); err != nil {
				return err
			}
		}
		if len(items) < pageSize {
			return nil
		}
	}
}

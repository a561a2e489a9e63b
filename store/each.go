package store

import (
	"context"

	"github.com/debrief-dev/debrief/model"
)

// Each calls fn with every stored postmortem matching f, fully loaded (as
// Get returns it), newest first, paging through List pageSize at a time
// (0: 500). It stops at the first error from the store or fn.
//
// Each is for batch work (pattern mining, exports); it does one Get per
// postmortem.
func Each(ctx context.Context, st Store, f Filter, pageSize int, fn func(*model.Postmortem) error) error {
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

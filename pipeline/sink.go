package pipeline

import (
	"context"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Sink is what Run writes batches of documents to: a store.Store, or a
// remote debrief server (remote.Client) that stores them. Put has the
// store.Store contract (an upsert by ID, atomic per document); List is
// store.Store's, for looking up what is already stored.
type Sink interface {
	Put(ctx context.Context, docs []*model.Postmortem) error
	List(ctx context.Context, q store.ListQuery) ([]store.Summary, int, error)
}

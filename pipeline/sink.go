package pipeline

import (
	"context"

	"github.com/debrief-dev/debrief/model"
)

// Sink is what Run writes batches of documents to: a store.Store, or a
// remote debrief server (remote.Client) that stores them. Put has the
// store.Store contract: an upsert by ID, atomic per document.
type Sink interface {
	Put(ctx context.Context, docs []*model.Postmortem) error
}

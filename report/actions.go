package report

import (
	"context"
	"slices"
	"time"

	"github.com/debrief-dev/debrief/analysis/patterns"
)

// RepeatedAction is a follow-up promised in more than one postmortem of the
// trend window, at least once in the reviewed quarter. Wordings that ask
// for the same thing are grouped by analysis/patterns.ClusterActions.
type RepeatedAction struct {
	// Text is the most common wording.
	Text string
	// Postmortems is how many postmortems promised it; Items how many
	// action items (one postmortem may list it twice).
	Postmortems, Items int
	// Open counts items not marked done (open, in progress or unknown).
	Open int
	// Teams are the distinct teams that promised it, by name.
	Teams []string
	// First and Last are the dates of the earliest and latest promise.
	First, Last time.Time
	// Examples are postmortems that promised it, one per distinct
	// wording, most common wording first (at most maxActionExamples).
	Examples []ActionExample
}

// ActionExample is one wording of a repeated follow-up and a postmortem
// that used it.
type ActionExample struct {
	Text string
	// Reworded is true when Text does not contain every term of
	// RepeatedAction.Text: other words, not just a ticket, owner or
	// service name added.
	Reworded bool
	Ref
}

// FirstText is the date of the first promise as 2025-04-10.
func (a RepeatedAction) FirstText() string { return a.First.Format("2006-01-02") }

// maxActionExamples bounds the wordings shown per repeated follow-up.
const maxActionExamples = 3

func (b *builder) repeated(ctx context.Context) error {
	rows, err := b.st.ActionItems(ctx, b.windowFilter())
	if err != nil {
		return err
	}
	refs := make([]patterns.ActionRef, 0, len(rows))
	for _, row := range rows {
		refs = append(refs, patterns.ActionRef{
			DocID: row.PostmortemID, DocTitle: row.Title, Team: row.Team, Date: row.Date,
			ActionItem: row.ActionItem,
		})
	}
	start := b.r.Quarter.Start()
	clusters := patterns.ClusterActions(refs, patterns.ActionOptions{MinDocs: 2, Examples: maxActionExamples})
	for _, c := range clusters {
		// The window ends with the reviewed quarter, so a cluster whose
		// latest promise is not before its start was promised in it.
		if c.Last == nil || c.First == nil || c.Last.Before(start) {
			continue
		}
		a := RepeatedAction{
			Text: c.Label, Postmortems: c.Docs, Items: c.Count, Open: c.Open,
			Teams: c.Teams, First: *c.First, Last: *c.Last,
		}
		for _, ex := range c.Examples {
			a.Examples = append(a.Examples, ActionExample{
				Text:     ex.Text,
				Reworded: !containsAll(patterns.ActionTerms(ex.Text, nil), patterns.ActionTerms(c.Label, nil)),
				Ref:      b.ref(ex.DocID, ex.DocTitle, ex.Team, ex.Date),
			})
		}
		b.r.Repeated = append(b.r.Repeated, a)
		if len(b.r.Repeated) == b.opts.MaxRepeated {
			break
		}
	}
	return nil
}

// containsAll reports whether the sorted term set has every term of sub.
func containsAll(set, sub []string) bool {
	for _, t := range sub {
		if _, ok := slices.BinarySearch(set, t); !ok {
			return false
		}
	}
	return true
}

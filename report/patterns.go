package report

import (
	"context"
	"time"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// FailureMode is a recurring failure mode (analysis/patterns.Clusters) of
// the trend window with at least one postmortem in the reviewed quarter.
type FailureMode struct {
	// Name is what a reader would call it ("certificate expired").
	Name string
	// Postmortems is how many postmortems of the window describe it;
	// InQuarter how many of them are in the reviewed quarter.
	Postmortems, InQuarter int
	Teams                  []string
	// First and Last are the earliest and latest incident dates
	// (2006-01-02).
	First, Last string
	// Examples are up to maxModeExamples of its postmortems, newest first.
	Examples []Ref
}

// Duplicate is two writeups of one incident in the reviewed quarter.
type Duplicate struct {
	A, B  Ref
	Score float64
}

// maxModeExamples bounds the postmortems cited per failure mode.
const maxModeExamples = 4

// maxFailureModes bounds the failure modes a review lists.
const maxFailureModes = 8

// SurgeTest states how Review.Surges are found.
const SurgeTest = patterns.SurgeTest

// patterns mines the trend window's postmortems (read through
// store.Each): failure modes that recur in the reviewed quarter,
// near-duplicate writeups dated in it and its theme surges.
func (b *builder) patterns(ctx context.Context) error {
	var docs []patterns.DocText
	refs := map[string]Ref{}
	err := store.Each(ctx, b.st, b.windowFilter(), 0, func(p *model.Postmortem) error {
		d := patterns.FromPostmortem(p)
		docs = append(docs, d)
		var date *time.Time
		if !d.Date.IsZero() {
			t := d.Date
			date = &t
		}
		refs[p.ID] = b.ref(p.ID, p.Title, p.Team, date)
		return nil
	})
	if err != nil {
		return err
	}
	ix := patterns.NewMechanismIndex(docs, nil)
	dups := patterns.NearDuplicates(ix, patterns.DuplicateOptions{})
	q := b.r.Quarter.String()
	inQuarter := func(id string) bool {
		r := refs[id]
		return r.Date != nil && model.Quarter(r.Date.UTC()) == q
	}
	for _, c := range patterns.Clusters(ix, patterns.ClusterOptions{Duplicates: dups}) {
		m := FailureMode{Name: c.Name, Postmortems: len(c.Docs), Teams: c.Teams, First: c.First, Last: c.Last}
		for i := len(c.Docs) - 1; i >= 0; i-- {
			if inQuarter(c.Docs[i]) {
				m.InQuarter++
			}
			if len(m.Examples) < maxModeExamples {
				m.Examples = append(m.Examples, refs[c.Docs[i]])
			}
		}
		if m.InQuarter == 0 {
			continue
		}
		b.r.FailureModes = append(b.r.FailureModes, m)
		if len(b.r.FailureModes) == maxFailureModes {
			break
		}
	}
	for _, d := range dups {
		if inQuarter(d.A) || inQuarter(d.B) {
			b.r.Duplicates = append(b.r.Duplicates, Duplicate{A: refs[d.A], B: refs[d.B], Score: d.Score})
		}
	}
	for _, s := range patterns.Surges(docs, patterns.SurgeOptions{}) {
		if s.Quarter == q {
			b.r.Surges = append(b.r.Surges, s)
		}
	}
	return nil
}

// SurgeTest states how Surges are found, for the rendered review.
func (r *Review) SurgeTest() string { return SurgeTest }

package report

import (
	"context"
	"sort"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// BlameTrend is blame phrasing (findings of kind "blame") per 1,000 prose
// sentences, per team and quarter of the trend window. It measures how the
// writeups are written, not how people performed.
type BlameTrend struct {
	// Teams are the teams with postmortems in the reviewed quarter (the
	// Options.MaxTeams busiest), by name.
	Teams []TeamBlame
	// All sums every team, including those not listed.
	All TeamBlame
	// Labels counts this quarter's blame findings per label, largest first.
	Labels []Count
}

// TeamBlame is one team's blame rate per quarter of Review.Quarters.
type TeamBlame struct {
	Team  string
	Rates []Rate
}

// Rate is blame findings over prose sentences.
type Rate struct {
	Findings  int
	Sentences int
}

// Known reports whether there were sentences to measure.
func (r Rate) Known() bool { return r.Sentences > 0 }

// PerThousand is findings per 1,000 sentences (0 when unknown).
func (r Rate) PerThousand() float64 {
	if r.Sentences == 0 {
		return 0
	}
	return 1000 * float64(r.Findings) / float64(r.Sentences)
}

// Current is the reviewed quarter's rate; Prev the previous quarter's.
func (t TeamBlame) Current() Rate { return t.Rates[len(t.Rates)-1] }

// Prev is the previous quarter's rate.
func (t TeamBlame) Prev() Rate { return t.Rates[len(t.Rates)-2] }

func (b *builder) blame(ctx context.Context) error {
	f := b.windowFilter()
	dims := []store.Dimension{store.DimTeam, store.DimQuarter}
	findings, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: f, Measure: store.MeasureFindings, GroupBy: dims,
		FindingKinds: []string{model.KindBlame},
	})
	if err != nil {
		return err
	}
	sentences, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: f, Measure: store.MeasureSentences, GroupBy: dims,
	})
	if err != nil {
		return err
	}
	labels, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: b.quarterFilter(b.r.Quarter), Measure: store.MeasureFindings,
		GroupBy: []store.Dimension{store.DimLabel}, FindingKinds: []string{model.KindBlame},
	})
	if err != nil {
		return err
	}
	for _, row := range labels {
		if row.Value > 0 {
			b.r.Blame.Labels = append(b.r.Blame.Labels, Count{Key: key(row, 0), Value: int(row.Value)})
		}
	}
	sortCounts(b.r.Blame.Labels)

	n := len(b.r.Quarters)
	qi := map[string]int{}
	for i, q := range b.r.Quarters {
		qi[q.String()] = i
	}
	teams := map[string][]Rate{}
	all := make([]Rate, n)
	add := func(rows []store.AggRow, set func(*Rate, int)) {
		for _, row := range rows {
			i, ok := qi[key(row, 1)]
			if !ok {
				continue
			}
			team := key(row, 0)
			if team == "" {
				team = NoTeam
			}
			if teams[team] == nil {
				teams[team] = make([]Rate, n)
			}
			set(&teams[team][i], int(row.Value))
			set(&all[i], int(row.Value))
		}
	}
	add(findings, func(r *Rate, v int) { r.Findings += v })
	add(sentences, func(r *Rate, v int) { r.Sentences += v })

	b.r.Blame.All = TeamBlame{Team: "All teams", Rates: all}
	top := append([]Count(nil), b.r.Overview.TopTeams...)
	if len(top) > b.opts.MaxTeams {
		top = top[:b.opts.MaxTeams]
	}
	for _, c := range top {
		rates := teams[c.Key]
		if rates == nil {
			rates = make([]Rate, n)
		}
		b.r.Blame.Teams = append(b.r.Blame.Teams, TeamBlame{Team: c.Key, Rates: rates})
	}
	sort.Slice(b.r.Blame.Teams, func(i, j int) bool { return b.r.Blame.Teams[i].Team < b.r.Blame.Teams[j].Team })
	return nil
}

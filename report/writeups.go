package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Writeup is a postmortem worth reading, with the reasons why.
type Writeup struct {
	Ref
	Severity    string
	Score       int
	Blame       int
	Assumptions int
	// Why lists what the writeup does well, strongest first.
	Why []string
}

// blamePenalty is how many score points one blame finding costs when
// ranking writeups: a well-structured writeup that blames a person is not
// the example to hold up.
const blamePenalty = 8

func (b *builder) writeups(ctx context.Context) error {
	f := b.quarterFilter(b.r.Quarter)
	var all []store.Summary
	for {
		page, total, err := b.st.List(ctx, store.ListQuery{Filter: f, Sort: "date", Limit: 500, Offset: len(all)})
		if err != nil {
			return err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			break
		}
	}
	rank := func(s store.Summary) int { return s.Score - blamePenalty*s.Blame }
	sort.SliceStable(all, func(i, j int) bool {
		if rank(all[i]) != rank(all[j]) {
			return rank(all[i]) > rank(all[j])
		}
		return all[i].ID < all[j].ID
	})
	// Only writeups scoring at least the quarter's mean are candidates;
	// one per team first, blame-free first; then fill.
	floor := int(math.Ceil(b.r.Overview.MeanScore))
	picked := map[string]bool{}
	teams := map[string]bool{}
	var chosen []store.Summary
	pass := func(ok func(store.Summary) bool) {
		for _, s := range all {
			if len(chosen) >= b.opts.MaxWriteups {
				return
			}
			if picked[s.ID] || s.Score <= 0 || s.Score < floor || !ok(s) {
				continue
			}
			picked[s.ID] = true
			teams[s.Team] = true
			chosen = append(chosen, s)
		}
	}
	pass(func(s store.Summary) bool { return s.Blame == 0 && !teams[s.Team] })
	pass(func(s store.Summary) bool { return s.Blame == 0 })
	pass(func(s store.Summary) bool { return true })

	for _, s := range chosen {
		doc, err := b.st.Get(ctx, s.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		b.r.Writeups = append(b.r.Writeups, Writeup{
			Ref:      b.ref(s.ID, s.Title, s.Team, s.Date),
			Severity: s.Severity, Score: s.Score, Blame: s.Blame, Assumptions: s.Assumptions,
			Why: whyRead(s, doc),
		})
	}
	return nil
}

// whyRead says what a writeup does well, from its summary and (when
// available) its full document.
func whyRead(s store.Summary, doc *model.Postmortem) []string {
	var why []string
	if s.Blame == 0 {
		why = append(why, fmt.Sprintf("no blame phrasing in %d sentences", s.Sentences))
	} else {
		why = append(why, fmt.Sprintf("a high score, though it uses blame phrasing %s: read it for its structure more than its wording", times(s.Blame)))
	}
	if s.Assumptions > 0 {
		why = append(why, fmt.Sprintf("names %s", plural(s.Assumptions, "assumption or surprise", "assumptions and surprises")))
	}
	if doc == nil {
		return why
	}
	if n := len(doc.Timeline); n > 0 {
		timed := 0
		for _, e := range doc.Timeline {
			if e.At != nil {
				timed++
			}
		}
		if timed == n {
			why = append(why, fmt.Sprintf("a timeline of %s, every one timed", plural(n, "event", "events")))
		} else {
			why = append(why, fmt.Sprintf("a timeline of %s", plural(n, "event", "events")))
		}
	}
	if n := len(doc.ActionItems); n > 0 {
		owned := 0
		for _, a := range doc.ActionItems {
			if a.Owner != "" {
				owned++
			}
		}
		items := plural(n, "action item", "action items")
		switch {
		case owned == n && n == 1:
			items += " with an owner"
		case owned == n:
			items += ", each with an owner"
		case owned > 0:
			items += fmt.Sprintf(", %d with an owner", owned)
		}
		why = append(why, items)
	}
	var has []string
	for _, sec := range doc.Sections {
		switch sec.Kind {
		case model.SectionWentWell:
			has = appendUnique(has, "what went well")
		case model.SectionGotLucky:
			has = appendUnique(has, "where it got lucky")
		case model.SectionLessons:
			has = appendUnique(has, "lessons learned")
		}
	}
	if len(has) > 0 {
		why = append(why, "says "+joinAnd(has))
	}
	return why
}

// plural formats "1 event" / "3 events".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// times formats "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// joinAnd joins "a", "a and b", "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	out := xs[0]
	for _, x := range xs[1 : len(xs)-1] {
		out += ", " + x
	}
	return out + " and " + xs[len(xs)-1]
}

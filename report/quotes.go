package report

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/taxonomy"
)

// Assumptions is the quarter's stated beliefs and surprises, with a varied
// handful quoted for discussion.
type Assumptions struct {
	// Sentences is how many sentences this quarter carry an assumption
	// finding; Labels splits the findings by label (belief, surprise).
	Sentences int
	Labels    []Count
	// Quotes are picked to cover different teams, themes and postmortems.
	Quotes []Quote
}

// Quote is one sentence quoted with the postmortem it comes from.
type Quote struct {
	Ref
	Section string
	Text    string
	// Labels are the sentence's assumption labels (surprise first).
	Labels []string
	// Themes are the sentence's theme labels, if any.
	Themes []string
}

// maxCandidates bounds how many assumption sentences are considered.
const maxCandidates = 2000

func (b *builder) quotes(ctx context.Context) error {
	a := &b.r.Assumptions
	f := b.quarterFilter(b.r.Quarter)
	labels, err := b.st.Aggregate(ctx, store.AggregateQuery{
		Filter: f, Measure: store.MeasureFindings,
		GroupBy: []store.Dimension{store.DimLabel}, FindingKinds: []string{model.KindAssumption},
	})
	if err != nil {
		return err
	}
	for _, row := range labels {
		if row.Value > 0 {
			a.Labels = append(a.Labels, Count{Key: key(row, 0), Value: int(row.Value)})
		}
	}
	sortCounts(a.Labels)

	var hits []store.SentenceHit
	for len(hits) < maxCandidates {
		page, total, err := b.st.SearchSentences(ctx, store.SentenceQuery{
			Filter: f, Kinds: []string{model.KindAssumption}, Limit: 500, Offset: len(hits),
		})
		if err != nil {
			return err
		}
		a.Sentences = total
		hits = append(hits, page...)
		if len(page) == 0 || len(hits) >= total {
			break
		}
	}
	cands := make([]candidate, 0, len(hits))
	for _, h := range hits {
		c := candidate{hit: h, base: sentenceMerit(h)}
		if c.base < 0 {
			continue
		}
		for _, fd := range h.Findings {
			switch fd.Kind {
			case model.KindAssumption:
				c.labels = appendUnique(c.labels, fd.Label)
			case model.KindTheme:
				c.themes = appendUnique(c.themes, fd.Label)
			}
		}
		sort.Slice(c.labels, func(i, j int) bool { return labelOrder(c.labels[i]) < labelOrder(c.labels[j]) })
		sort.Strings(c.themes)
		cands = append(cands, c)
	}
	// Deterministic order before the greedy pick: store order may vary.
	sort.Slice(cands, func(i, j int) bool {
		x, y := cands[i].hit, cands[j].hit
		if x.PostmortemID != y.PostmortemID {
			return x.PostmortemID < y.PostmortemID
		}
		return x.Index < y.Index
	})
	for _, c := range pickVaried(cands, b.opts.MaxQuotes) {
		h := c.hit
		a.Quotes = append(a.Quotes, Quote{
			Ref:     b.ref(h.PostmortemID, h.Title, h.Team, h.Date),
			Section: h.Section, Text: strings.TrimSpace(h.Text),
			Labels: c.labels, Themes: c.themes,
		})
	}
	return nil
}

type candidate struct {
	hit    store.SentenceHit
	base   float64
	labels []string
	themes []string
}

// sentenceMerit scores how well a sentence stands alone as a quote;
// negative means never quote it (too short to carry meaning, too long to
// read aloud).
func sentenceMerit(h store.SentenceHit) float64 {
	n := utf8.RuneCountInString(strings.TrimSpace(h.Text))
	if n < 30 || n > 400 {
		return -1
	}
	m := 1.0
	if n >= 60 && n <= 240 {
		m += 1
	}
	switch h.Section {
	case model.SectionRootCause, model.SectionLessons, model.SectionWentWrong,
		model.SectionGotLucky, model.SectionTrigger, model.SectionDetection:
		m += 1
	case model.SectionTimeline, model.SectionActionItems:
		m -= 0.5
	}
	return m
}

// pickVaried greedily picks up to n candidates, each time the one that adds
// the most variety: a team not yet quoted, a theme not yet covered, the
// label (surprise/belief) less represented so far. Never two quotes from one
// postmortem, never the same sentence twice.
func pickVaried(cands []candidate, n int) []candidate {
	var out []candidate
	teams := map[string]int{}
	themes := map[string]bool{}
	labels := map[string]int{}
	docs := map[string]bool{}
	texts := map[string]bool{}
	for len(out) < n {
		best, bestScore := -1, 0.0
		for i, c := range cands {
			if docs[c.hit.PostmortemID] || texts[normText(c.hit.Text)] {
				continue
			}
			s := c.base
			s -= 3 * float64(teams[c.hit.Team])
			for _, t := range c.themes {
				if !themes[t] {
					s += 1.5
					break
				}
			}
			if len(c.labels) > 0 {
				s -= 0.75 * float64(labels[c.labels[0]])
			}
			if best < 0 || s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			break
		}
		c := cands[best]
		out = append(out, c)
		teams[c.hit.Team]++
		docs[c.hit.PostmortemID] = true
		texts[normText(c.hit.Text)] = true
		for _, t := range c.themes {
			themes[t] = true
		}
		if len(c.labels) > 0 {
			labels[c.labels[0]]++
		}
	}
	return out
}

// labelOrder puts surprises (violated beliefs) before plain beliefs.
func labelOrder(l string) int {
	switch l {
	case taxonomy.Surprise:
		return 0
	case taxonomy.Belief:
		return 1
	}
	return 2
}

// normText lower-cases and collapses spaces so near-identical sentences
// compare equal.
func normText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

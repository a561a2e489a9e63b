package analysis

import (
	"fmt"
	"math"
	"strings"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/taxonomy"
)

// Quality reason codes (model.QualityReason.Code).
const (
	ReasonSections    = "sections"
	ReasonBlame       = "blame-density"
	ReasonAssumptions = "assumptions"
	ReasonTimeline    = "timeline"
	ReasonActions     = "action-items"
	ReasonBalance     = "length-balance"
)

// expectedSections are the section kinds a good writeup has, with the
// points each is worth (30 in all). "lessons" is satisfied by any lessons
// section (lessons, went-well, went-wrong, got-lucky); went-well and
// got-lucky earn a point each on top.
var expectedSections = []struct {
	kind   string
	points float64
}{
	{model.SectionImpact, 6},
	{model.SectionTimeline, 6},
	{model.SectionRootCause, 6},
	{model.SectionActionItems, 6},
	{model.SectionLessons, 4},
	{model.SectionWentWell, 1},
	{model.SectionGotLucky, 1},
}

// Score rates a parsed and tagged postmortem from 0 to 100. The criteria
// and their maximum points:
//
//	sections       30  impact, timeline, contributing factors, action items, lessons (+ went well, got lucky)
//	blame-density  20  full marks without blame findings; 0 once 10% of sentences carry one
//	assumptions    15  beliefs (7) and surprises (8) surfaced
//	timeline       15  events (5), events with times (5), start/detection/resolution times (5)
//	action-items   12  any (4), share with an owner (8)
//	length-balance  8  300-5000 words (4), no section over 60% of the text (4)
//
// Missing lists the expected section kinds the writeup lacks.
func Score(pm *model.Postmortem) *model.Quality {
	q := &model.Quality{}
	add := func(code string, points, maxPoints float64, msg string, args ...any) {
		points = math.Round(math.Max(0, math.Min(points, maxPoints))*10) / 10
		q.Reasons = append(q.Reasons, model.QualityReason{Code: code, Message: fmt.Sprintf(msg, args...), Points: points, Max: maxPoints})
	}

	// Sections.
	has := map[string]bool{}
	for _, s := range pm.Sections {
		if strings.TrimSpace(s.Text) == "" && s.Kind != model.SectionTimeline && s.Kind != model.SectionActionItems {
			continue
		}
		has[s.Kind] = true
		switch s.Kind {
		case model.SectionWentWell, model.SectionWentWrong, model.SectionGotLucky:
			has[model.SectionLessons] = true
		case model.SectionTrigger:
			// A trigger section alone is a contributing-factor analysis too.
			has[model.SectionRootCause] = true
		}
	}
	if len(pm.Timeline) > 0 {
		has[model.SectionTimeline] = true
	}
	if len(pm.ActionItems) > 0 {
		has[model.SectionActionItems] = true
	}
	secPoints := 0.0
	for _, e := range expectedSections {
		if has[e.kind] {
			secPoints += e.points
		} else {
			q.Missing = append(q.Missing, e.kind)
		}
	}
	if len(q.Missing) == 0 {
		add(ReasonSections, secPoints, 30, "all expected sections present")
	} else {
		add(ReasonSections, secPoints, 30, "missing sections: %s", strings.Join(q.Missing, ", "))
	}

	// Blame density.
	n := len(pm.Sentences)
	blame, beliefs, surprises := 0, 0, 0
	for _, f := range pm.Findings {
		switch {
		case f.Kind == model.KindBlame:
			blame++
		case f.Kind == model.KindAssumption && f.Label == taxonomy.Belief:
			beliefs++
		case f.Kind == model.KindAssumption && f.Label == taxonomy.Surprise:
			surprises++
		}
	}
	if n == 0 {
		add(ReasonBlame, 0, 20, "no sentences to judge")
	} else {
		ratio := float64(blame) / float64(n)
		add(ReasonBlame, 20*(1-math.Min(1, ratio*10)), 20, "%d blame finding(s) in %d sentences", blame, n)
	}

	// Assumptions and surprises.
	ap := 0.0
	if beliefs > 0 {
		ap += 7
	}
	if surprises > 0 {
		ap += 8
	}
	add(ReasonAssumptions, ap, 15, "%d stated belief(s), %d surprise(s)", beliefs, surprises)

	// Timeline detail.
	tp := 0.0
	events := len(pm.Timeline)
	tp += 5 * math.Min(1, float64(events)/5)
	timed := 0
	for _, e := range pm.Timeline {
		if e.At != nil || strings.TrimSpace(e.AtText) != "" {
			timed++
		}
	}
	if events > 0 {
		tp += 5 * float64(timed) / float64(events)
	}
	marks := 0
	for _, t := range []bool{pm.StartedAt != nil, pm.DetectedAt != nil, pm.ResolvedAt != nil || pm.DurationMinutes > 0} {
		if t {
			marks++
		}
	}
	tp += 5 * float64(marks) / 3
	add(ReasonTimeline, tp, 15, "%d timeline event(s), %d with times; %d of start/detection/resolution known", events, timed, marks)

	// Action items with owners.
	ai := len(pm.ActionItems)
	owned := 0
	for _, a := range pm.ActionItems {
		if strings.TrimSpace(a.Owner) != "" {
			owned++
		}
	}
	aiPoints := 0.0
	if ai > 0 {
		aiPoints = 4 + 8*float64(owned)/float64(ai)
	}
	add(ReasonActions, aiPoints, 12, "%d action item(s), %d with an owner", ai, owned)

	// Length balance.
	words, biggest, totalBytes := 0, 0, 0
	for _, s := range pm.Sections {
		words += len(strings.Fields(s.Text))
		totalBytes += len(s.Text)
		biggest = max(biggest, len(s.Text))
	}
	bp := 0.0
	switch {
	case words >= 300 && words <= 5000:
		bp += 4
	case words >= 150 && words < 300:
		bp += 2
	case words > 5000:
		bp += 2
	}
	balanced := len(pm.Sections) >= 3 && totalBytes > 0 && float64(biggest)/float64(totalBytes) <= 0.6
	if balanced {
		bp += 4
	}
	add(ReasonBalance, bp, 8, "%d words in %d sections; largest section %.0f%% of the text", words, len(pm.Sections), pct(biggest, totalBytes))

	total := 0.0
	for _, r := range q.Reasons {
		total += r.Points
	}
	q.Score = int(math.Round(math.Max(0, math.Min(100, total))))
	return q
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

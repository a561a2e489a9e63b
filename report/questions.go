package report

import (
	"fmt"
	"math"

	"github.com/debrief-dev/debrief/taxonomy"
)

// themePrompts turn a rising theme into a question a review can work on;
// every built-in theme of the taxonomy has one (a test checks).
var themePrompts = map[string]string{
	taxonomy.Change:        "Which changes got past our safety nets (canaries, staged rollouts, rollback), and what did those nets assume?",
	taxonomy.Capacity:      "Did we see the load coming? Where did our picture of headroom differ from what the systems actually had?",
	taxonomy.Dependency:    "Which dependencies failed in ways we had not designed for, and who owns each of those relationships?",
	taxonomy.Detection:     "In how many of these did a person or a customer notice before an alert did, and why?",
	taxonomy.Time:          "Which expiries, schedules and clocks are still tracked in someone's head rather than by a system?",
	taxonomy.Data:          "Which data safeguards (backups, replication, migrations) were exercised for real, and how did they hold up?",
	taxonomy.Network:       "Which network paths, DNS records or load-balancer rules do we understand least, and who could explain them?",
	taxonomy.Security:      "Which credentials or access paths were involved, and how are they rotated and reviewed today?",
	taxonomy.Automation:    "Which automation acted without a human in the loop, and what limits should it have had?",
	taxonomy.Communication: "Where did information fail to reach the people who needed it: handoffs, runbooks or status updates?",
}

// questions derives the questions for the review from the numbers.
//
// A quarter of fewer than MinSample postmortems gets no question built on
// a median, a mean or a rate: the cases themselves (repeated follow-ups,
// stated beliefs, a writeup worth reading) are what it has to discuss.
func questions(r *Review) []string {
	var qs []string
	o := r.Overview
	stats := !r.Few()
	if stats && o.PrevPostmortems > 0 && changed(float64(o.Postmortems), float64(o.PrevPostmortems), 0.25, 3) {
		qs = append(qs, fmt.Sprintf("We wrote %d postmortems this quarter against %d in %s. Is that a change in incidents, or in what we choose to write up?",
			o.Postmortems, o.PrevPostmortems, r.Previous.Label()))
	}
	if stats && o.MedianResolveMinutes > 0 && o.PrevMedianResolveMinutes > 0 &&
		changed(o.MedianResolveMinutes, o.PrevMedianResolveMinutes, 0.25, 15) {
		dir := "rose"
		if o.MedianResolveMinutes < o.PrevMedianResolveMinutes {
			dir = "fell"
		}
		qs = append(qs, fmt.Sprintf("Median time to resolve %s from %s to %s. Where did the time go (noticing, diagnosing or mitigating)? Walk one long timeline together.",
			dir, Minutes(o.PrevMedianResolveMinutes), Minutes(o.MedianResolveMinutes)))
	}
	if stats && len(o.Severity) > 0 {
		top := o.Severity[0]
		if top.Key != NoSeverity && top.Value > top.PrevValue && changed(float64(top.Value), float64(top.PrevValue), 0.25, 3) {
			qs = append(qs, fmt.Sprintf("%s incidents went from %d to %d. What did they have in common, and did they start the same way?",
				top.Key, top.PrevValue, top.Value))
		}
	}
	for i, t := range r.ThemesIn(Rising) {
		if i == 2 {
			break
		}
		prompt, ok := themePrompts[t.Theme]
		if !ok {
			prompt = "What is behind the rise?"
		}
		qs = append(qs, fmt.Sprintf("%s made up %s of what this quarter's postmortems say, against %s before, and came up in %d of %d. %s",
			ThemeName(t.Theme), Percent(t.Share), Percent(t.Baseline), t.Count, o.Postmortems, prompt))
	}
	if fall := r.ThemesIn(Falling); len(fall) > 0 {
		t := fall[0]
		qs = append(qs, fmt.Sprintf("%s fell to %s of what postmortems say, from %s. Did something we changed work, and can other teams reuse it?",
			ThemeName(t.Theme), Percent(t.Share), Percent(t.Baseline)))
	}
	if len(r.Repeated) > 0 {
		a := r.Repeated[0]
		open := ""
		if a.Open > 0 {
			open = fmt.Sprintf(", %d of them not marked done", a.Open)
		}
		qs = append(qs, fmt.Sprintf("“%s” has been promised in %d postmortems since %s%s. What keeps it from getting done, and does it need an owner and time rather than another ticket?",
			a.Text, a.Postmortems, a.FirstText(), open))
	}
	all := r.Blame.All
	cur, prev := all.Current(), all.Prev()
	if stats && cur.Known() && prev.Known() && changed(cur.PerThousand(), prev.PerThousand(), 0.25, 2) {
		if cur.PerThousand() > prev.PerThousand() {
			qs = append(qs, fmt.Sprintf("Blame phrasing rose to %.1f per 1,000 sentences from %.1f. What would help authors describe decisions and their context rather than people: a template prompt, a second reader, a facilitator?",
				cur.PerThousand(), prev.PerThousand()))
		} else {
			qs = append(qs, fmt.Sprintf("Blame phrasing fell to %.1f per 1,000 sentences from %.1f. What helped, and how do we keep it?",
				cur.PerThousand(), prev.PerThousand()))
		}
	}
	if t, ok := blameRiser(r.Blame.Teams); ok {
		qs = append(qs, fmt.Sprintf("Writeups from %s used blame phrasing at %.1f per 1,000 sentences, up from %.1f. What would help those authors tell the system's story: a second reader, a facilitator, more time to write?",
			t.Team, t.Current().PerThousand(), t.Prev().PerThousand()))
	}
	if a := r.Assumptions; a.Sentences > 0 {
		qs = append(qs, fmt.Sprintf("%d sentences this quarter record a belief about the system or a surprise. Which of those beliefs are still held by teams that were not in the room, and how do we tell them?",
			a.Sentences))
	}
	if stats && o.MeanScore > 0 && o.PrevMeanScore > 0 && o.PrevMeanScore-o.MeanScore >= 5 {
		qs = append(qs, fmt.Sprintf("The mean writeup score fell from %.0f to %.0f. Are authors short of time, of a template, or of reviewers?",
			o.PrevMeanScore, o.MeanScore))
	}
	if len(r.Writeups) > 0 {
		qs = append(qs, fmt.Sprintf("What made “%s” easy to learn from, and what would it take for every writeup to do the same?", r.Writeups[0].Title))
	}
	return qs
}

// changed reports whether cur differs from prev by at least rel (relative)
// and at least abs (absolute).
func changed(cur, prev, rel, abs float64) bool {
	d := math.Abs(cur - prev)
	return d >= abs && (prev == 0 || d/prev >= rel)
}

// Blame rates of a team are compared only over enough text to mean
// something, and a rise must be large in both ratio and size.
const (
	minBlameSentences = 100
	minBlameRise      = 20.0 // per 1,000 sentences
	minBlameRatio     = 1.5
)

// blameRiser returns the team whose blame rate rose the most against the
// previous quarter, if any rose past the thresholds above.
func blameRiser(teams []TeamBlame) (TeamBlame, bool) {
	var best TeamBlame
	bestRise := 0.0
	for _, t := range teams {
		cur, prev := t.Current(), t.Prev()
		if cur.Sentences < minBlameSentences || prev.Sentences < minBlameSentences {
			continue
		}
		rise := cur.PerThousand() - prev.PerThousand()
		if rise >= minBlameRise && cur.PerThousand() >= minBlameRatio*prev.PerThousand() && rise > bestRise {
			best, bestRise = t, rise
		}
	}
	return best, bestRise > 0
}

package synth

import (
	"fmt"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/model"
)

// The generated corpus is meant to be ingested: every document parses,
// and its title, team, date, sections, timeline and action items come
// through in every format.
func TestIngestParsesGenerated(t *testing.T) {
	type tally struct{ docs, title, team, date, timeline, actions, sections int }
	per := map[string]*tally{}
	items, owned, tickets := 0, 0, 0
	err := Generate(Options{Seed: 99, N: 200}, func(d Doc) error {
		pm, err := ingest.Parse(d.Path, d.Data, ingest.Options{})
		if err != nil {
			return fmt.Errorf("%s (%s): %w", d.Path, d.Format, err)
		}
		tl := per[d.Format]
		if tl == nil {
			tl = &tally{}
			per[d.Format] = tl
		}
		tl.docs++
		if strings.Contains(pm.Title, d.Title) {
			tl.title++
		} else {
			t.Logf("%s: title %q, want %q", d.Path, pm.Title, d.Title)
		}
		if pm.Team == d.Team {
			tl.team++
		} else {
			t.Logf("%s: team %q, want %q", d.Path, pm.Team, d.Team)
		}
		if pm.Date != nil && pm.Date.Format("2006-01-02") == d.Date.Format("2006-01-02") {
			tl.date++
		} else {
			t.Logf("%s: date %v, want %s", d.Path, pm.Date, d.Date.Format("2006-01-02"))
		}
		if hasKind(d.Sections, model.SectionTimeline) {
			if len(pm.Timeline) >= 2 && pm.Timeline[0].At != nil {
				tl.timeline++
			} else {
				t.Logf("%s: %d timeline events", d.Path, len(pm.Timeline))
			}
		} else {
			tl.timeline++
		}
		for _, a := range pm.ActionItems {
			items++
			if a.Owner != "" {
				owned++
			}
			if a.Ticket != "" {
				tickets++
			}
			switch a.Status {
			case "", "open", "done", "in-progress":
			default:
				t.Errorf("%s: action status %q outside the model's set", d.Path, a.Status)
			}
		}
		if d.Actions == len(pm.ActionItems) {
			tl.actions++
		} else {
			t.Logf("%s: %d action items, want %d", d.Path, len(pm.ActionItems), d.Actions)
		}
		got := map[string]bool{}
		for _, s := range pm.Sections {
			got[s.Kind] = true
		}
		missing := []string{}
		for _, k := range d.Sections {
			if k == model.SectionLessons {
				continue // a lessons heading may only wrap its subsections
			}
			// Exports keep lessons as one object; ingest may keep it as
			// one lessons section.
			export := d.Format == FormatJSON || d.Format == FormatYAML
			if strings.HasPrefix(k, "went-") || k == model.SectionGotLucky {
				if export && got[model.SectionLessons] {
					continue
				}
			}
			if !got[k] {
				missing = append(missing, k)
			}
		}
		if len(missing) == 0 {
			tl.sections++
		} else {
			t.Logf("%s: sections %v missing (have %v)", d.Path, missing, kinds(pm.Sections))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Owners and tickets are written for most items (quality varies).
	if owned*2 < items || tickets*2 < items {
		t.Errorf("of %d action items, %d have owners and %d tickets", items, owned, tickets)
	}
	for _, f := range Formats {
		tl := per[f]
		if tl == nil {
			t.Errorf("format %s not in the sample", f)
			continue
		}
		t.Logf("%-14s docs %3d title %3d team %3d date %3d timeline %3d actions %3d sections %3d",
			f, tl.docs, tl.title, tl.team, tl.date, tl.timeline, tl.actions, tl.sections)
		for name, n := range map[string]int{"title": tl.title, "team": tl.team, "date": tl.date, "timeline": tl.timeline, "actions": tl.actions, "sections": tl.sections} {
			// Every field must come through for nearly every document.
			if n*100 < tl.docs*95 {
				t.Errorf("%s: %s right in only %d of %d documents", f, name, n, tl.docs)
			}
		}
	}
}

func hasKind(kinds []string, k string) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func kinds(ss []model.Section) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Kind)
	}
	return out
}

package patterns

import (
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// maxFallbackText bounds the prose FromPostmortem takes when a writeup has
// no summary section.
const maxFallbackText = 2000

// maxCauseText bounds DocText.Cause.
const maxCauseText = 4000

// FromPostmortem extracts what similarity and recurrence compare: title,
// team, services, date (Date, else StartedAt), the summary section's text
// (else the start of the first sections' text), the root-cause and
// trigger and what-went-wrong sections' text (Cause), the timeline,
// impact, detection, resolution and other sections' text (Context) and the labels of its member themes
// (model.Theme.Member; all its themes when none is a member, as in
// documents stored before membership existed).
func FromPostmortem(p *model.Postmortem) DocText {
	d := DocText{ID: p.ID, Team: p.Team, Services: p.Services, Title: p.Title}
	switch {
	case p.Date != nil:
		d.Date = *p.Date
	case p.StartedAt != nil:
		d.Date = *p.StartedAt
	}
	var summary []string
	for _, s := range p.Sections {
		if s.Kind == model.SectionSummary {
			summary = append(summary, s.Text)
		}
	}
	if len(summary) > 0 {
		d.Text = strings.Join(summary, "\n")
	} else {
		var b strings.Builder
		for _, s := range p.Sections {
			if s.Kind == model.SectionTimeline || s.Kind == model.SectionActionItems {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(s.Text)
			if b.Len() >= maxFallbackText {
				break
			}
		}
		d.Text = truncateUTF8(b.String(), maxFallbackText)
	}
	var cause, context strings.Builder
	for _, s := range p.Sections {
		var b *strings.Builder
		switch s.Kind {
		case model.SectionRootCause, model.SectionTrigger, model.SectionWentWrong:
			b = &cause
		case model.SectionTimeline, model.SectionImpact, model.SectionDetection, model.SectionResolution, model.SectionOther:
			b = &context
		}
		if b == nil || b.Len() >= maxCauseText {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	d.Cause = truncateUTF8(cause.String(), maxCauseText)
	d.Context = truncateUTF8(context.String(), maxCauseText)
	for _, t := range p.Themes {
		if t.Member {
			d.Themes = append(d.Themes, t.Label)
		}
	}
	if len(d.Themes) == 0 { // stored before membership was decided
		for _, t := range p.Themes {
			d.Themes = append(d.Themes, t.Label)
		}
	}
	return d
}

// ActionsOf returns the postmortem's action items as ActionRefs.
func ActionsOf(p *model.Postmortem) []ActionRef {
	var date *time.Time
	switch {
	case p.Date != nil:
		date = p.Date
	case p.StartedAt != nil:
		date = p.StartedAt
	}
	out := make([]ActionRef, 0, len(p.ActionItems))
	for _, a := range p.ActionItems {
		out = append(out, ActionRef{DocID: p.ID, DocTitle: p.Title, Team: p.Team, Services: p.Services, Date: date, ActionItem: a})
	}
	return out
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

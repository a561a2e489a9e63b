package ingest

import (
	"strings"
	"time"
)

// impactStartWords and impactEndWords introduce a stated impact start or
// end in prose: "Impact started at 14:02 UTC", "customer impact ended at
// 15:10".
var (
	impactStartWords = []string{"impact started", "impact began", "impact begins", "impact starts",
		"impact start", "impact first", "start of impact", "start of the impact", "impact window opened"}
	impactEndWords = []string{"impact ended", "impact ends", "impact stopped", "impact end", "impact was resolved",
		"impact was mitigated", "impact mitigated", "end of impact", "end of the impact", "impact resolved"}
)

// impactPhrases finds the first stated impact start and end in text.
// Times of day without a date take day's date; an end before its start
// on the same day is read as the next day.
func impactPhrases(text string, day *time.Time, refYear int, loc *time.Location) (start, end *time.Time) {
	if !containsFold(text, "impact") {
		return nil, nil
	}
	start = stampAfter(text, impactStartWords, day, refYear, loc)
	end = stampAfter(text, impactEndWords, firstTime(start, day), refYear, loc)
	if start != nil && end != nil && end.Before(*start) && start.Sub(*end) < 24*time.Hour {
		t := end.AddDate(0, 0, 1)
		end = &t
	}
	return start, end
}

// stampAfter returns the time written right after the first of the
// phrases in text ("impact started at 14:02", "impact ended: 2024-05-01
// 15:10").
func stampAfter(text string, phrases []string, day *time.Time, refYear int, loc *time.Location) *time.Time {
	for _, p := range phrases {
		for off := 0; off < len(text); {
			i := indexFold(text[off:], p)
			if i < 0 {
				break
			}
			i += off
			off = i + len(p)
			w := strings.TrimLeft(text[off:min(len(text), off+70)], " :,-–—")
			for _, lead := range []string{"at ", "on ", "around ", "about ", "approximately ", "~"} {
				if len(w) > len(lead) && strings.EqualFold(w[:len(lead)], lead) {
					w = w[len(lead):]
				}
			}
			m, ok := findDate(w)
			if !ok || m.start > 12 {
				continue
			}
			if t, ok := stampTime(m, day, refYear, loc); ok {
				return &t
			}
		}
	}
	return nil
}

// stampTime turns a found date or time into a time: a time of day takes
// day's date.
func stampTime(m dateMatch, day *time.Time, refYear int, loc *time.Location) (time.Time, bool) {
	if m.hasDate {
		return m.toTime(refYear, loc)
	}
	if !m.hasTime || day == nil {
		return time.Time{}, false
	}
	if m.loc != nil {
		loc = m.loc
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(day.Year(), day.Month(), day.Day(), m.hour, m.minute, m.sec, 0, loc), true
}

// hasAnyWord reports whether the lower-cased text low holds one of the
// words (or phrases) as whole words.
func hasAnyWord(low string, words []string) bool {
	for _, w := range words {
		if strings.Contains(low, w) && containsWord(low, w) {
			return true
		}
	}
	return false
}

package ingest

import (
	"regexp"
	"strings"
	"time"
)

// impactStartWords and impactEndWords introduce a stated impact start or
// end in prose: "Impact started at 14:02 UTC", "customer impact ended at
// 15:10".
var (
	impactStartWords = []string{"impact started", "impact began", "impact begins", "impact starts",
		"impact start", "impact first", "start of impact", "start of the impact", "impact window opened",
		"impact was starting", "impact was beginning", "impact is starting"}
	// impactIsWords introduce a window stated in prose when a stamp
	// follows them at once: "impact is 07:58 until 10:41", "customer
	// impact was from 14:05 until 17:20 CET" (not "impact was mitigated
	// at 09:40").
	impactIsWords  = []string{"impact is", "impact was", "impact ran"}
	impactEndWords = []string{"impact ended", "impact ends", "impact stopped", "impact end", "impact was resolved",
		"impact was mitigated", "impact mitigated", "end of impact", "end of the impact", "impact resolved",
		"impact was over", "impact is over"}
)

// impactPhrases finds the first stated impact start and end in text.
// Times of day without a date take day's date; an end before its start
// on the same day is read as the next day.
func impactPhrases(text string, day *time.Time, refYear int, loc *time.Location) (start, end *time.Time) {
	return impactPhrasesIn(text, day, refYear, loc, true)
}

// impactPhrasesIn is impactPhrases; "the incident began at ..." (see
// proseStart) is read only in prose sections.
func impactPhrasesIn(text string, day *time.Time, refYear int, loc *time.Location, prose bool) (start, end *time.Time) {
	text = joinWrappedLines(text)
	from := -1
	var startZoned, endZoned bool
	if containsFold(text, "impact") {
		start, startZoned = stampNear(text, impactStartWords, day, refYear, loc)
		if start != nil {
			from = firstIndexFold(text, impactStartWords)
		} else if start, _, startZoned = stampAfterZoned(text, impactIsWords, day, refYear, loc); start != nil {
			from = firstIndexFold(text, impactIsWords)
		}
		if start == nil {
			// "The first call rated at the casual rate was at 06:02 AEDT,
			// and that's where customer impact starts."
			start, startZoned = stampBefore(text, impactStartWords, day, refYear, loc)
		}
		end, endZoned = stampNear(text, impactEndWords, firstTime(start, day), refYear, loc)
		if start != nil && end == nil && from >= 0 {
			// "customer impact was 17:10 to 19:38 Irish time": the
			// window right after the words.
			seg := text[from:min(len(text), from+60)]
			if at := clockRangeAt(seg); at >= 0 && at <= 16 {
				if s, e := clockRange(seg, firstTime(day, start), loc); s != nil && e != nil {
					start, end = s, e
				}
			}
		}
	}
	if start == nil && prose {
		from, start = proseStart(text, day, refYear, loc)
	}
	if start == nil && prose {
		// "From 3:12 PM EDT, patients ... got stuck. ... fully working
		// again for all patients at 4:41 PM EDT."
		if i, t, zoned := sentenceFrom(text, day, refYear, loc); t != nil {
			if end != nil {
				// "From 11:20 PM the service couldn't read them ... viewer
				// impact was over at 1:05 AM".
				start, startZoned = t, zoned
			} else if e, eZoned := stampNear(text[i:min(len(text), i+600)], recoveredWords, t, refYear, loc); e != nil {
				start, end, startZoned, endZoned = t, e, zoned, eZoned
			}
		}
	}
	if start != nil && end == nil && from >= 0 {
		// "Impact began on 2026-10-06 at 04:00 UTC and ended at 14:30 UTC"
		end, endZoned = stampNear(text[from:min(len(text), from+200)], []string{"ended", "until", "resolved", "recovered",
			"restored", "finished", "stopped", "was over"}, start, refYear, loc)
	}
	if start != nil && end != nil {
		start, end = shareZone(start, end, startZoned, endZoned)
	}
	if start != nil && end != nil && end.Before(*start) && start.Sub(*end) < 24*time.Hour {
		t := end.AddDate(0, 0, 1)
		end = &t
	}
	return start, end
}

// joinWrappedLines turns the line breaks of wrapped prose ("viewer impact
// was over at\n1:05 AM") into spaces, keeping every offset: a break
// between a word or comma and a lower-case word or a digit.
func joinWrappedLines(text string) string {
	var b []byte
	for i := 1; i+1 < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		p, n := text[i-1], text[i+1]
		if (isWordByte(p) || p == ',') && (n >= 'a' && n <= 'z' || n >= '0' && n <= '9') {
			b = setByteCopy(b, text, i, ' ')
		}
	}
	return bytesOr(b, text)
}

// setByteCopy sets byte i of a copy of text (made on the first call, b
// nil) to c and returns the copy: rewrites that keep every offset.
func setByteCopy(b []byte, text string, i int, c byte) []byte {
	if b == nil {
		b = []byte(text)
	}
	b[i] = c
	return b
}

// bytesOr is the rewritten copy b, or text when nothing was rewritten.
func bytesOr(b []byte, text string) string {
	if b == nil {
		return text
	}
	return string(b)
}

// recoveredWords say, in prose, that the impact is over ("fully working
// again for all patients at 4:41 PM").
var recoveredWords = []string{"working again", "fully working", "back to normal", "working normally", "restored",
	"recovered", "fully resolved", "available again", "returned to normal", "returns to normal", "normal again"}

// sentenceFrom finds a sentence that opens with "From <time>," (the
// impact's start stated on its own) and returns where it is, the time and
// whether its zone was written.
func sentenceFrom(text string, day *time.Time, refYear int, loc *time.Location) (int, *time.Time, bool) {
	for i := range foldIndexes(text, "from ") {
		// At a sentence's start, or after its opening date: "On Friday
		// 14 March, from 07:12 GMT, ...".
		if i > 0 && !(i >= 2 && strings.ContainsRune(".!?\n,", rune(text[i-2])) && text[i-1] == ' ' || text[i-1] == '\n') {
			continue
		}
		if i >= 2 && text[i-2] == ',' && !datedOpening(text[:i-2]) {
			continue
		}
		w := text[i+5 : min(len(text), i+60)]
		m, rest, ok := leadingStamp(w)
		if !ok || !m.hasTime || !strings.HasPrefix(strings.TrimSpace(w[m.end:]), ",") && !strings.HasPrefix(rest, ",") &&
			!fromClauseSubject(rest) {
			continue
		}
		if t, ok := stampTime(m, day, refYear, loc); ok {
			return i, &t, m.loc != nil
		}
	}
	return -1, nil, false
}

// fromClauseSubject reports the words after "From <time>" that open the
// clause's subject without a comma: "From 11:20 PM the cold-fetch service
// couldn't read them" (not "From 10:00 to 11:00").
func fromClauseSubject(rest string) bool {
	word, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	switch strings.ToLower(word) {
	case "the", "our", "all", "most", "every", "some", "about", "around", "roughly", "nearly", "many",
		"customers", "users", "viewers", "players", "students", "requests":
		return true
	}
	return false
}

// datedOpening reports text whose last sentence so far is a date alone
// ("On Friday 14 March", "Yesterday"): the clause a "from <time>" after it
// belongs to.
func datedOpening(text string) bool {
	start := max(strings.LastIndex(text, ". "), strings.LastIndexByte(text, '\n')) + 1
	clause := strings.TrimSpace(text[start:])
	if clause == "" || len(clause) > 40 {
		return false
	}
	if low := strings.ToLower(clause); low == "yesterday" || low == "today" || low == "this morning" || low == "last night" {
		return true
	}
	_, ok := findDate(clause)
	return ok
}

// proseSubjects are the words whose "began" or "started" states the
// impact's start: "the incident began at 14:02", "errors started at ...".
var proseSubjects = map[string]bool{"incident": true, "outage": true, "problems": true, "errors": true,
	"failures": true, "disruption": true, "degradation": true}

// proseStart finds "<subject> began|started at <time>" (proseSubjects)
// and returns where the phrase starts and the time, or -1.
func proseStart(text string, day *time.Time, refYear int, loc *time.Location) (int, *time.Time) {
	for _, verb := range []string{" began", " started"} {
		for i := range foldIndexes(text, verb) {
			w := strings.LastIndexAny(text[:i], " \n(") + 1
			if !proseSubjects[strings.ToLower(text[w:i])] {
				continue
			}
			if t := stampAfter(text[i:min(len(text), i+90)], []string{verb[1:]}, day, refYear, loc); t != nil {
				return w, t
			}
		}
	}
	return -1, nil
}

// stampAfter returns the time written right after the first of the
// phrases in text ("impact started at 14:02", "impact ended: 2024-05-01
// 15:10").
func stampAfter(text string, phrases []string, day *time.Time, refYear int, loc *time.Location) *time.Time {
	t, _ := stampAfterTimed(text, phrases, day, refYear, loc)
	return t
}

// stampAfterTimed is stampAfter that also reports whether the stamp had a
// time of day.
func stampAfterTimed(text string, phrases []string, day *time.Time, refYear int, loc *time.Location) (*time.Time, bool) {
	t, timed, _ := stampAfterReach(text, phrases, day, refYear, loc, 12)
	return t, timed
}

// stampAfterZoned is stampAfterTimed that also reports whether the stamp
// wrote its zone ("12:35 AM GMT").
func stampAfterZoned(text string, phrases []string, day *time.Time, refYear int, loc *time.Location) (t *time.Time, timed, zoned bool) {
	return stampAfterReach(text, phrases, day, refYear, loc, 12)
}

// stampNear is stampAfter for phrases that state a moment themselves
// ("impact was starting when the table was truncated, 04:20 IST"): the
// stamp may come up to 48 bytes on, in the same sentence.
// reClockIn matches a time of day with an optional meridiem and zone.
var reClockIn = regexp.MustCompile(`\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}\b)?`)

// stampBefore returns the last time of day written before one of phrases
// in the same sentence (within 120 bytes), dated by day: "at 06:02 AEDT,
// and that's where customer impact starts".
func stampBefore(text string, phrases []string, day *time.Time, refYear int, loc *time.Location) (*time.Time, bool) {
	for _, p := range phrases {
		i := indexFold(text, p)
		if i < 0 {
			continue
		}
		lo := max(0, i-120)
		seg := text[lo:i]
		if j := strings.LastIndex(seg, ". "); j >= 0 {
			seg = seg[j+2:]
		}
		ms := reClockIn.FindAllStringIndex(seg, -1)
		if len(ms) == 0 {
			continue
		}
		m, _, ok := leadingStamp(seg[ms[len(ms)-1][0]:])
		if !ok || !m.hasTime {
			continue
		}
		if t, ok := stampTime(m, day, refYear, loc); ok {
			return &t, m.loc != nil
		}
	}
	return nil, false
}

func stampNear(text string, phrases []string, day *time.Time, refYear int, loc *time.Location) (*time.Time, bool) {
	t, _, zoned := stampAfterReach(text, phrases, day, refYear, loc, 48)
	return t, zoned
}

// stampAfterReach is stampAfterTimed with a stamp not opening the text
// after the phrase allowed up to reach bytes on, in the same sentence.
func stampAfterReach(text string, phrases []string, day *time.Time, refYear int, loc *time.Location, reach int) (*time.Time, bool, bool) {
	for _, p := range phrases {
		for off := 0; off < len(text); {
			i := indexFold(text[off:], p)
			if i < 0 {
				break
			}
			i += off
			off = i + len(p)
			w := strings.TrimLeft(text[off:min(len(text), off+58+reach)], " :,-–—")
			switch strings.TrimSpace(p) {
			case "until", "to", "and", "from", "between", "till":
				// "visible from 14:20 until\n18:40": a connective ends
				// the line, the sentence goes on.
				w = strings.TrimLeft(w, " \n")
			}
			for _, lead := range []string{"at ", "on ", "around ", "about ", "approximately ", "~", "from ", "between "} {
				if len(w) > len(lead) && strings.EqualFold(w[:len(lead)], lead) {
					w = w[len(lead):]
				}
			}
			m, _, ok := leadingStamp(w)
			if !ok && reach > 12 {
				m, ok = clockWithin(w, reach)
			}
			if !ok {
				// A date a few words on, in the same sentence ("impact
				// started on Monday 2 Dec at 23:15"); not the next entry's
				// stamp after "Impact begins.".
				if m, ok = findDate(w); !ok || m.start > reach || strings.ContainsAny(w[:m.start], ".;\n") {
					continue
				}
			}
			if t, ok := stampTime(m, day, refYear, loc); ok {
				return &t, m.hasTime, m.loc != nil
			}
		}
	}
	return nil, false, false
}

// clockWithin finds a stamp opening a word in the first reach bytes of
// w, before any sentence or line end ("when the table was truncated,
// 04:20 IST on 6 March"; not the next log line's stamp), with the date
// that follows it as "on <date>".
func clockWithin(w string, reach int) (dateMatch, bool) {
	for j := 0; j < min(len(w), reach); j++ {
		c := w[j]
		if c == '.' && (j+1 == len(w) || w[j+1] == ' ' || w[j+1] == '\n') || c == ';' || c == '\n' {
			break
		}
		if j == 0 || !isDigitByte(c) || isWordByte(w[j-1]) {
			continue
		}
		m, rest, ok := leadingStamp(w[j:])
		if !ok || !m.hasTime {
			continue
		}
		if !m.hasDate {
			if r := strings.TrimLeft(rest, " ,"); len(r) > 3 && strings.EqualFold(r[:3], "on ") {
				if d, ok := findDate(r[3:]); ok && d.start == 0 && d.hasDate && !d.hasTime {
					m.year, m.month, m.day, m.hasDate = d.year, d.month, d.day, true
				}
			}
		}
		return m, true
	}
	return dateMatch{}, false
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
	loc = writtenZone(m.loc, loc, day.Year(), day.Month(), day.Day(), m.hour, m.minute)
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

// firstIndexFold returns the index of the first of the lower-case words
// found in s, ignoring ASCII case, or -1.
func firstIndexFold(s string, words []string) int {
	best := -1
	for _, w := range words {
		if i := indexFold(s, w); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// reClockRange matches a range of two times of day: "14:02–15:10 UTC",
// "2:02 PM - 3:10 PM ET", "14:02 to 15:10", "22:50 -> 00:20 UTC".
// The end may carry its weekday ("Mon 23:48 to Tue 01:22").
var reClockRange = regexp.MustCompile(`\b(\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)[ \t]*(?:->|→|-|–|—|to)[ \t]*(?:((?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?i:day|sday|nesday|rsday|urday)?\.?,?)[ \t]+)?(\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:UTC[+-]\d{1,2}|[A-Z]{2,5}\b))?)`)

// clockRange reads the first range of two times of day in text (see
// reClockRange), the zone written once after the end applying to both.
func clockRange(text string, day *time.Time, loc *time.Location) (start, end *time.Time) {
	at := clockRangeAt(truncateUTF8(text, 4000))
	if day == nil || at < 0 {
		return nil, nil
	}
	ix := reClockRange.FindStringSubmatchIndex(text[at:])
	if ix == nil {
		return nil, nil
	}
	sub := func(g int) string {
		if ix[2*g] < 0 {
			return ""
		}
		return text[at+ix[2*g] : at+ix[2*g+1]]
	}
	m := []string{sub(0), sub(1), sub(3)} // the range, its start, its end
	// Days from the start's weekday, written just before it, to the end's.
	days := -1
	if wd := sub(2); wd != "" {
		before := strings.Fields(text[max(0, at+ix[0]-12) : at+ix[0]])
		if len(before) > 0 && skipWeekday(before[len(before)-1]) > 0 {
			days = (weekdayOf(wd) - weekdayOf(before[len(before)-1]) + 7) % 7
		}
	}
	em, _, ok1 := leadingStamp(m[2])
	sm, _, ok2 := leadingStamp(m[1])
	if !ok1 || !ok2 || !em.hasTime || !sm.hasTime {
		return nil, nil
	}
	if sm.loc == nil {
		sm.loc = em.loc
	}
	st, ok1 := stampTime(sm, day, 0, loc)
	et, ok2 := stampTime(em, day, 0, loc)
	if !ok1 || !ok2 {
		return nil, nil
	}
	if d := et.Sub(st); d > 12*time.Hour && d < 24*time.Hour && reBareStartMeridiemEnd.MatchString(m[0]) {
		st = st.Add(12 * time.Hour) // "2:29 to 3:51 PM": the end's PM is the start's too
	}
	if days > 0 {
		et = et.AddDate(0, 0, days) // "Fri 22:00 to Sun 01:00"
	} else if et.Before(st) {
		et = et.AddDate(0, 0, 1)
	}
	return &st, &et
}

// clockRangeAt is a fast necessary condition for reClockRange: the index
// a little before the first "d:dd" that a dash or "to" follows within a
// few bytes, or -1.
func clockRangeAt(text string) int {
	for off := 0; off < len(text); {
		i := strings.IndexByte(text[off:], ':')
		if i < 0 {
			return -1
		}
		i += off
		off = i + 1
		if i == 0 || i+3 > len(text) || !isDigitByte(text[i-1]) || !isDigitByte(text[i+1]) || !isDigitByte(text[i+2]) {
			continue
		}
		after := text[i+3 : min(len(text), i+3+10)]
		if strings.ContainsAny(after, "-–—→") || strings.Contains(after, "to ") {
			return max(0, i-2)
		}
	}
	return -1
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// shareZone gives both ends of a window the zone written at one of them
// only (startZoned, endZoned): "from 15:00 to 15:40 CEST", "from 10:20
// NZST until 19:50". Zones written at both ends stay: "from 12:35 AM GMT
// until 3:10 AM BST" spans the clock change.
func shareZone(start, end *time.Time, startZoned, endZoned bool) (*time.Time, *time.Time) {
	rezone := func(t *time.Time, l *time.Location) *time.Time {
		r := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, l)
		return &r
	}
	switch {
	case startZoned == endZoned || start.Location() == end.Location():
	case endZoned:
		start = rezone(start, end.Location())
	default:
		end = rezone(end, start.Location())
	}
	return start, end
}

// impactWindow reads "between A and B" or "from A to/until B" in an impact
// section's text, else a range of two times ("14:02–15:10 UTC").
func impactWindow(text string, day *time.Time, refYear int, loc *time.Location, impactSection bool) (start, end *time.Time) {
	if impactSection {
		// An impact section that opens with its window ("14:09 – 16:32
		// BST on Thursday") states it before any detail of the text after.
		first, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
		if at := clockRangeAt(first); at >= 0 && at <= 2 {
			if s, e := clockRange(first, day, loc); s != nil {
				return s, e
			}
		}
	}
	start, end = impactWindowWords(text, day, refYear, loc)
	if start == nil && end == nil {
		// A bare range of times outside the impact section must be in a
		// sentence about the impact: "01:00–01:59 happens twice" when the
		// clocks go back is no window.
		t := truncateUTF8(text, 4000)
		for off := 0; off < len(t); {
			at := clockRangeAt(t[off:])
			if at < 0 {
				break
			}
			at += off
			off = at + 5
			if impactSection || sentenceNamesImpact(text, at) || sentenceNamesSymptom(text, at) || rangeIsSentence(text, at) {
				return clockRange(text[at:], day, loc)
			}
		}
	}
	return start, end
}

// reEndpointAt finds an end of a window named by its event: "from the
// first bounced transfer at 09:00 to the last corrected refund at 17:30"
// reads as "from 09:00 to 17:30".
var reEndpointAt = regexp.MustCompile(`(?i)\b(from|to|until|between|and)\s+the\s+(?:first|last|final|earliest|latest)\s+[a-z-]+(?:\s+[a-z-]+){0,3}\s+at\s+`)

// reStartedEnded matches a window stated as its start's and end's events:
// "started with X at <time> and ended when Y at <time>".
var reStartedEnded = regexp.MustCompile(`(?i)\b(?:started|began)\b[^.;]{0,60}?\bat\s+(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}\b)?)[^.;]{0,40}?\b(?:ended|stopped|finished)\b[^.;]{0,60}?\bat\s+(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}\b)?)`)

// reEventWindow matches a window whose two ends are named by their events
// in one sentence: "from the freeze in the air-check at 23:18 to the
// gallery confirming a good ticker at 00:07".
var reEventWindow = regexp.MustCompile(`(?i)\bfrom\s+the\s+(?:[\w'-]+\s+){1,7}?at\s+(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)\s+(to|until)\s+the\s+(?:[\w'-]+\s+){1,7}?at\s+`)

// reBareStartMeridiemEnd matches a window whose start is written without
// AM/PM or a leading zero and whose end has one: " 2:29 to 3:51 PM".
var reBareStartMeridiemEnd = regexp.MustCompile(`(?i)^\s*(?:at\s+)?[1-9]:\d{2}\s+(?:to|until|till|and|-|–)\s+\d{1,2}:\d{2}\s*[ap]\.?m\b`)

// impactWindowWords reads "between A and B", "from A to/until B", or "stopped
// at A and resumed at B".
func impactWindowWords(text string, day *time.Time, refYear int, loc *time.Location) (start, end *time.Time) {
	if strings.Contains(text, " at") && reEndpointAt.MatchString(text) {
		text = reEndpointAt.ReplaceAllString(collapseSpace(text), "$1 ")
	}
	if strings.Contains(text, "ended") && reStartedEnded.MatchString(text) {
		// "the disruption started with the early break at 01:36 BST and
		// ended when manual playout resumed at 01:29 GMT".
		text = reStartedEnded.ReplaceAllString(collapseSpace(text), "from $1 to $2")
	}
	if strings.Contains(text, " at") && reEventWindow.MatchString(text) {
		// "runs from the freeze in the air-check at 23:18 to the gallery
		// confirming a good ticker at 00:07".
		text = reEventWindow.ReplaceAllString(collapseSpace(text), "from $1 $2 ")
	}
	// The first window in a sentence that names the impact, else the
	// first window: "charge from 05:00 until 00:30" describes a schedule,
	// "Customer impact ran from 5:00pm to 11:40pm" the incident.
	var firstStart, firstEnd *time.Time
	for _, pair := range [][2]string{{"between", "and"}, {"from", "until"}, {"from", "to"},
		{"stopped at", "resumed at"}, {"began at", "ended at"}, {"started at", "ended at"}, {"failing at", "recovered at"}} {
		// Each "from" in turn: the first may open no window ("bounced
		// from the login page ... From 9:05pm until 12:20am").
		for i := range foldIndexes(text, pair[0]) {
			if i > 0 && isWordByte(text[i-1]) {
				continue
			}
			at := text[i:min(len(text), i+120)]
			start, timed, startZoned := stampAfterZoned(at[:min(len(at), len(pair[0])+40)], []string{pair[0]}, day, refYear, loc)
			if start == nil || !timed {
				continue // a window of days is too coarse for a duration
			}
			end, endTimed, endZoned := stampAfterZoned(at, []string{" " + pair[1]}, start, refYear, loc)
			if end != nil && endTimed {
				start, end = shareZone(start, end, startZoned, endZoned)
				if d := end.Sub(*start); d > 12*time.Hour && d < 24*time.Hour && reBareStartMeridiemEnd.MatchString(at[len(pair[0]):]) {
					// "2:29 to 3:51 PM": the end's PM is the start's too.
					t := start.Add(12 * time.Hour)
					start = &t
				}
				if end.Before(*start) && start.Sub(*end) < 24*time.Hour {
					t := end.AddDate(0, 0, 1)
					end = &t
				}
				// "No customer impact occurred between 05:03 and 09:30"; "the
				// hour from 02:00 to 03:00 happened twice" (not "from 01:22
				// BST until 01:47 GMT (the clocks went back in between)").
				if sent := sentenceAt(text, i); deniesImpact(sent) || explainsClockChange(sent) && !startZoned && !endZoned {
					continue
				}
				if sentenceNamesImpact(text, i) {
					return start, end
				}
				if firstStart == nil {
					firstStart, firstEnd = start, end
				}
			}
		}
	}
	return firstStart, firstEnd
}

// deniesImpact reports a sentence that says a span had no impact: "No
// customer impact occurred between 05:03 and 09:30", "without any user
// impact".
func deniesImpact(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"no customer impact", "no impact", "no user impact", "no customer-facing impact",
		"no further impact", "no further customer impact", "without any impact", "without impact",
		"without customer impact", "without any customer impact", "without any user impact", "no service impact"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// explainsClockChange reports a sentence about a daylight-saving change,
// whose times are the clocks', not the impact's: "The hour from 02:00 to
// 03:00 therefore happened twice."
func explainsClockChange(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"happened twice", "happens twice", "daylight saving", "clocks went back", "clocks go back",
		"clocks went forward", "clocks go forward", "clocks changed", "clock change"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// sentenceNamesSymptom reports whether the sentence of text around i
// names a symptom ("Checkout failed 11:50 PM - 12:40 AM ET") or a window.
func sentenceNamesSymptom(text string, i int) bool {
	s := strings.ToLower(sentenceAt(text, i))
	return namesSymptom(s) || containsWord(s, "window") && !plannedWindow(s)
}

// plannedWindow reports a sentence about a planned window ("went live in
// the maintenance window, 21:00–21:30 UTC"), which is no impact window.
func plannedWindow(s string) bool {
	for _, w := range []string{"maintenance window", "change window", "release window", "deployment window",
		"deploy window", "freeze window", "upgrade window"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// rangeIsSentence reports a range of times at i that is a sentence of
// its own ("texts went out twice. 21:40 -> 23:05 UTC."): a window stated.
func rangeIsSentence(text string, i int) bool {
	s := sentenceAt(text, i)
	if m := reClockRange.FindStringIndex(s); m != nil {
		s = s[:m[0]] + s[m[1]:]
	}
	return wordCount(strings.Trim(s, " .\n")) <= 2
}

// sentenceAt is the sentence of text around i.
func sentenceAt(text string, i int) string {
	from := max(strings.LastIndex(text[:i], ". "), strings.LastIndex(text[:i], "\n\n"), 0)
	to := len(text)
	for _, end := range []string{". ", ".\n", "\n\n"} {
		if j := strings.Index(text[i:], end); j >= 0 && i+j < to {
			to = i + j
		}
	}
	return text[from:to]
}

// sentenceNamesImpact reports whether the sentence of text around i
// names the impact, an outage or the customers affected, and not an
// impact on staff alone ("internal impact", "internal-only").
func sentenceNamesImpact(text string, i int) bool {
	s := sentenceAt(text, i)
	// i's line: a table row is a line of its own.
	ls, le := strings.LastIndexByte(text[:i], '\n')+1, len(text)
	if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
		le = i + j
	}
	line := text[ls:le]
	for _, w := range []string{"internal impact", "internal-only", "internal only", "staff-only", "staff only"} {
		if containsFold(line, w) && containsFold(s, w) {
			return false // "Internal impact | 01:50 – 07:40": no customer saw it
		}
	}
	return containsFold(s, "impact") || containsFold(s, "outage") || containsFold(s, "affected") ||
		containsFold(s, "downtime") || containsFold(s, "disruption")
}

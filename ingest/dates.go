package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // zone names such as "Europe/London" work without system tzdata
)

// dateMatch is a date and/or time found in a string. Fields that were not
// written are zero (year 0 = no year, hasTime false = no time of day).
type dateMatch struct {
	start, end        int // byte range in the scanned string
	year, month, day  int
	hasDate           bool
	hour, minute, sec int
	hasTime           bool
	loc               *time.Location // zone written next to the time, if any
	// weekday is the weekday a stamp without a date names ("Fri 19:50"),
	// plus one; 0 when it names none.
	weekday int
	// numericMD marks a numeric date read month first whose parts could
	// be either way round ("02/12 23:10"): a day-first document swaps them
	// (dateOrder).
	numericMD bool
}

const monthPat = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

var (
	// 2024-03-03, 2024/03/03, 2024-03-03T14:05
	reISODate = regexp.MustCompile(`(?:^|[^0-9])((\d{4})[-/](\d{1,2})[-/](\d{1,2}))(?:[^0-9]|$)`)
	// March 3, 2024 / Mar 3rd 2024 / Sep 27 2017 / Aug 30
	reMonthDay = regexp.MustCompile(`(?i)\b` + monthPat + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
	// 3 March 2024 / 31st July 2018 / 3. February 2020 / 20. January
	reDayMonth = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?` + monthPat + `\b\.?(?:,?\s+(\d{4})\b)?`)
	// 22-JAN-2025, 22-Jan-25, 22/Jan/2025 (ticket systems and printed
	// reports); a two-digit year is 20YY.
	reDayMonDash = regexp.MustCompile(`(?i)\b(\d{1,2})[-/]` + monthPat + `[-/](\d{4}|\d{2})\b`)
	// 14:05, 9:26 PM, 7:01am, 14:05:09.123, followed by an optional zone.
	reMonthDayNum = regexp.MustCompile(`^(\d{1,2})[-/](\d{1,2})\s+()\d{1,2}:\d{2}`)
)

var monthNum = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

func parseMonth(s string) int { return monthNum3(s[:3]) }

// monthNum3 is monthNum[strings.ToLower(s)] for a three-byte s, without
// allocating: only ASCII letters can spell a month.
func monthNum3(s string) int {
	var b [3]byte
	for i := 0; i < 3; i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return monthNum[string(b[:])]
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix
// p, ignoring ASCII case (strings.HasPrefix(strings.ToLower(s), p) for
// such a p: no other letter lower-cases to ASCII a-z but K, the Kelvin
// sign, which p never holds).
func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) && isASCII(s[:len(p)])
}

// findDate returns the first date (with an optional time right after it)
// in s. Dates without a year ("Aug 30") are returned with year 0.
func findDate(s string) (dateMatch, bool) {
	if !hasDigit(s) {
		return dateMatch{}, false
	}
	best := dateMatch{start: -1}
	consider := func(m dateMatch) {
		if m.month < 1 || m.month > 12 || m.day < 1 || m.day > 31 {
			return
		}
		if m.year != 0 && (m.year < 1970 || m.year > 2200) {
			return
		}
		if best.start < 0 || m.start < best.start {
			best = m
		}
	}
	if st, en, y, mo, d, ok := isoAt(s); ok {
		consider(dateMatch{start: st, end: en, year: y, month: mo, day: d, hasDate: true})
	}
	hasMonth := hasMonthWord(s)
	if !hasMonth {
		// neither "March 3" nor "3 March"
	} else if loc := reMonthDay.FindStringSubmatchIndex(s); loc != nil {
		m := dateMatch{start: loc[0], end: loc[1], month: parseMonth(s[loc[2]:loc[3]]), hasDate: true}
		m.day, _ = strconv.Atoi(s[loc[4]:loc[5]])
		if loc[6] >= 0 {
			m.year, _ = strconv.Atoi(s[loc[6]:loc[7]])
		}
		consider(m)
	}
	if !hasMonth {
	} else if loc := reDayMonth.FindStringSubmatchIndex(s); loc != nil {
		m := dateMatch{start: loc[0], end: loc[1], month: parseMonth(s[loc[4]:loc[5]]), hasDate: true}
		m.day, _ = strconv.Atoi(s[loc[2]:loc[3]])
		if loc[6] >= 0 {
			m.year, _ = strconv.Atoi(s[loc[6]:loc[7]])
		}
		consider(m)
	}
	if !hasMonth {
	} else if loc := reDayMonDash.FindStringSubmatchIndex(s); loc != nil {
		m := dateMatch{start: loc[0], end: loc[1], month: parseMonth(s[loc[4]:loc[5]]), hasDate: true}
		m.day, _ = strconv.Atoi(s[loc[2]:loc[3]])
		m.year, _ = strconv.Atoi(s[loc[6]:loc[7]])
		if m.year < 100 {
			m.year += 2000
		}
		consider(m)
	}
	if best.start < 0 {
		return dateMatch{}, false
	}
	// A time right after the date: "2024-03-03 14:05", "...T14:05:00Z",
	// "Oct 16, 2025 9:26 PM", "Aug 30 at 11:15".
	rest := s[best.end:]
	skip := 0
	for skip < len(rest) && skip < 6 {
		c := rest[skip]
		if c == ' ' || c == ',' || c == 'T' && skip+1 < len(rest) && isDigitByte(rest[skip+1]) || c == '\t' || c == '@' ||
			c == '-' && skip == 0 && len(rest) > 1 && rest[1] == ' ' {
			skip++
			continue
		}
		if hasPrefixFold(rest[skip:], "at ") {
			skip += 3
			continue
		}
		break
	}
	if w := skipWeekday(rest[skip:]); w > 0 && w <= 11 {
		if _, _, ok := parseClock(rest[skip+w:]); ok {
			skip += w // "2024-09-05 Thu 07:22", as Org writes a timestamp
		}
	}
	if t, n, ok := parseClock(rest[skip:]); ok {
		best.hour, best.minute, best.sec, best.loc, best.hasTime = t.hour, t.minute, t.sec, t.loc, true
		best.end += skip + n
	}
	return best, true
}

type clock struct {
	hour, minute, sec int
	loc               *time.Location
}

// parseClock parses a time of day at the start of s ("14:05", "9:26 PM",
// "7:01am", "16:22 PST", "14:05:00Z") and returns it with the bytes used.
func parseClock(s string) (clock, int, bool) {
	if len(s) < 4 || s[0] < '0' || s[0] > '9' {
		return clock{}, 0, false
	}
	var c clock
	i := 0
	num := func(max int) (int, bool) {
		st := i
		v := 0
		for i < len(s) && i-st < max && s[i] >= '0' && s[i] <= '9' {
			v = v*10 + int(s[i]-'0')
			i++
		}
		return v, i > st
	}
	c.hour, _ = num(2)
	if i >= len(s) || s[i] != ':' {
		return clock{}, 0, false
	}
	i++
	mStart := i
	var ok bool
	if c.minute, ok = num(2); !ok || i-mStart != 2 {
		return clock{}, 0, false
	}
	if i+2 < len(s) && s[i] == ':' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		if c.sec, ok = num(2); !ok {
			return clock{}, 0, false
		}
		if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
		}
	}
	// Do not take the hour:minute of a longer number ("12:345").
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		return clock{}, 0, false
	}
	end := clockMeridiem(s, i, &c)
	if c.hour > 23 || c.minute > 59 || c.sec > 60 {
		return clock{}, 0, false
	}
	end = clockZone(s, end, &c)
	return c, end, true
}

// clockMeridiem reads "am" / "pm" ("a.m.", with or without a space) at
// s[i:], adjusting c.hour, and returns where the time ends.
func clockMeridiem(s string, i int, c *clock) int {
	end := i
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j+1 < len(s) && (s[j]|0x20 == 'a' || s[j]|0x20 == 'p') {
		k := j + 1
		if s[k] == '.' {
			k++
		}
		if k < len(s) && s[k]|0x20 == 'm' && (k+1 == len(s) || !isWordByte(s[k+1])) {
			k++
			if k < len(s) && s[k] == '.' {
				k++
			}
			if c.hour >= 1 && c.hour <= 12 {
				if s[j]|0x20 == 'p' && c.hour < 12 {
					c.hour += 12
				} else if s[j]|0x20 == 'a' && c.hour == 12 {
					c.hour = 0
				}
			}
			end = k
		}
	}
	return end
}

// clockZone reads a zone right after a time at s[end:] ("Z", "+02:00",
// "UTC", "PST", "Eastern") into c.loc and returns where the time ends.
func clockZone(s string, end int, c *clock) int {
	j := end
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) {
		k := j
		if s[k] == '(' {
			// "23:50 (UTC+0)", "01:40 (UTC−1)": the zone in parentheses.
			if close := strings.IndexByte(s[k:min(len(s), k+16)], ')'); close > 1 {
				if loc := zoneFor(strings.ReplaceAll(s[k+1:k+close], "−", "-")); loc != nil {
					c.loc = loc
					return k + close + 1
				}
			}
			return end
		}
		if s[k] == '-' && j == end && strings.Count(s[:end], ":") == 1 && isRangeEnd(s[k+1:]) {
			return end // "13:30-13:45" is a range, not a time at offset -13:45
		}
		if s[k] == '+' || s[k] == '-' {
			k++
			for k < len(s) && k-j < 6 && (s[k] >= '0' && s[k] <= '9' || s[k] == ':') {
				k++
			}
		} else {
			for k < len(s) && k-j < 9 && (s[k]|0x20 >= 'a' && s[k]|0x20 <= 'z') {
				k++
			}
			if n := offsetAfterUTC(s, j, k); n > k {
				// "UTC+10", "GMT−1": the offset is part of the zone.
				if loc := zoneFor(strings.ReplaceAll(s[j:n], "−", "-")); loc != nil {
					c.loc = loc
					return n
				}
			}
		}
		if k > j && (k == len(s) || !isWordByte(s[k])) {
			if loc := zoneFor(s[j:k]); loc != nil {
				c.loc = loc
				end = k
			}
		}
	}
	return end
}

// offsetAfterUTC is where an offset written right after "UTC" or "GMT"
// at s[j:k] ends ("+5:30", "-4", "−1"), or k when none is.
func offsetAfterUTC(s string, j, k int) int {
	if k-j != 3 || !strings.EqualFold(s[j:k], "utc") && !strings.EqualFold(s[j:k], "gmt") || k >= len(s) {
		return k
	}
	n := k
	switch {
	case s[n] == '+' || s[n] == '-':
		n++
	case strings.HasPrefix(s[n:], "−"):
		n += len("−")
	default:
		return k
	}
	digits := n
	for n < len(s) && n-digits < 5 && (s[n] >= '0' && s[n] <= '9' || s[n] == ':') {
		n++
	}
	if n == digits || n < len(s) && isWordByte(s[n]) {
		return k
	}
	return n
}

// isRangeEnd reports a clock "hh:mm" or "h:mm" at the start of s, the
// second time of a range written without spaces.
func isRangeEnd(s string) bool {
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+3 <= len(s) && s[i] == ':' && s[i+1] >= '0' && s[i+1] <= '9' && s[i+2] >= '0' && s[i+2] <= '9'
}

// leadingStamp parses a date and/or time at the very start of s (after
// bullets, brackets and "~" / "ca." decorations). It returns the match and
// the remaining text with separators (" - ", ": ", "—") removed.
func leadingStamp(s string) (dateMatch, string, bool) {
	i := 0
	for i < len(s) && strings.IndexByte(" \t*_[(~><", s[i]) >= 0 {
		i++
	}
	if hasPrefixFold(s[i:], "ca. ") {
		i += 4
	}
	t := s[i:]
	if t == "" {
		return dateMatch{}, "", false
	}
	if !plausibleStamp(t) {
		return dateMatch{}, "", false
	}
	// Only the first 80 bytes can hold a leading stamp.
	head := t
	if len(head) > 80 {
		head = truncateUTF8(head, 80)
	}
	var m dateMatch
	ok := false
	if d, found := findDate(head); found && d.start <= skipWeekday(head) {
		m, ok = d, true
	} else if m2 := reMonthDayNum.FindStringSubmatchIndex(head); m2 != nil {
		// "12-05 16:21" (month-day, year from context); "28/11 09:40"
		// can only be day-month.
		mo := atoiSafe(t[m2[2]:m2[3]])
		d := atoiSafe(t[m2[4]:m2[5]])
		if mo > 12 && d >= 1 && d <= 12 {
			mo, d = d, mo
		}
		if c, n, found := parseClock(t[m2[6]:]); found && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			m = dateMatch{start: 0, end: m2[6] + n, month: mo, day: d, hasDate: true,
				hour: c.hour, minute: c.minute, sec: c.sec, loc: c.loc, hasTime: true, numericMD: mo <= 12 && d <= 12}
			ok = true
		}
	}
	if ok {
	} else if c, n, found := parseClock(t); found {
		m = dateMatch{start: 0, end: n, hour: c.hour, minute: c.minute, sec: c.sec, loc: c.loc, hasTime: true}
		ok = true
	} else if w := skipWeekday(t); w > 0 {
		// "Sat 21:45": a weekday and a time of day.
		if c, n, found := parseClock(t[w:]); found {
			m = dateMatch{start: 0, end: w + n, hour: c.hour, minute: c.minute, sec: c.sec, loc: c.loc, hasTime: true,
				weekday: weekdayOf(t) + 1}
			ok = true
		}
	}
	if !ok {
		return dateMatch{}, "", false
	}
	if m.hasDate && !m.hasTime {
		m = approxClock(t, m) // "2018-07-30 ca. 11:20"
	}
	// A range "8:20 - 8:24" or "17:00-18:00": consume the second time.
	after := t[m.end:]
	if a := strings.TrimLeft(after, " "); strings.HasPrefix(a, "-") || strings.HasPrefix(a, "–") {
		b := strings.TrimLeft(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "–"), " "), " ")
		if _, n, found := parseClock(b); found {
			m.end += len(after) - len(b) + n
		}
	}
	m.start += i
	m.end += i
	m, rest := stampRest(s, i, m)
	return m, rest, true
}

// plausibleStamp is a fast necessary condition for a stamp at the start
// of t: a clock, an ISO date, a day number before a month name, "MM-DD
// hh:mm", a month or a weekday.
func plausibleStamp(t string) bool {
	if c := t[0]; c >= '0' && c <= '9' {
		d := 0
		for d < len(t) && d < 5 && t[d] >= '0' && t[d] <= '9' {
			d++
		}
		plausible := false
		switch {
		case d == 4 && d < len(t) && (t[d] == '-' || t[d] == '/'):
			plausible = true // 2024-03-03
		case d <= 2 && d < len(t) && (t[d] == ':' || t[d] == '-' || t[d] == '/'):
			plausible = true // 14:05, 12-05 16:21
		case d <= 2:
			// "3 March", "31st July", "3. February"
			plausible = hasMonthWord(t[:min(len(t), 16)])
		}
		if !plausible {
			return false
		}
	} else {
		w := t
		if j := strings.IndexAny(w, " ,.\t"); j >= 0 {
			w = w[:j]
		}
		if len(w) < 3 || len(w) > 9 || (monthNum3(w[:3]) == 0 && skipWeekday(t) == 0) {
			return false
		}
	}
	return true
}

// approxClock extends a date-only stamp at the start of t with a time
// written after "ca.", "~", "at", "around" or "approx." ("2018-07-30 ca.
// 11:20").
func approxClock(t string, m dateMatch) dateMatch {
	rest := strings.TrimLeft(t[m.end:], " ,")
	for _, w := range []string{"ca. ", "~", "at ", "around ", "approx. ", "approximately "} {
		if hasPrefixFold(rest, w) {
			r := strings.TrimLeft(rest[len(w):], " ")
			if c, n, ok := parseClock(r); ok {
				m.hour, m.minute, m.sec, m.hasTime = c.hour, c.minute, c.sec, true
				if c.loc != nil {
					m.loc = c.loc
				}
				m.end = len(t) - len(r) + n
			}
			break
		}
	}
	return m
}

// stampRest returns the text after a stamp (m, which starts at s[i:]):
// trailing zone words ("UTC") join the stamp, and a separator (" - ", ":",
// "—", ...) is dropped.
func stampRest(s string, i int, m dateMatch) (dateMatch, string) {
	rest := strings.TrimLeft(s[m.end:], " \t*_])>")
	// Trailing zone words after the stamp: "UTC", "PST", "Eastern".
	if w, r, ok := cutWord(rest); ok && zoneFor(w) != nil {
		if m.loc == nil {
			m.loc = zoneFor(w)
		}
		m.end = len(s) - len(r)
		rest = r
	}
	rest = strings.TrimLeft(rest, " \t*_")
	if i > 0 && (s[0] == '*' || s[0] == '_') {
		rest = strings.TrimRight(rest, "*_ ")
	}
	for _, sep := range []string{"-", "–", "—", ":", "|", ",", "="} {
		if strings.HasPrefix(rest, sep) {
			rest = strings.TrimLeft(rest[len(sep):], " \t*_")
			break
		}
	}
	return m, rest
}

// skipWeekday returns the offset past a leading weekday name ("Monday 3.
// February 2020"), else 0.
func skipWeekday(s string) int {
	w, _, ok := cutWord(s)
	if !ok {
		return 0
	}
	switch strings.ToLower(strings.TrimRight(w, ",.")) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun":
		// The offset past the word and one separator, within s ("wed"
		// alone ends it).
		lead := len(s) - len(strings.TrimLeft(s, " "))
		return min(lead+len(w)+1, len(s))
	}
	return 0
}

// weekdayOf is the weekday a string opens with (see skipWeekday), or -1.
func weekdayOf(s string) int {
	w, _, _ := cutWord(s)
	w = strings.ToLower(strings.TrimRight(w, ",."))
	for i, p := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		if strings.HasPrefix(w, p) {
			return i
		}
	}
	return -1
}

// cutWord splits the first space-separated word off s.
func cutWord(s string) (word, rest string, ok bool) {
	s = strings.TrimLeft(s, " ")
	if s == "" {
		return "", "", false
	}
	i := strings.IndexAny(s, " \t\n")
	if i < 0 {
		return s, "", true
	}
	return s[:i], s[i+1:], true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// toTime turns a match into a time. A missing year is taken from ref (or
// the match has no usable date and ok is false); a missing zone is loc.
func (m dateMatch) toTime(refYear int, loc *time.Location) (time.Time, bool) {
	if !m.hasDate {
		return time.Time{}, false
	}
	y := m.year
	if y == 0 {
		if refYear == 0 {
			return time.Time{}, false
		}
		y = refYear
	}
	loc = writtenZone(m.loc, loc, y, time.Month(m.month), m.day, m.hour, m.minute)
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(y, time.Month(m.month), m.day, m.hour, m.minute, m.sec, 0, loc)
	if t.Day() != m.day { // Feb 31 and friends
		return time.Time{}, false
	}
	return t, true
}

// writtenZone is the zone of a stamp whose abbreviation gave written,
// in a document whose zone is doc: doc itself when doc uses that
// abbreviation at that wall time ("IST" in a writeup in Dublin time is
// Irish Standard Time, Dublin's summer time, not India's), else written
// (doc when nothing was written).
func writtenZone(written, doc *time.Location, y int, mo time.Month, d, h, mi int) *time.Location {
	if written == nil || doc == nil || doc == written || doc == time.UTC || written == writtenUTC {
		return firstLoc(written, doc)
	}
	name, _ := time.Date(y, mo, d, h, mi, 0, 0, written).Zone()
	if dn, _ := time.Date(y, mo, d, h, mi, 0, 0, doc).Zone(); dn == name {
		return doc
	}
	return written
}

func firstLoc(a, b *time.Location) *time.Location {
	if a != nil {
		return a
	}
	return b
}

// parseDateValue parses a whole metadata value ("2024-03-03",
// "March 3, 2024", RFC 3339...). refYear fills in a missing year.
func parseDateValue(s string, refYear int, loc *time.Location) (time.Time, bool) {
	return parseDateValueOrdered(s, refYear, loc, orderUnknown)
}

// parseDateValueOrdered is parseDateValue for a document whose numeric
// dates are known to be written day first or month first (dateOrder): it
// then also reads "02/12/2024" that way.
func parseDateValueOrdered(s string, refYear int, loc *time.Location, order numericOrder) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	m, ok := findDate(s)
	if !ok {
		if m, ok = numericDate(s, order != orderUnknown); !ok {
			return time.Time{}, false
		}
		m = order.apply(m)
	}
	if !m.hasTime && m.start > 0 {
		// "23:12 UTC 08-FEB-2024", "14:05 PDT on Tue Sep 10": the time of
		// day before the date.
		if c, n, found := parseClock(s); found && n <= m.start && clockDateGap(s[n:m.start]) {
			m.hour, m.minute, m.sec, m.hasTime = c.hour, c.minute, c.sec, true
			if m.loc == nil {
				m.loc = c.loc
			}
		}
	}
	return m.toTime(refYear, loc)
}

// clockDateGap reports the words between a time of day and the date after
// it that leave them one moment: none, "on", a weekday ("on Tue", ", Thursday").
func clockDateGap(gap string) bool {
	gap = strings.TrimSpace(strings.Trim(strings.TrimSpace(gap), ","))
	if g, ok := strings.CutPrefix(gap, "on "); ok {
		gap = strings.TrimSpace(g)
	}
	if w := skipWeekday(gap); w > 0 {
		gap = strings.TrimSpace(strings.Trim(strings.TrimSpace(gap[w:]), ","))
	}
	return gap == ""
}

// reNumericDate matches a value that opens with a numeric date with its
// year: "03/18/2025", "18.03.2025".
var reNumericDate = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b`)

// numericDate reads a metadata value that opens with a numeric date
// ("BUSINESS DATE: 03/18/2025", "18/03/2025 06:02") when only one reading
// is a date: a part over 12 is the day. "03/04/2025" is read only with
// allowAmbiguous, month first and marked numericMD, for a caller that
// knows the document's order (parseDateValueOrdered).
func numericDate(s string, allowAmbiguous bool) (dateMatch, bool) {
	sm := reNumericDate.FindStringSubmatchIndex(s)
	if sm == nil {
		return dateMatch{}, false
	}
	a, _ := strconv.Atoi(s[sm[2]:sm[3]])
	b, _ := strconv.Atoi(s[sm[4]:sm[5]])
	y, _ := strconv.Atoi(s[sm[6]:sm[7]])
	m := dateMatch{start: 0, end: sm[1], year: y, hasDate: true}
	switch {
	case a > 12 && b >= 1 && b <= 12:
		m.day, m.month = a, b
	case b > 12 && a >= 1 && a <= 12:
		m.month, m.day = a, b
	case allowAmbiguous && a >= 1 && a <= 12 && b >= 1 && b <= 12:
		m.month, m.day, m.numericMD = a, b, true
	default:
		return dateMatch{}, false
	}
	if m.day > 31 {
		return dateMatch{}, false
	}
	rest := strings.TrimLeft(s[m.end:], " ,T")
	if c, n, found := parseClock(rest); found {
		m.hour, m.minute, m.sec, m.loc, m.hasTime = c.hour, c.minute, c.sec, c.loc, true
		m.end = len(s) - len(rest) + n
	}
	return m, true
}

// numericOrder is the order a document writes numeric dates in.
type numericOrder int

const (
	orderUnknown numericOrder = iota
	orderDayFirst
	orderMonthFirst
)

// apply swaps the day and month of an ambiguous numeric date read month
// first (numericMD) when the document writes them day first.
func (o numericOrder) apply(m dateMatch) dateMatch {
	if o == orderDayFirst && m.numericMD {
		m.month, m.day, m.numericMD = m.day, m.month, false
	}
	return m
}

// reNumericDayMonth matches a numeric day and month followed by a year
// or a time of day, so that "24/7" and version numbers are none:
// "02/12/2024", "28/11 09:40", "13.12.2024".
var reNumericDayMonth = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})(?:/(?:19|20)?\d{2}\b|\s+\d{1,2}:\d{2})|\b(\d{1,2})\.(\d{1,2})\.(?:19|20)\d{2}\b`)

// dateOrder tells the order of a document's numeric dates from the ones
// only one order can read: "28/11" is day first, "11/28" month first. It is
// orderUnknown when none or both kinds occur. texts are scanned up to
// 64 KiB in all.
func dateOrder(texts ...string) numericOrder {
	day, month := false, false
	budget := 64 << 10
	for _, t := range texts {
		if budget <= 0 {
			break
		}
		if len(t) > budget {
			t = truncateUTF8(t, budget)
		}
		budget -= len(t)
		if strings.IndexByte(t, '/') < 0 && strings.IndexByte(t, '.') < 0 {
			continue
		}
		for _, sm := range reNumericDayMonth.FindAllStringSubmatch(t, -1) {
			if sm[1] == "" {
				sm = sm[2:]
			}
			a, b := atoiSafe(sm[1]), atoiSafe(sm[2])
			switch {
			case a > 12 && a <= 31 && b >= 1 && b <= 12:
				day = true
			case b > 12 && b <= 31 && a >= 1 && a <= 12:
				month = true
			}
		}
	}
	switch {
	case day && !month:
		return orderDayFirst
	case month && !day:
		return orderMonthFirst
	}
	return orderUnknown
}

// writtenUTC is UTC as a stamp writes it ("10:00 UTC", "...Z", "GMT"):
// the same offset as time.UTC, the default zone, but a location of its
// own, so that a window whose one end says "GMT" and the other "BST"
// keeps both (a zone written at one end only is the other's too).
var writtenUTC = time.FixedZone("UTC", 0)

// zones maps zone names used in postmortems to locations. Abbreviations
// are fixed offsets (postmortems say "BST" when they mean summer time).
var zones = map[string]*time.Location{
	"z": writtenUTC, "utc": writtenUTC, "gmt": writtenUTC,
	"bst":  time.FixedZone("BST", 3600),
	"cet":  time.FixedZone("CET", 3600),
	"cest": time.FixedZone("CEST", 7200),
	"eet":  time.FixedZone("EET", 7200),
	"eest": time.FixedZone("EEST", 3*3600),
	"wet":  time.UTC,
	"west": time.FixedZone("WEST", 3600),
	"ist":  time.FixedZone("IST", 5*3600+1800),
	"jst":  time.FixedZone("JST", 9*3600),
	"aest": time.FixedZone("AEST", 10*3600),
	"aedt": time.FixedZone("AEDT", 11*3600),
	"pst":  time.FixedZone("PST", -8*3600),
	"pdt":  time.FixedZone("PDT", -7*3600),
	"mst":  time.FixedZone("MST", -7*3600),
	"mdt":  time.FixedZone("MDT", -6*3600),
	"cst":  time.FixedZone("CST", -6*3600),
	"cdt":  time.FixedZone("CDT", -5*3600),
	"est":  time.FixedZone("EST", -5*3600),
	"edt":  time.FixedZone("EDT", -4*3600),
	"nzst": time.FixedZone("NZST", 12*3600),
	"nzdt": time.FixedZone("NZDT", 13*3600),
	"acst": time.FixedZone("ACST", 9*3600+1800),
	"acdt": time.FixedZone("ACDT", 10*3600+1800),
	"awst": time.FixedZone("AWST", 8*3600),
	"sgt":  time.FixedZone("SGT", 8*3600),
	"hkt":  time.FixedZone("HKT", 8*3600),
	"kst":  time.FixedZone("KST", 9*3600),
	"sast": time.FixedZone("SAST", 2*3600),
	"eat":  time.FixedZone("EAT", 3*3600),
	"msk":  time.FixedZone("MSK", 3*3600),
	"brt":  time.FixedZone("BRT", -3*3600),
	"hst":  time.FixedZone("HST", -10*3600),
	"akst": time.FixedZone("AKST", -9*3600),
	"akdt": time.FixedZone("AKDT", -8*3600),
	"ast":  time.FixedZone("AST", -4*3600),
	"adt":  time.FixedZone("ADT", -3*3600),
	"nst":  time.FixedZone("NST", -3*3600-1800),
	"ndt":  time.FixedZone("NDT", -2*3600-1800),
}

// zoneNames maps spelled-out zone names to IANA names.
var zoneNames = map[string]string{
	"eastern": "America/New_York", "pacific": "America/Los_Angeles",
	"central": "America/Chicago", "mountain": "America/Denver",
	"london": "Europe/London", "edinburgh": "Europe/London", "berlin": "Europe/Berlin",
	"copenhagen": "Europe/Copenhagen", "paris": "Europe/Paris", "amsterdam": "Europe/Amsterdam",
	"helsinki": "Europe/Helsinki", "athens": "Europe/Athens", "tokyo": "Asia/Tokyo",
	"sydney": "Australia/Sydney", "kolkata": "Asia/Kolkata", "utc": "UTC",
	// North American zones written without standard or daylight ("ET"),
	// and Canadian cities; not "AT" or "NT", which are words.
	"et": "America/New_York", "pt": "America/Los_Angeles", "mt": "America/Denver", "ct": "America/Chicago",
	"atlantic": "America/Halifax", "newfoundland": "America/St_Johns", "toronto": "America/Toronto",
	"vancouver": "America/Vancouver", "calgary": "America/Edmonton", "edmonton": "America/Edmonton",
	"halifax": "America/Halifax", "regina": "America/Regina", "saskatchewan": "America/Regina",
	"winnipeg": "America/Winnipeg", "montreal": "America/Toronto",
}

// zoneFor resolves a zone token: abbreviation, spelled-out name, numeric
// offset or IANA name. It returns nil for unknown names.
func zoneFor(tok string) *time.Location {
	t := strings.Trim(tok, " .,;:()*_")
	if t == "" {
		return nil
	}
	l := strings.ToLower(t)
	if loc, ok := zones[l]; ok {
		return loc
	}
	if n, ok := zoneNames[l]; ok {
		if loc := loadLocation(n); loc != nil {
			return loc
		}
	}
	// "UTC+10", "GMT-4", "UTC+5:30"
	if len(l) > 4 && (strings.HasPrefix(l, "utc") || strings.HasPrefix(l, "gmt")) && (l[3] == '+' || l[3] == '-') {
		if off, ok := clockOffset(l[4:]); ok {
			if l[3] == '-' {
				off = -off
			}
			return time.FixedZone(strings.ToUpper(t), off)
		}
	}
	if (t[0] == '+' || t[0] == '-') && len(t) >= 5 {
		d := strings.ReplaceAll(t[1:], ":", "")
		if len(d) == 4 {
			h, e1 := strconv.Atoi(d[:2])
			mi, e2 := strconv.Atoi(d[2:])
			if e1 == nil && e2 == nil && h <= 14 && mi < 60 {
				off := h*3600 + mi*60
				if t[0] == '-' {
					off = -off
				}
				return time.FixedZone(t, off)
			}
		}
	}
	if strings.Contains(t, "/") && len(t) < 40 {
		return loadLocation(t)
	}
	return nil
}

// locations caches time.LoadLocation, which reads and decodes the zone
// database on every call: name -> *time.Location, nil for unknown names.
// At most maxCachedZones names are kept, so odd tokens cannot grow it.
var (
	locations      sync.Map
	locationsCount atomic.Int32
)

const maxCachedZones = 512

func loadLocation(name string) *time.Location {
	if v, ok := locations.Load(name); ok {
		return v.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	if locationsCount.Load() < maxCachedZones {
		if _, loaded := locations.LoadOrStore(name, loc); !loaded {
			locationsCount.Add(1)
		}
	}
	return loc
}

// clockOffset reads the hours (and minutes) of a zone offset: "10",
// "5:30", "0530". It reports false for anything else or beyond 14 hours.
func clockOffset(d string) (int, bool) {
	h, m := d, "0"
	if i := strings.IndexByte(d, ':'); i > 0 {
		h, m = d[:i], d[i+1:]
	} else if len(d) == 4 {
		h, m = d[:2], d[2:]
	}
	hh, e1 := strconv.Atoi(h)
	mm, e2 := strconv.Atoi(m)
	if e1 != nil || e2 != nil || hh > 14 || mm >= 60 || len(h) > 2 {
		return 0, false
	}
	return hh*3600 + mm*60, true
}

// regionZones are spelled-out zone names of more than one word whose
// last word alone would name another zone: "Australian Eastern Standard
// Time" is not US Eastern.
var regionZones = []struct{ phrase, name string }{
	{"australian eastern", "Australia/Sydney"}, {"australian central", "Australia/Adelaide"},
	{"australian western", "Australia/Perth"}, {"new zealand", "Pacific/Auckland"},
	{"central european", "Europe/Berlin"}, {"eastern european", "Europe/Athens"},
	{"western european", "Europe/Lisbon"}, {"british summer", "Europe/London"},
	{"india standard", "Asia/Kolkata"}, {"indian standard", "Asia/Kolkata"},
	{"japan standard", "Asia/Tokyo"}, {"singapore", "Asia/Singapore"},
}

// findZoneHint looks for "All times in CET", "times in BST", "All times
// PDT", "All times listed in this report are in Pacific Time" and returns
// the zone named there.
func findZoneHint(s string) (*time.Location, bool) {
	low := strings.ToLower(s)
	for _, kw := range []string{"time", "hours", "clock"} {
		if loc, ok := zoneAfterWord(s, low, kw); ok {
			return loc, true
		}
	}
	return nil, false
}

// zoneAfterWord finds a zone named within a dozen words after the word
// kw ("times", "hours in this document are CET") in s (low is s in lower
// case).
func zoneAfterWord(s, low, kw string) (*time.Location, bool) {
	for off := 0; off < len(low); {
		i := strings.Index(low[off:], kw)
		if i < 0 {
			break
		}
		i += off
		off = i + len(kw)
		rest := s[i:]
		if loc := regionZone(rest[:min(len(rest), 80)]); loc != nil {
			return loc, true
		}
		// Look at the next dozen words for a zone name.
		words := strings.FieldsFunc(rest, func(r rune) bool {
			return r == ' ' || r == '\n' || r == '\t' || r == ',' || r == '(' || r == ')'
		})
		for k, w := range words {
			if k == 0 {
				continue
			}
			if k > 12 {
				break
			}
			if loc := zoneFor(w); loc != nil {
				return loc, true
			}
		}
	}
	return nil, false
}

// regionZone finds a regionZones name in s.
func regionZone(s string) *time.Location {
	low := strings.ToLower(s)
	for _, z := range regionZones {
		if strings.Contains(low, z.phrase) {
			return loadLocation(z.name)
		}
	}
	return nil
}

var reDuration = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b`)

// parseDuration reads "0h 22m", "24m 23s", "1h50m", "148 minutes",
// "about 2 hours" and returns minutes. ok is false when no amount is found.
func parseDuration(s string) (float64, bool) {
	if !hasDigit(s) {
		return 0, false
	}
	if c, n, ok := parseClock(strings.TrimSpace(s)); ok && n == len(strings.TrimSpace(s)) && c.loc == nil {
		// "01:45" or "1:45:00": hours and minutes.
		m := float64(c.hour*60+c.minute) + float64(c.sec)/60
		return m, m > 0
	}
	if t := strings.ToUpper(strings.TrimSpace(s)); strings.HasPrefix(t, "P") && strings.Contains(t, "T") {
		// ISO 8601 "PT1H30M", "P1DT2H".
		s = strings.NewReplacer("P", " ", "T", " ", "D", "d ", "H", "h ", "M", "m ", "S", "s ").Replace(t)
	}
	// "1h50m" has no boundary between the parts; put spaces in.
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte(c)
		if i+1 < len(s) && (c < '0' || c > '9') && c != '.' && c != ' ' && s[i+1] >= '0' && s[i+1] <= '9' {
			b.WriteByte(' ')
		}
	}
	ms := reDuration.FindAllStringSubmatch(b.String(), 6)
	if ms == nil {
		return 0, false
	}
	total := 0.0
	for _, m := range ms {
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			continue
		}
		switch u := strings.ToLower(m[2]); {
		case strings.HasPrefix(u, "d"):
			total += v * 24 * 60
		case strings.HasPrefix(u, "h"):
			total += v * 60
		case strings.HasPrefix(u, "m"):
			total += v
		case strings.HasPrefix(u, "s"):
			total += v / 60
		}
	}
	return total, total > 0
}

var reStatedDuration = regexp.MustCompile(`(?i)\b(?:for|lasted|lasting|outage of|duration of|downtime of|down for|(?:impact|outage|downtime|duration|disruption) was)\s+(?:about|approximately|approx\.?|around|roughly|nearly|almost|over|~|at least|at most)?\s*(\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|m|mins?|minutes?)\b(?:\s*(?:and\s+)?\d+\s*(?:m|mins?|minutes?)\b)?|\d+h\d+m)`)

// statedDuration finds "for about 1h50m" / "lasted 45 minutes" in prose;
// numbers may be spelled ("lasted two hours", "for ninety minutes", "an
// hour and a half").
func statedDuration(s string) (float64, bool) {
	return durationAfter(s, durationLeads)
}

// durationLeads introduce a duration in prose: "for 2 hours", "lasted
// 40 minutes", "an outage of 1h 20m".
var durationLeads = []string{"for ", "lasted ", "lasting ", "outage of ", "duration of ", "downtime of ",
	"impact was ", "outage was ", "downtime was ", "duration was ", "disruption was "}

// impactDurationLeads say that what follows is the customer impact's
// length: "Impact lasted 1h 50m", "the outage lasted two hours".
var impactDurationLeads = []string{"impact lasted ", "impact lasting ", "impact duration: ", "impact duration was ",
	"impact duration of ", "duration of impact: ", "duration of impact was ", "duration of the impact was ",
	"outage lasted ", "disruption lasted ", "downtime lasted ", "total impact: ", "total impact was ",
	"total impact of ", "impact time: ", "time of impact: ", "customer impact: ", "customer impact of ",
	"customer impact was ", "customers were affected for ", "users were affected for ", "customer-facing impact: "}

// statedImpactDuration is statedDuration for the impactDurationLeads
// only.
func statedImpactDuration(s string) (float64, bool) {
	return durationAfter(s, impactDurationLeads)
}

// durationAfter finds a duration written right after one of the leads
// (lower case) in s.
func durationAfter(s string, leads []string) (float64, bool) {
	s = truncateUTF8(s, 4000)
	if !hasDigit(s) && !containsFold(s, "hour") && !containsFold(s, "minute") {
		return 0, false
	}
	low := strings.ToLower(s)
	for _, kw := range leads {
		for off := 0; off < len(low); {
			i := strings.Index(low[off:], kw)
			if i < 0 {
				break
			}
			i += off
			off = i + len(kw)
			window := s[i:min(len(s), i+len(kw)+40)]
			if !hasDigit(window) {
				if !containsFold(window, "hour") && !containsFold(window, "minute") {
					continue
				}
				window = spelledDurations.Replace(strings.ToLower(window)) // "lasted two hours"
			}
			if m := reStatedDuration.FindStringSubmatch(window); m != nil {
				return parseDuration(m[1])
			}
		}
	}
	return 0, false
}

// spelledDurations writes spelled durations with digits: "an hour and a
// half" is "90 minutes", "two hours" is "2 hours", "forty-five minutes"
// is "45 minutes". It works on lower-cased text.
var spelledDurations = func() *strings.Replacer {
	pairs := []string{"an hour and a half", "90 minutes", "one and a half hours", "90 minutes",
		"half an hour", "30 minutes", "a half hour", "30 minutes", "an hour", "1 hour", "a minute", "1 minute"}
	nums := []struct {
		w string
		n int
	}{{"forty-five", 45}, {"forty five", 45}, {"twenty-five", 25}, {"thirty-five", 35}, {"eleven", 11},
		{"twelve", 12}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50},
		{"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90}, {"one", 1}, {"two", 2}, {"three", 3},
		{"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}}
	for _, unit := range []string{" hours", " hour", " minutes", " minute"} {
		for _, x := range nums {
			pairs = append(pairs, " "+x.w+unit, " "+strconv.Itoa(x.n)+unit)
		}
	}
	return strings.NewReplacer(pairs...)
}()

// monthWords are the spellings reMonthDay and reDayMonth accept.
var monthWords = map[string]bool{}

func init() {
	for _, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "sept"} {
		monthWords[m] = true
		monthWords[m[:3]] = true
	}
}

// hasMonthWord reports whether s has a word that is a month name.
func hasMonthWord(s string) bool {
	var buf [9]byte
	for i := 0; i+3 <= len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' || (i > 0 && isWordByte(s[i-1])) {
			continue
		}
		j := i
		for j < len(s) && j-i < 10 && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
			j++
		}
		if n := j - i; n >= 3 && n <= 9 && (j == len(s) || !isWordByte(s[j])) {
			for k := 0; k < n; k++ {
				buf[k] = s[i+k] | 0x20
			}
			if monthWords[string(buf[:n])] {
				return true
			}
		}
		i = j
	}
	return false
}

// isoAt scans s for an ISO date (2024-03-03 or 2024/03/03) not glued to
// other digits and returns its byte range and parts.
func isoAt(s string) (start, end, y, m, d int, ok bool) {
	for off := 0; off+8 <= len(s); {
		i := strings.IndexAny(s[off:], "-/")
		if i < 0 {
			return
		}
		i += off
		off = i + 1
		if i < 4 {
			continue
		}
		st := i - 4
		if !allDigits(s[st:i]) || (st > 0 && s[st-1] >= '0' && s[st-1] <= '9') {
			continue
		}
		sep := s[i]
		j := i + 1
		k := j
		for k < len(s) && k-j < 2 && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == j || k >= len(s) || s[k] != sep {
			continue
		}
		l := k + 1
		e := l
		for e < len(s) && e-l < 2 && s[e] >= '0' && s[e] <= '9' {
			e++
		}
		if e == l || (e < len(s) && s[e] >= '0' && s[e] <= '9') {
			continue
		}
		return st, e, atoiSafe(s[st:i]), atoiSafe(s[j:k]), atoiSafe(s[l:e]), true
	}
	return
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

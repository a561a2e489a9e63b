package ingest

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// eventDraft is a timeline entry from a structured export: the stamp as
// written and the text. Stamps are resolved like those found in prose.
type eventDraft struct {
	stamp string
	text  string
}

// timelineState carries the date forward from entry to entry: an entry
// with only a time of day takes the date of the entry before it, or the
// incident date.
type timelineState struct {
	y, m, d int // current date context; y == 0 when unknown
	refYear int // year for dates written without one
	loc     *time.Location
	order   numericOrder // the document's numeric date order (dateOrder)
	last    *time.Time
	events  []model.TimelineEvent
	// pending is the entry being built; fromHeading entries absorb the
	// paragraphs and list items under their heading.
	pending     *model.TimelineEvent
	fromHeading bool
	dateOnly    bool // the pending entry is a bare date ("## May 12")
	// zoned is the zone the last stamp wrote, which stamps without one
	// follow ("10:00 CET", then "10:45"); nil when it wrote none.
	zoned *time.Location
	// incident is the incident's date (year, month, day) when known
	// before the timeline is read.
	incident [3]int
}

func newTimelineState(date *time.Time, refYear int, loc *time.Location) *timelineState {
	st := &timelineState{refYear: refYear, loc: loc}
	if date != nil {
		st.y, st.m, st.d = date.Year(), int(date.Month()), date.Day()
		st.incident = [3]int{st.y, st.m, st.d}
		if st.refYear == 0 {
			st.refYear = st.y
		}
	}
	return st
}

// resolve turns a stamp into a time, updating the date context.
func (st *timelineState) resolve(m dateMatch) *time.Time {
	m = st.order.apply(m)
	loc := st.loc
	if st.zoned != nil {
		loc = st.zoned
	}
	if m.loc != nil {
		loc = m.loc
		if st.foreignZone(m.loc) && !m.hasDate && m.hasTime && st.last != nil {
			// "All times AWST unless marked", then "1:58 am AEDT (10:58
			// pm AWST)": a marked stamp in another zone than the
			// document's is that entry's alone, on the date its zone had
			// then; the stamps after it stay in the document's zone.
			base := st.last.In(loc)
			t := time.Date(base.Year(), base.Month(), base.Day(), m.hour, m.minute, m.sec, 0, loc)
			if t.Before(*st.last) && st.last.Sub(t) > 12*time.Hour {
				t = t.AddDate(0, 0, 1)
			}
			st.last = &t
			l := t.In(st.loc)
			st.y, st.m, st.d = l.Year(), int(l.Month()), l.Day()
			return &t
		}
		st.zoned = m.loc
	}
	if m.hasDate {
		y := m.year
		if y == 0 {
			y = st.y
			if y == 0 {
				y = st.refYear
			}
		}
		if y == 0 {
			return nil
		}
		t := time.Date(y, time.Month(m.month), m.day, m.hour, m.minute, m.sec, 0, loc)
		if t.Day() != m.day {
			return nil
		}
		st.y, st.m, st.d = y, m.month, m.day
		st.last = &t
		return &t
	}
	if !m.hasTime || st.y == 0 {
		return nil
	}
	t := time.Date(st.y, time.Month(st.m), st.d, m.hour, m.minute, m.sec, 0, loc)
	if m.weekday > 0 {
		// "Fri 19:50" after "Thu 6 Jun 15:12" is the next Friday.
		for i := 0; i < 6 && int(t.Weekday()) != m.weekday-1; i++ {
			t = t.AddDate(0, 0, 1)
		}
		st.y, st.m, st.d = t.Year(), int(t.Month()), t.Day()
		st.last = &t
		return &t
	}
	// "2 Oct, 4:40 pm: PR merged, deployed next morning", then "9:30 am"
	// in the writeup of a 3 Oct incident: a time that jumps back by hours
	// from a day before the incident's is on the incident's day.
	if st.last != nil && t.Before(*st.last) && st.last.Sub(t) > 3*time.Hour && st.last.Sub(t) <= 12*time.Hour &&
		st.incident[0] != 0 {
		inc := time.Date(st.incident[0], time.Month(st.incident[1]), st.incident[2], m.hour, m.minute, m.sec, 0, loc)
		if inc.After(*st.last) && inc.Sub(*st.last) < 48*time.Hour {
			t = inc
			st.y, st.m, st.d = t.Year(), int(t.Month()), t.Day()
		}
	}
	// A time that jumps back by more than 12 hours crossed midnight.
	if st.last != nil && t.Before(*st.last) && st.last.Sub(t) > 12*time.Hour {
		for t.Before(*st.last) {
			t = t.AddDate(0, 0, 1)
		}
		st.y, st.m, st.d = t.Year(), int(t.Month()), t.Day()
	}
	st.last = &t
	return &t
}

// foreignZone reports a stamp's zone that differs from a zone the
// document states (st.loc other than UTC) at the last stamp's time.
func (st *timelineState) foreignZone(z *time.Location) bool {
	if st.loc == nil || st.loc == time.UTC || st.last == nil || st.zoned != nil {
		return false
	}
	_, a := st.last.In(st.loc).Zone()
	_, b := st.last.In(z).Zone()
	return a != b
}

func (st *timelineState) flush() {
	if st.pending == nil {
		return
	}
	p := st.pending
	st.pending = nil
	p.Text = collapseSpace(p.Text)
	// "<b>23:52</b> – First chargers fail": the separator after a stamp
	// written in a node of its own.
	for _, sep := range []string{"– ", "— ", "- ", ": ", "| ", "-- "} {
		if strings.HasPrefix(p.Text, sep) {
			p.Text = strings.TrimLeft(p.Text[len(sep):], " ")
			break
		}
	}
	if len(p.Text) > maxEventText {
		p.Text = truncateUTF8(p.Text, maxEventText) + "…"
	}
	if p.Text == "" && (st.dateOnly || p.AtText == "") {
		return
	}
	st.events = append(st.events, *p)
}

const maxEventText = 1000

func (st *timelineState) start(m dateMatch, atText, text string, fromHeading bool) {
	st.flush()
	ev := &model.TimelineEvent{AtText: strings.TrimSpace(atText), Text: text}
	ev.At = st.resolve(m)
	st.pending = ev
	st.fromHeading = fromHeading
	st.dateOnly = m.hasDate && !m.hasTime && text == ""
}

func (st *timelineState) startUntimed(text string, fromHeading bool) {
	st.flush()
	st.pending = &model.TimelineEvent{Text: text}
	st.fromHeading = fromHeading
	st.dateOnly = false
}

func (st *timelineState) appendText(s string) {
	if st.pending == nil || s == "" {
		return
	}
	if len(st.pending.Text) > maxEventText {
		return
	}
	if st.pending.Text != "" {
		st.pending.Text += " "
	}
	st.pending.Text += s
}

// stampText returns the stamp as written.
func stampText(s string, m dateMatch) string {
	if m.start < 0 || m.end > len(s) || m.start > m.end {
		return ""
	}
	return strings.TrimSpace(strings.Trim(s[m.start:m.end], " *_[]()~"))
}

// extractTimeline reads timeline entries from the blocks of timeline
// sections: "### 14:05" headings with the text under them, list items and
// lines that start with a stamp ("14:05 —", "2020-02-03 11:21 ...",
// "9:26 PM   text"), tables with a time column, and list items that carry a
// stamp elsewhere ("Fault occurs 2020-02-12 11:45").
func extractTimeline(blocks []block, st *timelineState) {
	var cols tableCols
	table := -1
	for i := range blocks {
		b := &blocks[i]
		switch b.kind {
		case bHeading:
			if m, rest, ok := leadingStamp(b.text); ok {
				if m.hasDate && !m.hasTime && rest == "" {
					// A date heading sets the context for what follows.
					st.flush()
					st.resolve(m)
					st.start(m, stampText(b.text, m), "", true)
					continue
				}
				st.start(m, stampText(b.text, m), rest, true)
				continue
			}
			st.startUntimed(b.text, true)
		case bPara:
			timelinePara(b, st)
		case bCode:
			// A timeline pasted in a fence to keep its columns aligned.
			if codeHoldsStamps(b.text) {
				p := block{kind: bPara, text: b.text, checked: -1}
				timelinePara(&p, st)
			}
		case bItem:
			text := b.text
			if m, rest, ok := leadingStamp(text); ok {
				st.start(m, stampText(text, m), rest, false)
				continue
			}
			if len(text) < 200 {
				if m, ok := findDate(text); ok && m.hasTime {
					at := stampText(text, m)
					rest := strings.TrimSpace(text[:m.start] + " " + text[m.end:])
					rest = strings.Trim(rest, " :-–—,")
					rest = strings.TrimSuffix(strings.TrimSuffix(rest, " at"), " on")
					st.start(m, at, rest, false)
					continue
				}
			}
			if st.pending != nil && (st.fromHeading || b.level > 0) {
				st.appendText(text)
				continue
			}
			st.startUntimed(text, false)
		case bRow:
			if b.table != table {
				table = b.table
				cols = tableCols{}
			}
			if b.header {
				cols = timelineCols(b.cells)
				continue
			}
			timelineRow(b, cols, st)
		}
	}
	st.flush()
}

// codeHoldsStamps reports code text of which at least two lines, and
// half of the lines that open at the left margin, open with a time or
// date.
func codeHoldsStamps(text string) bool {
	stamped, margin := 0, 0
	for _, l := range strings.Split(truncateUTF8(text, 20000), "\n") {
		if strings.TrimSpace(l) == "" || l[0] == ' ' || l[0] == '\t' {
			continue
		}
		margin++
		if _, _, ok := leadingStamp(l); ok {
			stamped++
		}
	}
	return stamped >= 2 && stamped*2 >= margin
}

// timelinePara reads the lines of a timeline paragraph: stamped lines
// start entries, other lines continue the pending one or, in a prose
// timeline, are entries of their own.
func timelinePara(b *block, st *timelineState) {
	lines := []string{b.text}
	if strings.IndexByte(b.text, '\n') >= 0 {
		lines = strings.Split(b.text, "\n")
	}
	prev := ""
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if m, rest, ok := leadingStamp(line); ok && !wrapsIntoStamp(prev, line, m) {
			prev = line
			if m.hasDate && !m.hasTime && rest == "" {
				st.flush()
				st.resolve(m)
				st.start(m, stampText(line, m), "", false)
				continue
			}
			st.start(m, stampText(line, m), rest, false)
			continue
		}
		prev = line
		if st.pending == nil && !st.fromHeading {
			// Prose timeline: each paragraph is an entry, dated
			// when it names a date early on ("On September 5th, ...").
			if _, isZone := zoneSentence(line); isZone || strings.HasSuffix(line, ":") {
				continue
			}
			if m, ok := findDate(line[:min(len(line), 80)]); ok {
				st.start(m, stampText(line, m), line, false)
			} else {
				st.startUntimed(line, false)
			}
			continue
		}
		st.appendText(line)
	}
	if !st.fromHeading {
		st.flush()
	}
}

// tableCols records which columns of a table hold what.
type tableCols struct {
	known bool
	stamp []int        // date / time columns, in order
	text  []int        // event / description columns
	utc   map[int]bool // stamp columns headed UTC: their times are UTC
}

func timelineCols(header []string) tableCols {
	c := tableCols{known: true}
	for i, h := range header {
		n := normalizeKey(h)
		switch {
		case n == "" && i == 0:
			c.stamp = append(c.stamp, i)
		case containsWord(n, "time") || containsWord(n, "date") || containsWord(n, "when") ||
			containsWord(n, "timestamp") || n == "at" || containsWord(n, "utc") || containsWord(n, "hour") ||
			containsWord(n, "local") || n == "gmt":
			c.stamp = append(c.stamp, i)
			if containsWord(n, "utc") || n == "gmt" || n == "z" {
				if c.utc == nil {
					c.utc = map[int]bool{}
				}
				c.utc[i] = true
			}
		default:
			c.text = append(c.text, i)
		}
	}
	return c
}

func timelineRow(b *block, cols tableCols, st *timelineState) {
	var stamp []string
	var text []string
	if cols.known && len(cols.stamp) > 0 {
		for _, i := range cols.stamp {
			if i < len(b.cells) && b.cells[i] != "" {
				cell := b.cells[i]
				if m, rest, ok := leadingStamp(cell); ok && cols.utc[i] && m.loc == nil && rest == "" {
					cell += " UTC" // "| UTC |" over "12:35"
				}
				stamp = append(stamp, cell)
			}
		}
		for i, c := range b.cells {
			if c != "" && !contains(cols.stamp, i) {
				text = append(text, c)
			}
		}
	} else {
		for i, c := range b.cells {
			if c == "" {
				continue
			}
			if len(text) == 0 && len(c) < 40 {
				if _, rest, ok := leadingStamp(c); ok && rest == "" && i < 2 {
					stamp = append(stamp, c)
					continue
				}
			}
			text = append(text, c)
		}
	}
	joined := strings.Join(stamp, " ")
	if len(stamp) == 0 && len(text) == 0 {
		return
	}
	if joined != "" {
		if m, rest, ok := leadingStamp(joined); ok {
			if rest != "" {
				text = append([]string{rest}, text...)
			}
			st.start(m, stampText(joined, m), strings.Join(text, " | "), false)
			return
		}
		text = append([]string{joined}, text...)
	}
	st.startUntimed(strings.Join(text, " | "), false)
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// eventPhrases name the moments a timeline entry can mark.
var (
	startPhrases = []string{"fault occurs", "problem starts", "problem started", "incident start", "outage start",
		"outage began", "impact start", "issue start", "issue began", "began failing", "started failing",
		"starts failing", "starts reporting", "first error", "incident began", "outage begins", "impact began",
		"begin", "began", "incident starts", "outage starts", "start returning", "started returning",
		"starts returning", "first failed", "first failure", "first failures", "errors start", "errors started",
		"errors begin", "impact begin", "impact begins", "impact starts"}
	// leadStartPhrases mark the start when an entry opens with them ("Start
	// of incident. ..."); further in, they refer to it ("the logs around
	// the start of the outage show ...").
	leadStartPhrases = []string{"start of incident", "start of the incident", "start of outage",
		"start of the outage", "start of impact", "incident start"}
	// weakStartPhrases name a start only in a short entry that is not
	// preparatory ("stale reads begin", not "upgrade began"); in a long
	// one they are as likely to explain something.
	weakStartPhrases = map[string]bool{"begin": true, "began": true}
	detectPhrases    = []string{"first detected", "detected", "incident declared", "alert fired", "alerts fired",
		"alert fires", "alerts fire", "alarm", "alerted", "paged", "pages", "reported", "reports", "identified",
		"noticed", "notices", "triggered", "outage reported", "acknowledged", "acknowledges"}
	resolvePhrases = []string{"resolved", "incident closed", "fully recovered", "recovered", "back to normal",
		"back online", "restored", "outage ends", "outage ended", "outage to an end", "fix deployed",
		"incident over", "all clear", "returns to normal", "return to normal", "back to baseline", "back to zero", "returned to normal", "healthy",
		"mitigated", "normal again", "times normal", "rates normal", "fully rolled out", "back under", "back below",
		"back within", "stopped failing", "flowing normally", "working normally", "running normally",
		"operating normally", "functioning normally", "behaving normally", "succeeding again", "working again",
		"back at baseline", "back at normal", "at baseline again", "normal levels", "all succeeding", "last failed",
		"last failure", "last error", "back on air", "back to the normal", "back in service"}
)

// phraseStarts holds the first four letters of every moment phrase; a
// text none of whose words start like one cannot match (a fast pre-check).
var phraseStarts = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range [][]string{startPhrases, detectPhrases, resolvePhrases} {
		for _, p := range list {
			w := p
			if i := strings.IndexByte(p, ' '); i > 0 {
				w = p[:i] // "all clear" starts a word "all"
			}
			m[w[:min(4, len(w))]] = true
		}
	}
	return m
}()

// mayMatchPhrase reports whether some word of low starts like a phrase.
func mayMatchPhrase(low string) bool {
	for i := 0; i < len(low); i++ {
		if !isWordByte(low[i]) || (i > 0 && isWordByte(low[i-1])) {
			continue
		}
		j := i
		for j < len(low) && j-i < 4 && isWordByte(low[j]) {
			j++
		}
		if phraseStarts[low[i:j]] {
			return true
		}
	}
	return false
}

// phraseRef is a moment phrase and the list it comes from.
type phraseRef struct {
	phrase string
	kind   uint8 // 0 start, 1 detect, 2 resolve
}

// phraseIndex maps the first four bytes of every moment phrase to the
// phrases starting with them.
var phraseIndex = func() map[string][]phraseRef {
	m := map[string][]phraseRef{}
	for kind, list := range [][]string{startPhrases, detectPhrases, resolvePhrases} {
		for _, p := range list {
			k := p[:min(4, len(p))]
			m[k] = append(m[k], phraseRef{p, uint8(kind)})
		}
	}
	return m
}()

// momentKinds reports which moment lists have a phrase in the lower-cased
// text low as whole words (containsWord), in one pass over its words:
// matchesAny(low, startPhrases), matchesAny(low, detectPhrases) and
// matchesAny(low, resolvePhrases).
func momentKinds(low string) (start, detect, resolve bool) {
	for i := 0; i < len(low); i++ {
		if !isWordByte(low[i]) || (i > 0 && isWordByte(low[i-1])) {
			continue
		}
		for _, r := range phraseIndex[low[i:min(i+4, len(low))]] {
			p := r.phrase
			if !strings.HasPrefix(low[i:], p) {
				continue
			}
			end := i + len(p)
			if end < len(low) && low[end] == 's' {
				end++
			}
			if end < len(low) && isWordByte(low[end]) && isWordByte(p[len(p)-1]) {
				continue
			}
			switch r.kind {
			case 0:
				start = true
			case 1:
				detect = true
			default:
				resolve = true
			}
		}
	}
	if !resolve && strings.Contains(low, "back ") && reBackToBaseline.MatchString(low) {
		resolve = true // "502 rate back to the 0.02% baseline"
	}
	return start, detect, resolve
}

// reBackToBaseline matches a return to a baseline written with its figure
// or an adjective between ("back to the 0.02% baseline", "back to its
// usual levels"), which the fixed phrases miss.
var reBackToBaseline = regexp.MustCompile(`\bback (?:to|at|within) (?:the |its |their |our )?(?:[0-9][0-9.,]*%? |pre-incident |usual |expected |previous |normal )+(?:baseline|levels?|range)\b`)

// preparatoryWords mark entries that prepare or cause an incident without
// being part of it yet ("config change merged", "deploy scheduled").
var preparatoryWords = []string{"merged", "deployed", "deploy", "deployment", "rolled out", "rollout", "released",
	"release", "upgrade", "upgraded", "scheduled", "maintenance", "committed", "commit", "pr", "configured",
	"introduced", "created", "change", "changed", "migration", "planned", "approved", "launched",
	"window opens", "kicked off", "job starts", "job started", "job begins", "staging", "announces", "announced",
	"announcement", "uploads", "uploaded"}

// momentsFromTimeline picks started / detected / resolved times out of
// timeline entries by their wording. started is the first entry that
// says the incident started, else the earliest entry, leaving out
// preparatory entries (a change or deploy) that come more than prepGap
// before the first other entry; resolved is the last resolution entry after it.
func momentsFromTimeline(events []model.TimelineEvent) (started, detected, resolved *time.Time) {
	var timed []*model.TimelineEvent
	var explicitStart, prepStart, explicitEnd, weakResolved, symptom *time.Time
	for i := range events {
		e := &events[i]
		if e.At == nil {
			continue
		}
		timed = append(timed, e)
		low := strings.ToLower(truncateUTF8(e.Text, 200))
		isStart, isDetect, isResolve := entryMoments(e.Text)
		statedStart, prep, statedEnd := statedMoment(e.Text)
		if statedStart && explicitStart == nil {
			if !prep {
				explicitStart = e.At
			} else if prepStart == nil {
				prepStart = e.At
			}
		}
		if statedEnd && explicitEnd == nil {
			explicitEnd = e.At
		}
		if started == nil && isStart {
			started = e.At
		}
		if symptom == nil && !isDetect && !isResolve && namesSymptom(low) {
			symptom = e.At
		}
		if detected == nil && isDetect {
			detected = e.At
		}
		if isResolve {
			// "incident closed", "status page set to resolved" after the
			// recovery only say so: they end the incident when nothing
			// else does.
			if weakResolve(low) {
				weakResolved = e.At
			} else {
				resolved = e.At
			}
		}
	}
	if explicitStart == nil {
		explicitStart = prepStart
	}
	if explicitStart != nil {
		started = explicitStart
	}
	if started == nil && symptom != nil && (detected == nil || !detected.Before(*symptom)) && quietBefore(timed, symptom) {
		// A symptom named after the detection is what responders saw
		// later (or did: "import throttled"); the entries before it tell.
		started = symptomStart(timed, symptom)
	}
	if started == nil {
		started = firstIncidentEntry(timed)
	}
	if explicitEnd != nil && (started == nil || explicitEnd.After(*started)) {
		resolved = explicitEnd
	}
	if resolved == nil {
		resolved = weakResolved
	}
	if detected != nil && started != nil && detected.Before(*started) {
		detected = nil
	}
	if resolved != nil && started != nil && !resolved.After(*started) {
		resolved = nil
	}
	return started, detected, resolved
}

// statedMoment reports whether a timeline entry says in words that the
// customer impact starts (prep: in an entry that prepares the incident,
// "PR merged; logs 'metric not found' from here on", which a later
// entry that says so outranks) or ends. A long entry may say so at its
// end: "... **Impact ends at 16:50.**".
func statedMoment(text string) (start, prep, end bool) {
	stated := strings.ToLower(truncateUTF8(text, 600))
	start = statesImpactStart(stated)
	prep = start && hasAnyWord(strings.ToLower(truncateUTF8(text, 200)), preparatoryWords)
	return start, prep, hasAnyWord(stated, explicitEndPhrases)
}

// statedMoments returns the times of the first timeline entries that say
// the impact starts (not in a preparatory entry) and ends, nil where none
// does: the author's own window, which outranks the start and resolve
// fields (an incident declared, then resolved after monitoring).
func statedMoments(events []model.TimelineEvent) (start, end *time.Time) {
	for i := range events {
		e := &events[i]
		if e.At == nil {
			continue
		}
		s, prep, en := statedMoment(e.Text)
		if s && !prep && start == nil {
			start = e.At
		}
		if en && end == nil && (start == nil || e.At.After(*start)) {
			end = e.At
		}
	}
	return start, end
}

// quietBefore reports whether every entry before at prepares the
// incident or says things worked ("first chunks accepted"): then the
// symptom at at is the first sign of trouble. An entry such as "launches
// are not happening as expected" before it is trouble in other words.
func quietBefore(timed []*model.TimelineEvent, at *time.Time) bool {
	for _, e := range timed {
		if !e.At.Before(*at) {
			continue
		}
		low := strings.ToLower(truncateUTF8(e.Text, 200))
		if hasAnyWord(low, preparatoryWords) {
			continue
		}
		if hasAnyWord(low, healthyWords) && !hasAnyWord(low, negationWords) {
			continue
		}
		return false
	}
	return true
}

// negationWords turn a healthy word around ("not as expected").
var negationWords = []string{"not", "no", "never", "n't", "isn't", "aren't", "wasn't", "weren't", "don't",
	"doesn't", "didn't", "cannot", "can't", "failed to", "unable"}

// symptomStart is the first symptom's time, or that of the preparatory
// entries right before it when they come within prepGap of it (an
// upgrade begun ten minutes before the errors may be when they began).
func symptomStart(timed []*model.TimelineEvent, symptom *time.Time) *time.Time {
	sorted := append([]*model.TimelineEvent(nil), timed...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(*sorted[j].At) })
	at := symptom
	for i := len(sorted) - 1; i >= 0; i-- {
		e := sorted[i]
		if !e.At.Before(*at) {
			continue
		}
		if at.Sub(*e.At) > prepGap || !hasAnyWord(strings.ToLower(truncateUTF8(e.Text, 200)), preparatoryWords) {
			break
		}
		at = e.At
	}
	return at
}

// explicitEndPhrases state that the customer impact ended: the entry
// that says so is the resolution, whatever follows (the permanent fix the
// next morning, the ticket closed).
var explicitEndPhrases = append([]string{"impact over", "end of customer impact", "customer impact ends",
	"customer impact ended", "end of viewer impact", "end of user impact", "end of listener impact",
	"end of player impact", "end of rider impact"}, impactEndWords...)

// statesImpactStart reports an entry that says the impact starts ("peak
// starts; impact starts for most customers") or that what follows is
// impact ("quotes without tolls from here", "from then on").
func statesImpactStart(low string) bool {
	if hasAnyWord(low, []string{"from here on", "from here", "from then on", "from this point", "from that point"}) &&
		!hasAnyWord(low, []string{"normally", "normal", "again", "restored", "recovered", "back to", "no longer"}) {
		return true // "quotes without tolls from here", not "approving normally from this point"
	}
	return hasAnyWord(low, impactStartWords) || hasAnyWord(low, []string{"impact begins", "impact starts",
		"customer impact begins", "customer impact starts", "pain starts", "pain begins", "pain started", "pain began",
		"disruption starts", "disruption begins", "disruption started", "disruption began", "trouble starts",
		"trouble begins", "trouble started", "trouble began", "customers start", "customers begin",
		"customers started", "customers began", "users start", "users begin", "users started", "users began",
		"players start", "players started", "start hurting", "started hurting", "people start", "people started"}) ||
		(strings.Contains(low, " start") || strings.Contains(low, " began") || strings.Contains(low, " begin")) &&
			rePeopleStart.MatchString(low)
}

// rePeopleStart matches people who start to be hurt: "applicants start
// being logged out", "students began seeing errors".
var rePeopleStart = regexp.MustCompile(`\b(?:applicants|students|staff|members|patients|shoppers|riders|drivers|callers|subscribers|clients|merchants|passengers|viewers|guests|residents|learners|customers|users|players|people|agents|researchers|cardholders|buyers|sellers) (?:start|begin|started|began) (?:being|getting|seeing|to|receiving|hitting|failing|reporting)\b`)

// weakResolveWords mark an entry that closes the books rather than ends
// the impact.
var weakResolveWords = []string{"closed", "close", "status page", "statuspage", "monitoring", "postmortem",
	"post-mortem", "retro", "announced", "announcement", "communicated", "all-clear sent", "tweet", "email sent",
	"clean metrics", "of clean", "stable metrics", "of stable", "watch period", "soak", "marked resolved",
	"marked as resolved", "set to resolved", "record created", "review created", "reconciliation checks",
	"after checks", "after verification", "after reconciliation"}

// weakResolve reports a resolve entry that only closes the books: it
// names one of weakResolveWords and no recovery ("back to normal",
// "restored", "recovered").
func weakResolve(low string) bool {
	if reTicketResolved.MatchString(low) {
		return true // "HAL-4530 resolved": the ticket's state, after the recovery
	}
	if !hasAnyWord(low, weakResolveWords) {
		return false
	}
	for _, p := range resolvePhrases {
		if p != "resolved" && p != "incident closed" && p != "all clear" && containsWord(low, p) {
			return false
		}
	}
	return !endsWithWord(low, "ends", "ended", "over")
}

// reTicketResolved matches an entry that opens with a ticket key marked
// resolved or closed.
var reTicketResolved = regexp.MustCompile(`^\s*[a-z][a-z0-9]*-\d+\s+(?:resolved|closed)\b`)

// symptomWords name what users or systems suffer: the first entry that
// names one (not a detection or the resolution) is where the impact
// starts when no entry says so in words.
var symptomWords = []string{"fail", "fails", "failed", "failing", "failure", "failures", "error", "errors",
	"5xx", "500s", "502s", "503s", "timeout", "timeouts", "timing out", "times out", "timed out", "reject",
	"rejects", "rejected", "rejecting", "stall", "stalls", "stalled", "stuck", "stop getting", "stops getting",
	"unavailable", "unreachable", "crash", "crashes", "crashing", "degraded", "degrades", "duplicate",
	"duplicates", "duplicated", "stale", "blank", "broken", "refused", "denied", "exhausted", "throttled",
	"outage", "down for", "goes down", "went down", "is down", "are down", "oom", "out of memory", "dropping",
	"dropped", "lost", "wrong", "incorrect", "missing", "skipped", "skips"}

// namesSymptom reports an entry that names one of symptomWords other
// than after a negation: "no errors", "without failures" name none.
func namesSymptom(low string) bool {
	for _, w := range symptomWords {
		for off := 0; off < len(low); {
			i := strings.Index(low[off:], w)
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			end := off
			if end < len(low) && low[end] == 's' {
				end++
			}
			if i > 0 && isWordByte(low[i-1]) || end < len(low) && isWordByte(low[end]) {
				continue
			}
			before := strings.TrimRight(low[:i], " ")
			if j := strings.LastIndexByte(before, ' '); j >= 0 {
				before = before[j+1:]
			}
			switch before {
			case "no", "without", "zero", "not", "never", "nor":
				continue
			}
			return true
		}
	}
	return false
}

// strongStartPhrases are the start phrases that are not weak.
var strongStartPhrases = func() func() []string {
	var out []string
	for _, p := range startPhrases {
		if !weakStartPhrases[p] {
			out = append(out, p)
		}
	}
	return func() []string { return out }
}()

// endsWithWord reports whether the last word of low is one of words
// ("...; skew ends"): an entry that says something is over.
func endsWithWord(low string, words ...string) bool {
	low = strings.TrimRight(low, " .!")
	i := strings.LastIndexAny(low, " ;,:")
	last := low[i+1:]
	for _, w := range words {
		if last == w {
			return true
		}
	}
	return false
}

// entryMoments reports whether a timeline entry's text says the incident
// started, was detected or was resolved.
func entryMoments(text string) (isStart, isDetect, isResolve bool) {
	low := strings.ToLower(truncateUTF8(text, 200))
	// An export's event kind before its text ("resolve: Rollback
	// complete", "impact start: ..."): the kind says which moment it is.
	if k, rest, ok := strings.Cut(low, ": "); ok && len(k) <= 24 && !strings.HasPrefix(rest, "none") && !strings.HasPrefix(rest, "no ") {
		switch k {
		case "resolve", "resolution", "resolved", "recovery", "recovered", "impact end", "impact ended", "customer impact end":
			return false, false, true
		case "impact", "impact start", "impact started", "customer impact", "customer impact start":
			return true, false, false
		case "detect", "detection", "detected":
			return false, true, false
		}
	}
	isResolve = endsWithWord(low, "ends", "ended", "over") || closingSentence(low) // "...; skew ends"
	// "... balances recomputed. Portal showing correct amounts again": an
	// entry that ends with "again" and names no symptom; "Last wrongful
	// ban reversed", "last crash in Crashlytics": the last of the trouble;
	// "success back to 99.7%".
	isResolve = isResolve || endsWithWord(low, "again") && !namesSymptom(low) || lastSymptom(low) ||
		reBackToNumber.MatchString(low)
	if !mayMatchPhrase(low) || strings.Contains(low, "unresolved") || strings.Contains(low, "not resolved") {
		return false, false, isResolve
	}
	isStart, isDetect, resolve := momentKinds(low)
	if isDetect && hasAnyWord(low, []string{"nobody notices", "nobody noticed", "no one notices", "no one noticed",
		"nobody notice", "unnoticed", "not noticed", "nobody sees", "nobody saw"}) {
		isDetect = false
	}
	lead := hasAnyWord(low[:min(len(low), 40)], leadStartPhrases)
	if isStart && !lead && !hasAnyWord(low, strongStartPhrases()) &&
		(len(text) > 120 || hasAnyWord(low, preparatoryWords)) {
		isStart = false // "upgrade began", or a long entry explaining how problems begin
	}
	return isStart || lead || !isDetect && firstSymptom(low), isDetect, isResolve || resolve
}

// firstSymptom reports a clause of the lower-cased entry that opens with
// "first" and a noun, not a detection word: "first duplicate invoice sent",
// "table becomes effective; first order rejected" (the first symptom;
// "first alert fires" is a detection, "first responder" a person).
func firstSymptom(low string) bool {
	for _, cl := range strings.FieldsFunc(low, func(r rune) bool { return r == ';' || r == '.' || r == ',' }) {
		w := strings.Fields(cl)
		if len(w) < 3 || w[0] != "first" {
			continue
		}
		switch strings.Trim(w[1], ":") {
		case "responder", "responders", "step", "steps", "thing", "time", "attempt", "we", "the", "a", "of", "on-call":
			continue
		}
		if !hasAnyWord(cl, symptomDetectWords) && !hasAnyWord(cl, healthyWords) {
			return true
		}
	}
	return false
}

// reBackToNumber matches a measure back to a figure: "success back to
// 99.7%", "latency back to 180ms".
var reBackToNumber = regexp.MustCompile(`\bback (?:to|at|under|below) ~?\d`)

// lastSymptom reports a clause of the lower-cased entry that opens with
// "last" and a noun ("last wrongful ban reversed", "last crash in
// Crashlytics"): the trouble's end. "last night", "last week" are times.
func lastSymptom(low string) bool {
	for _, cl := range strings.FieldsFunc(low, func(r rune) bool { return r == ';' || r == '.' || r == ',' }) {
		w := strings.Fields(cl)
		if len(w) < 3 || w[0] != "last" {
			continue
		}
		switch strings.Trim(w[1], ":") {
		case "night", "week", "month", "year", "time", "weekend", "friday", "monday", "tuesday", "wednesday",
			"thursday", "saturday", "sunday", "step", "resort", "of", "the", "we", "year's", "known":
			continue
		}
		return true
	}
	return false
}

// healthyWords make a "first ..." clause a sign of health, not a symptom
// ("first chunks accepted").
var healthyWords = []string{"accepted", "succeeded", "successful", "succeeds", "ok", "healthy", "normal",
	"as expected", "completed", "complete", "passed", "passes"}

// symptomDetectWords make a "first ..." clause a detection, not the
// first symptom ("first SERVFAIL alerts", "first customer complaint").
var symptomDetectWords = []string{"alert", "alerts", "alarm", "alarms", "page", "paged", "complaint",
	"complaints", "ticket", "tickets", "call", "calls", "report", "reports", "reported", "noticed"}

// closingWords close an incident when a sentence of an entry is nothing
// else ("Last invoice delivered. Closed.").
var closingWords = map[string]bool{"closed": true, "resolved": true, "fixed": true, "done": true,
	"incident closed": true, "all clear": true}

// closingSentence reports a sentence of the lower-cased entry that is
// one of closingWords.
func closingSentence(low string) bool {
	for _, sent := range strings.Split(low, ". ") {
		if closingWords[strings.Trim(sent, " .!;")] {
			return true
		}
	}
	return false
}

// firstIncidentEntry returns the time of the earliest entry, leaving out
// preparatory entries (a change merged, a deploy, a job kicked off) well
// ahead of the first symptom.
func firstIncidentEntry(timed []*model.TimelineEvent) *time.Time {
	if len(timed) == 0 {
		return nil
	}
	sort.SliceStable(timed, func(i, j int) bool { return timed[i].At.Before(*timed[j].At) })
	// The leading run of preparatory entries is left out when the first
	// other entry comes more than prepGap after its last one.
	run := 0
	for run+1 < len(timed) && hasAnyWord(strings.ToLower(truncateUTF8(timed[run].Text, 200)), preparatoryWords) {
		run++
	}
	if run > 0 && timed[run].At.Sub(*timed[run-1].At) > prepGap {
		return timed[run].At
	}
	return timed[0].At
}

// prepGap is how far the first symptom must follow the preparatory
// entries before it for them to be left out: a deploy minutes before the
// first symptom may well be when the impact began; one long before (a
// change merged, a job kicked off, certificates rolled out half an hour
// earlier) is the cause.
const prepGap = 15 * time.Minute

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

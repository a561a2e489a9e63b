package ingest

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/debrief-dev/debrief/model"
)

// build turns a lowered document into a Postmortem. It runs the stages
// below in order; each reads what the earlier ones left in the builder
// and fills its part of the Postmortem:
//
//	sections  blocks -> sections, metadata lines collected and dropped
//	title     front matter, first heading, format title, first line, file name
//	text      section text and sentence spans (checkTemplate then refuses templates)
//	metadata  team, services, severity, authors
//	dates     zone, reference year, start/detect/resolve fields, incident date
//	timeline  export events or timeline sections, then moments and the date
//	duration  stated fields, impact lines, timeline, prose
//	actions   export items or action-item sections
//	identity  ID from front matter, else from the path
func build(doc *rawDoc, p string, opts Options) (*model.Postmortem, error) {
	b := newBuilder(doc, p, opts)
	b.sections()
	b.title()
	b.text()
	if err := checkTemplate(b.pm, b.secs, b.f); err != nil {
		return nil, err
	}
	b.metadata()
	b.dates()
	b.timeline()
	b.duration()
	b.actions()
	b.settleTeam()
	b.identity()
	b.pm.Warnings = append([]string{}, doc.warnings...)
	return b.pm, nil
}

// builder carries the state shared by the stages of build.
type builder struct {
	doc  *rawDoc
	f    *fields
	opts Options
	pm   *model.Postmortem

	slash    string            // cleaned slash form of the path
	pathVars map[string]string // variables of Options.TeamFromPath
	blocks   []block           // after promotePseudoHeadings
	secs     []*section
	// headingTitle is the document's first heading when it is its title.
	headingTitle string

	loc       *time.Location // zone of times written without one
	zoneFound bool
	refYear   int // year of dates written without one
	fileName  string
	firstDate *dateMatch // first date written in a timeline section
	// order is the order the document writes numeric dates in (dateOrder).
	order numericOrder
	// opened and closed are when the ticket or record was opened and
	// closed: the start and resolve when nothing else gives them.
	opened, closed *time.Time
	// teamFromMentions is set when the team is only the one the text
	// mentions most ("the Identity team"), which no line states.
	teamFromMentions bool
	date             *time.Time // incident date, once known
	// fieldStart and fieldEnd are the start and resolve times the metadata
	// states (fields or a range), before the timeline fills them.
	fieldStart, fieldEnd *time.Time
	// clockMinutes is the span of a timeline whose entries have times of
	// day but no date anywhere (see clockSpan); 0 when not measured.
	clockMinutes float64
}

func newBuilder(doc *rawDoc, p string, opts Options) *builder {
	f := doc.fields
	if f == nil {
		f = newFields()
	}
	b := &builder{doc: doc, f: f, opts: opts, slash: cleanPath(p)}
	b.pm = &model.Postmortem{
		Sections: []model.Section{}, Timeline: []model.TimelineEvent{}, ActionItems: []model.ActionItem{},
		Sentences: []model.Sentence{},
	}
	if opts.TeamFromPath != "" {
		if v, ok := pathVars(opts.TeamFromPath, b.slash); ok {
			b.pathVars = v
		}
	}
	b.fileName = path.Base(b.slash)
	return b
}

// sections groups the blocks into sections and records metadata lines;
// metadata blocks are dropped from the text, and "Key: value" lines of
// the preamble from the summary.
func (b *builder) sections() {
	blocks := b.doc.blocks
	if b.doc.format == model.FormatMarkdown || b.doc.format == model.FormatHTML {
		// Markdown written as plain text; HTML exports (Google Docs) that
		// style paragraphs as headings.
		blocks = promoteLineHeadings(blocks)
	}
	markHeaderRows(blocks)
	blocks = promotePseudoHeadings(blocks)
	for i := range blocks {
		if blocks[i].kind == bPara && !blocks[i].log && looksLikeLog(blocks[i].text) {
			blocks[i].log = true
		}
	}
	b.blocks = blocks
	b.secs = splitSections(blocks, &b.headingTitle)
	for _, s := range b.secs {
		headedField(s, b.f)
		capsKeyItems(s.blocks, b.f)
		metaFromBlocks(s.blocks, b.f, s.kind != model.SectionTimeline && s.kind != model.SectionActionItems)
	}
	for _, s := range b.secs {
		if s.kind != model.SectionTimeline && s.kind != model.SectionActionItems {
			inlineFields(s.blocks, b.f)
		}
	}
	for _, s := range b.secs {
		s.blocks = dropMetaBlocks(s.blocks)
	}
	if len(b.secs) > 0 && b.secs[0].heading == "" {
		b.secs[0].blocks = dropMetaLines(b.secs[0].blocks)
		if len(b.secs[0].blocks) == 0 {
			b.secs = b.secs[1:]
		}
	}
}

// markHeaderRows marks as a header the first row of a table that has
// none when every cell of it names an action-item column ("Item | Owner
// | Status", as exports without <th> write them).
func markHeaderRows(blocks []block) {
	table := -1
	for i := range blocks {
		b := &blocks[i]
		if b.kind != bRow || b.table == table {
			continue
		}
		table = b.table
		if b.header || len(b.cells) < 2 {
			continue
		}
		all := true
		for _, c := range b.cells {
			if _, ok := actionColumns[normalizeKey(c)]; !ok {
				all = false
				break
			}
		}
		b.header = all
	}
}

// dropMetaBlocks removes blocks marked as metadata, in place.
func dropMetaBlocks(blocks []block) []block {
	kept := blocks[:0]
	for _, bl := range blocks {
		if !bl.meta {
			kept = append(kept, bl)
		}
	}
	return kept
}

// dropMetaLines removes "Key: value" lines and key/value rows, in place.
func dropMetaLines(blocks []block) []block {
	kept := blocks[:0]
	for _, bl := range blocks {
		if _, _, ok := isMetaLine(&bl); ok {
			continue
		}
		if bl.kind == bRow && isMetaRow(&bl) {
			continue
		}
		kept = append(kept, bl)
	}
	return kept
}

// title picks the title: metadata, the first heading, the format's
// title, the first line, else the file name (with a warning).
func (b *builder) title() {
	t := firstNonEmpty(b.f.get(mTitle), b.headingTitle, b.doc.title)
	if t == "" {
		t = firstLine(b.blocks)
	}
	if t == "" {
		t = titleFromPath(b.slash)
		b.doc.warn("no title found; using the file name")
	}
	b.pm.Title = truncateUTF8(collapseSpace(t), 300)
	// A section headed by the document's own title ("What went wrong with
	// car quotes on Friday" as a blog post's <h1>) is its opening, not a
	// "what went wrong" section.
	for _, s := range b.secs {
		if s.heading == "" {
			continue
		}
		if s.kind != "" && s.kind != model.SectionSummary && len(s.heading) > 20 &&
			(strings.EqualFold(s.heading, b.pm.Title) || strings.HasPrefix(strings.ToLower(b.pm.Title), strings.ToLower(s.heading))) {
			s.kind = model.SectionSummary
		}
		break
	}
}

// text renders each section's text and its sentences (about one per 80
// bytes of text).
func (b *builder) text() {
	textLen := 0
	for _, s := range b.secs {
		for i := range s.blocks {
			textLen += len(s.blocks[i].text)
		}
	}
	pm := b.pm
	pm.Sections = make([]model.Section, 0, len(b.secs))
	pm.Sentences = make([]model.Sentence, 0, textLen/80+4)
	for _, s := range b.secs {
		var text string
		text, pm.Sentences = renderSection(s, len(pm.Sections), pm.Sentences)
		pm.Sections = append(pm.Sections, model.Section{Kind: s.kind, Heading: s.heading, Text: text})
	}
}

// metadata fills team, services, severity and authors.
func (b *builder) metadata() {
	pm, f := b.pm, b.f
	pm.Team = b.team()
	for _, s := range f.list(mServices) {
		pm.Services = appendUnique(pm.Services, splitList(s)...)
	}
	if len(pm.Services) == 0 && b.pathVars["service"] != "" {
		pm.Services = []string{b.pathVars["service"]}
	}
	pm.Severity = f.get(mSeverity)
	for _, a := range f.list(mAuthors) {
		for _, name := range splitList(a) {
			pm.Authors = appendUnique(pm.Authors, cleanAuthor(name))
		}
	}
}

// team is the first of: --team, the team in the path, the team field,
// a team-shaped owner field, an author that is a team ("The Rust
// Infrastructure Team"), the header's owner line or byline, a signature
// ("— Platform SRE"), the team the text names clearly most often ("the
// crates.io team"); as a slug, through the aliases.
func (b *builder) team() string {
	slug := firstNonEmpty(TeamSlug(b.opts.Team), TeamSlug(b.pathVars["team"]))
	if slug == "" {
		slug = channelOwner(b.blocks)
	}
	if slug == "" {
		for _, v := range b.f.list(mTeam) {
			if slug = TeamSlug(v); slug != "" {
				// "MeterHub Ingestion (Metering)": with known teams, the
				// remark or a part may be the one the organisation lists.
				if t, ok := knownTeamIn(v, b.opts.TeamAliases); ok {
					return t
				}
				break
			}
		}
	}
	if slug == "" {
		slug = ownerTeam(b.f.list(mOwner), b.pm)
	}
	if slug == "" {
		slug = teamShaped(b.f.list(mAuthors), " team")
	}
	if slug == "" {
		slug = teamFromPreamble(b.pm)
	}
	if slug == "" {
		slug = teamFromFieldLine(b.pm)
	}
	if slug == "" {
		slug = teamFromSignature(b.pm)
	}
	if slug == "" {
		slug = ownerStatedTeam(b.pm.Sections)
	}
	if slug == "" {
		slug = teamFromRole(b.pm)
	}
	if slug == "" {
		slug = teamFromText(b.pm.Sections)
		b.teamFromMentions = slug != ""
	}
	return resolveTeam(slug, b.opts.TeamAliases)
}

// settleTeam checks a team the writeup states against the names it uses
// for teams (reconcileTeam), once the action items and their owners are
// read; a team given by --team or the path stays.
func (b *builder) settleTeam() {
	pm := b.pm
	if b.opts.Team != "" || b.pathVars["team"] != "" {
		return
	}
	if pm.Team == "" || b.teamFromMentions {
		// Nothing states the owner (at most the text mentions a team):
		// the team that owns most of the follow-ups, when one clearly
		// does, is the better guess.
		if t := actionOwnerTeam(pm); t != "" {
			pm.Team = resolveTeam(t, b.opts.TeamAliases)
			return
		}
		if pm.Team == "" {
			return
		}
	}
	var alts []string
	for _, v := range append(b.f.list(mTeam), b.f.list(mOwner)...) {
		if resolveTeam(TeamSlug(v), b.opts.TeamAliases) == pm.Team {
			alts = teamAlternatives(v)
			break
		}
	}
	if r := reconcileTeam(pm.Team, pm, alts...); r != pm.Team {
		r = resolveTeam(r, b.opts.TeamAliases)
		if isKnownTeam(pm.Team, b.opts.TeamAliases) && !isKnownTeam(r, b.opts.TeamAliases) {
			return // "Booking & Shop" is the known booking, not the "Shop" the text says more
		}
		pm.Team = r
	}
}

// reTrailingPlace matches a place after a group's name: "the PMS guys in
// Denver", "the network folks over in Lisbon".
var reTrailingPlace = regexp.MustCompile(` (?:in|at|over in|out in|from) [A-Z][a-z]+(?: [A-Z][a-z]+)?$`)

// teamShaped is the slug of the first value that ends in one of the
// suffixes and is at most five words ("The Rust Infrastructure Team" as
// an author, "Grid Forecasting team" as an owner), else "".
func teamShaped(vals []string, suffixes ...string) string {
	for _, a := range vals {
		l := strings.ToLower(strings.TrimSpace(a))
		// "Ticketing (Tapline gateway team)": the remark says so.
		if i := strings.IndexByte(l, '('); i > 0 && strings.HasSuffix(l, ")") {
			// "Bartosz W., Ticketing (Tapline gateway team)": the part
			// the remark belongs to.
			seg := strings.TrimSpace(a)
			if j := strings.LastIndex(seg[:i], ","); j >= 0 {
				seg = strings.TrimSpace(seg[j+1:])
			}
			for _, suf := range suffixes {
				if strings.HasSuffix(strings.TrimSuffix(l, ")"), suf) && wordCount(teamHead(seg)) <= 5 {
					return TeamSlug(seg)
				}
			}
		}
		if i := strings.IndexByte(l, '('); i > 0 && (strings.HasSuffix(l, ")") || !strings.Contains(l[i:], ")")) {
			// "the LMS folks (ping @lms-oncall)", or a remark a wrapped
			// line cuts: the name before it.
			a, l = strings.TrimSpace(a[:i]), strings.TrimSpace(l[:i])
		}
		if m := reTrailingPlace.FindStringIndex(a); m != nil && wordCount(a[:m[0]]) >= 2 {
			// "the PMS guys in Denver": the group, not where it sits.
			a, l = a[:m[0]], l[:m[0]]
		}
		if wordCount(l) > 5 {
			continue
		}
		for _, suf := range suffixes {
			if strings.HasSuffix(l, suf) {
				return TeamSlug(a)
			}
		}
	}
	return ""
}

// numericDateOrder is the order of the document's numeric dates, from its
// metadata values and its sections' text (dateOrder).
func (b *builder) numericDateOrder() numericOrder {
	texts := make([]string, 0, len(b.f.vals)+len(b.secs)*4)
	keys := make([]string, 0, len(b.f.vals))
	for k := range b.f.vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		texts = append(texts, b.f.vals[k]...)
	}
	for _, s := range b.secs {
		for i := range s.blocks {
			bl := &s.blocks[i]
			if bl.kind == bRow {
				texts = append(texts, bl.cells...)
			} else {
				texts = append(texts, bl.text)
			}
		}
	}
	return dateOrder(texts...)
}

// dates finds the zone and reference year, parses the start, detect and
// resolve fields and a stated range, and picks the incident date when the
// metadata or the title and file name give it.
func (b *builder) dates() {
	if b.doc.tz == "" {
		b.doc.tz = b.f.get(mZone)
	}
	b.loc, b.zoneFound = zoneHint(b.doc, b.secs)
	b.order = b.numericDateOrder()
	b.referenceYear()
	pm := b.pm
	pm.StartedAt = b.parseField(mStarted)
	pm.DetectedAt = b.parseField(mDetected)
	pm.ResolvedAt = b.parseField(mResolved)
	// When a ticket was opened and closed is the start and resolve only
	// when nothing else states them: after the timeline (see duration).
	b.opened, b.closed = b.parseField(mOpened), b.parseField(mClosed)
	defer func() { b.fieldStart, b.fieldEnd = pm.StartedAt, pm.ResolvedAt }()
	if !b.zoneFound && pm.StartedAt != nil && pm.StartedAt.Location() != time.UTC {
		// Times written without a zone follow the start time's zone.
		b.loc = pm.StartedAt.Location()
	}
	if r := b.f.get(mRange); r != "" {
		from, to := b.parseRange(r)
		if from != nil && pm.StartedAt == nil {
			pm.StartedAt = from
		}
		if to != nil && pm.ResolvedAt == nil {
			pm.ResolvedAt = to
		}
	}
	b.date = b.incidentDate()
}

// parseRange reads a stated range ("2026-03-15 22:40 to 2026-03-16 01:15
// PDT"): a zone written once, after the end, is the start's zone too.
func (b *builder) parseRange(r string) (from, to *time.Time) {
	f, t := splitRange(r)
	if v, ok := parseDateValue(f, b.refYear, b.loc); ok {
		from = &v
	}
	if v, ok := parseDateValueWithContext(t, f, b.refYear, b.loc); ok {
		to = &v
	}
	if from == nil && to != nil && isTimeOnly(f) {
		// "14:09 – 16:32 BST on Thursday 5 September": the date and zone
		// written once, after the end.
		if c, _, ok := parseClock(strings.TrimSpace(f)); ok {
			v := clockOn(*to, c, to.Location())
			if v.After(*to) {
				v = v.AddDate(0, 0, -1)
			}
			from = &v
		}
	}
	if from != nil && to != nil && from.Location() == b.loc && to.Location() != b.loc {
		v := time.Date(from.Year(), from.Month(), from.Day(), from.Hour(), from.Minute(), from.Second(), 0, to.Location())
		from = &v
	}
	return from, to
}

// referenceYear finds the year for dates written without one: from the
// date and start fields, the title, the file name, the path, else the
// first dated timeline entry.
func (b *builder) referenceYear() {
	f := b.f
	for _, s := range []string{f.get(mDate), f.get(mStarted), b.pm.Title, b.fileName, b.pathVars["year"]} {
		if m, ok := findDate(s); ok && m.year != 0 {
			b.refYear = m.year
			break
		}
	}
	for _, s := range b.secs {
		if s.kind != model.SectionTimeline {
			continue
		}
		if m, ok := firstStampedDate(s.blocks); ok {
			m = b.order.apply(m)
			b.firstDate = &m
			if b.refYear == 0 && m.year != 0 {
				b.refYear = m.year
			}
			break
		}
	}
	if y := b.pathVars["year"]; b.refYear == 0 && len(y) == 4 {
		b.refYear = atoiSafe(y)
	}
	if m, ok := findDate(f.get(mWritten)); b.refYear == 0 && ok && m.year != 0 {
		b.refYear = m.year
	}
	if b.refYear == 0 {
		// "Exported from RetroBoard on 24/10/2025 15:12": a numeric date
		// near the top gives the year, whichever order its day and month.
		for i, s := range b.secs {
			if i >= 2 {
				break
			}
			for j := range s.blocks {
				if m := reNumericDateYear.FindStringSubmatch(truncateUTF8(s.blocks[j].text, 400)); m != nil {
					b.refYear = atoiSafe(m[1])
					return
				}
			}
		}
	}
}

// reNumericDateYear is a numeric day/month/year date's year ("24/10/2025").
var reNumericDateYear = regexp.MustCompile(`\b\d{1,2}[/.]\d{1,2}[/.]((?:19|20)\d{2})\b`)

// parseField parses a date field, warning when it cannot be read.
func (b *builder) parseField(key string) *time.Time {
	if t, ok := b.f.times[key]; ok {
		return &t
	}
	v := b.f.get(key)
	if v == "" {
		return nil
	}
	if i := strings.Index(v, " ("); i > 0 && strings.HasSuffix(v, ")") && key != mDate {
		// "14:31 SAST (12:31 UTC)": the same moment again in a remark.
		if _, ok := parseDateValue(v, b.refYear, b.loc); !ok {
			v = strings.TrimSpace(v[:i])
		}
	}
	t, ok := parseDateValueOrdered(v, b.refYear, b.loc, b.order)
	if !ok && key != mDate && isTimeOnly(v) {
		// "Start: 10:05 UTC" beside "Date: 2026-03-02", else on the
		// incident's date once it is known.
		d := b.parseField(mDate)
		if d == nil {
			d = b.date
		}
		if d == nil {
			return nil // a time of day with no day yet: no date to warn about
		}
		m, _, _ := leadingStamp(v)
		t, ok = stampTime(m, d, 0, b.loc)
	}
	if !ok {
		b.doc.warn(fmt.Sprintf("cannot parse %s %q as a date", key, v))
		return nil
	}
	return &t
}

// incidentDate is the date field, else the start, else the date most of
// title / file name / first timeline entry agree on, else the
// publication date.
func (b *builder) incidentDate() *time.Time {
	var date *time.Time
	d := b.parseField(mDate)
	switch {
	case d != nil:
		date = civilDate(*d)
	case b.pm.StartedAt != nil:
		date = civilDate(*b.pm.StartedAt)
	case b.opened != nil && b.f.get(mImpactStart) == "":
		date = civilDate(*b.opened)
	default:
		date = voteDate(b.refYear, b.pm.Title, b.fileName, b.firstDate)
	}
	if date == nil && b.doc.pubDate != "" {
		if t, ok := parseDateValue(b.doc.pubDate, 0, time.UTC); ok {
			date = civilDate(t)
		}
	}
	if date == nil {
		date = timelineHeadingDate(b.secs)
	}
	if date == nil {
		date = proseDate(b.pm.Sections, b.refYear)
		// "Status: final, 22 May 2024" above a timeline that starts on
		// "17 May": the prose date is the writeup's, and gives the year
		// of the timeline's first day.
		if fd, ok := firstStampedDay(b.secs); date != nil && ok && fd.year == 0 {
			y := date.Year()
			if fd.month > int(date.Month()) || fd.month == int(date.Month()) && fd.day > date.Day() {
				y--
			}
			if t, ok := (dateMatch{year: y, month: fd.month, day: fd.day, hasDate: true}).toTime(0, time.UTC); ok {
				date = civilDate(t)
			}
		}
	}
	return date
}

// absDuration is |d|.
func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// dueBefore reports text that ends with a deadline's word: "due", "by",
// "until", "before".
func dueBefore(text string) bool {
	w := strings.Fields(strings.ToLower(text))
	return len(w) > 0 && (w[len(w)-1] == "due" || w[len(w)-1] == "by" || w[len(w)-1] == "until" || w[len(w)-1] == "before")
}

// firstStampedDay is the date of the first timeline entry that opens
// with one, with or without a year.
func firstStampedDay(secs []*section) (dateMatch, bool) {
	for _, s := range secs {
		if s.kind != model.SectionTimeline {
			continue
		}
		for i := range s.blocks {
			if k := s.blocks[i].kind; k != bPara && k != bItem {
				continue
			}
			if m, _, ok := leadingStamp(s.blocks[i].text); ok && m.hasDate {
				return m, true
			}
		}
	}
	return dateMatch{}, false
}

// timelineHeadingDate is the full date (with a year) a timeline heading
// states ("Timeline (BST, 7–8 June 2024)": the first day of a range).
func timelineHeadingDate(secs []*section) *time.Time {
	for _, s := range secs {
		if s.kind != model.SectionTimeline {
			continue
		}
		m, ok := findDate(s.heading)
		if !ok || !m.hasDate || m.year == 0 {
			continue
		}
		if d, ok := rangeFirstDay(s.heading[:m.start]); ok {
			m.day = d
		}
		if t, ok := m.toTime(0, time.UTC); ok {
			return civilDate(t)
		}
	}
	return nil
}

// rangeFirstDay reads the first day of a day range written before a
// date ("7–" of "7–8 June 2024", "7 - " of "7 - 8 June").
func rangeFirstDay(before string) (int, bool) {
	t := strings.TrimRight(before, " ")
	for _, dash := range []string{"–", "—", "-"} {
		if strings.HasSuffix(t, dash) {
			t = strings.TrimRight(strings.TrimSuffix(t, dash), " ")
			i := len(t)
			for i > 0 && t[i-1] >= '0' && t[i-1] <= '9' && len(t)-i < 2 {
				i--
			}
			if i < len(t) && (i == 0 || !isWordByte(t[i-1])) {
				d, err := strconv.Atoi(t[i:])
				return d, err == nil && d >= 1 && d <= 31
			}
		}
	}
	return 0, false
}

// proseDate is the first full date (with a year) in the opening text of
// the first two sections ("written after the incident on 2026-08-14").
func proseDate(secs []model.Section, refYear int) *time.Time {
	for i, s := range secs {
		if i >= 2 {
			break
		}
		if m, ok := findDate(truncateUTF8(s.Text, 600)); ok && m.hasDate && m.year != 0 {
			if t, ok := m.toTime(0, time.UTC); ok {
				return civilDate(t)
			}
		}
	}
	if refYear == 0 {
		return nil
	}
	// "On Wed 22 Oct the lecture capture appliances ...", in a writeup
	// whose year another date gave (not a follow-up's "due 25 Apr").
	for i, s := range secs {
		if i >= 2 {
			break
		}
		if s.Kind == model.SectionActionItems || s.Kind == model.SectionTimeline {
			continue
		}
		t := truncateUTF8(s.Text, 600)
		if m, ok := findDate(t); ok && m.hasDate && m.year == 0 && !dueBefore(t[:m.start]) {
			if t, ok := m.toTime(refYear, time.UTC); ok {
				return civilDate(t)
			}
		}
	}
	return nil
}

// timeline reads the entries (from the export's events, else from the
// timeline sections), fills the moments the fields left open, and sets
// the incident date.
func (b *builder) timeline() {
	pm := b.pm
	st := newTimelineState(b.date, b.refYear, b.loc)
	st.order = b.order
	if b.doc.hasEvents {
		exportTimeline(b.doc.events, st)
	} else {
		for _, blocks := range b.timelineBlocks() {
			extractTimeline(blocks, st)
		}
	}
	pm.Timeline = append(pm.Timeline, st.events...)
	if b.date == nil && !b.doc.hasEvents {
		b.clockMinutes = b.clockSpan(pm.Timeline)
	}
	if b.date == nil {
		for _, e := range pm.Timeline {
			if e.At != nil {
				b.date = civilDate(*e.At)
				break
			}
		}
	}
	started, detected, resolved := momentsFromTimeline(pm.Timeline)
	if pm.StartedAt == nil {
		pm.StartedAt = started
	}
	if pm.DetectedAt == nil {
		pm.DetectedAt = detected
	}
	if pm.ResolvedAt == nil {
		pm.ResolvedAt = resolved
	} else if resolved != nil && pm.ResolvedAt.Sub(*resolved) > 48*time.Hour && pm.ResolvedAt.After(lastEventAt(pm.Timeline).Add(48*time.Hour)) {
		// "Resolved: 29/May/25" on the review's ticket, days after every
		// entry of a timeline that states its own resolution: the ticket's
		// closure, not the incident's.
		pm.ResolvedAt, b.fieldEnd = resolved, nil
	}
	if b.date == nil && pm.StartedAt != nil {
		b.date = civilDate(*pm.StartedAt)
	}
	pm.Date = b.date
	if pm.Date == nil {
		b.doc.warn("no incident date found")
	}
}

// timelineBlocks are the blocks to read the timeline from: those of the
// timeline sections, else, in a writeup with none (an ops log, a chat
// export), the runs of at least three lines that open with a time
// ("03-04 23:31Z  new kid signing", "[07:45] jwu: ..."), in sections
// other than the follow-ups and the resolution.
func (b *builder) timelineBlocks() [][]block {
	var out [][]block
	for _, s := range b.secs {
		if s.kind == model.SectionTimeline {
			out = append(out, s.blocks)
		}
	}
	if out != nil {
		return out
	}
	for _, s := range b.secs {
		if s.kind == model.SectionActionItems || s.kind == model.SectionResolution {
			continue
		}
		var run []block
		flush := func() {
			if len(run) >= 3 {
				out = append(out, run)
			}
			run = nil
		}
		for _, bl := range s.blocks {
			if bl.kind != bPara && bl.kind != bItem {
				flush()
				continue
			}
			t := strings.TrimPrefix(strings.TrimSpace(bl.text), "[")
			if m, _, ok := leadingStamp(t); ok && m.hasTime {
				bl.text, bl.kind, bl.level = t, bItem, 0
				run = append(run, bl)
				continue
			}
			if len(run) > 0 && bl.kind == bItem && bl.level > 0 {
				run = append(run, bl) // a wrapped line of the entry above
				continue
			}
			flush()
		}
		flush()
	}
	return out
}

// clockStandIn is the day a timeline without any date is read on to
// measure its span (a leap year, so that "Feb 29" resolves).
var clockStandIn = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// clockSpan measures a timeline whose entries have times of day (or days
// without a year) but nothing dates: it is read again on a stand-in day,
// crossing midnight where the times jump back, and the span from its
// first impact entry to its resolution entry is returned in minutes (0
// when it has none). The entries themselves stay undated.
func (b *builder) clockSpan(events []model.TimelineEvent) float64 {
	for _, e := range events {
		if e.At != nil {
			return 0
		}
	}
	if len(events) < 2 {
		return 0
	}
	st := newTimelineState(&clockStandIn, clockStandIn.Year(), b.loc)
	st.order = b.order
	for _, blocks := range b.timelineBlocks() {
		extractTimeline(blocks, st)
	}
	started, _, resolved := momentsFromTimeline(st.events)
	m, _ := span(started, resolved)
	return m
}

// exportTimeline resolves the stamps of an export's events.
func exportTimeline(events []eventDraft, st *timelineState) {
	for _, e := range events {
		if m, rest, ok := leadingStamp(e.stamp); ok {
			txt := e.text
			if rest != "" && txt == "" {
				txt = rest
			}
			st.start(m, strings.TrimSpace(e.stamp), txt, false)
		} else if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(e.stamp)); err == nil {
			st.flush()
			st.pending = &model.TimelineEvent{At: &t, AtText: strings.TrimSpace(e.stamp), Text: e.text}
		} else {
			st.startUntimed(e.text, false)
			if e.stamp != "" {
				st.pending.AtText = e.stamp
			}
		}
	}
	st.flush()
}

// duration picks the incident duration from, in order: the impact start
// and end fields; a stated duration field; the start and resolve fields;
// stated impact started/ended lines (with the start or resolve field
// filling the other end); an impact length the prose states ("impact
// lasted 1h 50m"); the timeline, from its first impact entry to its
// resolution entry; another duration stated in the summary or impact
// prose. Spans must be positive and under 14 days. DurationSource
// records which one was used.
func (b *builder) duration() {
	pm := b.pm
	defer func() {
		// What the record says when nothing else gave the start or end.
		if pm.StartedAt == nil && b.f.get(mImpactStart) == "" {
			pm.StartedAt = b.opened
		}
		if pm.ResolvedAt == nil && b.f.get(mImpactEnd) == "" {
			pm.ResolvedAt = b.closed
		}
	}()
	if b.fieldDuration() {
		return
	}
	is, ie := b.impactLines(b.dayContext())
	if b.statedTimelineWindow(is, ie) {
		return
	}
	if is == nil && ie == nil && b.dayContext() == nil {
		// Nothing dates the document: "between 10:05 and 11:15 UTC" is
		// measured on a stand-in day, and the times are not kept.
		if m, ok := span(b.impactLines(&clockStandIn)); ok {
			pm.DurationMinutes, pm.DurationSource = m, "impact"
			return
		}
	}
	if is != nil || ie != nil {
		from, to := firstTime(is, b.fieldStart), firstTime(ie, b.fieldEnd)
		if m, ok := span(from, to); ok {
			pm.DurationMinutes, pm.DurationSource = m, "impact"
			if b.fieldStart == nil {
				pm.StartedAt = from
			}
			if b.fieldEnd == nil {
				pm.ResolvedAt = to
			}
			return
		}
	}
	// "Impact lasted 1h 50m": the author's own figure for the impact
	// outranks one read off the timeline's entries.
	for _, s := range pm.Sections {
		if proseSection(s.Kind) {
			if m, ok := statedImpactDuration(s.Text); ok {
				pm.DurationMinutes, pm.DurationSource = m, "prose"
				return
			}
		}
	}
	if m, ok := span(pm.StartedAt, pm.ResolvedAt); ok {
		pm.DurationMinutes, pm.DurationSource = m, "timeline"
		return
	}
	if b.clockMinutes > 0 {
		pm.DurationMinutes, pm.DurationSource = b.clockMinutes, "timeline"
		return
	}
	// The record's opened and closed times, each where nothing else gave
	// that end.
	if m, ok := span(firstTime(pm.StartedAt, b.opened), firstTime(pm.ResolvedAt, b.closed)); ok {
		pm.DurationMinutes, pm.DurationSource = m, "fields"
		return
	}
	for _, s := range pm.Sections {
		if proseSection(s.Kind) {
			if m, ok := statedDuration(s.Text); ok {
				pm.DurationMinutes, pm.DurationSource = m, "prose"
				return
			}
		}
	}
}

// statedTimelineWindow sets the duration from timeline entries that say
// in words where the customer impact starts and ends ("Customer impact
// starts.", "Impact ends"), when the window read from prose (is, ie)
// starts after it: such prose names a part of the impact ("contact
// centre calls between 06:40 and 08:30"). Prose that starts as early, or
// states the same clock times (it may carry zones the entries leave out),
// wins; so does a chat message's own "impact started 10:00" over the time
// it was posted.
func (b *builder) statedTimelineWindow(is, ie *time.Time) bool {
	pm := b.pm
	ss, se := statedMoments(pm.Timeline)
	if ss == nil || se == nil || sameClocks(is, ie, ss, se) || is != nil && ie != nil && !startsLater(*is, *ss) {
		return false
	}
	m, ok := span(ss, se)
	if ok {
		pm.DurationMinutes, pm.DurationSource = m, "timeline"
		pm.StartedAt, pm.ResolvedAt = ss, se
	}
	return ok
}

// startsLater reports whether a starts after b, or at a later time of
// day within the day before it (prose dated from a field a day off).
func startsLater(a, b time.Time) bool {
	if a.After(b) {
		return true
	}
	clock := func(t time.Time) int { return t.Hour()*60 + t.Minute() }
	return b.Sub(a) < 24*time.Hour && clock(a) > clock(b)
}

// lastEventAt is the time of the latest timed entry, zero when none is.
func lastEventAt(events []model.TimelineEvent) time.Time {
	var last time.Time
	for i := range events {
		if at := events[i].At; at != nil && at.After(last) {
			last = *at
		}
	}
	return last
}

// sameClocks reports whether two windows have the same times of day at
// both ends, each in its own zone.
func sameClocks(as, ae, bs, be *time.Time) bool {
	same := func(a, b *time.Time) bool {
		return a != nil && b != nil && a.Hour() == b.Hour() && a.Minute() == b.Minute()
	}
	return same(as, bs) && same(ae, be)
}

// fieldDuration sets the duration from the fields, when they give it:
// stated impact start and end fields (the customer impact itself; the
// start and resolve fields may be when a ticket was opened and closed),
// else a duration field (which may measure the ticket too:
// "time_to_resolve: 9h 20m"), else the start and resolve fields, with
// the timeline's stated impact start or end in their place.
func (b *builder) fieldDuration() bool {
	pm := b.pm
	if b.f.get(mImpactEnd) == "" && b.f.get(mFixed) != "" {
		b.f.set(mImpactEnd, b.f.get(mFixed))
	}
	if is, ie := b.parseField(mImpactStart), b.parseField(mImpactEnd); is != nil && ie != nil {
		if m, ok := span(is, ie); ok {
			pm.DurationMinutes, pm.DurationSource = m, "impact"
			pm.StartedAt, pm.ResolvedAt = is, ie
			return true
		}
	}
	if b.doc.hasEvents {
		// An export's entries marked "impact starts" and "impact ends"
		// outrank its duration field, which may measure the incident.
		if ss, se := statedMoments(pm.Timeline); ss != nil && se != nil {
			if m, ok := span(ss, se); ok {
				pm.DurationMinutes, pm.DurationSource = m, "timeline"
				pm.StartedAt, pm.ResolvedAt = ss, se
				return true
			}
		}
	}
	if m, ok := b.statedDuration(); ok {
		pm.DurationMinutes, pm.DurationSource = m, "stated"
		return true
	}
	if ss, se := statedMoments(pm.Timeline); (ss != nil || se != nil) && (b.fieldStart != nil || b.fieldEnd != nil) {
		// Timeline entries that say "rider impact starts" / "impact
		// over" outrank the start and resolve fields; a prose window
		// that agrees with the stated end gives the start the entries
		// leave open ("affected ... (21:47 to 23:05 GMT)" and "01:05 SAST
		// ... impact ends"), not the ticket's created time.
		if ss == nil && se != nil {
			if is, ie := b.impactLines(b.dayContext()); is != nil && ie != nil && absDuration(ie.Sub(*se)) <= 5*time.Minute {
				ss = is
			}
		}
		if m, ok := span(firstTime(ss, b.fieldStart), firstTime(se, b.fieldEnd)); ok {
			pm.DurationMinutes, pm.DurationSource = m, "timeline"
			return true
		}
	}
	if m, ok := span(b.fieldStart, b.fieldEnd); ok {
		if is, ie := b.impactLines(b.dayContext()); is != nil && ie != nil && is.Equal(*b.fieldStart) &&
			ie.After(*is) && ie.Before(*b.fieldEnd) {
			// A status page's "between 10:48 am and 12:06 pm" from the
			// incident's start: its resolve field is when the incident
			// was marked resolved, after monitoring.
			if pm.DurationMinutes, ok = span(is, ie); ok {
				pm.DurationSource = "impact"
				pm.StartedAt, pm.ResolvedAt = is, ie
				return true
			}
		}
		pm.DurationMinutes, pm.DurationSource = m, "fields"
		return true
	}
	return false
}

// contextHeading reports a "Context" or "Background" heading, which
// classifies as the causes but often opens with the incident's story:
// "Context (pinned by facilitator): On Wed 22 Oct ... from 8:55am to
// 11:40am AEDT".
func contextHeading(h string) bool {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.HasPrefix(h, "context") || strings.HasPrefix(h, "background")
}

// proseSection reports the section kinds whose prose may state the
// impact's window or duration: the summary, the impact, and sections
// named for nothing else ("What patients saw").
func proseSection(kind string) bool {
	return kind == model.SectionSummary || kind == model.SectionImpact || kind == model.SectionOther
}

// statedDuration reads a duration field (a number of minutes or seconds,
// or text such as "1h 20m").
func (b *builder) statedDuration() (float64, bool) {
	f := b.f
	v := f.get(mDuration)
	if f.durMinutes > 0 && v == "" {
		return f.durMinutes, true
	}
	if v == "" {
		return 0, false
	}
	if m, ok := parseDuration(v); ok {
		return m, true
	}
	if f.durMinutes > 0 {
		return f.durMinutes, true
	}
	b.doc.warn(fmt.Sprintf("cannot parse duration %q", v))
	return 0, false
}

// impactLines reads the stated impact start and end: "Impact started:"
// and "Impact ended:" fields, else sentences such as "Impact started at
// 14:02 UTC" and "impact ended at 15:10"; times of day take day's date.
func (b *builder) impactLines(day *time.Time) (start, end *time.Time) {
	start, end = b.parseField(mImpactStart), b.parseField(mImpactEnd)
	if start != nil && end != nil {
		return start, end
	}
	// A window written as a labelled line or row of the prose ("IMPACT :
	// 2024-02-13 23:47Z -> 02:19Z", "Customer impact | 09:22 – 10:47 BST")
	// outranks windows read from sentences.
	secs := sectionsByImpactPriority(b.pm.Sections)
	for i := range secs {
		secs[i].Text = dotClocks(secs[i].Text)
	}
	for _, s := range secs {
		if proseSection(s.Kind) {
			if ps, pe := b.windowLine(s.Text); ps != nil && pe != nil {
				return ps, pe
			}
		}
	}
	// The impact and summary sections state the window; other prose
	// (how a guard's "21:00-08:00 quiet hours" work) only when they do not.
	for _, s := range secs {
		if s.Kind == model.SectionTimeline && start == nil && end == nil {
			// "From the patient's side, the wrong balances were visible
			// from 14:20 until 18:40": prose under the timeline's entries.
			if ps, pe := impactWindow(timelineProse(s.Text), day, b.refYear, b.loc, false); ps != nil && pe != nil {
				start, end = ps, pe
				continue
			}
		}
		sday := day
		if d := headingDay(s.Heading); d != nil && day != &clockStandIn {
			sday = d // a chat log's day heading: "Thursday, November 14, 2024"
		}
		var ps, pe *time.Time
		if s.Kind == model.SectionImpact {
			// An impact section that opens with its window ("couldn't
			// play back any recording from 2:15pm to 6:40pm AEDT") states
			// it before the events its other lines name ("the vendor's
			// status page said resolved at 7:30pm").
			first, _, _ := strings.Cut(strings.TrimSpace(s.Text), "\n")
			ps, pe = impactWindowWords(first, sday, b.refYear, b.loc)
			if ps == nil || pe == nil || !pe.After(*ps) {
				ps, pe = nil, nil
			}
		}
		if ps == nil {
			ps, pe = impactPhrasesIn(s.Text, sday, b.refYear, b.loc, proseSection(s.Kind))
		}
		if (proseSection(s.Kind) || contextHeading(s.Heading)) && (ps == nil || pe == nil) {
			// "requests failed between 03:45 and 05:15 UTC"; "impact
			// started ~07:02", then "so customer impact 07:02 to 08:21".
			if ws, we := impactWindow(s.Text, sday, b.refYear, b.loc, s.Kind == model.SectionImpact); ws != nil && we != nil {
				ps, pe = ws, we
			}
		}
		if s.Kind == model.SectionImpact && (ps == nil || pe == nil) && sday != nil {
			ps, pe = eventClocks(s.Text, *sday, b.loc)
			if ps == nil || pe == nil {
				ps, pe = fromUntilClocks(s.Text, *sday, b.loc)
			}
		}
		if start != nil && end != nil && ps != nil && pe != nil && s.Kind == model.SectionSummary &&
			!ps.After(*start) && !pe.Before(*end) && pe.Sub(*ps) > end.Sub(*start) && secs[0].Kind == model.SectionImpact {
			// The summary's "from 05:48 UTC until 06:57 UTC" around the
			// impact section's "requests failing between 06:12 and
			// 06:21": the section gave a detail, the summary the window.
			start, end = ps, pe
			continue
		}
		start, end = firstTime(start, ps), firstTime(end, pe)
	}
	return start, end
}

// reAtClock matches a time of day after "at": "at 04:47 NZDT", "at 6:09pm".
var reAtClock = regexp.MustCompile(`\bat (\d{1,2}[:.]\d{2})`)

// eventClocks reads an impact section that names its window by its
// events: the first time in a sentence naming a symptom ("lost their
// connection when the card crashed at 04:47 NZDT") and the first later
// one in a sentence saying service recovered ("Session count was back
// to normal at 06:09 NZDT"), not one that only closes a ticket.
func eventClocks(text string, day time.Time, loc *time.Location) (start, end *time.Time) {
	text = truncateUTF8(text, 4000)
	for _, m := range reAtClock.FindAllStringSubmatchIndex(text, -1) {
		c, _, ok := parseClock(text[m[2]:])
		if !ok {
			continue
		}
		sent := strings.ToLower(collapseSpace(sentenceAt(text, m[0])))
		t := clockOn(day, c, loc)
		switch {
		case start == nil && namesSymptom(sent) && !hasAnyWord(sent, resolvePhrases):
			start = &t
		case start != nil && hasAnyWord(sent, resolvePhrases) && !weakResolve(sent):
			if t.Before(*start) {
				t = t.AddDate(0, 0, 1)
			}
			return start, &t
		}
	}
	return nil, nil
}

// clockOn is a time of day on day's date, in the zone written with it,
// else in zone.
func clockOn(day time.Time, c clock, zone *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), c.hour, c.minute, c.sec, 0, firstLoc(c.loc, zone))
}

// reFromClock and reUntilClock match a window's ends written in
// sentences apart: "From 11:20 pm NZST on Thursday 18 July, every call
// ... went silent." then "This went on until 12:55 am NZST on Friday".
var (
	reFromClock  = regexp.MustCompile(`(?:^|[.!?]\s+|\n\s*)From (\d{1,2}[:.]\d{2})`)
	reUntilClock = regexp.MustCompile(`\buntil (\d{1,2}[:.]\d{2})`)
)

// fromUntilClocks reads an impact section whose window opens a sentence
// with "From <time>" and closes with "until <time>" in a later one.
func fromUntilClocks(text string, day time.Time, loc *time.Location) (start, end *time.Time) {
	text = truncateUTF8(text, 4000)
	fm := reFromClock.FindStringSubmatchIndex(text)
	if fm == nil {
		return nil, nil
	}
	um := reUntilClock.FindStringSubmatchIndex(text[fm[1]:])
	if um == nil || um[0] > 1000 {
		return nil, nil
	}
	sc, _, ok1 := parseClock(text[fm[2]:])
	ec, _, ok2 := parseClock(text[fm[1]+um[2]:])
	if !ok1 || !ok2 {
		return nil, nil
	}
	// A zone written at one end is the other's too.
	st := clockOn(day, sc, firstLoc(ec.loc, loc))
	et := clockOn(day, ec, firstLoc(sc.loc, loc))
	if et.Before(st) {
		et = et.AddDate(0, 0, 1)
	}
	if et.Sub(st) > 24*time.Hour {
		return nil, nil
	}
	return &st, &et
}

// reChatPrefix is a chat log line's stamp and nick: "[08:41:27] <dimitri> ",
// "09:05 <lena> ".
var reChatPrefix = regexp.MustCompile(`^\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+<[^>\s]{1,40}>\s+`)

// dotClocks rewrites a time of day written with a dot and a meridiem
// ("2.05 pm", "2.05pm", "2.05 a.m.") as "2:05 pm", keeping every offset.
func dotClocks(text string) string {
	var b []byte
	for i := 1; i+2 < len(text); i++ {
		if text[i] != '.' || !isDigitByte(text[i-1]) || !isDigitByte(text[i+1]) || !isDigitByte(text[i+2]) {
			continue
		}
		j := i - 1 // the hour's first digit
		if j > 0 && isDigitByte(text[j-1]) {
			j--
		}
		if j > 0 && (isDigitByte(text[j-1]) || isWordByte(text[j-1]) || text[j-1] == '.') {
			continue // "v12.05", "1.2.05"
		}
		k := i + 3
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k+1 >= len(text) || text[k]|0x20 != 'a' && text[k]|0x20 != 'p' {
			continue
		}
		m := k + 1
		if text[m] == '.' && m+1 < len(text) {
			m++
		}
		if text[m]|0x20 != 'm' || m+1 < len(text) && isWordByte(text[m+1]) {
			continue
		}
		b = setByteCopy(b, text, i, ':')
	}
	return bytesOr(b, text)
}

// windowLine reads the first line of text labelled as the impact window
// ("Impact: <stamp> -> <stamp>", see windowKeys) whose value opens with a
// range of two stamps.
func (b *builder) windowLine(text string) (from, to *time.Time) {
	for line := range strings.SplitSeq(truncateUTF8(text, 8000), "\n") {
		l := strings.TrimSpace(strings.ReplaceAll(line, "**", ""))
		if m := reChatPrefix.FindStringIndex(l); m != nil {
			l = l[m[1]:] // "[08:41:27] <dimitri> Public impact: 17:22 to 18:09 BST"
		}
		k, v, ok := splitLabel(l)
		if !ok {
			// A key/value table row: "Customer impact | 09:22 – 10:47 BST".
			k, v, ok = strings.Cut(l, " | ")
			v = strings.TrimSuffix(strings.TrimSpace(v), " |")
		}
		if !ok || !windowKeys[normalizeKey(k)] {
			continue
		}
		if i := strings.IndexByte(v, ','); i > 0 {
			v = v[:i] // "..., all live arrivals"
		}
		v = firstSentence(v) // "... to 02:05 ACST Wed 12 June. Mobile customers ..."
		if f, t := b.parseRange(v); f != nil && t != nil && t.After(*f) {
			return f, t
		}
		// Times of day alone, on the document's day.
		if at := clockRangeAt(v); at >= 0 && at <= 2 {
			if f, t := clockRange(v, b.dayContext(), b.loc); f != nil && t != nil {
				return f, t
			}
		}
	}
	return nil, nil
}

// timelineProse is the paragraphs of a timeline section's text that are
// no entries: their first line opens with no list marker or time.
func timelineProse(text string) string {
	var sb strings.Builder
	for para := range strings.SplitSeq(text, "\n\n") {
		first, _, _ := strings.Cut(strings.TrimSpace(para), "\n")
		_, _, marked := listMarker(first)
		if !marked && !(first != "" && isDigitByte(first[0])) && !strings.Contains(first, " | ") {
			sb.WriteString(para)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// headingDay is the date a heading that is nothing but a full date
// states ("Thursday, November 14, 2024"), or nil.
func headingDay(h string) *time.Time {
	m, ok := findDate(h)
	if !ok || !m.hasDate || m.year == 0 || wordCount(h) > 5 {
		return nil
	}
	t, ok := m.toTime(0, time.UTC)
	if !ok {
		return nil
	}
	return civilDate(t)
}

// sectionsByImpactPriority orders sections for reading the impact
// window: impact sections, then summaries, then the rest, each in
// document order.
func sectionsByImpactPriority(secs []model.Section) []model.Section {
	out := make([]model.Section, 0, len(secs))
	for _, kind := range []string{model.SectionImpact, model.SectionSummary} {
		for _, s := range secs {
			if s.Kind == kind {
				out = append(out, s)
			}
		}
	}
	for _, s := range secs {
		if s.Kind != model.SectionImpact && s.Kind != model.SectionSummary {
			out = append(out, s)
		}
	}
	return out
}

// dayContext is the date that times of day without a date belong to.
func (b *builder) dayContext() *time.Time {
	if b.fieldStart != nil {
		return b.fieldStart
	}
	return b.date
}

// span is to - from in minutes when both are known, to is after from,
// and the span is under 14 days.
func span(from, to *time.Time) (float64, bool) {
	if from == nil || to == nil {
		return 0, false
	}
	d := to.Sub(*from)
	if d <= 0 || d >= 14*24*time.Hour {
		return 0, false
	}
	return d.Minutes(), true
}

func firstTime(ts ...*time.Time) *time.Time {
	for _, t := range ts {
		if t != nil {
			return t
		}
	}
	return nil
}

// actions reads the action items: the export's, else those of the
// action-item sections.
func (b *builder) actions() {
	pm := b.pm
	if b.doc.hasActions {
		for _, a := range b.doc.actions {
			pm.ActionItems = append(pm.ActionItems, actionFromDraft(a))
		}
		return
	}
	found := false
	for _, s := range b.secs {
		if s.kind == model.SectionActionItems {
			found = true
			pm.ActionItems = append(pm.ActionItems, dropRepeatedActions(pm.ActionItems, extractActions(expandCodeLists(s.blocks)))...)
		}
	}
	if found {
		return
	}
	for _, s := range b.secs {
		if s.kind == model.SectionResolution || s.kind == model.SectionOther || s.kind == model.SectionLessons {
			pm.ActionItems = append(pm.ActionItems, ownedActions(s.blocks)...)
			pm.ActionItems = append(pm.ActionItems, tableActions(s.blocks)...)
		}
	}
	if len(pm.ActionItems) == 0 {
		pm.ActionItems = append(pm.ActionItems, threadActions(pm.Sections)...)
	}
}

// dropRepeatedActions returns the items of a section that an earlier
// action-item section did not already list, their texts compared by
// letters and digits alone: a reply that quotes the list it adds to, a
// summary's list restated in full. Within one section a repeated text is
// kept (the same step for two owners).
func dropRepeatedActions(earlier, items []model.ActionItem) []model.ActionItem {
	if len(earlier) == 0 {
		return items
	}
	key := func(a model.ActionItem) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, a.Text)
	}
	seen := make(map[string]bool, len(earlier))
	for _, a := range earlier {
		seen[key(a)] = true
	}
	var out []model.ActionItem
	for _, a := range items {
		if !seen[key(a)] {
			out = append(out, a)
		}
	}
	return out
}

// ownedActions reads the follow-ups of a section that is not named as
// action items ("Remediation" can mean the fix or the follow-ups): its
// lines or list items, when there are at least two and nearly all name
// an owner ("... Owner: Yusuf. Status: open."). Otherwise nil.
func ownedActions(blocks []block) []model.ActionItem {
	var items []model.ActionItem
	owned := 0
	for i := range blocks {
		bl := &blocks[i]
		if bl.kind != bPara && bl.kind != bItem || bl.log {
			continue
		}
		for _, line := range strings.Split(bl.text, "\n") {
			if line = collapseSpace(line); line == "" || strings.HasSuffix(line, ":") {
				continue
			}
			a := actionFromText(line, bl.checked, bl.links)
			if a.Owner != "" {
				owned++
			}
			items = append(items, a)
		}
	}
	if len(items) < 2 || owned*3 < len(items)*2+1 {
		return nil
	}
	return items
}

// tableActions reads the rows of the tables of a section not named as
// action items whose header names the action and its owner or status
// ("Item | Owner | Status"): such a table lists follow-ups.
func tableActions(blocks []block) []model.ActionItem {
	var out []model.ActionItem
	for i := range blocks {
		b := &blocks[i]
		if b.kind != bRow || !b.header {
			continue
		}
		cols := actionCols(b.cells)
		_, text := cols["text"]
		_, owner := cols["owner"]
		_, status := cols["status"]
		if !text || !owner && !status {
			continue
		}
		j := i + 1
		for j < len(blocks) && blocks[j].kind == bRow && blocks[j].table == b.table && !blocks[j].header {
			j++
		}
		out = append(out, extractActions(blocks[i:j])...)
	}
	return out
}

// identity sets the ID: the front-matter id, else PathID of the identity
// path (Options.IDPath, else the path given to Parse).
func (b *builder) identity() {
	if id := b.f.get(mID); id != "" {
		b.pm.ID = id
		return
	}
	p := b.opts.IDPath
	if p == "" {
		p = b.slash
	}
	b.pm.ID = PathID(p)
}

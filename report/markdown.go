package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/debrief-dev/debrief/taxonomy"
)

// WriteMarkdown renders the review as Markdown for a wiki: headings,
// tables, block quotes, and links to the dashboard when the review has a
// BaseURL. Every piece of document text is escaped so that it cannot
// change the page's structure (no raw HTML, no stray table cells, no
// accidental emphasis).
func (r *Review) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	m := mdWriter{w: bw}
	r.mdHeader(&m)
	r.mdOverview(&m)
	r.mdThemes(&m)
	r.mdBlame(&m)
	r.mdAssumptions(&m)
	r.mdRepeated(&m)
	r.mdPatterns(&m)
	r.mdWriteups(&m)
	r.mdQuestions(&m)
	r.mdFooter(&m)
	return bw.Flush()
}

type mdWriter struct{ w *bufio.Writer }

func (m *mdWriter) p(format string, args ...any) {
	fmt.Fprintf(m.w, format, args...)
	m.w.WriteString("\n")
}

func (m *mdWriter) blank() { m.w.WriteString("\n") }

// mdEscaper backslash-escapes Markdown punctuation and turns HTML's angle
// brackets and ampersands into entities.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"|", `\|`, "#", `\#`, "~", `\~`, "!", `\!`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

// md escapes document text for inline Markdown (one line, no markup). A
// leading "-", "+", "=" or "1." would start a list or a heading underline
// when the text begins a line, so it is escaped too.
func md(s string) string {
	out := mdEscaper.Replace(strings.TrimSpace(s))
	if out != "" && strings.ContainsRune("-+=", rune(out[0])) {
		out = `\` + out
	}
	if i := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (out[i] == '.' || out[i] == ')') {
		out = out[:i] + `\` + out[i:]
	}
	return out
}

// mdURL makes a URL safe as a Markdown link destination.
func mdURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// mdLink links text to u, or returns the escaped text when u is empty.
func mdLink(text, u string) string {
	if u == "" {
		return md(text)
	}
	return "[" + md(text) + "](" + mdURL(u) + ")"
}

// mdRef names a postmortem: its linked title, team and date.
func mdRef(ref Ref) string {
	title := ref.Title
	if strings.TrimSpace(title) == "" {
		title = ref.ID
	}
	s := "*" + mdLink(title, ref.URL) + "*"
	var meta []string
	if ref.Team != "" {
		meta = append(meta, md(ref.Team))
	}
	if d := ref.DateText(); d != "" {
		meta = append(meta, d)
	}
	if ref.URL == "" {
		meta = append(meta, "id "+md(ref.ID))
	}
	if len(meta) > 0 {
		s += " (" + strings.Join(meta, ", ") + ")"
	}
	return s
}

func (r *Review) mdHeader(m *mdWriter) {
	m.p("# Learning review, %s", r.Quarter.Label())
	m.blank()
	m.p("Postmortems dated %s to %s, %s. Trends compare with the %d quarters before (%s to %s).",
		r.Quarter.Start().Format("2 Jan 2006"), r.Quarter.End().AddDate(0, 0, -1).Format("2 Jan 2006"),
		md(r.Scope), len(r.Quarters)-1, r.Quarters[0], r.Previous)
	if n := r.Overview.Undated; n > 0 {
		m.blank()
		m.p("%s", r.UndatedNote())
	}
	if note := r.SampleNote(); note != "" {
		m.blank()
		m.p("> **Small sample.** %s", note)
	}
	if u := r.DashboardURL(); u != "" {
		m.blank()
		m.p("Explore the quarter in the %s.", mdLink("debrief dashboard", u))
	}
	m.blank()
}

func (r *Review) mdOverview(m *mdWriter) {
	o := r.Overview
	m.p("## What happened")
	m.blank()
	if o.Postmortems == 0 {
		m.p("No postmortems are dated in %s for %s.", r.Quarter.Label(), md(r.Scope))
		m.blank()
		return
	}
	prev := r.Previous.Label()
	m.p("- **%s** from %s, against %d from %s in %s (%s).", plural(o.Postmortems, "postmortem", "postmortems"),
		plural(o.Teams, "team", "teams"), o.PrevPostmortems, plural(o.PrevTeams, "team", "teams"), prev, Change(o.Postmortems, o.PrevPostmortems))
	m.p("- **Median time to resolve: %s** (%s: %s).", Minutes(o.MedianResolveMinutes), prev, Minutes(o.PrevMedianResolveMinutes))
	if o.MeanScore > 0 {
		m.p("- **Mean writeup quality: %.0f/100** (%s: %s).", o.MeanScore, prev, scoreText(o.PrevMeanScore))
	}
	var perQ []string
	for i, q := range r.Quarters {
		perQ = append(perQ, fmt.Sprintf("%s: %d", q, o.PerQuarter[i]))
	}
	m.p("- Postmortems per quarter: %s.", strings.Join(perQ, " · "))
	m.blank()

	m.p("### Severity mix")
	m.blank()
	m.p("| Severity | %s | Share | %s |", r.Quarter.Label(), prev)
	m.p("| --- | ---: | ---: | ---: |")
	for _, c := range o.Severity {
		m.p("| %s | %d | %s | %d |", md(c.Key), c.Value, Percent(c.Share(o.Postmortems)), c.PrevValue)
	}
	m.blank()

	m.p("### Teams with the most postmortems")
	m.blank()
	m.p("| Team | %s | %s |", r.Quarter.Label(), prev)
	m.p("| --- | ---: | ---: |")
	for i, c := range o.TopTeams {
		if i == 10 {
			break
		}
		m.p("| %s | %d | %d |", md(c.Key), c.Value, c.PrevValue)
	}
	if n := len(o.TopTeams) - 10; n > 0 {
		m.blank()
		m.p("…and %s more.", plural(n, "team", "teams"))
	}
	m.blank()
}

func scoreText(s float64) string {
	if s <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f", s)
}

func (r *Review) mdThemes(m *mdWriter) {
	m.p("## Themes rising and falling")
	m.blank()
	if len(r.Themes) == 0 {
		m.p("No contributing-factor themes were tagged in this period.")
		m.blank()
		return
	}
	m.p("%s", r.ThemeSummary())
	m.blank()
	head, sep := r.quarterColumns("Theme")
	m.p("%s vs before | Trend | Dominant in |", head)
	m.p("%s ---: | --- | ---: |", sep)
	for _, t := range r.Themes {
		row := "| " + mdLink(ThemeName(t.Theme), r.ThemeURL(t.Theme)) + " |"
		for i := range r.Quarters {
			row += " " + r.ThemeCell(t, i) + " |"
		}
		m.p("%s %s | %s | %d of %d |", row, Points(t.Delta()), trendWord(t.Direction), t.Count, r.Overview.Postmortems)
	}
	m.blank()
	m.p("%s", r.ThemeNote())
	m.blank()
}

// ThemeCell is the theme table's cell for quarter i: the share of the
// writing and, beside it, in how many of the quarter's postmortems the
// theme is dominant ("12% · 5 of 40"); "–" for a quarter without
// postmortems.
func (r *Review) ThemeCell(t ThemeTrend, i int) string {
	total := r.Overview.PerQuarter[i]
	if total == 0 {
		return "–"
	}
	s := fmt.Sprintf("%s · %d of %d", Percent(t.Shares[i]), t.Counts[i], total)
	if total < MinSample {
		s += " (few)"
	}
	return s
}

// Few reports whether the reviewed quarter has fewer than MinSample
// postmortems: its shares are given with counts and no trend is called.
func (r *Review) Few() bool { return r.Overview.Postmortems < MinSample }

// SampleNote cautions about a small quarter ("" when it is large enough).
func (r *Review) SampleNote() string {
	if !r.Few() {
		return ""
	}
	return fmt.Sprintf("Only %s %s dated in %s. Read what follows as a list of cases, not as statistics: every share comes with its counts, "+
		"changes are given as counts rather than percentages, and no theme is called rising or falling on fewer than %d postmortems.",
		plural(r.Overview.Postmortems, "postmortem", "postmortems"), map[bool]string{true: "is", false: "are"}[r.Overview.Postmortems == 1],
		r.Quarter.Label(), MinSample)
}

// ThemeNote explains the theme table's numbers.
func (r *Review) ThemeNote() string {
	return fmt.Sprintf("Each cell is the theme's share of that quarter's writing (the average fraction of a postmortem's sentences tagged with the theme; "+
		"a sentence can carry several themes, so the shares do not add up to 100%%), then in how many of the quarter's postmortems it is one of their 1-4 dominant themes; "+
		"\"(few)\" marks quarters of fewer than %d postmortems. "+
		"\"vs before\" compares %s with the mean of the earlier quarters; a theme is rising or falling when %s has at least %d postmortems and the theme moved by at least %d points and to at least %.1f times (or at most 1/%.1f of) that mean. "+
		"\"Dominant in\" counts the %s postmortems for which the theme is one of their 1-4 dominant themes.",
		MinSample, r.Quarter, r.Quarter, MinSample, int(100*minShareDelta), minShareRatio, minShareRatio, r.Quarter.Label())
}

func trendWord(d string) string {
	switch d {
	case Rising:
		return "▲ rising"
	case Falling:
		return "▼ falling"
	}
	return "steady"
}

// ThemeSummary is the one-paragraph reading of the theme trends.
func (r *Review) ThemeSummary() string {
	total := r.Overview.Postmortems
	describe := func(ts []ThemeTrend) string {
		var parts []string
		for _, t := range ts {
			parts = append(parts, fmt.Sprintf("%s (%s of the writing, dominant in %d of %d postmortems, from %s)",
				ThemeName(t.Theme), Percent(t.Share), t.Count, total, Percent(t.Baseline)))
		}
		return joinAnd(parts)
	}
	rising, falling := r.ThemesIn(Rising), r.ThemesIn(Falling)
	var s []string
	if len(rising) > 0 {
		s = append(s, "Rising: "+describe(rising)+".")
	}
	if len(falling) > 0 {
		s = append(s, "Falling: "+describe(falling)+".")
	}
	if len(s) == 0 && r.Few() {
		s = append(s, fmt.Sprintf("With %s this quarter, no theme is called rising or falling.", plural(total, "postmortem", "postmortems")))
	} else if len(s) == 0 {
		s = append(s, "No theme moved enough to call a trend this quarter.")
	}
	var top []string
	for _, t := range r.Themes {
		// A theme nobody wrote about this quarter is not "steady at 0%".
		if t.Direction == Steady && t.Count > 0 && t.Share > 0 && len(top) < 3 {
			top = append(top, fmt.Sprintf("%s (%s, dominant in %d of %d)", ThemeName(t.Theme), Percent(t.Share), t.Count, total))
		}
	}
	if len(top) > 0 {
		s = append(s, "The largest steady themes: "+joinAnd(top)+".")
	}
	return strings.Join(s, " ")
}

func (r *Review) mdBlame(m *mdWriter) {
	m.p("## Blame phrasing in the writeups")
	m.blank()
	m.p("Blame findings (human error, hindsight, judgement of people, single root cause) per 1,000 prose sentences. This measures how the writeups are written, not how anyone performed: lower means more room for the system's story. \"(few)\" marks rates measured over fewer than %d sentences.", minBlameSentences)
	m.blank()
	head, sep := r.quarterColumns("Team")
	m.p("%s", head)
	m.p("%s", sep)
	for _, t := range append([]TeamBlame{r.Blame.All}, r.Blame.Teams...) {
		name := md(t.Team)
		if t.Team == r.Blame.All.Team {
			name = "**" + name + "**"
		}
		row := "| " + name + " |"
		for _, rate := range t.Rates {
			row += " " + rateText(rate) + " |"
		}
		m.p("%s", row)
	}
	m.blank()
	if len(r.Blame.Labels) > 0 {
		var parts []string
		for _, c := range r.Blame.Labels {
			parts = append(parts, fmt.Sprintf("%s %d", md(taxonomy.Display(c.Key)), c.Value))
		}
		m.p("Blame findings in %s by kind: %s.", r.Quarter.Label(), strings.Join(parts, ", "))
		m.blank()
	}
}

// rateText is "4.2" (per 1,000) or "–" when there were no sentences.
// A rate over fewer than minBlameSentences sentences is marked "(few)".
func rateText(r Rate) string {
	if !r.Known() {
		return "–"
	}
	if r.Sentences < minBlameSentences {
		return fmt.Sprintf("%.1f (few)", r.PerThousand())
	}
	return fmt.Sprintf("%.1f", r.PerThousand())
}

func (r *Review) mdAssumptions(m *mdWriter) {
	a := r.Assumptions
	m.p("## Surprises and assumptions worth discussing")
	m.blank()
	if a.Sentences == 0 {
		m.p("No sentence this quarter states an assumption or a surprise. That is worth a question of its own: were there none, or did the writeups not say?")
		m.blank()
		return
	}
	m.p("%s", r.AssumptionSummary())
	m.blank()
	for _, q := range a.Quotes {
		m.p("> %s", md(q.Text))
		m.p(">")
		m.p("> — %s%s", mdRef(q.Ref), quoteTags(q, md))
		m.blank()
	}
}

// AssumptionSummary introduces the quoted sentences.
func (r *Review) AssumptionSummary() string {
	a := r.Assumptions
	var parts []string
	for _, c := range a.Labels {
		parts = append(parts, fmt.Sprintf("%d %s", c.Value, c.Key))
	}
	s := fmt.Sprintf("%s this quarter state what people believed about the system or what surprised them", plural(a.Sentences, "sentence", "sentences"))
	if len(parts) > 0 {
		s += " (findings: " + strings.Join(parts, ", ") + ")"
	}
	s += ". The gap between belief and behaviour is where the learning is."
	if len(a.Quotes) > 0 {
		s += fmt.Sprintf(" %s, picked to span teams and themes:", plural(len(a.Quotes), "quote", "quotes"))
	}
	return s
}

// quoteTags lists section, labels and themes after a quote's reference.
func quoteTags(q Quote, esc func(string) string) string {
	var tags []string
	if q.Section != "" {
		tags = append(tags, esc(SectionName(q.Section)))
	}
	for _, l := range q.Labels {
		tags = append(tags, esc(l))
	}
	for _, t := range q.Themes {
		tags = append(tags, esc(t))
	}
	if len(tags) == 0 {
		return ""
	}
	return " · " + strings.Join(tags, " · ")
}

func (r *Review) mdRepeated(m *mdWriter) {
	m.p("## Follow-ups promised again")
	m.blank()
	if len(r.Repeated) == 0 {
		m.p("No action item of %s repeats one promised in another postmortem since %s.", r.Quarter.Label(), r.Quarters[0])
		m.blank()
		return
	}
	m.p("Action items of %s that repeat a follow-up from another postmortem since %s. A promise made twice usually needs an owner and time, not another ticket.", r.Quarter.Label(), r.Quarters[0])
	m.blank()
	m.p("| Follow-up | Postmortems | Teams | Not done | First promised |")
	m.p("| --- | ---: | --- | ---: | --- |")
	for _, a := range r.Repeated {
		var refs []string
		for _, ex := range a.Examples {
			ref := mdLink(ex.Title, ex.URL)
			if ex.Reworded {
				ref += " (“" + md(ex.Text) + "”)"
			}
			refs = append(refs, ref)
		}
		m.p("| %s<br>e.g. %s | %d | %s | %d of %d | %s |", md(a.Text), strings.Join(refs, "; "), a.Postmortems,
			md(strings.Join(a.Teams, ", ")), a.Open, a.Items, a.FirstText())
	}
	m.blank()
}

func (r *Review) mdPatterns(m *mdWriter) {
	m.p("## Recurring patterns")
	m.blank()
	if len(r.FailureModes) == 0 {
		m.p("No failure mode of %s recurs across teams or quarters since %s.", r.Quarter.Label(), r.Quarters[0])
	} else {
		m.p("Failure modes of %s that other postmortems since %s describe too, in their own words: the same mechanism, not the same wording.", r.Quarter.Label(), r.Quarters[0])
		m.blank()
		m.p("| Failure mode | Postmortems (this quarter) | Teams | First | Last | e.g. |")
		m.p("| --- | ---: | --- | --- | --- | --- |")
		for _, f := range r.FailureModes {
			var refs []string
			for _, ex := range f.Examples {
				refs = append(refs, mdRef(ex))
			}
			m.p("| %s | %d (%d) | %s | %s | %s | %s |", md(f.Name), f.Postmortems, f.InQuarter, dash(md(strings.Join(f.Teams, ", "))),
				dash(f.First), dash(f.Last), strings.Join(refs, "; "))
		}
	}
	m.blank()
	if len(r.Duplicates) > 0 {
		m.p("One incident, two writeups (read them side by side):")
		m.blank()
		for _, d := range r.Duplicates {
			m.p("- %s and %s (similarity %.2f)", mdRef(d.A), mdRef(d.B), d.Score)
		}
		m.blank()
	}
	if len(r.Surges) == 0 {
		m.p("No theme surged in %s.", r.Quarter.Label())
	} else {
		var parts []string
		for _, s := range r.Surges {
			parts = append(parts, fmt.Sprintf("**%s** in %d of %d postmortems (%.1f expected, p = %.3g)", md(s.Theme), s.Count, s.Total, s.Expected, s.P))
		}
		m.p("Theme surges in %s: %s.", r.Quarter.Label(), strings.Join(parts, "; "))
	}
	m.blank()
	m.p("Surge test: %s.", md(SurgeTest))
	m.blank()
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func (r *Review) mdWriteups(m *mdWriter) {
	m.p("## Writeups worth reading")
	m.blank()
	if len(r.Writeups) == 0 {
		m.p("No scored writeups this quarter.")
		m.blank()
		return
	}
	m.p("Writeups of the quarter scoring at least the mean, highest first and one per team before a second; blame phrasing costs %d points in this ranking.", blamePenalty)
	m.blank()
	for i, wu := range r.Writeups {
		sev := ""
		if wu.Severity != "" {
			sev = ", " + md(wu.Severity)
		}
		m.p("%d. %s%s — **%d/100**: %s.", i+1, mdRef(wu.Ref), sev, wu.Score, md(strings.Join(wu.Why, "; ")))
	}
	m.blank()
}

func (r *Review) mdQuestions(m *mdWriter) {
	m.p("## Questions for the review")
	m.blank()
	for i, q := range r.Questions {
		m.p("%d. %s", i+1, md(q))
	}
	if len(r.Questions) == 0 {
		m.p("The numbers raise no question of their own this quarter; bring the ones the team has.")
	}
	m.blank()
}

func (r *Review) mdFooter(m *mdWriter) {
	m.p("---")
	m.blank()
	s := "Generated by debrief from the postmortem store"
	if !r.GeneratedAt.IsZero() {
		s += " on " + r.GeneratedAt.UTC().Format("2 Jan 2006 15:04 MST")
	}
	m.p("*%s. Postmortems count in the quarter of their incident date; themes, blame and assumption findings come from debrief's rule-based tagger and are prompts for discussion, not verdicts.*", s)
}

// quarterColumns starts a table whose first column is named first and
// whose next columns are the trend window's quarters.
func (r *Review) quarterColumns(first string) (head, sep string) {
	head, sep = "| "+first+" |", "| --- |"
	for _, q := range r.Quarters {
		head += " " + q.String() + " |"
		sep += " ---: |"
	}
	return head, sep
}

// UndatedNote says how many postmortems no quarter counts ("" for none).
func (r *Review) UndatedNote() string {
	switch n := r.Overview.Undated; n {
	case 0:
		return ""
	case 1:
		return "1 postmortem has no incident date, so no quarter counts it."
	default:
		return fmt.Sprintf("%d postmortems have no incident date, so no quarter counts them.", n)
	}
}

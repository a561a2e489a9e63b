package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// render writes an incident in its format.
func render(r *rand.Rand, in *incident) []byte {
	var b bytes.Buffer
	b.Grow(4096)
	switch in.format {
	case FormatMarkdownYAML:
		writeYAMLFrontMatter(&b, in)
		writeMarkdownBody(&b, r, in, true)
	case FormatMarkdownTOML:
		writeTOMLFrontMatter(&b, in)
		writeMarkdownBody(&b, r, in, r.IntN(2) == 0)
	case FormatMarkdownBold:
		writeMarkdownBold(&b, r, in)
	case FormatERB:
		writeERB(&b, r, in)
	case FormatHTML:
		writeHTML(&b, r, in)
	case FormatText:
		writeText(&b, r, in)
	case FormatJSON:
		writeExport(&b, in, false)
	case FormatYAML:
		writeExport(&b, in, true)
	default:
		panic("synth: unknown format " + in.format)
	}
	return b.Bytes()
}

func date(t time.Time) string { return t.Format("2006-01-02") }

// yq quotes a string as a YAML (and TOML and JSON) double-quoted scalar.
// Generated text is ASCII, so JSON string escaping is valid in all three.
func yq(s string) string {
	b, _ := json.Marshal(s)
	// json.Marshal escapes <, > and & as \u003c etc.: valid JSON, YAML and
	// TOML escapes, but undo them for readability.
	out := string(b)
	out = strings.ReplaceAll(out, `\u003c`, "<")
	out = strings.ReplaceAll(out, `\u003e`, ">")
	out = strings.ReplaceAll(out, `\u0026`, "&")
	return out
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = yq(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func writeYAMLFrontMatter(b *bytes.Buffer, in *incident) {
	b.WriteString("---\n")
	fmt.Fprintf(b, "id: %s\ntitle: %s\nteam: %s\ndate: %s\nseverity: %s\n", in.id, yq(in.title), in.team, date(in.started), in.severity)
	fmt.Fprintf(b, "services: %s\nauthors: %s\n", quoteList(in.services), quoteList(in.authors))
	fmt.Fprintf(b, "started_at: %s\n", in.started.Format(time.RFC3339))
	if in.hasDetected {
		fmt.Fprintf(b, "detected_at: %s\n", in.detected.Format(time.RFC3339))
	}
	fmt.Fprintf(b, "resolved_at: %s\n", in.resolved.Format(time.RFC3339))
	b.WriteString("---\n\n")
}

func writeTOMLFrontMatter(b *bytes.Buffer, in *incident) {
	b.WriteString("+++\n")
	fmt.Fprintf(b, "id = %s\ntitle = %s\nteam = %s\ndate = %s\nseverity = %s\n", yq(in.id), yq(in.title), yq(in.team), date(in.started), yq(in.severity))
	fmt.Fprintf(b, "services = %s\nauthors = %s\n", quoteList(in.services), quoteList(in.authors))
	fmt.Fprintf(b, "started_at = %s\n", in.started.Format(time.RFC3339))
	fmt.Fprintf(b, "resolved_at = %s\n", in.resolved.Format(time.RFC3339))
	b.WriteString("+++\n\n")
}

func (in *incident) timeText(r *rand.Rand, t time.Time, withDate bool) string {
	s := t.Format("15:04")
	if withDate {
		s = t.Format("2006-01-02 15:04")
	}
	if in.tz != "" {
		s += " " + in.tz
	}
	return s
}

// mdSections writes the prose sections shared by every Markdown flavour.
// h2 is the heading prefix for top-level sections ("## ").
func writeMarkdownBody(b *bytes.Buffer, r *rand.Rand, in *incident, withH1 bool) {
	if withH1 {
		fmt.Fprintf(b, "# %s\n\n", in.title)
	}
	writeMarkdownSections(b, r, in)
}

func mdPara(b *bytes.Buffer, sentences []string) {
	b.WriteString(strings.Join(sentences, " "))
	b.WriteString("\n\n")
}

func writeMarkdownSections(b *bytes.Buffer, r *rand.Rand, in *incident) {
	h := func(kind string) { fmt.Fprintf(b, "## %s\n\n", in.heads[kind]) }
	if in.has["summary"] {
		h("summary")
		mdPara(b, in.summary)
	}
	if in.has["impact"] {
		h("impact")
		mdPara(b, in.impact)
	}
	if in.has["timeline"] {
		h("timeline")
		withDate := r.IntN(3) == 0
		switch r.IntN(3) {
		case 0:
			b.WriteString("| Time | Event |\n| --- | --- |\n")
			for _, e := range in.timeline {
				fmt.Fprintf(b, "| %s | %s |\n", in.timeText(r, e.at, withDate), e.text)
			}
			b.WriteString("\n")
		case 1:
			for _, e := range in.timeline {
				fmt.Fprintf(b, "- **%s** - %s\n", in.timeText(r, e.at, withDate), e.text)
			}
			b.WriteString("\n")
		default:
			for _, e := range in.timeline {
				fmt.Fprintf(b, "- %s: %s\n", in.timeText(r, e.at, withDate), e.text)
			}
			b.WriteString("\n")
		}
	}
	if in.has["trigger"] {
		h("trigger")
		mdPara(b, in.trigger)
	}
	if in.has["root-cause"] {
		h("root-cause")
		mdPara(b, in.factors)
		for _, f := range in.factorList {
			fmt.Fprintf(b, "- %s\n", f)
		}
		if len(in.factorList) > 0 {
			b.WriteString("\n")
		}
	}
	if in.has["detection"] {
		h("detection")
		mdPara(b, in.detection)
	}
	if in.has["resolution"] {
		h("resolution")
		mdPara(b, in.resolution)
	}
	if in.has["action-items"] {
		h("action-items")
		switch r.IntN(3) {
		case 0:
			b.WriteString("| Action | Owner | Status | Ticket |\n| --- | --- | --- | --- |\n")
			for _, a := range in.actions {
				fmt.Fprintf(b, "| %s | %s | %s | %s |\n", a.title, a.owner, a.status, a.ticket)
			}
		case 1:
			for _, a := range in.actions {
				box := " "
				if a.status == "done" {
					box = "x"
				}
				fmt.Fprintf(b, "- [%s] %s", box, a.title)
				writeActionMeta(b, a, false)
				b.WriteString("\n")
			}
		default:
			for _, a := range in.actions {
				fmt.Fprintf(b, "- %s", a.title)
				writeActionMeta(b, a, true)
				b.WriteString("\n")
			}
		}
		b.WriteString("\n")
	}
	writeMarkdownLessons(b, r, in)
}

// writeActionMeta appends owner, status and ticket: "(@handle, PAY-12)"
// when the owner is a handle or missing, else " - owner: Name, status:
// open, PAY-12" (status only when withStatus).
func writeActionMeta(b *bytes.Buffer, a action, withStatus bool) {
	var parts []string
	if strings.HasPrefix(a.owner, "@") || a.owner == "" {
		if a.owner != "" {
			parts = append(parts, a.owner)
		}
		if a.ticket != "" {
			parts = append(parts, a.ticket)
		}
		if len(parts) > 0 {
			b.WriteString(" (" + strings.Join(parts, ", ") + ")")
		}
		if withStatus && a.status != "" {
			b.WriteString(" [" + a.status + "]")
		}
		return
	}
	parts = append(parts, "owner: "+a.owner)
	if withStatus && a.status != "" {
		parts = append(parts, "status: "+a.status)
	}
	if a.ticket != "" {
		parts = append(parts, a.ticket)
	}
	b.WriteString(" - " + strings.Join(parts, ", "))
}

func writeMarkdownLessons(b *bytes.Buffer, r *rand.Rand, in *incident) {
	if !in.has["lessons"] {
		return
	}
	sub := "### "
	if r.IntN(2) == 0 {
		fmt.Fprintf(b, "## %s\n\n", in.heads["lessons"])
	} else {
		sub = "## "
	}
	for _, l := range in.lessonLists() {
		fmt.Fprintf(b, "%s%s\n\n", sub, l.heading)
		for _, x := range l.items {
			fmt.Fprintf(b, "- %s\n", x)
		}
		b.WriteString("\n")
	}
}

// lessonList is one present lessons subsection (went well, went wrong,
// got lucky), in document order.
type lessonList struct {
	heading string
	items   []string
}

func (in *incident) lessonLists() []lessonList {
	var out []lessonList
	for _, l := range []struct {
		kind  string
		items []string
	}{{"went-well", in.wentWell}, {"went-wrong", in.wentWrong}, {"got-lucky", in.gotLucky}} {
		if in.has[l.kind] {
			out = append(out, lessonList{in.heads[l.kind], l.items})
		}
	}
	return out
}

func writeMarkdownBold(b *bytes.Buffer, r *rand.Rand, in *incident) {
	prefix := pick(r, []string{"", "Postmortem: ", "Incident review: "})
	fmt.Fprintf(b, "# %s%s\n\n", prefix, in.title)
	lines := [][2]string{
		{"Team", in.team},
		{"Date", pick(r, []string{date(in.started), in.started.Format("January 2, 2006")})},
		{"Severity", in.severity},
		{"Services", strings.Join(in.services, ", ")},
		{"Authors", strings.Join(in.authors, ", ")},
		{"Duration", durationText(int(in.resolved.Sub(in.started).Minutes()))},
	}
	list := r.IntN(2) == 0
	for _, l := range lines {
		if list {
			fmt.Fprintf(b, "- **%s:** %s\n", l[0], l[1])
		} else {
			fmt.Fprintf(b, "**%s:** %s  \n", l[0], l[1])
		}
	}
	b.WriteString("\n")
	writeMarkdownSections(b, r, in)
}

func writeERB(b *bytes.Buffer, r *rand.Rand, in *incident) {
	b.WriteString("---\n")
	fmt.Fprintf(b, "title: %s\nteam: %s\ndate: %s\nseverity: %s\nservices: %s\n", yq(in.title), in.team, date(in.started), in.severity, quoteList(in.services))
	b.WriteString("layout: postmortem\n---\n\n")
	fmt.Fprintf(b, "<%%= partial \"includes/incident_banner\", locals: { severity: %q } %%>\n\n", in.severity)
	fmt.Fprintf(b, "# %s\n\n", in.title)
	b.WriteString("<%# Reviewed in the weekly incident review. %>\n\n")
	writeMarkdownSections(b, r, in)
	b.WriteString("<%= render \"shared/postmortem_footer\" %>\n")
}

func htmlText(s string, r *rand.Rand) string {
	e := html.EscapeString(s)
	// Confluence exports use typographic entities; keep some of them.
	if r.IntN(2) == 0 {
		e = strings.ReplaceAll(e, "&#39;", "&rsquo;")
	}
	if r.IntN(3) == 0 {
		e = strings.Replace(e, " - ", " &mdash; ", 1)
	}
	return e
}

func writeHTML(b *bytes.Buffer, r *rand.Rand, in *incident) {
	t := func(s string) string { return htmlText(s, r) }
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html>\n<head>\n<title>%s</title>\n<meta charset=\"UTF-8\">\n</head>\n<body>\n", t(in.title))
	b.WriteString("<div id=\"main-content\" class=\"wiki-content\">\n")
	fmt.Fprintf(b, "<h1>%s</h1>\n", t(in.title))
	b.WriteString("<table class=\"confluenceTable\"><tbody>\n")
	row := func(k, v string) {
		fmt.Fprintf(b, "<tr><th class=\"confluenceTh\">%s</th><td class=\"confluenceTd\">%s</td></tr>\n", k, v)
	}
	row("Team", t(in.team))
	row("Date", date(in.started))
	row("Severity", t(in.severity))
	row("Services", t(strings.Join(in.services, ", ")))
	row("Authors", t(strings.Join(in.authors, ", ")))
	b.WriteString("</tbody></table>\n")
	h := func(kind string) { fmt.Fprintf(b, "<h2>%s</h2>\n", t(in.heads[kind])) }
	para := func(xs []string) { fmt.Fprintf(b, "<p>%s</p>\n", t(strings.Join(xs, " "))) }
	ul := func(xs []string) {
		b.WriteString("<ul>\n")
		for _, x := range xs {
			fmt.Fprintf(b, "<li>%s</li>\n", t(x))
		}
		b.WriteString("</ul>\n")
	}
	if in.has["summary"] {
		h("summary")
		para(in.summary)
	}
	if in.has["impact"] {
		h("impact")
		para(in.impact)
	}
	if in.has["timeline"] {
		h("timeline")
		if r.IntN(2) == 0 {
			b.WriteString("<table class=\"confluenceTable\"><tbody>\n<tr><th>Time</th><th>Event</th></tr>\n")
			for _, e := range in.timeline {
				fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td></tr>\n", in.timeText(r, e.at, false), t(e.text))
			}
			b.WriteString("</tbody></table>\n")
		} else {
			b.WriteString("<ul>\n")
			for _, e := range in.timeline {
				fmt.Fprintf(b, "<li><strong>%s</strong>&nbsp;%s</li>\n", in.timeText(r, e.at, false), t(e.text))
			}
			b.WriteString("</ul>\n")
		}
	}
	if in.has["trigger"] {
		h("trigger")
		para(in.trigger)
	}
	if in.has["root-cause"] {
		h("root-cause")
		para(in.factors)
		if len(in.factorList) > 0 {
			ul(in.factorList)
		}
	}
	if in.has["detection"] {
		h("detection")
		para(in.detection)
	}
	if in.has["resolution"] {
		h("resolution")
		para(in.resolution)
	}
	if in.has["action-items"] {
		h("action-items")
		b.WriteString("<table class=\"confluenceTable\"><tbody>\n<tr><th>Action</th><th>Owner</th><th>Status</th><th>Ticket</th></tr>\n")
		for _, a := range in.actions {
			owner := t(a.owner)
			if owner == "" {
				owner = "&nbsp;"
			}
			fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", t(a.title), owner, a.status, a.ticket)
		}
		b.WriteString("</tbody></table>\n")
	}
	if in.has["lessons"] {
		h("lessons")
		for _, l := range in.lessonLists() {
			fmt.Fprintf(b, "<h3>%s</h3>\n", t(l.heading))
			ul(l.items)
		}
	}
	b.WriteString("</div>\n</body>\n</html>\n")
}

func underline(b *bytes.Buffer, s string, ch byte) {
	b.WriteString(s)
	b.WriteByte('\n')
	b.Write(bytes.Repeat([]byte{ch}, len(s)))
	b.WriteString("\n\n")
}

// wrap writes text wrapped at 72 columns.
func wrap(b *bytes.Buffer, s string) {
	col := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(w) > 72 {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteString("\n\n")
}

func writeText(b *bytes.Buffer, r *rand.Rand, in *incident) {
	underline(b, in.title, '=')
	fmt.Fprintf(b, "Team: %s\nDate: %s\nSeverity: %s\nServices: %s\nAuthors: %s\n\n",
		in.team, date(in.started), in.severity, strings.Join(in.services, ", "), strings.Join(in.authors, ", "))
	h := func(kind string) { underline(b, in.heads[kind], '-') }
	if in.has["summary"] {
		h("summary")
		wrap(b, strings.Join(in.summary, " "))
	}
	if in.has["impact"] {
		h("impact")
		wrap(b, strings.Join(in.impact, " "))
	}
	if in.has["timeline"] {
		h("timeline")
		for _, e := range in.timeline {
			fmt.Fprintf(b, "%s  %s\n", in.timeText(r, e.at, true), e.text)
		}
		b.WriteString("\n")
	}
	if in.has["trigger"] {
		h("trigger")
		wrap(b, strings.Join(in.trigger, " "))
	}
	if in.has["root-cause"] {
		h("root-cause")
		wrap(b, strings.Join(in.factors, " "))
		for _, f := range in.factorList {
			fmt.Fprintf(b, "* %s\n", f)
		}
		if len(in.factorList) > 0 {
			b.WriteString("\n")
		}
	}
	if in.has["detection"] {
		h("detection")
		wrap(b, strings.Join(in.detection, " "))
	}
	if in.has["resolution"] {
		h("resolution")
		wrap(b, strings.Join(in.resolution, " "))
	}
	if in.has["action-items"] {
		h("action-items")
		for _, a := range in.actions {
			fmt.Fprintf(b, "* %s", a.title)
			writeActionMeta(b, a, true)
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if in.has["lessons"] {
		h("lessons")
		for _, l := range in.lessonLists() {
			fmt.Fprintf(b, "%s:\n", l.heading)
			for _, x := range l.items {
				fmt.Fprintf(b, "* %s\n", x)
			}
			b.WriteString("\n")
		}
	}
}

// export is the incident-tool export schema (JSON and YAML).
type export struct {
	ID                  string        `json:"id" yaml:"id"`
	Title               string        `json:"title" yaml:"title"`
	Team                string        `json:"team" yaml:"team"`
	Severity            string        `json:"severity" yaml:"severity"`
	Services            []string      `json:"services" yaml:"services"`
	StartedAt           string        `json:"started_at" yaml:"started_at"`
	DetectedAt          string        `json:"detected_at,omitempty" yaml:"detected_at,omitempty"`
	ResolvedAt          string        `json:"resolved_at" yaml:"resolved_at"`
	Authors             []string      `json:"authors,omitempty" yaml:"authors,omitempty"`
	Summary             string        `json:"summary,omitempty" yaml:"summary,omitempty"`
	Impact              string        `json:"impact,omitempty" yaml:"impact,omitempty"`
	Trigger             string        `json:"trigger,omitempty" yaml:"trigger,omitempty"`
	Detection           string        `json:"detection,omitempty" yaml:"detection,omitempty"`
	Resolution          string        `json:"resolution,omitempty" yaml:"resolution,omitempty"`
	Timeline            []exportEvent `json:"timeline" yaml:"timeline"`
	ActionItems         []exportItem  `json:"action_items,omitempty" yaml:"action_items,omitempty"`
	ContributingFactors []string      `json:"contributing_factors,omitempty" yaml:"contributing_factors,omitempty"`
	Lessons             *exportLesson `json:"lessons,omitempty" yaml:"lessons,omitempty"`
}

type exportEvent struct {
	Time string `json:"time" yaml:"time"`
	Text string `json:"text" yaml:"text"`
}

type exportItem struct {
	Title  string `json:"title" yaml:"title"`
	Owner  string `json:"owner,omitempty" yaml:"owner,omitempty"`
	Status string `json:"status,omitempty" yaml:"status,omitempty"`
	Ticket string `json:"ticket,omitempty" yaml:"ticket,omitempty"`
}

type exportLesson struct {
	WentWell  []string `json:"went_well,omitempty" yaml:"went_well,omitempty"`
	WentWrong []string `json:"went_wrong,omitempty" yaml:"went_wrong,omitempty"`
	GotLucky  []string `json:"got_lucky,omitempty" yaml:"got_lucky,omitempty"`
}

func writeExport(b *bytes.Buffer, in *incident, asYAML bool) {
	e := export{
		ID: in.id, Title: in.title, Team: in.team, Severity: in.severity, Services: in.services,
		StartedAt: in.started.Format(time.RFC3339), ResolvedAt: in.resolved.Format(time.RFC3339),
		Authors: in.authors,
	}
	if in.hasDetected {
		e.DetectedAt = in.detected.Format(time.RFC3339)
	}
	join := func(kind string, xs []string) string {
		if !in.has[kind] {
			return ""
		}
		return strings.Join(xs, " ")
	}
	e.Summary = join("summary", in.summary)
	e.Impact = join("impact", in.impact)
	e.Trigger = join("trigger", in.trigger)
	e.Detection = join("detection", in.detection)
	e.Resolution = join("resolution", in.resolution)
	for _, ev := range in.timeline {
		e.Timeline = append(e.Timeline, exportEvent{Time: ev.at.Format(time.RFC3339), Text: ev.text})
	}
	if e.Timeline == nil {
		e.Timeline = []exportEvent{}
	}
	for _, a := range in.actions {
		e.ActionItems = append(e.ActionItems, exportItem{Title: a.title, Owner: a.owner, Status: a.status, Ticket: a.ticket})
	}
	if in.has["root-cause"] {
		e.ContributingFactors = append(append([]string(nil), in.factors...), in.factorList...)
	}
	if in.has["lessons"] {
		e.Lessons = &exportLesson{WentWell: in.wentWell, WentWrong: in.wentWrong, GotLucky: in.gotLucky}
	}
	if asYAML {
		enc := yaml.NewEncoder(b)
		enc.SetIndent(2)
		if err := enc.Encode(e); err != nil {
			panic("synth: yaml encode: " + err.Error())
		}
		_ = enc.Close()
		return
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		panic("synth: json encode: " + strconv.Quote(err.Error()))
	}
}

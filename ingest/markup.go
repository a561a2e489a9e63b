package ingest

import (
	"encoding/json"
	"path"
	"regexp"
	"strings"

	"github.com/debrief-dev/debrief/model"
)

// Lightweight markup that is not Markdown (AsciiDoc, reStructuredText) and
// Jupyter notebooks are lowered to Markdown before parsing: their
// headings, document attributes or field lists, and tables become the
// Markdown shapes the rest of the parser reads.

// lowerByExtension rewrites a file whose extension names a markup or a
// container that is read as another format: AsciiDoc and
// reStructuredText as Markdown, a Jupyter notebook as its Markdown cells,
// a WebVTT transcript as text. Other files keep their text and format.
func lowerByExtension(p, text, format string) (string, string) {
	switch strings.ToLower(path.Ext(strings.ReplaceAll(p, "\\", "/"))) {
	case ".adoc", ".asciidoc", ".asc":
		return asciidocToMarkdown(text), model.FormatMarkdown
	case ".rst", ".rest":
		return rstToMarkdown(text), model.FormatMarkdown
	case ".ipynb":
		if md, ok := notebookMarkdown(text); ok {
			return md, model.FormatMarkdown
		}
	case ".vtt":
		if tr, ok := vttTranscript(text); ok {
			return tr, model.FormatText
		}
	}
	return text, format
}

// reFieldLine matches an AsciiDoc document attribute or a reStructuredText
// field ("  :owning-team: Payments", ":Owner: Catalogue").
var reFieldLine = regexp.MustCompile(`^:([A-Za-z][\w .-]{0,40}):[ \t]+(\S.*)$`)

// reAttrRef matches an AsciiDoc attribute reference ("{owning-team}").
var reAttrRef = regexp.MustCompile(`\{([A-Za-z][\w-]{0,40})\}`)

// asciidocToMarkdown lowers AsciiDoc: "= Title" and "== Section"
// headings, ":name: value" attributes as "name: value" lines (and their
// references substituted in the text), "|===" tables as pipe tables,
// "**" nested bullets, and ".Title" block titles as bold lines. Other
// lines are kept.
func asciidocToMarkdown(src string) string {
	lines := strings.Split(src, "\n")
	subst := attrSubstituter(lines)
	out := make([]string, 0, len(lines)+8)
	var tbl *adocTable
	fence := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "----" || t == "....":
			fence = !fence
			out = append(out, "```")
		case fence:
			out = append(out, l)
		case t == "|===":
			if tbl != nil {
				out = append(tbl.flush(out), "")
				tbl = nil
			} else {
				tbl = &adocTable{header: true}
				out = append(out, "")
			}
		case tbl != nil:
			out = tbl.line(t, subst, out)
		default:
			out = append(out, adocLine(l, t, i+1 < len(lines), subst)...)
		}
	}
	return strings.Join(out, "\n")
}

// attrSubstituter collects the document's ":name: value" attributes and
// returns a function that replaces their references ("{name}") in text.
func attrSubstituter(lines []string) func(string) string {
	attrs := map[string]string{}
	for _, l := range lines {
		if m := reFieldLine.FindStringSubmatch(l); m != nil {
			attrs[strings.ToLower(m[1])] = strings.TrimSpace(m[2])
		}
	}
	return func(s string) string {
		if !strings.Contains(s, "{") {
			return s
		}
		return reAttrRef.ReplaceAllStringFunc(s, func(r string) string {
			if v, ok := attrs[strings.ToLower(r[1:len(r)-1])]; ok {
				return v
			}
			return r
		})
	}
}

// adocLine lowers one AsciiDoc line outside tables and listings.
func adocLine(l, t string, more bool, subst func(string) string) []string {
	if m := reFieldLine.FindStringSubmatch(l); m != nil {
		return []string{m[1] + ": " + subst(m[2])}
	}
	if n := len(t) - len(strings.TrimLeft(t, "=")); n >= 1 && n <= 6 && len(t) > n && t[n] == ' ' {
		return []string{"", strings.Repeat("#", n) + " " + subst(strings.TrimSpace(t[n:])), ""}
	}
	if n := len(t) - len(strings.TrimLeft(t, "*")); n >= 2 && len(t) > n && t[n] == ' ' {
		return []string{strings.Repeat("  ", n-1) + "* " + subst(t[n+1:])}
	}
	if strings.HasPrefix(t, ".") && len(t) > 1 && t[1] != '.' && t[1] != ' ' && more {
		return []string{"**" + subst(t[1:]) + "**"}
	}
	if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && !strings.Contains(t, " ") {
		return nil // a block attribute line: "[source,text]", "[.lead]"
	}
	return []string{subst(l)}
}

// adocTable collects the cells of an AsciiDoc table ("|a |b" lines, a row
// per line or spread over lines; the header row ends at a blank line).
type adocTable struct {
	header bool
	cols   int
	row    []string
}

// line adds a table line's cells to the row, writing full rows to out.
func (a *adocTable) line(t string, subst func(string) string, out []string) []string {
	if t == "" {
		if a.cols == 0 && len(a.row) > 0 {
			a.cols = len(a.row) // the header row's width ends at its blank line
		}
		return a.flush(out)
	}
	for _, c := range strings.Split(strings.TrimPrefix(t, "|"), "|") {
		a.row = append(a.row, strings.TrimSpace(subst(c)))
	}
	if a.cols > 0 && len(a.row) >= a.cols {
		return a.flush(out)
	}
	return out
}

// flush writes the row being collected as a pipe-table row.
func (a *adocTable) flush(out []string) []string {
	if len(a.row) == 0 {
		return out
	}
	out = append(out, "| "+strings.Join(a.row, " | ")+" |")
	if a.header {
		out = append(out, "|"+strings.Repeat(" --- |", len(a.row)))
		a.header = false
	}
	a.row = nil
	return out
}

// rstAdornment reports a line of one repeated punctuation character, at
// least three long: a reStructuredText heading's over- or underline.
func rstAdornment(t string) bool {
	if len(t) < 3 || strings.ContainsAny(t[:1], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ") {
		return false
	}
	return strings.Count(t, t[:1]) == len(t)
}

// rstToMarkdown lowers reStructuredText: over- and underlined headings
// (levels in order of first use), ":Field: value" lines as "Field: value",
// and directives (".. note::") as bold titles with their body unindented;
// "list-table" directives become pipe tables.
func rstToMarkdown(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines)+8)
	levels := map[string]int{}
	level := func(key string) int {
		if n, ok := levels[key]; ok {
			return n
		}
		levels[key] = min(len(levels)+1, 6)
		return levels[key]
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		// Overlined title: adornment, text, adornment.
		if rstAdornment(t) && i+2 < len(lines) && rstAdornment(strings.TrimSpace(lines[i+2])) && strings.TrimSpace(lines[i+1]) != "" {
			out = append(out, "", strings.Repeat("#", level("o"+t[:1]))+" "+strings.TrimSpace(lines[i+1]), "")
			i += 2
			continue
		}
		// Underlined heading: text, then an adornment at least as long.
		if t != "" && !strings.HasPrefix(l, " ") && i+1 < len(lines) {
			u := strings.TrimSpace(lines[i+1])
			if rstAdornment(u) && len(u) >= len([]rune(t)) && !rstAdornment(t) {
				out = append(out, "", strings.Repeat("#", level("u"+u[:1]))+" "+t, "")
				i++
				continue
			}
		}
		if m := reFieldLine.FindStringSubmatch(l); m != nil {
			out = append(out, m[1]+": "+m[2])
			continue
		}
		if strings.HasPrefix(t, ".. ") {
			name, arg, _ := strings.Cut(strings.TrimPrefix(t, ".. "), "::")
			name = strings.TrimSpace(name)
			arg = strings.TrimSpace(arg)
			var body []string
			for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], " ") || strings.HasPrefix(lines[i+1], "\t") ||
				strings.TrimSpace(lines[i+1]) == "" && i+2 < len(lines) && strings.HasPrefix(lines[i+2], " ")) {
				i++
				body = append(body, lines[i])
			}
			body = dedent(body)
			switch {
			case name == "list-table":
				if arg != "" {
					out = append(out, "", "**"+arg+"**")
				}
				out = append(out, listTable(body)...)
			case strings.HasPrefix(name, "_") || name == "contents" || name == "toctree" || name == "meta" || strings.HasPrefix(name, "|"):
				// a target, a table of contents, a substitution
			default:
				if title := strings.TrimSpace(arg); title != "" {
					out = append(out, "", "**"+title+"**", "")
				}
				for _, b := range body {
					if !strings.HasPrefix(strings.TrimSpace(b), ":") || reFieldLine.MatchString(strings.TrimSpace(b)) && !strings.Contains(b, "::") {
						out = append(out, b)
					}
				}
				out = append(out, "")
			}
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// listTable lowers the body of an rST list-table ("* - a" starts a row,
// "  - b" its next cell; ":header-rows: 1" makes the first row a header)
// to a pipe table.
func listTable(body []string) []string {
	var rows [][]string
	for _, l := range body {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, ":"):
			continue // options
		case strings.HasPrefix(t, "* - "):
			rows = append(rows, []string{strings.TrimSpace(t[4:])})
		case strings.HasPrefix(t, "- ") && len(rows) > 0:
			rows[len(rows)-1] = append(rows[len(rows)-1], strings.TrimSpace(t[2:]))
		case t != "" && len(rows) > 0:
			r := rows[len(rows)-1]
			r[len(r)-1] += " " + t // a cell's wrapped line
		}
	}
	if len(rows) == 0 {
		return nil
	}
	out := []string{""}
	for i, r := range rows {
		for j := range r {
			r[j] = strings.ReplaceAll(r[j], "|", "/")
		}
		out = append(out, "| "+strings.Join(r, " | ")+" |")
		if i == 0 {
			out = append(out, "|"+strings.Repeat(" --- |", len(r)))
		}
	}
	return append(out, "")
}

// notebookMarkdown reads a Jupyter notebook (.ipynb): its Markdown cells,
// in order, as one Markdown document, and reports whether text was one.
// Code cells and their outputs are left out.
func notebookMarkdown(text string) (string, bool) {
	var nb struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
		} `json:"cells"`
		NBFormat int `json:"nbformat"`
	}
	if err := json.Unmarshal([]byte(text), &nb); err != nil || nb.Cells == nil || nb.NBFormat == 0 {
		return "", false
	}
	var sb strings.Builder
	for _, c := range nb.Cells {
		if c.CellType != "markdown" {
			continue
		}
		var lines []string
		if err := json.Unmarshal(c.Source, &lines); err != nil {
			var s string
			if json.Unmarshal(c.Source, &s) != nil {
				continue
			}
			lines = []string{s}
		}
		sb.WriteString(strings.Join(lines, ""))
		sb.WriteString("\n\n")
	}
	return sb.String(), true
}

// reVTTVoice matches a WebVTT cue's voice tag: "<v Priya Raman>text</v>".
var reVTTVoice = regexp.MustCompile(`^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$`)

// vttTranscript reads a WebVTT transcript (a meeting recording's
// captions) as a chat transcript: one "Speaker: text" line per run of
// cues by the same speaker, the cue timings (offsets into the recording,
// no clock times) and cue IDs left out. It reports whether text was one.
func vttTranscript(text string) (string, bool) {
	if !strings.HasPrefix(strings.TrimSpace(text), "WEBVTT") {
		return "", false
	}
	var sb strings.Builder
	speaker, said := "", ""
	flush := func() {
		if said != "" {
			if speaker != "" {
				sb.WriteString(speaker + ": ")
			}
			sb.WriteString(collapseSpace(said) + "\n")
		}
		said = ""
	}
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		var cue []string
		timed := false
		for _, l := range strings.Split(block, "\n") {
			if strings.Contains(l, "-->") {
				timed = true
				continue
			}
			if timed {
				cue = append(cue, l)
			}
		}
		if !timed || len(cue) == 0 {
			continue // the header, a NOTE or STYLE block
		}
		t := strings.Join(cue, " ")
		who := speaker
		if m := reVTTVoice.FindStringSubmatch(t); m != nil {
			who, t = strings.TrimSpace(m[1]), m[2]
		}
		t = strings.ReplaceAll(t, "</v>", "")
		if who != speaker {
			flush()
			speaker = who
		}
		said += " " + t
	}
	flush()
	// A title line first, so that the first speaker's line is no title and
	// the lines after it no header fields.
	return "Meeting transcript\n\n" + sb.String(), true
}

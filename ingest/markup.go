package ingest

import (
	"encoding/json"
	"path"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

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
	case ".mdx":
		return mdxToMarkdown(text), model.FormatMarkdown
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
		// Antora's page attributes: ":page-owning-team: SRE".
		return []string{strings.TrimPrefix(m[1], "page-") + ": " + subst(m[2])}
	}
	if n := len(t) - len(strings.TrimLeft(t, ".")); n >= 1 && n <= 5 && len(t) > n+1 && t[n] == ' ' {
		// ". Step" and ".. sub-step": an ordered list and its nesting.
		return []string{strings.Repeat("   ", n-1) + "1. " + subst(strings.TrimSpace(t[n:]))}
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
	out = append(out, pipeRow(a.row))
	if a.header {
		out = append(out, pipeSeparator(len(a.row)))
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
	return pipeTable(rows, 1)
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

// reGridBorder matches a Pandoc or reStructuredText grid table's border
// line ("+------+-----+", "+======+=====+" under a header).
var reGridBorder = regexp.MustCompile(`^[ \t]*\+(?:[-=:]+\+)+[ \t]*$`)

// lowerGridTables rewrites grid tables as pipe tables. A row's cells may
// span several lines, joined with spaces; rows above a "+===+" border
// form the header, and a table without one takes its first row as the
// header (a pipe table needs one, and a key/value table's first pair is
// read like its others). Fenced code is left as it is; text without a
// grid border is returned unchanged.
func lowerGridTables(src string) string {
	if !strings.Contains(src, "+-") && !strings.Contains(src, "+=") {
		return src
	}
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	fence := false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if fenceLine(t) {
			fence = !fence
		}
		if fence || !reGridBorder.MatchString(lines[i]) {
			out = append(out, lines[i])
			continue
		}
		n := gridTableEnd(lines, i)
		if n < 0 {
			out = append(out, lines[i])
			continue
		}
		out = append(out, gridTable(lines[i:n+1])...)
		i = n
	}
	return strings.Join(out, "\n")
}

// gridTableEnd is the index of the last border of the grid table whose
// first border is lines[i], or -1 when no row follows it.
func gridTableEnd(lines []string, i int) int {
	end := -1
	for j := i + 1; j < len(lines); j++ {
		t := strings.TrimSpace(lines[j])
		switch {
		case reGridBorder.MatchString(lines[j]):
			end = j
		case strings.HasPrefix(t, "|"):
		default:
			return end
		}
	}
	return end
}

// gridTable lowers one grid table (its lines, first and last borders
// included) to pipe-table lines with a blank line either side.
func gridTable(lines []string) []string {
	border := []rune(strings.TrimRight(lines[0], " \t"))
	var cuts []int
	for k, r := range border {
		if r == '+' {
			cuts = append(cuts, k)
		}
	}
	var rows [][]string
	var row []string
	header := 0
	for _, l := range lines[1:] {
		if reGridBorder.MatchString(l) {
			if row != nil {
				rows, row = append(rows, row), nil
			}
			if strings.Contains(l, "=") && header == 0 {
				header = len(rows)
			}
			continue
		}
		cells := gridCells(l, cuts)
		if row == nil {
			row = make([]string, len(cells))
		}
		for k := 0; k < len(cells) && k < len(row); k++ {
			if c := strings.TrimSpace(cells[k]); c != "" {
				row[k] = strings.TrimSpace(row[k] + " " + c)
			}
		}
	}
	return pipeTable(rows, header)
}

// gridCells splits a grid table's content line at the border's column
// positions, or at its "|" characters when it is not aligned with them.
func gridCells(l string, cuts []int) []string {
	rs := []rune(strings.TrimRight(l, " \t"))
	aligned := len(rs) == cuts[len(cuts)-1]+1
	for _, c := range cuts {
		if c >= len(rs) || rs[c] != '|' {
			aligned = false
		}
	}
	if !aligned {
		parts := strings.Split(strings.Trim(strings.TrimSpace(l), "|"), "|")
		return parts
	}
	cells := make([]string, 0, len(cuts)-1)
	for k := 0; k+1 < len(cuts); k++ {
		cells = append(cells, string(rs[cuts[k]+1:cuts[k+1]]))
	}
	return cells
}

// reWikiProperty matches a Logseq or Obsidian Dataview property line
// ("owner:: [[Courier App]]", "- severity:: P1").
var reWikiProperty = regexp.MustCompile(`^([ \t]*(?:[-*][ \t]+)?)([A-Za-z][\w .-]{0,40})::[ \t]+(\S.*)$`)

// reWikiLink matches a wiki link: "[[Page]]" or "[[Page|shown text]]".
var reWikiLink = regexp.MustCompile(`\[\[([^\[\]|]{1,200})(?:\|([^\[\]]{1,200}))?\]\]`)

// lowerWikiSyntax rewrites the note syntax of Logseq and Obsidian: a
// "key:: value" property line becomes "key: value", and a wiki link its
// shown text. Fenced code is left as it is; text without "[[" or "::" is
// returned unchanged.
func lowerWikiSyntax(src string) string {
	if !strings.Contains(src, "[[") && !strings.Contains(src, ":: ") {
		return src
	}
	lines := strings.Split(src, "\n")
	fence := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if fenceLine(t) {
			fence = !fence
		}
		if fence {
			continue
		}
		if m := reWikiProperty.FindStringSubmatch(l); m != nil {
			l = m[1] + m[2] + ": " + m[3]
		}
		if strings.Contains(l, "[[") {
			l = reWikiLink.ReplaceAllStringFunc(l, func(s string) string {
				m := reWikiLink.FindStringSubmatch(s)
				if m[2] != "" {
					return m[2]
				}
				return m[1]
			})
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// reJSXTag matches a line that is one JSX tag: "<TabItem value="a"
// label="Timeline">", "</Tabs>", "<FollowUpTable items={followUps} />".
var reJSXTag = regexp.MustCompile(`^<(/?)([A-Z][\w.]*)\b([^<>]*?)(/?)>$`)

// reJSXAttr matches a tag's title or label attribute, and reJSXRef a
// prop that passes a named value ("items={followUps}").
var (
	reJSXAttr = regexp.MustCompile("\\b(?:title|label)=(?:\"([^\"]*)\"|'([^']*)'|\\{[\"'`]([^\"'`]*)[\"'`]\\})")
	reJSXRef  = regexp.MustCompile(`=\{([A-Za-z_$][\w$]*)\}`)
)

// reExportArray opens an exported array: "export const followUps = [".
var reExportArray = regexp.MustCompile(`^export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*\[\s*$`)

// mdxToMarkdown lowers MDX (Docusaurus and the like) to Markdown: import
// lines go; an exported array of objects is kept by name and written as
// a table where a component is passed it ("<FollowUpTable
// items={followUps} />"), or at the end under its name when none is; a
// component's title or label (a tab, an admonition) becomes a heading
// when it names a section, else a bold line; other component tags go.
// ":::" admonitions are left to lowerCallouts.
func mdxToMarkdown(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	arrays := map[string][]any{}
	var order []string
	used := map[string]bool{}
	fence := false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if fenceLine(t) {
			fence = !fence
		}
		if fence {
			out = append(out, lines[i])
			continue
		}
		if m := reExportArray.FindStringSubmatch(t); m != nil {
			end := i + 1
			for end < len(lines) && !strings.HasPrefix(lines[end], "]") {
				end++
			}
			if arr, ok := jsArray(lines[i+1 : min(end, len(lines))]); ok {
				arrays[m[1]] = arr
				order = append(order, m[1])
			}
			i = end
			continue
		}
		if strings.HasPrefix(t, "import ") && (strings.Contains(t, " from ") || strings.HasSuffix(t, "';") || strings.HasSuffix(t, "\";")) {
			continue
		}
		m := reJSXTag.FindStringSubmatch(t)
		if m == nil {
			out = append(out, lines[i])
			continue
		}
		if r := reJSXRef.FindStringSubmatch(m[3]); r != nil && arrays[r[1]] != nil {
			out = append(out, objectTable(arrays[r[1]])...)
			used[r[1]] = true
			continue
		}
		if a := reJSXAttr.FindStringSubmatch(m[3]); a != nil && m[1] == "" {
			if title := strings.TrimSpace(a[1] + a[2] + a[3]); title != "" {
				out = append(out, titleLines(title, 3)...)
			}
		}
	}
	for _, name := range order {
		if !used[name] {
			out = append(out, "", "## "+normalizeKey(name), "")
			out = append(out, objectTable(arrays[name])...)
		}
	}
	return strings.Join(out, "\n")
}

// reJSTrailingComma matches a comma before a closing bracket or brace.
var reJSTrailingComma = regexp.MustCompile(`,(\s*[\]}])`)

// jsArray reads the body of a JavaScript array literal of objects and
// strings ({key: 'A-1', title: "..."},): YAML flow syntax once line
// comments and trailing commas are gone. ok is false when it is not one.
func jsArray(body []string) ([]any, bool) {
	var sb strings.Builder
	sb.WriteString("[")
	for _, l := range body {
		if strings.HasPrefix(strings.TrimSpace(l), "//") {
			continue
		}
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	sb.WriteString("]")
	src := reJSTrailingComma.ReplaceAllString(sb.String(), "$1")
	var arr []any
	if err := yaml.Unmarshal([]byte(src), &arr); err != nil || len(arr) == 0 {
		return nil, false
	}
	return arr, true
}

// objectTable writes a list of objects as a pipe table whose columns are
// their keys, sorted, with the item's text column first (textColumnFirst),
// or a list of scalars as list items.
func objectTable(arr []any) []string {
	var cols []string
	seen := map[string]bool{}
	for _, e := range arr {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	out := []string{""}
	if len(cols) == 0 {
		for _, e := range arr {
			if s := scalarString(e); s != "" {
				out = append(out, "- "+collapseSpace(s))
			}
		}
		return append(out, "")
	}
	rows := [][]string{textColumnFirst(cols)}
	for _, e := range arr {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		cells := make([]string, len(cols))
		for i, c := range rows[0] {
			cells[i] = collapseSpace(strings.Join(stringsOf(m[c]), ", "))
		}
		rows = append(rows, cells)
	}
	return pipeTable(rows, 1)
}

// pipeTable writes rows as a Markdown pipe table, its first headerRows
// rows (at least one) above the separator, with a blank line either
// side; nil for no rows.
func pipeTable(rows [][]string, headerRows int) []string {
	if len(rows) == 0 {
		return nil
	}
	out := []string{""}
	for i, r := range rows {
		out = append(out, pipeRow(r))
		if i == max(headerRows, 1)-1 {
			out = append(out, pipeSeparator(len(r)))
		}
	}
	return append(out, "")
}

// pipeRow is a pipe-table row; a "|" in a cell is written "/".
func pipeRow(cells []string) string {
	esc := make([]string, len(cells))
	for i, c := range cells {
		esc[i] = strings.ReplaceAll(c, "|", "/")
	}
	return "| " + strings.Join(esc, " | ") + " |"
}

// pipeSeparator is the line under a pipe table's header of n columns.
func pipeSeparator(n int) string { return "|" + strings.Repeat(" --- |", n) }

// textColumnFirst moves the column that holds an item's text (title,
// text, action...) to the front: map keys come sorted, and a table reads
// its first column as the item when no header names one.
func textColumnFirst(cols []string) []string {
	for i, c := range cols {
		if actionColumns[normalizeKey(c)] == "text" {
			return append([]string{c}, append(append([]string{}, cols[:i]...), cols[i+1:]...)...)
		}
	}
	return cols
}

// reShortcode matches a line that is one Hugo shortcode: `{{< details
// "Ideas we parked" >}}`, `{{% note %}}`, `{{< /details >}}`.
var reShortcode = regexp.MustCompile(`^[ \t]*\{\{[<%][ \t]*(/?)([A-Za-z][\w-]*)(.*?)[ \t]*[>%]\}\}[ \t]*$`)

// reShortcodeTitle finds a shortcode's title: its first quoted argument
// or a title= or summary= parameter.
var reShortcodeTitle = regexp.MustCompile(`(?:^|\s)(?:(?:title|summary|header)=)?"([^"]{1,120})"`)

// lowerShortcodes rewrites Hugo shortcodes that stand on lines of their
// own: a titled one (`{{< details "Ideas we parked" >}}`) becomes a
// heading when its title names a section, else a bold line; other
// shortcode lines (`{{< note >}}`, closing ones) go. Fenced code is left
// as it is; text without "{{<" or "{{%" is returned unchanged.
func lowerShortcodes(src string) string {
	if !strings.Contains(src, "{{<") && !strings.Contains(src, "{{%") {
		return src
	}
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	fence := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if fenceLine(t) {
			fence = !fence
		}
		m := reShortcode.FindStringSubmatch(l)
		if fence || m == nil {
			out = append(out, l)
			continue
		}
		if m[1] == "" {
			if tm := reShortcodeTitle.FindStringSubmatch(m[3]); tm != nil {
				out = append(out, titleLines(tm[1], 3)...)
			}
		}
	}
	return strings.Join(out, "\n")
}

// fenceLine reports a trimmed line that opens or closes fenced code.
func fenceLine(t string) bool { return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") }

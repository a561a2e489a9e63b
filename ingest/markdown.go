package ingest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unsafe"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"

	"github.com/debrief-dev/debrief/model"
)

// mdParser is safe for concurrent use: goldmark parsers keep no state
// between Parse calls.
var mdParser = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
).Parser()

// parseMarkdown lowers Markdown (with optional YAML "---" or TOML "+++"
// front matter) to blocks.
func parseMarkdown(src string) *rawDoc {
	doc := &rawDoc{format: model.FormatMarkdown, fields: newFields(), firstLineOK: true}
	body, fm := splitFrontMatter(src, doc)
	doc.blocks = markdownBlocks(lowerCallouts(lowerGridTables(lowerWikiSyntax(lowerShortcodes(body)))), doc, 0)
	// Follow-ups kept in the front matter ([[follow_up]] tables, an
	// action_items list) are the action items, after the body's blocks so
	// that none of their headings becomes the title.
	if fm != nil {
		structuredActions(doc, fm)
	}
	return doc
}

// splitFrontMatter decodes leading front matter into doc.fields and
// returns the rest and the decoded map (nil without front matter). Broken
// front matter gives a warning and is skipped.
func splitFrontMatter(src string, doc *rawDoc) (string, map[string]any) {
	var delim string
	switch {
	case strings.HasPrefix(src, "---\n"), strings.HasPrefix(src, "---\r\n"):
		delim = "---"
	case strings.HasPrefix(src, "+++\n"):
		delim = "+++"
	default:
		return src, nil
	}
	rest := src[len(delim)+1:]
	end := -1
	if strings.HasPrefix(rest, delim+"\n") || rest == delim {
		end = 0
	} else if i := strings.Index(rest, "\n"+delim+"\n"); i >= 0 {
		end = i + 1
	} else if strings.HasSuffix(rest, "\n"+delim) {
		end = len(rest) - len(delim)
	}
	if end < 0 {
		if delim == "---" {
			// A thematic break, not front matter.
			return src, nil
		}
		doc.warn("front matter has no closing +++; ignored it")
		return src, nil
	}
	fm := rest[:end]
	body := rest[min(len(rest), end+len(delim)+1):]
	m := map[string]any{}
	if delim == "---" {
		if flat, ok := decodeFlatYAML(fm); ok {
			m = normalizeMaps(flat, 0).(map[string]any)
		} else if err := decodeYAML([]byte(fm), &m); err != nil {
			doc.warn(fmt.Sprintf("broken YAML front matter (%s); parsed the rest", firstLineOf(err.Error())))
			return body, nil
		}
	} else {
		if _, err := toml.Decode(fm, &m); err != nil {
			doc.warn(fmt.Sprintf("broken TOML front matter (%s); parsed the rest", firstLineOf(err.Error())))
			return body, nil
		}
		m = normalizeMaps(m, 0).(map[string]any)
	}
	doc.fields.addMap(m, 0)
	// Blog paths carry the publication date: path = "2023/10/26/slug".
	// It is a weaker hint than a date in the title or the timeline.
	if _, ok := doc.fields.vals[mDate]; !ok {
		for _, k := range []string{"path", "permalink", "url", "aliases"} {
			for _, v := range stringsOf(m[k]) {
				if d := slashDate(v); d != "" && doc.pubDate == "" {
					doc.pubDate = d
				}
			}
		}
	}
	return body, m
}

// slashDate finds "2023/10/26" in a path and returns it as 2023-10-26.
func slashDate(p string) string {
	parts := strings.Split(p, "/")
	for i := 0; i+2 < len(parts); i++ {
		if len(parts[i]) == 4 && len(parts[i+1]) == 2 && len(parts[i+2]) == 2 &&
			atoiSafe(parts[i]) > 1970 && atoiSafe(parts[i+1]) >= 1 && atoiSafe(parts[i+1]) <= 12 &&
			atoiSafe(parts[i+2]) >= 1 && atoiSafe(parts[i+2]) <= 31 {
			return parts[i] + "-" + parts[i+1] + "-" + parts[i+2]
		}
	}
	return ""
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// stripERB removes ERB tags (<% ... %>, <%= ... %>) from a template.
func stripERB(s string) string {
	if !strings.Contains(s, "<%") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "<%")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], "%>")
		if j < 0 {
			break
		}
		s = s[i+j+2:]
	}
	return b.String()
}

// mdLowerer walks a goldmark AST and emits blocks.
type mdLowerer struct {
	body   string // the Markdown source; text nodes are sliced from it
	src    []byte // body's bytes (a read-only view, never written)
	buf    []byte // scratch for inline text, reused between blocks
	doc    *rawDoc
	blocks []block
	table  int
	depth  int // HTML-in-Markdown recursion guard
}

func markdownBlocks(body string, doc *rawDoc, depth int) []block {
	// goldmark only reads its source, so it can work on body's bytes in
	// place instead of a copy.
	src := unsafe.Slice(unsafe.StringData(body), len(body))
	root := mdParser.Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	// Markdown lowers to about one block per two lines (0.45-0.65 on the
	// corpus and synthetic documents).
	l := &mdLowerer{body: body, src: src, doc: doc, depth: depth,
		blocks: make([]block, 0, strings.Count(body, "\n")*5/8+4)}
	l.walkBlocks(root, 0)
	return l.blocks
}

const maxNesting = 200

func (l *mdLowerer) walkBlocks(n ast.Node, listDepth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		l.block(c, listDepth)
	}
}

func (l *mdLowerer) block(n ast.Node, listDepth int) {
	switch n := n.(type) {
	case *ast.Heading:
		t := l.inline(n, nil)
		if t != "" {
			l.blocks = append(l.blocks, block{kind: bHeading, level: n.Level, text: collapseSpace(t)})
		}
	case *ast.Paragraph, *ast.TextBlock:
		l.para(n)
	case *ast.List:
		if listDepth > maxNesting {
			return
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.listItem(it, listDepth)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		l.blocks = append(l.blocks, block{kind: bCode, text: l.lines(n), log: true})
	case *ast.Blockquote:
		l.walkBlocks(n, listDepth)
	case *ast.HTMLBlock:
		raw := l.lines(n)
		if n.HasClosure() {
			raw += string(appendSegment(nil, n.ClosureLine, l.body))
		}
		l.html(raw)
	case *east.Table:
		l.tableBlock(n)
	case *ast.ThematicBreak:
	default:
		if n.Type() == ast.TypeBlock {
			l.walkBlocks(n, listDepth)
		}
	}
}

func (l *mdLowerer) html(raw string) {
	if l.depth > 2 || strings.TrimSpace(raw) == "" {
		return
	}
	hd := parseHTMLFragment(raw, l.depth+1)
	l.blocks = append(l.blocks, hd.blocks...)
}

// lines returns the raw lines of a code or HTML block. Lines that are
// contiguous in the source are one substring of it, without a copy.
func (l *mdLowerer) lines(n ast.Node) string {
	lines := n.Lines()
	if lines.Len() == 0 {
		return ""
	}
	// Segment.Value would add a newline to a ForceNewline segment without
	// one; such a segment ends the run (and the copy adds the newline).
	contiguous := true
	for i := 0; i < lines.Len() && contiguous; i++ {
		seg := lines.At(i)
		contiguous = seg.Padding == 0 && (i == 0 || seg.Start == lines.At(i-1).Stop) &&
			(!seg.ForceNewline || (seg.Stop > seg.Start && l.body[seg.Stop-1] == '\n'))
	}
	if contiguous {
		return l.body[lines.At(0).Start:lines.At(lines.Len()-1).Stop]
	}
	b := l.buf[:0]
	for i := 0; i < lines.Len(); i++ {
		b = appendSegment(b, lines.At(i), l.body)
	}
	l.buf = b[:0]
	return string(b)
}

func (l *mdLowerer) para(n ast.Node) {
	var links []string
	label, rest := l.leadLabel(n)
	t := l.inline(n, &links)
	if t == "" {
		return
	}
	l.blocks = append(l.blocks, block{kind: bPara, text: t, label: label, rest: rest, links: links, checked: -1})
}

// leadLabel returns the bold label a paragraph starts with ("**Team:**
// core", "**Impact**: ...", "**Key events**") and the text after it.
func (l *mdLowerer) leadLabel(n ast.Node) (string, string) {
	first := n.FirstChild()
	if first == nil {
		return "", ""
	}
	if _, ok := first.(*east.TaskCheckBox); ok {
		first = first.NextSibling()
	}
	em, ok := first.(*ast.Emphasis)
	if !ok || em.Level != 2 {
		return "", ""
	}
	b := l.buf[:0]
	for c := em.NextSibling(); c != nil; c = c.NextSibling() {
		b = l.inlineNode(c, b, nil)
	}
	rest := string(b)
	l.buf = b[:0]
	label, rest, ok := cutLabel(l.inline(em, nil), rest)
	if !ok {
		return "", ""
	}
	return label, collapseSpace(rest)
}

func (l *mdLowerer) listItem(it ast.Node, depth int) {
	checked := int8(-1)
	var links []string
	text := "" // the item's paragraphs so far, joined by spaces
	label, rest := "", ""
	first := true
	for c := it.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if cb, ok := c.FirstChild().(*east.TaskCheckBox); ok {
				if cb.IsChecked {
					checked = 1
				} else {
					checked = 0
				}
			}
			if first {
				label, rest = l.leadLabel(c)
			}
			if t := l.inline(c, &links); text == "" {
				text = t
			} else {
				text += " " + t
			}
			first = false
		default:
			// Nested lists and code blocks follow the item as blocks of
			// their own; emit the item first.
			if text != "" || first {
				l.emitItem(text, depth, checked, label, rest, links)
				text = ""
				first = false
				links = nil
			}
			if _, isList := c.(*ast.List); isList {
				l.block(c, depth+1)
			} else {
				l.block(c, depth)
			}
			label, rest = "", ""
		}
	}
	if text != "" {
		l.emitItem(text, depth, checked, label, rest, links)
	}
}

func (l *mdLowerer) emitItem(t string, depth int, checked int8, label, rest string, links []string) {
	t = collapseSpace(t)
	if t == "" && checked < 0 {
		return
	}
	l.blocks = append(l.blocks, block{kind: bItem, level: depth, text: t, checked: checked, label: label, rest: rest, links: links})
}

func (l *mdLowerer) tableBlock(t *east.Table) {
	l.table++
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		_, header := r.(*east.TableHeader)
		cells := make([]string, 0, r.ChildCount())
		var links []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, collapseSpace(l.inline(c, &links)))
		}
		if len(cells) == 0 {
			continue
		}
		l.blocks = append(l.blocks, block{kind: bRow, cells: cells, text: strings.Join(cells, " | "), header: header, table: l.table, links: links, checked: -1})
	}
}

// inline renders the inline content of n as plain text, trimmed. Soft
// line breaks stay newlines; link targets are collected into links. Text
// that is one piece of the source is returned as a substring of it.
func (l *mdLowerer) inline(n ast.Node, links *[]string) string {
	if c := n.FirstChild(); c != nil && c.NextSibling() == nil {
		if t, ok := c.(*ast.Text); ok && !t.HardLineBreak() && !t.SoftLineBreak() && t.Segment.Padding == 0 && !t.Segment.ForceNewline {
			return strings.TrimSpace(l.body[t.Segment.Start:t.Segment.Stop])
		}
	}
	b := l.buf[:0]
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = l.inlineNode(c, b, links)
	}
	s := string(bytes.TrimSpace(b))
	l.buf = b[:0]
	return s
}

func (l *mdLowerer) inlineNode(n ast.Node, b []byte, links *[]string) []byte {
	switch n := n.(type) {
	case *ast.Text:
		b = appendSegment(b, n.Segment, l.body)
		if n.HardLineBreak() || n.SoftLineBreak() {
			b = append(b, '\n')
		}
	case *ast.String:
		b = append(b, n.Value...)
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b = appendSegment(b, t.Segment, l.body)
			} else {
				b = l.inlineNode(c, b, links)
			}
		}
	case *ast.Link:
		if links != nil {
			*links = append(*links, string(n.Destination))
		}
		b = l.inlineChildren(n, b, links)
	case *ast.AutoLink:
		if links != nil {
			*links = append(*links, string(n.URL(l.src)))
		}
		b = append(b, n.Label(l.src)...)
	case *ast.Image:
		b = l.inlineChildren(n, b, links)
	case *ast.RawHTML:
		// <br> and friends: a space keeps words apart.
		segs := n.Segments
		if segs.Len() > 0 {
			v := appendSegment(nil, segs.At(0), l.body[:min(len(l.body), segs.At(0).Start+3)])
			if len(v) >= 3 && v[0] == '<' && v[1]|0x20 == 'b' && v[2]|0x20 == 'r' {
				b = append(b, '\n')
			}
		}
	case *east.TaskCheckBox:
	default:
		b = l.inlineChildren(n, b, links)
	}
	return b
}

// appendSegment appends a segment's text as Segment.Value renders it
// (padding spaces, a forced final newline) without writing to src.
func appendSegment(b []byte, seg text.Segment, src string) []byte {
	for i := 0; i < seg.Padding; i++ {
		b = append(b, ' ')
	}
	stop := min(seg.Stop, len(src))
	if seg.Start < stop {
		b = append(b, src[seg.Start:stop]...)
	}
	if seg.ForceNewline && (seg.Padding > 0 || seg.Start < stop) && (seg.Start >= stop || src[stop-1] != '\n') {
		b = append(b, '\n')
	}
	return b
}

func (l *mdLowerer) inlineChildren(n ast.Node, b []byte, links *[]string) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = l.inlineNode(c, b, links)
	}
	return b
}

// decodeYAML decodes YAML with a guard against alias bombs: the decoded
// value may not be much larger than the input.
func decodeYAML(data []byte, out *map[string]any) error {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return err
	}
	if err := checkDecodedSize(v, len(data)); err != nil {
		return err
	}
	v = normalizeMaps(v, 0)
	switch x := v.(type) {
	case map[string]any:
		*out = x
	case nil:
	default:
		return fmt.Errorf("expected a mapping, found %T", v)
	}
	return nil
}

// reAdmonition matches the opening line of a MkDocs / Python-Markdown
// admonition ('!!! todo "Agreed in the review"', '???+ warning') and
// reCallout that of an Obsidian callout ("> [!tip] What went well",
// "> [!abstract]- Parked").
var (
	reAdmonition = regexp.MustCompile(`^(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+"([^"]*)")?[ \t]*$`)
	reCallout    = regexp.MustCompile(`^>[ \t]*\[!([\w-]+)\][+-]?[ \t]*(.*)$`)
)

// titleLines is the Markdown for the title of a block that is no
// section of its own (a callout, a tab, a shortcode): a heading of level
// when the title names a section ("What went well"), else a bold line.
func titleLines(t string, level int) []string {
	if classifyHeading(t) != "" {
		return []string{"", strings.Repeat("#", level) + " " + t, ""}
	}
	return []string{"", "**" + t + "**", ""}
}

// lowerCallouts rewrites admonitions (their body indented four spaces)
// and callouts (their body quoted) as ordinary Markdown: the title
// becomes a heading when it names a section ("What went well",
// "Considered and not taken forward" ends the follow-ups before it),
// else a bold line in the section it is in; the body is unindented or
// unquoted. Fenced code is left as it is. Text without either is
// returned unchanged.
func lowerCallouts(body string) string {
	if !strings.Contains(body, "!!! ") && !strings.Contains(body, "??? ") && !strings.Contains(body, "???+ ") &&
		!strings.Contains(body, "[!") {
		return body
	}
	lines := strings.Split(body, "\n")
	out := make([]string, 0, len(lines)+8)
	level := 2 // of the last ATX heading: a section title is its peer
	fence := ""
	title := func(kind, t string) {
		t = strings.TrimSpace(t)
		if t == "" {
			t = strings.ToUpper(kind[:1]) + kind[1:]
		}
		out = append(out, titleLines(t, level)...)
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			out = append(out, l)
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			out = append(out, l)
			continue
		}
		if strings.HasPrefix(l, "#") {
			if n := len(l) - len(strings.TrimLeft(l, "#")); n <= 6 && len(l) > n && l[n] == ' ' {
				level = max(n, 1)
			}
		}
		if m := reAdmonition.FindStringSubmatch(l); m != nil {
			title(m[1], m[2])
			for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], "    ") || strings.HasPrefix(lines[i+1], "\t") ||
				strings.TrimSpace(lines[i+1]) == "" && i+2 < len(lines) && strings.HasPrefix(lines[i+2], "    ")) {
				i++
				next := lines[i]
				if strings.HasPrefix(next, "\t") {
					next = next[1:]
				} else if len(next) >= 4 {
					next = next[4:]
				}
				out = append(out, next)
			}
			out = append(out, "")
			continue
		}
		if m := reCallout.FindStringSubmatch(l); m != nil {
			title(m[1], m[2])
			for i+1 < len(lines) && strings.HasPrefix(strings.TrimLeft(lines[i+1], " "), ">") {
				i++
				next := strings.TrimPrefix(strings.TrimLeft(lines[i], " "), ">")
				out = append(out, strings.TrimPrefix(next, " "))
			}
			out = append(out, "")
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

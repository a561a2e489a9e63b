package ingest

import (
	"bytes"
	"fmt"
	"strings"

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
	body := splitFrontMatter(src, doc)
	doc.blocks = markdownBlocks(body, doc, 0)
	return doc
}

// splitFrontMatter decodes leading front matter into doc.fields and
// returns the rest. Broken front matter gives a warning and is skipped.
func splitFrontMatter(src string, doc *rawDoc) string {
	var delim string
	switch {
	case strings.HasPrefix(src, "---\n"), strings.HasPrefix(src, "---\r\n"):
		delim = "---"
	case strings.HasPrefix(src, "+++\n"):
		delim = "+++"
	default:
		return src
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
			return src
		}
		doc.warn("front matter has no closing +++; ignored it")
		return src
	}
	fm := rest[:end]
	body := rest[min(len(rest), end+len(delim)+1):]
	m := map[string]any{}
	if delim == "---" {
		if err := decodeYAML([]byte(fm), &m); err != nil {
			doc.warn(fmt.Sprintf("broken YAML front matter (%s); parsed the rest", firstLineOf(err.Error())))
			return body
		}
	} else {
		if _, err := toml.Decode(fm, &m); err != nil {
			doc.warn(fmt.Sprintf("broken TOML front matter (%s); parsed the rest", firstLineOf(err.Error())))
			return body
		}
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
	return body
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
	src    []byte
	doc    *rawDoc
	blocks []block
	table  int
	depth  int // HTML-in-Markdown recursion guard
}

func markdownBlocks(body string, doc *rawDoc, depth int) []block {
	src := []byte(body)
	root := mdParser.Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	l := &mdLowerer{src: src, doc: doc, depth: depth, blocks: make([]block, 0, len(src)/120+8)}
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
			cl := n.ClosureLine
			raw += string(cl.Value(l.src))
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

func (l *mdLowerer) lines(n ast.Node) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(l.src))
	}
	return b.String()
}

func (l *mdLowerer) para(n ast.Node) {
	var links []string
	t := l.inline(n, &links)
	label, rest := l.leadLabel(n)
	t = strings.TrimSpace(t)
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
	var rb strings.Builder
	for c := em.NextSibling(); c != nil; c = c.NextSibling() {
		l.inlineNode(c, &rb, nil)
	}
	label, rest, ok := cutLabel(l.inline(em, nil), rb.String())
	if !ok {
		return "", ""
	}
	return label, collapseSpace(rest)
}

func (l *mdLowerer) listItem(it ast.Node, depth int) {
	checked := int8(-1)
	var links []string
	var sb strings.Builder
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
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(l.inline(c, &links))
			first = false
		default:
			// Nested lists and code blocks follow the item as blocks of
			// their own; emit the item first.
			if sb.Len() > 0 || first {
				l.emitItem(sb.String(), depth, checked, label, rest, links)
				sb.Reset()
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
	if sb.Len() > 0 {
		l.emitItem(sb.String(), depth, checked, label, rest, links)
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
		var cells []string
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

// inline renders the inline content of n as plain text. Soft line breaks
// stay newlines; link targets are collected into links.
func (l *mdLowerer) inline(n ast.Node, links *[]string) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		l.inlineNode(c, &b, links)
	}
	return strings.TrimSpace(b.String())
}

func (l *mdLowerer) inlineNode(n ast.Node, b *strings.Builder, links *[]string) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(l.src))
		if n.HardLineBreak() || n.SoftLineBreak() {
			b.WriteByte('\n')
		}
	case *ast.String:
		b.Write(n.Value)
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(l.src))
			} else {
				l.inlineNode(c, b, links)
			}
		}
	case *ast.Link:
		if links != nil {
			*links = append(*links, string(n.Destination))
		}
		l.inlineChildren(n, b, links)
	case *ast.AutoLink:
		u := string(n.URL(l.src))
		if links != nil {
			*links = append(*links, u)
		}
		b.WriteString(string(n.Label(l.src)))
	case *ast.Image:
		l.inlineChildren(n, b, links)
	case *ast.RawHTML:
		// <br> and friends: a space keeps words apart.
		segs := n.Segments
		if segs.Len() > 0 {
			seg := segs.At(0)
			v := strings.ToLower(string(seg.Value(l.src)))
			if strings.HasPrefix(v, "<br") {
				b.WriteByte('\n')
			}
		}
	case *east.TaskCheckBox:
	default:
		l.inlineChildren(n, b, links)
	}
}

func (l *mdLowerer) inlineChildren(n ast.Node, b *strings.Builder, links *[]string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		l.inlineNode(c, b, links)
	}
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

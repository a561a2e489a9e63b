package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/debrief-dev/debrief/model"
)

// parseHTML lowers an HTML page (Confluence, Google Docs and similar
// exports) to blocks: headings, paragraphs, lists, tables and pre blocks.
// Scripts, styles and other non-content elements are ignored; nesting
// deeper than maxHTMLDepth is flattened to text.
func parseHTML(src string) *rawDoc {
	doc := parseHTMLFragment(src, 0)
	return doc
}

const maxHTMLDepth = 256

func parseHTMLFragment(src string, depth int) *rawDoc {
	doc := &rawDoc{format: model.FormatHTML, fields: newFields()}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil && strings.Contains(err.Error(), "exceeds") {
		// x/net/html refuses more than 512 open elements: drop the tags
		// nested deeper than maxHTMLDepth, keep their text, and retry.
		doc.warn("HTML nested too deeply; flattened the deepest part to text")
		root, err = html.Parse(strings.NewReader(flattenDeepHTML(src, maxHTMLDepth)))
	}
	if err != nil {
		doc.warn("cannot parse HTML: " + err.Error())
		return doc
	}
	w := &htmlWalker{doc: doc, depth: depth}
	w.walk(root, 0, 0)
	w.flushPara()
	return doc
}

type htmlWalker struct {
	doc       *rawDoc
	depth     int
	para      strings.Builder // inline text being collected
	paraLinks []string
	paraLabel string
	table     int
	deepWarn  bool
	// preWrap counts the enclosing elements whose text keeps its line
	// breaks (white-space: pre-wrap, as status pages write postmortems):
	// there each line is a paragraph.
	preWrap int
}

// keepsLines reports an element whose text keeps its line breaks.
func keepsLines(n *html.Node) bool {
	for _, a := range []string{attr(n, "class"), attr(n, "style")} {
		if strings.Contains(a, "pre-wrap") || strings.Contains(a, "pre-line") {
			return true
		}
	}
	return false
}

// skipElements hold no document content.
var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Object: true, atom.Button: true, atom.Select: true, atom.Nav: true,
	atom.Head: true, atom.Math: true, atom.Canvas: true,
}

// blockElements end the paragraph being collected.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Blockquote: true, atom.Figure: true, atom.Figcaption: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Hr: true, atom.Form: true, atom.Fieldset: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Body: true, atom.Html: true,
}

func (w *htmlWalker) flushPara() {
	t := strings.TrimSpace(w.para.String())
	label := w.paraLabel
	links := w.paraLinks
	w.para.Reset()
	w.paraLinks = nil
	w.paraLabel = ""
	if t == "" {
		return
	}
	b := block{kind: bPara, text: t, links: links, checked: -1}
	b.label, b.rest = splitHTMLLabel(t, label)
	w.doc.blocks = append(w.doc.blocks, b)
}

// splitHTMLLabel checks that a paragraph starts with its bold text and
// splits it into label and rest like the Markdown lowering does.
func splitHTMLLabel(text, bold string) (string, string) {
	bold = strings.TrimSpace(bold)
	if bold == "" || !strings.HasPrefix(text, bold) {
		return "", ""
	}
	label, rest, ok := cutLabel(bold, text[len(bold):])
	if !ok {
		return "", ""
	}
	return label, rest
}

func (w *htmlWalker) walk(n *html.Node, level, listDepth int) {
	if level > maxHTMLDepth {
		if !w.deepWarn {
			w.doc.warn("HTML nested too deeply; flattened the deepest part to text")
			w.deepWarn = true
		}
		w.para.WriteString(" " + textContent(n) + " ")
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.DocumentNode:
		w.children(n, level, listDepth)
		return
	case html.ElementNode:
	default:
		return
	}
	if w.titleElement(n) || skipElements[n.DataAtom] || pageChrome(n) {
		return
	}
	if w.blockElement(n, level, listDepth) {
		return
	}
	if w.toggleTitle(n) {
		return
	}
	if depth, ok := wordListItem(n); ok {
		w.flushPara()
		w.listItem(n, level, listDepth+depth)
		return
	}
	switch n.DataAtom {
	case atom.A:
		if href := attr(n, "href"); href != "" && !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, "javascript:") {
			w.paraLinks = append(w.paraLinks, href)
		}
	case atom.Strong, atom.B:
		if strings.TrimSpace(w.para.String()) == "" && w.paraLabel == "" {
			w.paraLabel = collapseSpace(textContent(n))
		}
	}
	if n.Type == html.ElementNode && strings.HasPrefix(n.Data, "ac:") {
		// Confluence storage format: task lists and structured macros.
		switch n.Data {
		case "ac:task":
			w.flushPara()
			w.confluenceTask(n, listDepth)
			return
		case "ac:parameter", "ac:task-id", "ac:task-status":
			return
		case "ac:structured-macro":
			w.macroTitle(n)
		}
	}
	isBlock := blockElements[n.DataAtom]
	pre := keepsLines(n)
	if isBlock || pre {
		w.flushPara()
	}
	if pre {
		w.preWrap++
	}
	w.children(n, level, listDepth)
	if pre {
		w.preWrap--
	}
	if isBlock || pre {
		w.flushPara()
	}
}

// text adds a text node's data to the paragraph; where text keeps its
// line breaks (preWrap) each line ends a paragraph.
func (w *htmlWalker) text(data string) {
	if w.preWrap == 0 || strings.IndexByte(data, '\n') < 0 {
		w.para.WriteString(data)
		return
	}
	for i, l := range strings.Split(data, "\n") {
		if i > 0 {
			w.flushPara()
		}
		w.para.WriteString(l)
	}
}

// toggleTitle reads a toggle's title (Notion "Parked / not doing",
// <details><summary>) as a heading when it names a section, and reports
// whether it did.
func (w *htmlWalker) toggleTitle(n *html.Node) bool {
	if n.DataAtom != atom.Summary && !hasClassToken(n, "expand-control") {
		return false
	}
	return w.sectionTitle(collapseSpace(textContent(n)))
}

// sectionTitle emits the title of a toggle or macro as a heading when it
// names a section (and is short enough to be a title), and reports
// whether it did.
func (w *htmlWalker) sectionTitle(t string) bool {
	if t == "" || len(t) >= 80 || classifyHeading(t) == "" {
		return false
	}
	w.flushPara()
	w.doc.blocks = append(w.doc.blocks, block{kind: bHeading, level: 3, text: t, checked: -1})
	return true
}

// macroTitle reads the title of a Confluence storage-format macro (an
// expand's "Ideas discussed and not taken forward", a panel's "What went
// well") as a heading when it names a section.
func (w *htmlWalker) macroTitle(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != "ac:parameter" || attr(c, "ac:name") != "title" {
			continue
		}
		w.sectionTitle(collapseSpace(textContent(c)))
		return
	}
}

// titleElement records the document title from <head><title> and
// reports whether n was <head> or <title>.
func (w *htmlWalker) titleElement(n *html.Node) bool {
	if n.DataAtom == atom.Head {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Title && w.doc.title == "" {
				w.doc.title = collapseSpace(textContent(c))
			}
		}
		return true
	}
	if n.DataAtom == atom.Title {
		if w.doc.title == "" {
			w.doc.title = collapseSpace(textContent(n))
		}
		return true
	}
	return false
}

// blockElement lowers headings, preformatted text, lists, tables and
// line breaks, and reports whether n was one of them.
func (w *htmlWalker) blockElement(n *html.Node, level, listDepth int) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flushPara()
		t := collapseSpace(textContent(n))
		if t != "" {
			w.doc.blocks = append(w.doc.blocks, block{kind: bHeading, level: int(n.Data[1] - '0'), text: t, checked: -1})
		}
		return true
	case atom.Pre:
		w.flushPara()
		t := strings.TrimRight(textContent(n), "\n")
		if proseInPre(t) {
			// A tracker comment kept preformatted ("POSTMORTEM SUMMARY",
			// "What happened", "Follow-up bugs"): a writeup, not code.
			w.doc.blocks = append(w.doc.blocks, parseText(t).blocks...)
			return true
		}
		if strings.TrimSpace(t) != "" {
			w.doc.blocks = append(w.doc.blocks, block{kind: bCode, text: t, log: true, checked: -1})
		}
		return true
	case atom.Ul, atom.Ol:
		w.flushPara()
		depth := listDepth + flatListLevel(n)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Li {
				w.listItem(c, level+1, depth)
			} else if c.Type == html.ElementNode {
				w.walk(c, level+1, listDepth+1)
			}
		}
		w.flushPara()
		return true
	case atom.Table:
		w.flushPara()
		if layoutTable(n) {
			w.children(n, level, listDepth)
			w.flushPara()
			return true
		}
		w.tableBlock(n, level)
		return true
	case atom.Dl:
		w.flushPara()
		w.definitionList(n)
		return true
	case atom.Div, atom.Article, atom.Li:
		if hasClassToken(n, "card") {
			w.flushPara()
			w.boardCard(n, listDepth)
			return true
		}
		if hasClassToken(n, "task-macro") {
			w.flushPara()
			w.taskMacro(n, listDepth)
			return true
		}
		if n.DataAtom != atom.Div {
			return false
		}
		if key, val, ok := labelValue(n); ok {
			w.flushPara()
			if k := len(w.doc.blocks); k == 0 || w.doc.blocks[k-1].kind != bRow || w.doc.blocks[k-1].table != w.table {
				w.table++
			}
			w.doc.blocks = append(w.doc.blocks, block{kind: bRow, cells: []string{key, val}, text: key + " | " + val,
				table: w.table, checked: -1})
			return true
		}
	case atom.Br:
		w.para.WriteByte('\n')
		return true
	}
	return false
}

// definitionList lowers <dl> to a two-column table: each <dt> and the
// <dd> texts after it ("Team" | "Platform Engineering"), so definition
// lists of metadata read like key/value tables.
func (w *htmlWalker) definitionList(n *html.Node) {
	w.table++
	var key string
	var vals []string
	flush := func() {
		if key != "" || len(vals) > 0 {
			v := strings.Join(vals, "; ")
			w.doc.blocks = append(w.doc.blocks, block{kind: bRow, cells: []string{key, v}, text: key + " | " + v,
				table: w.table, checked: -1})
		}
		key, vals = "", nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		t := collapseSpace(textContent(c))
		switch c.DataAtom {
		case atom.Dt:
			flush()
			key = t
		case atom.Dd:
			if t != "" {
				vals = append(vals, t)
			}
		}
	}
	flush()
}

// hasClassToken reports an element one of whose classes is name or ends
// in "-name" ("card", "kanban-card", "board-card").
// pageChrome reports a page's tag list or breadcrumbs (class "post-tags",
// "tags", "breadcrumbs"; role "navigation"): links around the writeup,
// not part of it.
func pageChrome(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		return false
	}
	if strings.EqualFold(attr(n, "role"), "navigation") {
		return true
	}
	return hasClassToken(n, "tags") || hasClassToken(n, "breadcrumbs") || hasClassToken(n, "breadcrumb") ||
		hasClassToken(n, "tag-list")
}

func hasClassToken(n *html.Node, name string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == name || strings.HasSuffix(c, "-"+name) || strings.HasSuffix(c, "_"+name) {
			return true
		}
	}
	return false
}

// boardCard emits a card of a board view (a follow-up board grouped by
// status) as an item: its title, then its fields and its column's name
// as the item's details. The cards of a column of rejected or parked
// ideas ("Won't do") are no items; a card's checklist is part of it.
// taskMacro reads a wiki's task macro (XWiki: <div class="task-macro"
// data-status="Done"><input type="checkbox" checked/><span
// class="task-content">...</span><span class="task-info">owner · due
// ...</span></div>) as a checklist item, the lists inside its content as
// its details.
func (w *htmlWalker) taskMacro(n *html.Node, depth int) {
	checked := int8(0)
	if st := strings.ToLower(attr(n, "data-status")); st == "done" || st == "closed" {
		checked = 1
	}
	var text, info string
	var subs []string
	var visit func(c *html.Node)
	visit = func(c *html.Node) {
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case k.Type == html.TextNode:
				text += k.Data
			case k.DataAtom == atom.Ul || k.DataAtom == atom.Ol:
				for li := k.FirstChild; li != nil; li = li.NextSibling {
					if li.DataAtom == atom.Li {
						subs = append(subs, collapseSpace(textContent(li)))
					}
				}
			case k.Type == html.ElementNode:
				visit(k)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.DataAtom == atom.Input && attr(c, "type") == "checkbox":
			if _, ok := attrOK(c, "checked"); ok {
				checked = 1
			}
		case hasClassToken(c, "task-info"):
			info = collapseSpace(textContent(c))
		case c.Type == html.ElementNode:
			visit(c)
		case c.Type == html.TextNode:
			text += c.Data
		}
	}
	text = collapseSpace(text)
	if text == "" {
		return
	}
	if parts := strings.Split(info, " · "); info != "" {
		// "Natalia Kowalczyk · Infrastructure · due 2024/09/30": the
		// assignee first, then a tail of fields.
		if reOnePerson.MatchString(parts[0]) {
			text += " (owner: " + parts[0] + ")"
			parts = parts[1:]
		}
		if len(parts) > 0 {
			text += " — " + strings.Join(parts, " — ")
		}
	}
	w.doc.blocks = append(w.doc.blocks, block{kind: bItem, level: depth, text: text, checked: checked})
	for _, s := range subs {
		if s != "" {
			w.doc.blocks = append(w.doc.blocks, block{kind: bItem, level: depth + 1, text: s, checked: -1})
		}
	}
}

func (w *htmlWalker) boardCard(n *html.Node, depth int) {
	column := boardColumn(n)
	if column != "" && classifyHeading(column) == model.SectionOther {
		return
	}
	var title string
	var details []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			if c.Type == html.TextNode && title == "" {
				title = collapseSpace(c.Data)
			}
			continue
		}
		t := collapseSpace(textContent(c))
		if t == "" || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
			continue
		}
		if title == "" {
			title = t
		} else {
			details = append(details, t)
		}
	}
	if title == "" {
		return
	}
	w.doc.blocks = append(w.doc.blocks, block{kind: bItem, level: depth, text: title, checked: -1})
	if column != "" {
		details = append(details, "status: "+column)
	}
	for _, d := range details {
		w.doc.blocks = append(w.doc.blocks, block{kind: bItem, level: depth + 1, text: d, checked: -1})
	}
}

// boardColumn is the name of the board column a card is in: the
// data-group of an enclosing column or lane, else the text of its header.
func boardColumn(n *html.Node) string {
	for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if !hasClassToken(p, "column") && !hasClassToken(p, "lane") && !hasClassToken(p, "list") {
			continue
		}
		if g := attr(p, "data-group"); g != "" {
			return g
		}
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !hasClassToken(c, "card") {
				if c.FirstChild != nil && c.FirstChild.Type == html.ElementNode {
					return collapseSpace(textContent(c.FirstChild)) // header: name, count
				}
				return collapseSpace(textContent(c))
			}
		}
		return ""
	}
	return ""
}

// labelValue reads a property of a document tool's header written as a
// <div> holding a label element and a value element
// (<div><span class="control-label">Owning squad</span><span>Booking</span></div>):
// the label's class names it a label, key or name, and it is short.
func labelValue(n *html.Node) (key, val string, ok bool) {
	var kids []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			kids = append(kids, c)
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return "", "", false
			}
		}
	}
	if len(kids) != 2 || kids[0].FirstChild == nil {
		return "", "", false
	}
	class := strings.ToLower(attr(kids[0], "class"))
	if kids[0].DataAtom == atom.Div && kids[0].FirstChild.Type == html.ElementNode && class != "label" {
		// A layout <div> of elements; Redmine's <div class="label"><span>Owning
		// team</span>:</div> is a label.
		return "", "", false
	}
	if kids[0].DataAtom != atom.Label && !strings.Contains(class, "label") && !strings.Contains(class, "key") &&
		!strings.Contains(class, "prop-name") && !strings.Contains(class, "field-name") {
		return "", "", false
	}
	key = strings.TrimRight(collapseSpace(textContent(kids[0])), ":")
	val = collapseSpace(textContent(kids[1]))
	if key == "" || val == "" || wordCount(key) > 5 || len(val) > 300 {
		return "", "", false
	}
	return key, val, true
}

// reFlatListClass matches the class Google Docs gives a list to write its
// nesting level ("lst-kix_a-1" is level 1): its nested lists are sibling
// <ul>s, not children of an <li>.
var reFlatListClass = regexp.MustCompile(`\blst-kix_[A-Za-z0-9_]+-(\d)\b`)

// flatListLevel is the nesting level a list states in its class (see
// reFlatListClass), else 0.
func flatListLevel(n *html.Node) int {
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(a.Val, "lst-kix_") {
			if m := reFlatListClass.FindStringSubmatch(a.Val); m != nil {
				return int(m[1][0] - '0')
			}
		}
	}
	return 0
}

func (w *htmlWalker) children(n *html.Node, level, listDepth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		c = skipWordListMarker(c)
		if c == nil {
			break
		}
		w.walk(c, level+1, listDepth)
	}
}

// Word's HTML writes a list item as a paragraph whose bullet or number
// sits between the conditional comments <![if !supportLists]> and
// <![endif]>, with the level in its style ("mso-list:l0 level2 lfo1").

// skipWordListMarker returns c, or when c opens a Word list marker the
// node after the marker's <![endif]> (nil at the end).
func skipWordListMarker(c *html.Node) *html.Node {
	if c.Type != html.CommentNode || !strings.HasPrefix(c.Data, "[if !supportLists]") {
		return c
	}
	for c = c.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.CommentNode && strings.HasPrefix(c.Data, "[endif]") {
			return c.NextSibling
		}
	}
	return nil
}

// reWordListLevel reads the level of a Word list paragraph's style.
var reWordListLevel = regexp.MustCompile(`mso-list:\s*l\d+\s+level(\d)`)

// wordListItem reports a Word list paragraph (see skipWordListMarker) and
// its nesting depth (0 for level1).
func wordListItem(n *html.Node) (int, bool) {
	if n.DataAtom != atom.P {
		return 0, false
	}
	marker := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.CommentNode && strings.HasPrefix(c.Data, "[if !supportLists]") {
			marker = true
			break
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			break
		}
	}
	if !marker {
		return 0, false
	}
	depth := 0
	style := attr(n, "style")
	if m := reWordListLevel.FindStringSubmatch(style); m != nil {
		depth = int(m[1][0]-'0') - 1
	}
	// A sub-list written as another list at level 1 and indented by its
	// margin (Outlook: "margin-left:72.0pt;mso-list:l1 level1"): Word
	// indents each level by 36pt.
	if m := reWordMargin.FindStringSubmatch(style); m != nil {
		if pt, err := strconv.ParseFloat(m[1], 64); err == nil && pt >= 54 {
			depth = max(depth, int(pt/36+0.5)-1)
		}
	}
	return depth, true
}

// reWordMargin reads a Word paragraph's left margin in points.
var reWordMargin = regexp.MustCompile(`margin-left:\s*([0-9]+(?:\.[0-9]+)?)pt`)

// listItem emits an <li> as an item; nested lists follow as deeper items.
func (w *htmlWalker) listItem(li *html.Node, level, depth int) {
	var sb strings.Builder
	var links []string
	checked := int8(-1)
	label := ""
	var nested []*html.Node
	var collect func(n *html.Node, lvl int)
	collect = func(n *html.Node, lvl int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c = skipWordListMarker(c); c == nil {
				break
			}
			if lvl > maxHTMLDepth {
				sb.WriteString(textContent(c))
				continue
			}
			switch c.Type {
			case html.TextNode:
				sb.WriteString(c.Data)
				continue
			case html.ElementNode:
			default:
				continue
			}
			if skipElements[c.DataAtom] {
				continue
			}
			switch c.DataAtom {
			case atom.Ul, atom.Ol, atom.Table, atom.Pre:
				nested = append(nested, c)
				continue
			case atom.Input:
				if strings.EqualFold(attr(c, "type"), "checkbox") {
					checked = 0
					if _, ok := attrOK(c, "checked"); ok {
						checked = 1
					}
				}
				continue
			case atom.A:
				if href := attr(c, "href"); href != "" && !strings.HasPrefix(href, "#") {
					links = append(links, href)
				}
			case atom.Strong, atom.B:
				if strings.TrimSpace(sb.String()) == "" && label == "" {
					label = collapseSpace(textContent(c))
				}
			case atom.Br, atom.P, atom.Div:
				sb.WriteByte(' ')
			}
			collect(c, lvl+1)
		}
	}
	collect(li, level)
	t := collapseSpace(sb.String())
	if t != "" || checked >= 0 {
		b := block{kind: bItem, level: depth, text: t, checked: checked, links: links}
		b.label, b.rest = splitHTMLLabel(t, label)
		w.doc.blocks = append(w.doc.blocks, b)
	}
	for _, n := range nested {
		switch n.DataAtom {
		case atom.Ul, atom.Ol:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Li {
					w.listItem(c, level+1, depth+1)
				}
			}
		default:
			w.walk(n, level+1, depth+1)
		}
	}
}

// confluenceTask reads <ac:task><ac:task-status>complete</ac:task-status>
// <ac:task-body>...</ac:task-body></ac:task>.
func (w *htmlWalker) confluenceTask(n *html.Node, depth int) {
	checked := int8(0)
	var body string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "ac:task-status":
			if strings.TrimSpace(textContent(c)) == "complete" {
				checked = 1
			}
		case "ac:task-body":
			body = collapseSpace(textContent(c))
		}
	}
	if body != "" {
		w.doc.blocks = append(w.doc.blocks, block{kind: bItem, level: depth, text: body, checked: checked})
	}
}

// layoutTable reports a table that lays a page out rather than holding
// data, as HTML e-mails are built: role="presentation" (or "none"), or
// cells that hold headings or further tables. Its cells are read as the
// page's flow.
func layoutTable(t *html.Node) bool {
	if r := strings.ToLower(attr(t, "role")); r == "presentation" || r == "none" {
		// An e-mail's timeline can be marked presentation too: rows of
		// two or more cells of inline text are data.
		return !inlineGrid(t)
	}
	if keyValueRows(t) {
		return false // a Confluence page-properties table, a nested table in one value
	}
	var found bool
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && !found && depth < maxHTMLDepth; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				found = depth > 0 // inside a cell, not a caption
			case atom.Table:
				// A progress bar drawn as an empty table in a cell is
				// no layout.
				found = depth > 0 && strings.TrimSpace(textContent(c)) != ""
			case atom.Pre:
				// A tracker's comments, preformatted, in a cell.
				found = depth > 0 && proseInPre(textContent(c))
			default:
				walk(c, depth+1)
			}
		}
	}
	walk(t, 0)
	return found
}

// keyValueRows reports a table whose own rows (not a nested table's)
// mostly pair a <th> key with a <td> value.
func keyValueRows(t *html.Node) bool {
	rows, kv := 0, 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && depth < 4; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c, depth+1)
			case atom.Tr:
				rows++
				var cells []*html.Node
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						cells = append(cells, td)
					}
				}
				if len(cells) == 2 && cells[0].DataAtom == atom.Th && cells[1].DataAtom == atom.Td {
					kv++
				}
			}
		}
	}
	walk(t, 0)
	return rows >= 2 && kv*2 > rows
}

// inlineGrid reports a table of at least two rows, each of two or more
// cells that hold only inline content (no headings, paragraphs, lists,
// blocks or tables).
func inlineGrid(t *html.Node) bool {
	rows, ok := 0, true
	var cellBlock func(n *html.Node, depth int) bool
	cellBlock = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil && depth < maxHTMLDepth; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table, atom.P, atom.Div,
				atom.Ul, atom.Ol, atom.Blockquote, atom.Pre, atom.Img, atom.Hr:
				return true
			}
			if cellBlock(c, depth+1) {
				return true
			}
		}
		return false
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && ok && depth < maxHTMLDepth; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom != atom.Tr {
				walk(c, depth+1)
				continue
			}
			rows++
			cells := 0
			for td := c.FirstChild; td != nil; td = td.NextSibling {
				if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
					cells++
					if cellBlock(td, 0) {
						ok = false
					}
				}
			}
			if cells < 2 {
				ok = false
			}
		}
	}
	walk(t, 0)
	return ok && rows >= 2
}

func (w *htmlWalker) tableBlock(t *html.Node, level int) {
	w.table++
	id := w.table
	var rows []*html.Node
	var find func(n *html.Node, lvl int)
	find = func(n *html.Node, lvl int) {
		if lvl > maxHTMLDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Table:
				// a nested table stays part of its cell's text
			case atom.Thead, atom.Tbody, atom.Tfoot:
				find(c, lvl+1)
			}
		}
	}
	find(t, level)
	if head := classHeader(rows); head != nil {
		// A tracker's list of issues without <th>: its cells' classes
		// ("subject", "status", "assigned_to") name the columns.
		w.doc.blocks = append(w.doc.blocks, block{kind: bRow, cells: head, text: strings.Join(head, " | "),
			header: true, table: id, checked: -1})
	}
	for i, r := range rows {
		var cells []string
		var links []string
		allTH := true
		for c := r.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
				continue
			}
			if c.DataAtom != atom.Th {
				allTH = false
			}
			cells = append(cells, collapseSpace(textContent(c)))
			links = append(links, linksIn(c, level)...)
		}
		if len(cells) == 0 {
			continue
		}
		header := allTH || (i == 0 && r.Parent != nil && r.Parent.DataAtom == atom.Thead)
		w.doc.blocks = append(w.doc.blocks, block{kind: bRow, cells: cells, text: strings.Join(cells, " | "),
			header: header, table: id, links: links, checked: -1})
	}
}

// classHeader returns the column names a table without header cells
// gives its first row's cells in their classes ("subject", "status",
// "assigned_to"), when at least two of them name action-item columns; nil
// otherwise.
func classHeader(rows []*html.Node) []string {
	if len(rows) == 0 {
		return nil
	}
	var head []string
	named := 0
	for c := rows[0].FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
			continue
		}
		if c.DataAtom == atom.Th {
			return nil
		}
		class, _, _ := strings.Cut(strings.TrimSpace(attr(c, "class")), " ")
		name := strings.ReplaceAll(class, "_", " ")
		if _, ok := actionColumns[normalizeKey(name)]; ok {
			named++
		}
		head = append(head, name)
	}
	if named < 2 {
		return nil
	}
	return head
}

// textContent returns the text under n, iteratively (no recursion limit
// problems), skipping scripts and styles. Block boundaries become spaces.
func textContent(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			continue
		case html.ElementNode:
			if skipElements[c.DataAtom] {
				continue
			}
			if c.DataAtom == atom.Br || blockElements[c.DataAtom] || c.DataAtom == atom.Li || c.DataAtom == atom.Td || c.DataAtom == atom.Th {
				b.WriteByte(' ')
			}
		}
		// Push children in reverse so they pop in order.
		var kids []*html.Node
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			kids = append(kids, k)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
	return b.String()
}

func linksIn(n *html.Node, level int) []string {
	var out []string
	stack := []*html.Node{n}
	for len(stack) > 0 && len(out) < 16 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			if href := attr(c, "href"); href != "" && !strings.HasPrefix(href, "#") {
				out = append(out, href)
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			stack = append(stack, k)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// voidElements never have an end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// flattenDeepHTML re-serialises src without the start and end tags of
// elements nested deeper than limit; their text stays.
func flattenDeepHTML(src string, limit int) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	b.Grow(len(src))
	var stack []bool // per open element: was its start tag written?
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				b.Write(z.Raw())
				continue
			}
			keep := depth < limit
			stack = append(stack, keep)
			if keep {
				depth++
				b.Write(z.Raw())
			} else {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			if len(stack) == 0 {
				continue
			}
			keep := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if keep {
				depth--
				b.Write(z.Raw())
			} else {
				b.WriteByte(' ')
			}
		default:
			b.Write(z.Raw())
		}
	}
}

// reOnePerson matches a person's name alone: two or three capitalised
// words.
var reOnePerson = regexp.MustCompile(`^\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'-]+){1,2}$`)

// proseInPre reports preformatted text that is a writeup: at least eight
// lines, two of them section headings of their own (unindented, no code
// punctuation), and few code symbols.
func proseInPre(t string) bool {
	if len(t) < 200 || strings.Count(t, "\n") < 8 || strings.Count(t, "{")+strings.Count(t, ";")+strings.Count(t, "=") > 10 {
		return false
	}
	headings := 0
	for l := range strings.SplitSeq(t, "\n") {
		if h := strings.TrimSpace(l); h != "" && h == l && len(h) < 60 && classifyHeading(h) != "" {
			headings++
		}
	}
	return headings >= 2
}

package dashboard

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
)

// piece is a run of text with the findings covering it (none for plain
// text). Templates escape Text; Mark carries the finding shown on click.
type piece struct {
	Text string
	Mark *markView
}

// markView is what a highlighted run shows: its primary finding (the most
// severe) and a tooltip listing every finding covering the run.
type markView struct {
	model.Finding
	Title string
}

// highlight splits text at the boundaries of findings' [Start, End) byte
// spans. Spans outside the text, reversed, or not on UTF-8 boundaries are
// ignored (the text is still shown in full).
func highlight(text string, findings []model.Finding) []piece {
	var fs []model.Finding
	cuts := map[int]bool{0: true, len(text): true}
	for _, f := range findings {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End ||
			!boundary(text, f.Start) || !boundary(text, f.End) {
			continue
		}
		fs = append(fs, f)
		cuts[f.Start], cuts[f.End] = true, true
	}
	pos := make([]int, 0, len(cuts))
	for p := range cuts {
		pos = append(pos, p)
	}
	sort.Ints(pos)
	var out []piece
	for i := 0; i+1 < len(pos); i++ {
		a, b := pos[i], pos[i+1]
		pc := piece{Text: text[a:b]}
		var cover []model.Finding
		for _, f := range fs {
			if f.Start <= a && b <= f.End {
				cover = append(cover, f)
			}
		}
		if len(cover) > 0 {
			primary := cover[0]
			var titles []string
			for _, f := range cover {
				if rank(f) > rank(primary) {
					primary = f
				}
				t := f.Kind + "/" + f.Label + " (" + f.Rule + ")"
				if f.Message != "" {
					t += ": " + f.Message
				}
				titles = append(titles, t)
			}
			pc.Mark = &markView{Finding: primary, Title: strings.Join(titles, "\n")}
		}
		out = append(out, pc)
	}
	return out
}

// rank orders findings for display: blame over assumption over theme, then
// by severity.
func rank(f model.Finding) int {
	k := 0
	switch f.Kind {
	case model.KindBlame:
		k = 20
	case model.KindAssumption:
		k = 10
	}
	return k + model.SeverityRank(f.Severity)
}

func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}

// sectionView is one section of a postmortem with its text split into
// pieces; sentence findings are highlighted in place.
type sectionView struct {
	Kind    string
	Heading string
	Pieces  []piece
	// Blocks are Pieces laid out for the page: runs of text, and tables
	// where the section has table rows (see textBlocks).
	Blocks []textBlock
}

// textBlock is a run of text (Pieces) or, when Table is set, a table: a
// header row and rows of cells, each cell its pieces (findings stay
// highlighted inside cells).
type textBlock struct {
	Table  bool
	Pieces []piece
	Head   [][]piece
	Rows   [][][]piece
}

// cellSep is how ingest joins the cells of a table row into a line.
const cellSep = " | "

// textBlocks lays out pieces as text and tables: two or more consecutive
// lines that split into the same number (at least two) of " | "-separated
// cells are a table whose first line is the header. Everything else stays
// text, newlines included.
func textBlocks(ps []piece) []textBlock {
	lines := splitLines(ps)
	var out []textBlock
	text := func(line []piece, nl bool) {
		if len(out) == 0 || out[len(out)-1].Table {
			out = append(out, textBlock{})
		}
		b := &out[len(out)-1]
		b.Pieces = append(b.Pieces, line...)
		if nl {
			b.Pieces = append(b.Pieces, piece{Text: "\n"})
		}
	}
	for i := 0; i < len(lines); {
		n := cells(lines[i])
		j := i + 1
		for n >= 2 && j < len(lines) && cells(lines[j]) == n {
			j++
		}
		if n < 2 || j-i < 2 {
			text(lines[i], i+1 < len(lines))
			i++
			continue
		}
		t := textBlock{Table: true, Head: splitCells(lines[i])}
		for _, l := range lines[i+1 : j] {
			t.Rows = append(t.Rows, splitCells(l))
		}
		out = append(out, t)
		i = j
	}
	return out
}

// splitLines splits pieces at newlines (dropping them), keeping marks.
func splitLines(ps []piece) [][]piece {
	lines := [][]piece{nil}
	for _, p := range ps {
		parts := strings.Split(p.Text, "\n")
		for k, part := range parts {
			if k > 0 {
				lines = append(lines, nil)
			}
			if part != "" {
				lines[len(lines)-1] = append(lines[len(lines)-1], piece{Text: part, Mark: p.Mark})
			}
		}
	}
	return lines
}

// cells counts the table cells of a line (1 for a line that is not a row).
func cells(line []piece) int {
	var b strings.Builder
	for _, p := range line {
		b.WriteString(p.Text)
	}
	return strings.Count(b.String(), cellSep) + 1
}

// splitCells splits a line's pieces at the cell separators, trimming
// each cell.
func splitCells(line []piece) [][]piece {
	out := [][]piece{nil}
	for _, p := range line {
		parts := strings.Split(p.Text, cellSep)
		for k, part := range parts {
			if k > 0 {
				out = append(out, nil)
			}
			if part != "" {
				out[len(out)-1] = append(out[len(out)-1], piece{Text: part, Mark: p.Mark})
			}
		}
	}
	return out
}

// docSections lays out doc's sections with the findings of each sentence
// highlighted. A sentence whose span does not match its section text
// (inconsistent input) is still shown, but unhighlighted.
func docSections(doc *model.Postmortem) []sectionView {
	bySentence := map[int][]model.Finding{}
	for _, f := range doc.Findings {
		bySentence[f.Sentence] = append(bySentence[f.Sentence], f)
	}
	bySection := map[int][]int{}
	for i, s := range doc.Sentences {
		bySection[s.Section] = append(bySection[s.Section], i)
	}
	out := make([]sectionView, 0, len(doc.Sections))
	for si, sec := range doc.Sections {
		v := sectionView{Kind: sec.Kind, Heading: sec.Heading}
		idx := bySection[si]
		sort.Slice(idx, func(a, b int) bool { return doc.Sentences[idx[a]].Start < doc.Sentences[idx[b]].Start })
		at := 0
		for _, i := range idx {
			s := doc.Sentences[i]
			if s.Start < at || s.End > len(sec.Text) || s.Start > s.End || sec.Text[s.Start:s.End] != s.Text {
				continue
			}
			if s.Start > at {
				v.Pieces = append(v.Pieces, piece{Text: sec.Text[at:s.Start]})
			}
			v.Pieces = append(v.Pieces, highlight(s.Text, bySentence[i])...)
			at = s.End
		}
		if at < len(sec.Text) {
			v.Pieces = append(v.Pieces, piece{Text: sec.Text[at:]})
		}
		v.Blocks = textBlocks(v.Pieces)
		out = append(out, v)
	}
	return out
}

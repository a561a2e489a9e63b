package ingest

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/debrief-dev/debrief/model"
)

// Template recognition. A template is a document whose sections are
// empty, placeholders ("[Insert summary]", "<describe the impact>",
// "TBD", "{{owner}}", "(Names)") or instructions ("Describe what
// happened", "List the action items"), with almost no real prose.

var (
	rePlaceholder    = regexp.MustCompile(`(?i)\[[^\]\n]{0,80}\]|<[^>\n]{1,80}>|\{\{[^}\n]{0,80}\}\}|\((?:names?|name\(s\)|owner|date|tbd|link|incident #?)\)|\b(?:tbd|tba|todo|n/a|xx:xx|yyyy-mm-dd|hh:mm|lorem ipsum)\b|_{3,}|\.{3,}`)
	instructionVerbs = []string{"describe", "explain", "list", "summarize", "summarise", "include", "provide",
		"add", "insert", "enter", "fill in", "write", "replace", "link to", "document", "outline", "detail",
		"identify", "state", "note", "specify", "give", "template", "sample template", "use this", "brief description",
		"copy this", "delete this", "remove this", "e.g", "for example", "optional"}
)

// filledLetters counts letters of real content in text, up to limit:
// placeholders, instructions and questions do not count.
func filledLetters(text string, limit int) int {
	n := 0
	for len(text) > 0 && n < limit {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		l := strings.TrimSpace(line)
		l = strings.TrimLeft(l, "-*> ")
		l = strings.TrimPrefix(strings.TrimPrefix(l, "[ ] "), "[x] ")
		if l == "" {
			continue
		}
		if isInstructionAny(l) || strings.HasSuffix(l, "?") {
			continue
		}
		if strings.Contains(l, " | ") {
			// Table row: count only cells that are not labels of empty pairs.
			cells := strings.Split(l, " | ")
			empty := 0
			for _, c := range cells {
				if !mayHavePlaceholderFold(c) {
					if strings.TrimSpace(c) == "" {
						empty++
					}
					continue
				}
				if strings.TrimSpace(rePlaceholder.ReplaceAllString(c, "")) == "" {
					empty++
				}
			}
			if empty*2 >= len(cells) {
				continue
			}
		}
		if len(l) < 200 && mayHavePlaceholderFold(l) {
			l = rePlaceholder.ReplaceAllString(l, " ")
		}
		for _, r := range l {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
				n++
			}
		}
	}
	return n
}

// isInstructionAny is isInstruction(strings.ToLower(s)), without
// lower-casing ASCII text.
func isInstructionAny(s string) bool {
	if !isASCII(s) {
		return isInstruction(strings.ToLower(s))
	}
	for _, v := range instructionVerbs {
		if len(s) >= len(v) && strings.EqualFold(s[:len(v)], v) && (len(s) == len(v) || s[len(v)] == ' ' || s[len(v)] == ':') {
			return true
		}
	}
	return len(s) >= 13 && strings.EqualFold(s[:13], "template from") || containsFold(s, "this template")
}

func isInstruction(low string) bool {
	for _, v := range instructionVerbs {
		if strings.HasPrefix(low, v) && (len(low) == len(v) || low[len(v)] == ' ' || low[len(v)] == ':') {
			return true
		}
	}
	return strings.HasPrefix(low, "template from") || strings.Contains(low, "this template")
}

// checkTemplate returns an error wrapping ErrTemplate when the document
// is a template.
func checkTemplate(pm *model.Postmortem, secs []*section, f *fields) error {
	if len(pm.Sections) < 3 {
		return nil
	}
	// Cheap pass first: most documents have real text in most sections.
	empty := 0
	for _, s := range pm.Sections {
		if !hasProseLine(s.Text) && filledLetters(s.Text, 25) < 25 {
			empty++
		}
	}
	if empty*2 < len(pm.Sections) {
		return nil
	}
	filled := 0
	for _, s := range pm.Sections {
		filled += filledLetters(s.Text, 1200)
		if filled >= 1200 {
			return nil
		}
	}
	titleLow := strings.ToLower(pm.Title)
	templTitle := strings.Contains(titleLow, "template") || strings.HasPrefix(titleLow, "title") ||
		rePlaceholder.MatchString(pm.Title) || strings.Contains(titleLow, "incident name")
	placeholders := 0
	for _, s := range pm.Sections {
		placeholders += len(rePlaceholder.FindAllStringIndex(s.Text, 20))
		if s.Text == "" {
			placeholders++ // a heading with nothing under it
		}
		placeholders += instructionLines(s.Text)
	}
	ratio := float64(empty) / float64(len(pm.Sections))
	// Short sections alone do not make a template (a terse but real
	// export has them too): it also needs placeholders, empty headings or
	// instructions.
	switch {
	case ratio >= 0.75 && filled < 600 && placeholders >= 2:
	case ratio >= 0.6 && filled < 300 && placeholders >= 3:
	case templTitle && ratio >= 0.5 && filled < 1200:
	default:
		return nil
	}
	return fmt.Errorf("%w: %d of %d sections are empty or placeholders", ErrTemplate, empty, len(pm.Sections))
}

// instructionLines counts lines that tell the author what to write
// ("Describe the impact", "What went well?").
func instructionLines(text string) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimLeft(strings.TrimSpace(line), "-*> ")
		if l != "" && (isInstructionAny(l) || strings.HasSuffix(l, "?")) {
			n++
		}
	}
	return n
}

// placeholderWords are the words rePlaceholder matches (or their start).
var placeholderWords = []string{"tbd", "tba", "todo", "n/a", "xx:xx", "yyyy", "hh:mm", "lorem"}

// mayHavePlaceholderFold is a cheap necessary condition for a rePlaceholder
// match in l (its words compared ignoring ASCII case).
func mayHavePlaceholderFold(l string) bool {
	if strings.ContainsAny(l, "[<{(") || strings.Contains(l, "___") || strings.Contains(l, "...") {
		return true
	}
	for _, w := range placeholderWords {
		if containsFold(l, w) {
			return true
		}
	}
	return false
}

// hasProseLine is a cheap test for real content: a line of eight or more
// words without placeholder brackets that is not an instruction.
func hasProseLine(text string) bool {
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if len(line) < 40 || strings.ContainsAny(line, "[<{(") || strings.HasSuffix(line, "?") || wordCount(line) < 8 {
			continue
		}
		trimmed := strings.TrimLeft(line, "-*> ")
		if isInstructionAny(trimmed[:min(len(trimmed), 24)]) || strings.Contains(line, "template") || strings.Contains(line, "...") ||
			strings.Contains(line, "___") || strings.Contains(line, "TBD") || strings.Contains(line, "TODO") {
			continue
		}
		return true
	}
	return false
}

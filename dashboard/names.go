package dashboard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelName is a finding label as readers see it: "human-error" ->
// "Human error".
func labelName(label string) string {
	s := strings.ReplaceAll(label, "-", " ")
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// ruleName is a rule as readers see it: its label's name, with the rule's
// own variant when the rule is one of several for the label
// ("blame.failed-to" with label counterfactual -> "Counterfactual: failed
// to"; "assumption.surprise" -> "Surprise").
func (s *Server) ruleName(id string) string {
	_, variant, ok := strings.Cut(id, ".")
	if !ok {
		return id
	}
	label := ""
	if info, ok := s.opts.Rules[id]; ok {
		label = info.Label
	}
	if label == "" {
		return labelName(variant)
	}
	variant = strings.TrimPrefix(strings.TrimPrefix(variant, label), "-")
	if variant == "" {
		return labelName(label)
	}
	return labelName(label) + ": " + strings.ReplaceAll(variant, "-", " ")
}

package dashboard

import (
	"strings"

	"github.com/debrief-dev/debrief/taxonomy"
)

// ruleName is a rule as readers see it: its label's display name, with
// the rule's own variant when the rule is one of several for the label
// ("blame.failed-to" with label counterfactual -> "Counterfactual: failed
// to"; "assumption.surprise" -> "Surprise").
func (s *Server) ruleName(id string) string {
	_, variant, ok := strings.Cut(id, ".")
	if !ok {
		return id
	}
	label := s.ruleLabel(id)
	if label == "" {
		return taxonomy.Display(variant)
	}
	variant = strings.TrimPrefix(strings.TrimPrefix(variant, label), "-")
	if variant == "" {
		return taxonomy.Display(label)
	}
	return taxonomy.Display(label) + ": " + strings.ReplaceAll(variant, "-", " ")
}

// ruleLabel is the label a rule tags ("" when the rule is unknown).
func (s *Server) ruleLabel(id string) string {
	if info, ok := s.opts.Rules[id]; ok {
		return info.Label
	}
	return ""
}

// labelColor is the taxonomy colour of a label given by its name or its
// display name ("" for labels outside the taxonomy).
func labelColor(name string) string {
	if c := taxonomy.Color(name); c != "" {
		return c
	}
	for _, l := range taxonomy.All() {
		if l.Display == name {
			return l.Color
		}
	}
	return ""
}

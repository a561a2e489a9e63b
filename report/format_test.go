package report

import (
	"testing"

	"github.com/debrief-dev/debrief/taxonomy"
)

func TestFormatters(t *testing.T) {
	cases := []struct{ got, want string }{
		{Percent(2.0 / 3), "67%"},
		{Percent(0), "0%"},
		{Points(0.583), "+58 pts"},
		{Points(-0.4167), "−42 pts"},
		{Points(0.001), "±0 pts"},
		{Minutes(0), "n/a"},
		{Minutes(45.4), "45 min"},
		{Minutes(125), "2 h 05 min"},
		{Minutes(3*24*60 + 4*60 + 10), "3 d 4 h"},
		{Change(12, 8), "+4, +50%"},
		{Change(6, 8), "−2, −25%"},
		{Change(7, 3), "+4, from 3"}, // no "+133%" on a base of 3
		{Change(3, 4), "−1, from 4"},
		{Change(4, 4), "no change"},
		{Change(4, 0), "new"},
		{ThemeName("capacity"), "Capacity"},
		{capFirst("élan vital"), "Élan vital"},
		{capFirst(""), ""},
		{plural(1, "event", "events"), "1 event"},
		{plural(0, "event", "events"), "0 events"},
		{times(1), "once"},
		{times(2), "twice"},
		{times(5), "5 times"},
		{joinAnd([]string{"a"}), "a"},
		{joinAnd([]string{"a", "b"}), "a and b"},
		{joinAnd([]string{"a", "b", "c"}), "a, b and c"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestSeverityOrder(t *testing.T) {
	in := []string{"low", NoSeverity, "SEV3", "critical", "P1", "sev-0", "weird", "high"}
	want := []string{"sev-0", "P1", "SEV3", "critical", "high", "low", "weird", NoSeverity}
	got := append([]string(nil), in...)
	for i := 1; i < len(got); i++ {
		for j := i; j > 0 && severityLess(got[j], got[j-1]); j-- {
			got[j], got[j-1] = got[j-1], got[j]
		}
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted %v, want %v", got, want)
		}
	}
}

// Every built-in theme has a review prompt, and no prompt is for a theme the
// taxonomy does not define.
func TestThemePromptsCoverTaxonomy(t *testing.T) {
	themes := taxonomy.Labels(taxonomy.Theme)
	if len(themePrompts) != len(themes) {
		t.Errorf("%d prompts for %d themes", len(themePrompts), len(themes))
	}
	for _, th := range themes {
		if themePrompts[th] == "" {
			t.Errorf("theme %s has no prompt", th)
		}
	}
}

package taxonomy

import (
	"regexp"
	"testing"
)

func TestVocabulary(t *testing.T) {
	want := map[string][]string{
		Blame:      {"human-error", "counterfactual", "judgmental", "single-root-cause"},
		Assumption: {"belief", "surprise"},
		Theme: {"change", "capacity", "dependency", "detection", "time", "data",
			"network", "security", "automation", "communication"},
	}
	if got := Kinds(); len(got) != 3 || got[0] != Blame || got[1] != Assumption || got[2] != Theme {
		t.Fatalf("Kinds() = %v", got)
	}
	n := 0
	for kind, labels := range want {
		got := Labels(kind)
		if len(got) != len(labels) {
			t.Fatalf("Labels(%q) = %v, want %v", kind, got, labels)
		}
		for i, l := range labels {
			if got[i] != l {
				t.Errorf("Labels(%q)[%d] = %q, want %q", kind, i, got[i], l)
			}
			if !Valid(kind, l) || KindOf(l) != kind {
				t.Errorf("Valid(%q, %q) = false or KindOf = %q", kind, l, KindOf(l))
			}
			n++
		}
	}
	if len(AllLabels()) != n || len(All()) != n {
		t.Errorf("AllLabels() has %d, All() %d, want %d", len(AllLabels()), len(All()), n)
	}
	if Labels("nope") != nil || ValidKind("nope") || !ValidKind(Theme) {
		t.Error("unknown kind accepted or theme rejected")
	}
	// Returned slices are copies.
	Labels(Blame)[0] = "mutated"
	if Labels(Blame)[0] != HumanError {
		t.Error("Labels returned the package's slice")
	}
}

func TestValid(t *testing.T) {
	for _, tc := range []struct {
		kind, label string
		want        bool
	}{
		{Blame, "human-error", true},
		{Assumption, "surprise", true},
		{Theme, "communication", true},
		{Theme, "human-error", false}, // right label, wrong kind
		{Blame, "individual", false},  // drifted names that never existed
		{Blame, "hindsight", false},
		{Blame, "careless", false},
		{Assumption, "expectation", false},
		{Blame, "", false},
		{"", "belief", false},
	} {
		if got := Valid(tc.kind, tc.label); got != tc.want {
			t.Errorf("Valid(%q, %q) = %v, want %v", tc.kind, tc.label, got, tc.want)
		}
	}
}

func TestAttributes(t *testing.T) {
	hex := regexp.MustCompile(`^#[0-9a-f]{6}$`)
	seen := map[string]map[string]string{}
	for _, l := range All() {
		if !hex.MatchString(l.Color) {
			t.Errorf("%s: colour %q is not #rrggbb", l.Name, l.Color)
		}
		if seen[l.Kind] == nil {
			seen[l.Kind] = map[string]string{}
		}
		if other, dup := seen[l.Kind][l.Color]; dup {
			t.Errorf("%s and %s (kind %s) share colour %s", l.Name, other, l.Kind, l.Color)
		}
		seen[l.Kind][l.Color] = l.Name
		if l.Display == "" || l.Description == "" {
			t.Errorf("%s: empty display name or description", l.Name)
		}
		if Display(l.Name) != l.Display || Color(l.Name) != l.Color || Description(l.Name) != l.Description {
			t.Errorf("%s: lookups disagree with All()", l.Name)
		}
		wantTone := map[string]Tone{Blame: ToneBlame, Assumption: ToneGoodNews, Theme: ToneNeutral}[l.Kind]
		if l.Tone != wantTone || GoodNews(l.Name) != (wantTone == ToneGoodNews) || IsBlame(l.Name) != (wantTone == ToneBlame) {
			t.Errorf("%s: tone %v, want %v", l.Name, l.Tone, wantTone)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"human-error", "Human error"},
		{"single-root-cause", "Single root cause"},
		{"capacity", "Capacity"},
		{"x-runbook-gap", "X runbook gap"},
		{"", ""},
	} {
		if got := Display(tc.in); got != tc.want {
			t.Errorf("Display(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if Color("x-mine") != "" || GoodNews("x-mine") || IsBlame("x-mine") {
		t.Error("an unknown label has attributes")
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{{"x-mine", true}, {"x-", false}, {"human-error", false}, {"xmine", false}} {
		if IsExtension(tc.in) != tc.want {
			t.Errorf("IsExtension(%q) = %v", tc.in, !tc.want)
		}
	}
}

package analysis

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/debrief-dev/debrief/model"
)

// TestBadRules checks each strict-decoding error of testdata/badrules:
// the error names the file and, where it has one, the line.
func TestBadRules(t *testing.T) {
	cases := []struct {
		file string
		line int
		want string
	}{
		{"unknown-key.yml", 7, "field colour not found"},
		{"bad-regex.yml", 6, "bad regular expression"},
		{"unknown-kind.yml", 2, `unknown kind "praise"`},
		{"unknown-label.yml", 3, `unknown label "finger-pointing"`},
		{"missing-id.yml", 1, `missing required field "id"`},
		{"missing-message.yml", 1, `missing required field "message"`},
		{"missing-examples.yml", 1, "missing examples.match"},
		{"missing-phrases.yml", 5, `missing required field "phrases"`},
		{"missing-suggestion.yml", 1, `missing required field "suggestion"`},
		{"bad-severity.yml", 4, `unknown severity "fatal"`},
		{"bad-type.yml", 5, `unknown type "fuzzy"`},
		{"bad-phrase.yml", 8, "must start with a required word"},
		{"bad-subject.yml", 8, `unknown context.subject "robot"`},
		{"bad-skip-after.yml", 8, `context.skip_after[0] "Found": want one lower-case word`},
		{"named-no-introducers.yml", 5, `missing required field "introducers" for type named`},
		{"named-bad-introducer.yml", 8, `introducer "cloud provider": want one lower-case word`},
		{"context-on-phrase.yml", 7, "context checks need type: context"},
		{"wrong-field-type.yml", 7, "cannot unmarshal"},
		{"syntax-error.yml", 0, "syntax-error.yml"},
		{"empty-regex.yml", 6, "matches the empty string"},
		{"two-documents.yml", 8, "more than one YAML document"},
		{"empty.yml", 0, "empty rule file"},
	}
	files, _ := filepath.Glob("testdata/badrules/*.yml")
	if len(files) != len(cases) {
		t.Errorf("%d bad rule files, %d cases: keep them in step", len(files), len(cases))
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata/badrules", c.file)
			_, err := LoadRuleFile(path)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("error %q: want it to start with %s and contain %q", err, path, c.want)
			}
			var re *RuleError
			if errors.As(err, &re) && c.line > 0 && re.Line != c.line {
				t.Errorf("error %q: line %d, want %d", err, re.Line, c.line)
			}
		})
	}
	// A directory of bad rules fails New, naming every bad file.
	_, err := New(Options{RulesDirs: []string{"testdata/badrules"}})
	if err == nil {
		t.Fatal("New accepted bad rules")
	}
	for _, c := range cases {
		if !strings.Contains(err.Error(), c.file) {
			t.Errorf("New error does not mention %s", c.file)
		}
	}
}

func writeRule(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUserRules: a rules directory adds rules (including regex rules with
// a token prefilter and custom "x-" labels), replaces built-ins by id, and
// Disable switches rules off.
func TestUserRules(t *testing.T) {
	dir := t.TempDir()
	writeRule(t, dir, "hero.yml", `id: team.hero
kind: blame
label: x-heroics
message: Celebrates heroics instead of fixing the system.
suggestion: Ask why heroics were needed.
type: regex
pattern: '\bsaved the day\b'
tokens: [saved]
examples:
  match: [Alice saved the day again.]
  no_match: [We saved the file.]
`)
	writeRule(t, dir, "judgmental.yml", `id: blame.judgmental-obvious
kind: blame
label: judgmental
severity: error
message: Replaced.
suggestion: Replaced suggestion.
type: phrase
phrases: [trivially]
examples:
  match: [The fix was trivially wrong.]
`)
	a, err := New(Options{RulesDirs: []string{dir}, Disable: []string{"theme.change"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.CheckExamples(); err != nil {
		t.Fatal(err)
	}
	got := map[string]model.Finding{}
	for _, f := range a.AnalyzeText("Alice saved the day after the deploy. The fix was trivially wrong and obviously late.") {
		got[f.Rule] = f
	}
	if f, ok := got["team.hero"]; !ok || f.Label != "x-heroics" || f.Match != "saved the day" {
		t.Errorf("user regex rule: %+v", got)
	}
	if f := got["blame.judgmental-obvious"]; f.Match != "trivially" || f.Severity != "error" {
		t.Errorf("replaced built-in: %+v", f)
	}
	if _, ok := got["theme.change"]; ok {
		t.Error("disabled rule theme.change fired")
	}
	for _, r := range a.Rules() {
		if r.ID == "team.hero" && !strings.HasSuffix(r.Source, "hero.yml") {
			t.Errorf("source %q", r.Source)
		}
	}
	if _, err := New(Options{Disable: []string{"no.such-rule"}}); err == nil || !strings.Contains(err.Error(), "no.such-rule") {
		t.Errorf("unknown disable id: %v", err)
	}
	if _, err := New(Options{RulesDirs: []string{filepath.Join(dir, "missing")}}); err == nil {
		t.Error("missing rules dir accepted")
	}
	// Built-ins off: only the user rules.
	only, err := New(Options{NoBuiltins: true, RulesDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(only.Rules()); n != 2 {
		t.Errorf("NoBuiltins: %d rules", n)
	}
}

// TestAnalyzeTextSpans: offsets are into the text, Match is the text at
// them, Sentence indexes nlp.Sentences, and order is by start then rule.
func TestAnalyzeTextSpans(t *testing.T) {
	text := "Summary line.\n\nThe root cause was human error. We should have alerted sooner, but nobody knew the disk was full."
	fs := Default().AnalyzeText(text)
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	labels := map[string]int{}
	for i, f := range fs {
		if text[f.Start:f.End] != f.Match {
			t.Errorf("%+v: text[start:end] = %q", f, text[f.Start:f.End])
		}
		if i > 0 && (fs[i-1].Start > f.Start || fs[i-1].Start == f.Start && fs[i-1].Rule > f.Rule) {
			t.Errorf("order: %+v before %+v", fs[i-1], f)
		}
		labels[f.Kind+"/"+f.Label] = f.Sentence
	}
	want := map[string]int{"blame/single-root-cause": 1, "blame/human-error": 1, "blame/counterfactual": 2,
		"assumption/surprise": 2, "theme/capacity": 2}
	for l, s := range want {
		if got, ok := labels[l]; !ok || got != s {
			t.Errorf("%s: sentence %d (found %v), want %d; all %v", l, got, ok, s, labels)
		}
	}
}

// TestConcurrent: identical findings on 1 and N goroutines.
func TestConcurrent(t *testing.T) {
	data := loadLabelled(t)
	a := Default()
	want := make([][]model.Finding, len(data))
	for i, d := range data {
		want[i] = a.AnalyzeText(d.Text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range data {
				i := (k + g*53) % len(data)
				if got := a.AnalyzeText(data[i].Text); !reflect.DeepEqual(got, want[i]) {
					errs <- data[i].Text
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("different findings under concurrency for %q", e)
	}
}

// TestContextChecks exercises negation, quotation, plans and subjects on
// the built-in rules.
func TestContextChecks(t *testing.T) {
	cases := []struct {
		text  string
		label string // kind/label expected, or "" for no blame at all
	}{
		{"This was not human error.", ""},
		{"It wasn't a mistake by the engineer.", ""},
		{"Human error was ruled out early.", ""},
		{`We never write "root cause" in reports.`, ""},
		{"We avoid the term root cause.", ""},
		{"We avoid the phrase ‘human error’.", ""},
		{"We should have alerting on this queue.", ""},
		{"In the future we will be more careful with the wording of alerts.", "blame/judgmental"},
		{"The job failed to start.", ""},
		{"The engineer failed to start the migration on time.", "blame/counterfactual"},
		{"The team's script failed to notice the lock.", ""},
		{"- Failed to follow the runbook", "blame/counterfactual"},
		{"The engineer should have checked.", "blame/counterfactual"},
		{"We should have checked.", "blame/counterfactual"},
		{"We should've checked.", "blame/counterfactual"},
		{"The root causes were many.", ""},
		{"The root cause was a typo.", "blame/single-root-cause"},
	}
	a := Default()
	for _, c := range cases {
		got := map[string]bool{}
		for _, f := range a.AnalyzeText(c.text) {
			if f.Kind == model.KindBlame {
				got[f.Kind+"/"+f.Label] = true
			}
		}
		if c.label == "" && len(got) > 0 {
			t.Errorf("%q: unexpected blame %v", c.text, got)
		}
		if c.label != "" && !got[c.label] {
			t.Errorf("%q: want %s, got %v", c.text, c.label, got)
		}
	}
}

func TestInflections(t *testing.T) {
	cases := map[string][]string{
		"fail":       {"fails", "failed", "failing"},
		"deploy":     {"deploys", "deployed", "deploying"},
		"slip":       {"slipped", "slipping"},
		"cause":      {"causes", "caused", "causing"},
		"rely":       {"relies", "relied"},
		"forget":     {"forgot", "forgotten"},
		"rate-limit": {"rate-limited", "rate-limiting"},
	}
	for w, want := range cases {
		got := map[string]bool{}
		for _, f := range inflections(w) {
			got[f] = true
		}
		for _, f := range want {
			if !got[f] {
				t.Errorf("inflections(%q) lacks %q: %v", w, f, inflections(w))
			}
		}
	}
}

func TestPhraseSyntax(t *testing.T) {
	cases := []struct {
		phrase string
		text   string
		match  string
	}{
		{"fail~ to notice", "They failed to notice it.", "failed to notice"},
		{"should|could have", "We could have known.", "could have"},
		{"root cause !(", "Root Cause(s)", ""},
		{"root cause !(", "the root cause was", "root cause"},
		{"was really? wrong", "It was wrong.", "was wrong"},
		{"was really? wrong", "It was really wrong.", "was really wrong"},
		{"did not know", "We didn't know.", "didn't know"},
		{"had * {participle}", "had we tested", "had we tested"},
		{"{person} assumed", "The engineer assumed so.", "engineer assumed"},
		{"root cause :", "Root cause: disk", "Root cause:"},
	}
	for _, c := range cases {
		ph, err := compilePhrase(c.phrase, false)
		if err != nil {
			t.Fatalf("%q: %v", c.phrase, err)
		}
		r := &rule{info: RuleInfo{ID: "t", Kind: "theme", Label: "change"}, phrases: []*phrase{ph}}
		a := build([]*rule{r})
		fs := a.AnalyzeText(c.text)
		got := ""
		if len(fs) > 0 {
			got = fs[0].Match
		}
		if got != c.match {
			t.Errorf("%q on %q: got %q, want %q", c.phrase, c.text, got, c.match)
		}
	}
	for _, bad := range []string{"", "* x", "x? y", "!a b", "{color} x", "{participle} x", "x !a?", "x didn't|never", "x !didn't"} {
		if _, err := compilePhrase(bad, false); err == nil {
			t.Errorf("compilePhrase(%q) accepted", bad)
		}
	}
}

func TestDocumentThemesAndQuality(t *testing.T) {
	pm := &model.Postmortem{
		Sections: []model.Section{
			{Kind: model.SectionSummary, Text: "We deployed a bad config. The disk filled up."},
			{Kind: model.SectionImpact, Text: "Users saw errors for an hour."},
			{Kind: model.SectionRootCause, Text: "The root cause was human error."},
		},
		Sentences: []model.Sentence{
			{Section: 0, Start: 0, End: 25, Text: "We deployed a bad config."},
			{Section: 0, Start: 26, End: 45, Text: "The disk filled up."},
			{Section: 1, Start: 0, End: 29, Text: "Users saw errors for an hour."},
			{Section: 2, Start: 0, End: 31, Text: "The root cause was human error."},
		},
	}
	Default().AnalyzeDocument(pm)
	weights := map[string]float64{}
	for _, th := range pm.Themes {
		weights[th.Label] = th.Weight
	}
	total := float64(25 + 19 + 29 + 31)
	if w := weights["change"]; w < 25/total-0.001 || w > 25/total+0.001 {
		t.Errorf("change weight %v, want %.4f (themes %v)", w, 25/total, pm.Themes)
	}
	if w := weights["capacity"]; w < 19/total-0.001 || w > 19/total+0.001 {
		t.Errorf("capacity weight %v, want %.4f", w, 19/total)
	}
	q := pm.Quality
	if q == nil || q.Score <= 0 || q.Score >= 60 {
		t.Fatalf("quality %+v", q)
	}
	for _, m := range []string{"timeline", "action-items", "lessons"} {
		if !contains(q.Missing, m) {
			t.Errorf("missing %v lacks %s", q.Missing, m)
		}
	}
	sum, max := 0.0, 0.0
	for _, r := range q.Reasons {
		sum += r.Points
		max += r.Max
	}
	if max != 100 || int(sum+0.5) != q.Score {
		t.Errorf("reasons add to %v/%v, score %d", sum, max, q.Score)
	}

	// A complete writeup scores well.
	good := &model.Postmortem{
		Sections: []model.Section{
			{Kind: model.SectionSummary, Text: strings.Repeat("The cache was expected to absorb load. ", 20)},
			{Kind: model.SectionImpact, Text: strings.Repeat("Users saw slow pages. ", 20)},
			{Kind: model.SectionTimeline, Text: strings.Repeat("10:00 deploy. ", 20)},
			{Kind: model.SectionRootCause, Text: strings.Repeat("Contributing factors included the cache. ", 20)},
			{Kind: model.SectionActionItems, Text: "Add alerting."},
			{Kind: model.SectionWentWell, Text: "Fast rollback."},
			{Kind: model.SectionGotLucky, Text: "It was a quiet day."},
		},
		Sentences: []model.Sentence{
			{Text: "The cache was expected to absorb load."},
			{Text: "It turned out the cache was cold."},
		},
		Timeline:    []model.TimelineEvent{{AtText: "10:00", Text: "deploy"}, {AtText: "10:05", Text: "alert"}, {AtText: "10:20", Text: "rollback"}, {AtText: "10:30", Text: "resolved"}, {AtText: "11:00", Text: "review"}},
		ActionItems: []model.ActionItem{{Text: "Add alerting", Owner: "sam"}},
	}
	Default().AnalyzeDocument(good)
	if good.Quality.Score < 80 || len(good.Quality.Missing) != 0 {
		t.Errorf("complete writeup: %+v", good.Quality)
	}
}

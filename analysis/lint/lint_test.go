package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/model"
)

// parse reads and parses a fixture with the real ingest parser.
func parse(t *testing.T, path string) Input {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pm, err := ingest.Parse(path, src, ingest.Options{})
	return Input{Path: path, Source: src, Doc: pm, Err: err}
}

func issueAt(t *testing.T, issues []Issue, rule string) Issue {
	t.Helper()
	for _, is := range issues {
		if is.Rule == rule {
			return is
		}
	}
	t.Fatalf("no issue from %s in %+v", rule, issues)
	return Issue{}
}

// TestPositions: findings map back to line:col in the original markdown,
// through emphasis markup and line wrapping.
func TestPositions(t *testing.T) {
	in := parse(t, "testdata/incident.md")
	if in.Err != nil {
		t.Fatal(in.Err)
	}
	res, err := Check([]Input{in}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	issues := res[0].Issues
	want := map[string]Position{
		"blame.single-root-cause":     {Line: 12, Col: 7},  // The **root cause** was
		"blame.human-error":           {Line: 12, Col: 24}, // human error
		"blame.counterfactual-active": {Line: 36, Col: 13}, // should have checked
	}
	for rule, p := range want {
		is := issueAt(t, issues, rule)
		if is.Position != p || !is.Located {
			t.Errorf("%s at %d:%d (located %v), want %d:%d", rule, is.Line, is.Col, is.Located, p.Line, p.Col)
		}
	}
	// fat-fingered starts line 13 (the sentence wraps).
	for _, is := range issues {
		if is.Match == "fat-fingered" && (is.Line != 13 || is.Col != 1) {
			t.Errorf("fat-fingered at %d:%d, want 13:1", is.Line, is.Col)
		}
	}
	// Default min severity is warning: no info findings.
	for _, is := range issues {
		if model.SeverityRank(is.Severity) < model.SeverityRank(model.SeverityWarning) {
			t.Errorf("info finding reported at default severity: %+v", is)
		}
	}
}

func TestRunFormatsAndExit(t *testing.T) {
	bad := parse(t, "testdata/incident.md")
	clean := parse(t, "testdata/clean.md")

	var out bytes.Buffer
	code, err := Run([]Input{bad, clean}, Config{}, FormatText, &out)
	if err != nil || code != ExitFindings {
		t.Fatalf("text: exit %d, err %v", code, err)
	}
	text := out.String()
	for _, want := range []string{
		"testdata/incident.md:12:7: warning: Frames the incident as having a single root cause. [blame.single-root-cause]",
		`    "root cause"`,
		"    suggestion: List the contributing factors",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b[") {
		t.Error("colour written to a non-terminal")
	}

	out.Reset()
	code, _ = Run([]Input{clean}, Config{}, FormatText, &out)
	if code != ExitClean || out.Len() != 0 {
		t.Errorf("clean file: exit %d, output %q", code, out.String())
	}

	out.Reset()
	code, _ = Run([]Input{bad}, Config{}, FormatJSON, &out)
	var doc struct {
		Files []FileResult `json:"files"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || code != ExitFindings {
		t.Fatalf("json: exit %d, %v: %s", code, err, out.String())
	}
	if len(doc.Files) != 1 || len(doc.Files[0].Issues) == 0 || doc.Files[0].Issues[0].Line == 0 {
		t.Errorf("json: %+v", doc)
	}

	out.Reset()
	if _, err := Run([]Input{bad}, Config{}, FormatGitHub, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "::warning file=testdata/incident.md,line=12,col=7,title=blame.single-root-cause::") {
		t.Errorf("github output:\n%s", out.String())
	}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.HasPrefix(line, "::") {
			t.Errorf("github output line is not a workflow command: %q", line)
		}
	}

	// Thresholds: error hides warnings -> clean; info shows assumptions.
	out.Reset()
	code, _ = Run([]Input{bad}, Config{MinSeverity: "error"}, FormatText, &out)
	if code != ExitClean {
		t.Errorf("min severity error: exit %d\n%s", code, out.String())
	}
	res, _ := Check([]Input{bad}, Config{MinSeverity: "info"})
	issueAt(t, res[0].Issues, "assumption.belief")

	// Scores.
	out.Reset()
	code, _ = Run([]Input{clean}, Config{Score: true}, FormatText, &out)
	if code != ExitClean || !strings.Contains(out.String(), "testdata/clean.md: quality ") || !strings.Contains(out.String(), "missing: timeline") {
		t.Errorf("score: exit %d\n%s", code, out.String())
	}
	code, _ = Run([]Input{clean}, Config{MinScore: 90}, FormatText, &out)
	if code != ExitFindings {
		t.Errorf("min_score 90 on a thin writeup: exit %d", code)
	}

	// Usage errors and unreadable files: exit 2.
	if code, err := Run([]Input{clean}, Config{}, "xml", &out); code != ExitUsage || err == nil {
		t.Errorf("bad format: %d %v", code, err)
	}
	if code, err := Run([]Input{clean}, Config{MinSeverity: "loud"}, "", &out); code != ExitUsage || err == nil {
		t.Errorf("bad severity: %d %v", code, err)
	}
	if code, err := Run([]Input{clean}, Config{Disable: []string{"nope"}}, "", &out); code != ExitUsage || err == nil {
		t.Errorf("bad disable: %d %v", code, err)
	}
	out.Reset()
	code, _ = Run([]Input{{Path: "missing.md", Err: errors.New("open missing.md: no such file")}, bad}, Config{}, FormatText, &out)
	if code != ExitUsage || !strings.Contains(out.String(), "missing.md: error: open missing.md") {
		t.Errorf("unreadable: exit %d\n%s", code, out.String())
	}
}

func TestColor(t *testing.T) {
	in := parse(t, "testdata/incident.md")
	var out bytes.Buffer
	if _, err := Run([]Input{in}, Config{Color: "always"}, FormatText, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\x1b[33mwarning\x1b[0m") {
		t.Errorf("no colour with color: always:\n%q", out.String())
	}
}

// TestPositionFallback: a match that is not in the source falls back to
// its sentence, then to 1:1, and says so.
func TestPositionFallback(t *testing.T) {
	pm := &model.Postmortem{
		Sections:  []model.Section{{Kind: model.SectionSummary, Text: "The root cause was human error."}},
		Sentences: []model.Sentence{{Text: "The root cause was human error.", End: 31}},
	}
	res, err := Check([]Input{{Path: "x.md", Source: []byte("something else entirely\n"), Doc: pm}}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range res[0].Issues {
		if is.Located || is.Line != 1 || is.Col != 1 {
			t.Errorf("fallback: %+v", is)
		}
	}
	if len(res[0].Issues) == 0 {
		t.Error("no issues")
	}
	// Repeated phrases resolve to the right occurrence, in order.
	src := "# A\n\nWe should have checked.\n\n# B\n\nWe should have checked.\n"
	pm2 := &model.Postmortem{
		Sentences: []model.Sentence{{Text: "We should have checked."}, {Text: "We should have checked."}},
	}
	res, _ = Check([]Input{{Path: "y.md", Source: []byte(src), Doc: pm2}}, Config{})
	if len(res[0].Issues) != 2 || res[0].Issues[0].Line != 3 || res[0].Issues[1].Line != 7 {
		t.Errorf("repeated: %+v", res[0].Issues)
	}
}

func TestConfig(t *testing.T) {
	c, path, err := ConfigFor("testdata/repo/team/pm.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, filepath.Join("repo", ".debrief.yml")) || c.MinSeverity != "info" || !c.Score || len(c.Disable) != 1 {
		t.Errorf("config %+v from %s", c, path)
	}
	in := parse(t, "testdata/repo/team/pm.md")
	res, err := Check([]Input{in}, c)
	if err != nil {
		t.Fatal(err)
	}
	issueAt(t, res[0].Issues, "blame.single-root-cause")
	for _, is := range res[0].Issues {
		if is.Rule == "theme.change" {
			t.Error("disabled theme.change reported")
		}
	}
	if res[0].Quality == nil {
		t.Error("score: true gave no quality")
	}

	_, err = LoadConfig("testdata/bad.debrief.yml")
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Line != 2 || !strings.Contains(err.Error(), "testdata/bad.debrief.yml:2:") || !strings.Contains(err.Error(), "colour") {
		t.Errorf("strict config: %v", err)
	}
	// No config anywhere above a temp dir.
	c, path, err = ConfigFor(t.TempDir())
	if err != nil || path != "" || c.MinSeverity != "" {
		t.Errorf("no config: %+v %q %v", c, path, err)
	}
	// rules_dirs are relative to the config file.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte("rules_dirs: [rules]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = LoadConfig(filepath.Join(dir, ConfigFile))
	if err != nil || len(c.RulesDirs) != 1 || c.RulesDirs[0] != filepath.Join(dir, "rules") {
		t.Errorf("rules_dirs: %+v %v", c, err)
	}
}

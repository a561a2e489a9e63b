package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
)

// corpusDir is the shared corpus of real postmortems, when present.
const corpusDir = "../../shared/corpus"

func corpusFiles(t testing.TB, sub ...string) []string {
	t.Helper()
	var files []string
	for _, s := range sub {
		dir := filepath.Join(corpusDir, s)
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		err := Walk([]string{dir}, func(p string, _ int64) error {
			files = append(files, p)
			return nil
		}, func(p string, err error) { t.Errorf("walk %s: %v", p, err) })
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

var (
	reFileDate = regexp.MustCompile(`(?:^|[^0-9])(\d{4}-\d{2}-\d{2})(?:[^0-9]|$)`)
	reFMDate   = regexp.MustCompile(`(?m)^date:\s*"?(\d{4}-\d{2}-\d{2})`)
)

// expectedDate derives a file's date independently of the parser: the
// ISO date in its file name, else a "date:" line in its front matter.
func expectedDate(p string, data []byte) string {
	if m := reFileDate.FindStringSubmatch(filepath.Base(p)); m != nil {
		return m[1]
	}
	if strings.HasPrefix(string(data), "---") {
		if m := reFMDate.FindSubmatch(data); m != nil {
			return string(m[1])
		}
	}
	return ""
}

func TestCorpus(t *testing.T) {
	files := corpusFiles(t, "postmortems", "postmortems-pdf-text")
	if len(files) < 100 {
		t.Fatalf("found only %d corpus files", len(files))
	}
	checked, right := 0, 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pm, err := Parse(p, data, Options{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		checkInvariants(t, p, pm)
		if strings.TrimSpace(pm.Title) == "" {
			t.Errorf("%s: no title", p)
		}
		var hasTimeline, hasActions bool
		for _, s := range pm.Sections {
			if s.Kind == model.SectionTimeline && hasEntryText(s.Text) {
				hasTimeline = true
			}
			if s.Kind == model.SectionActionItems && strings.TrimSpace(s.Text) != "" && !isNonItem(s.Text) {
				hasActions = true
			}
		}
		if hasTimeline && len(pm.Timeline) == 0 {
			t.Errorf("%s: timeline section but no events", p)
		}
		if hasActions && len(pm.ActionItems) == 0 {
			t.Errorf("%s: action-items section but no items", p)
		}
		if want := expectedDate(p, data); want != "" {
			checked++
			got := ""
			if pm.Date != nil {
				got = pm.Date.Format("2006-01-02")
			}
			if got == want {
				right++
			} else {
				t.Logf("date mismatch %s: got %q, file says %q", filepath.Base(p), got, want)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no file with an independently known date")
	}
	acc := float64(right) / float64(checked)
	t.Logf("date accuracy: %d/%d = %.1f%% (files with a date in the file name or front matter)", right, checked, 100*acc)
	if acc < 0.95 {
		t.Errorf("date accuracy %.1f%% < 95%%", 100*acc)
	}
}

func TestCorpusTemplates(t *testing.T) {
	files := corpusFiles(t, "templates")
	for _, p := range files {
		_, err := ParseFile(p, Options{})
		if !errors.Is(err, ErrTemplate) {
			t.Errorf("%s: want ErrTemplate, got %v", p, err)
		}
	}
}

// checkInvariants asserts what every parsed postmortem must satisfy.
func checkInvariants(t testing.TB, name string, pm *model.Postmortem) {
	t.Helper()
	if pm.Title == "" {
		t.Errorf("%s: empty title", name)
	}
	if pm.ID == "" || pm.Version == "" {
		t.Errorf("%s: missing id or version", name)
	}
	for i, s := range pm.Sentences {
		if s.Section < 0 || s.Section >= len(pm.Sections) {
			t.Fatalf("%s: sentence %d: section %d out of range", name, i, s.Section)
		}
		text := pm.Sections[s.Section].Text
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Fatalf("%s: sentence %d: span [%d,%d) out of range (len %d)", name, i, s.Start, s.End, len(text))
		}
		if text[s.Start:s.End] != s.Text {
			t.Fatalf("%s: sentence %d: text %q != span %q", name, i, s.Text, text[s.Start:s.End])
		}
	}
	valid := map[string]bool{}
	for _, k := range model.SectionKinds {
		valid[k] = true
	}
	for _, s := range pm.Sections {
		if !valid[s.Kind] {
			t.Errorf("%s: unknown section kind %q", name, s.Kind)
		}
	}
	for _, a := range pm.ActionItems {
		switch a.Status {
		case "", "open", "done", "in-progress":
		default:
			t.Errorf("%s: action item status %q", name, a.Status)
		}
	}
}

// hasEntryText reports a timeline text with more than a bare date line.
func hasEntryText(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if m, rest, ok := leadingStamp(line); ok && rest == "" && !m.hasTime {
			continue
		}
		return true
	}
	return false
}

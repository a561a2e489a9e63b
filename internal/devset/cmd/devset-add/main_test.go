package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/internal/devset"
)

// TestRun labels a whole file and an enriched span of a temp corpus and
// checks the records Load reads back.
func TestRun(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "postmortems")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	a := "# Summary\n\nWe assumed the cron ran daily. The disk filled up.\n\n## Timeline\n"
	b := "The operator fat-fingered the replica count. Nothing else happened here.\n"
	for name, text := range map[string]string{"x__a.md": a, "y__b.md": b} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ann := filepath.Join(t.TempDir(), "a.ann")
	// Candidates of a: 0 "Summary" (fragment), 1 "We assumed...", 2 "The disk filled up.", 3 "Timeline".
	if err := os.WriteFile(ann, []byte("@ postmortems/x__a.md\n1 B ti au\n# a comment\n@+ postmortems/y__b.md\n0 H ca\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := run(root, data, []string{ann}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	exs, err := devset.LoadData(root, data, raw, "w.jsonl", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ex := range exs {
		got = append(got, ex.Text+" "+strings.Join(ex.Labels, ","))
		if ex.Enriched != (ex.File == "postmortems/y__b.md") {
			t.Errorf("%s: enriched = %v", ex.ID, ex.Enriched)
		}
	}
	want := []string{
		"We assumed the cron ran daily. assumption/belief,theme/automation,theme/time",
		"The disk filled up. ",
		"The operator fat-fingered the replica count. blame/human-error,theme/capacity",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Relabelling replaces, a bad code names the line, a missing candidate is refused.
	for _, tc := range []struct{ ann, want string }{
		{"@ postmortems/x__a.md\n1 Q\n", "a.ann:2: unknown label code \"Q\""},
		{"@ postmortems/x__a.md\n9 B\n", "candidate 9 of postmortems/x__a.md does not exist"},
		{"1 B\n", "candidate before any '@ FILE' line"},
	} {
		if err := os.WriteFile(ann, []byte(tc.ann), 0o644); err != nil {
			t.Fatal(err)
		}
		err := run(root, data, []string{ann})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("annotation %q: err %v, want %q", tc.ann, err, tc.want)
		}
	}
}

package ingest

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/internal/synth"
)

// decodeFlatYAML must give what yaml.v3 gives, or decline.
func checkFlatYAML(t *testing.T, name, src string) (handled bool) {
	t.Helper()
	flat, ok := decodeFlatYAML(src)
	if !ok {
		return false
	}
	want := map[string]any{}
	if err := decodeYAML([]byte(src), &want); err != nil {
		t.Errorf("%s: fast path decoded front matter that yaml.v3 rejects (%v):\n%s", name, err, src)
		return true
	}
	if got := normalizeMaps(flat, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: fast path gives %#v, yaml.v3 gives %#v for:\n%s", name, got, want, src)
	}
	return true
}

func TestFlatYAML(t *testing.T) {
	cases := []struct {
		src     string
		handled bool
	}{
		{"title: Disk full\nteam: core\n", true},
		{"title: \"Disk full: again\"\ndate: 2024-03-03\n", true},
		{"started_at: 2024-03-03T14:05:00Z\nresolved_at: 2024-03-03 15:00:00\n", true},
		{"services: [\"api\", \"db\"]\nauthors: [alice, bob]\ntags: []\n", true},
		{"# comment\n\ntitle: 'single quoted'\n", true},
		{"id: idn-2026-000156\nseverity: SEV2\n", true},
		// Declined: the general decoder decides.
		{"title: Disk full: again\n", false},
		{"count: 12\n", false},
		{"draft: true\n", false},
		{"owner: null\n", false},
		{"team:\n  name: core\n", false},
		{"authors:\n  - alice\n", false},
		{"title: \"esc\\\"aped\"\n", false},
		{"title: x # comment\n", false},
		{"title: José\n", false},
		{"title: a\ntitle: b\n", false},
		{"tags: [a: b]\n", false},
		{"tags: [\"a, b\"]\n", false},
		{"date: 2024-13-45\n", false},
		{"key:value\n", false},
		{"  indented: x\n", false},
		{"*alias: x\n", false},
	}
	for _, c := range cases {
		if got := checkFlatYAML(t, "case", c.src); got != c.handled {
			t.Errorf("decodeFlatYAML(%q) handled = %v, want %v", c.src, got, c.handled)
		}
	}
}

// The fast path agrees with yaml.v3 on the front matter of the fixtures,
// the shared corpus and synthetic documents.
func TestFlatYAMLAgreesWithYAML(t *testing.T) {
	var docs []string
	entries, _ := os.ReadDir(fixtureDir)
	for _, e := range entries {
		if data, err := os.ReadFile(fixtureDir + "/" + e.Name()); err == nil {
			docs = append(docs, string(data))
		}
	}
	if _, err := os.Stat(corpusDir); err == nil {
		for _, p := range corpusFiles(t, "postmortems") {
			if data, err := os.ReadFile(p); err == nil {
				docs = append(docs, string(data))
			}
		}
	}
	_ = synth.Generate(synth.Options{Seed: 3, N: 300}, func(d synth.Doc) error {
		docs = append(docs, string(d.Data))
		return nil
	})
	handled, total := 0, 0
	for _, d := range docs {
		if !strings.HasPrefix(d, "---\n") {
			continue
		}
		rest := d[4:]
		end := strings.Index(rest, "\n---\n")
		if end < 0 {
			continue
		}
		total++
		if checkFlatYAML(t, "front matter", rest[:end+1]) {
			handled++
		}
	}
	t.Logf("fast path handled %d of %d YAML front matters", handled, total)
	if total > 0 && handled == 0 {
		t.Error("the fast path handled no front matter")
	}
}

// FuzzFlatYAML: whatever the fast path accepts, yaml.v3 decodes to the
// same value.
func FuzzFlatYAML(f *testing.F) {
	for _, s := range []string{
		"title: Disk full\nteam: core\n", "date: 2024-03-03\nstarted_at: 2024-03-03T14:05:00Z\n",
		"services: [\"api\", db]\n", "title: 'x'\n# c\n", "a: 2024-1-2 3:4:5\n", "k-1: v_2\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkFlatYAML(t, "fuzz", src)
	})
}

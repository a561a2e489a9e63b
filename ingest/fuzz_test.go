package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for every parser entry. Each asserts that parsing never
// panics and that a parsed postmortem keeps its invariants (sentence
// spans point into section text, a title, known section kinds). Seeds
// are the fixtures plus testdata/fuzz/<Target>/.

func addFixtureSeeds(f *testing.F, exts ...string) {
	entries, _ := os.ReadDir(fixtureDir)
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".golden.json") {
			continue
		}
		match := len(exts) == 0
		for _, x := range exts {
			if strings.HasSuffix(name, x) {
				match = true
			}
		}
		if !match {
			continue
		}
		if data, err := os.ReadFile(filepath.Join(fixtureDir, name)); err == nil {
			f.Add(data)
		}
	}
}

func fuzzParse(t *testing.T, path string, data []byte) {
	pm, err := Parse(path, data, Options{MaxBytes: 1 << 20})
	if err != nil {
		if err.Error() == "" {
			t.Fatal("empty error message")
		}
		return
	}
	checkInvariants(t, path, pm)
	for _, s := range pm.Sections {
		if !utf8.ValidString(s.Text) {
			t.Fatalf("section %q text is not valid UTF-8", s.Heading)
		}
	}
	if pm.Source.Bytes != int64(len(data)) {
		t.Fatalf("source bytes %d != %d", pm.Source.Bytes, len(data))
	}
}

func FuzzParseMarkdown(f *testing.F) {
	addFixtureSeeds(f, ".md", ".erb")
	f.Add([]byte("---\ntitle: x\n---\n# T\n\n- **Key events**\n  - Fault 2020-02-12 11:45\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.md", data) })
}

func FuzzParseHTML(f *testing.F) {
	addFixtureSeeds(f, ".html")
	f.Add([]byte("<table><tr><th>Time</th></tr><tr><td>10:00</td><td>x</td></tr></table>"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.html", data) })
}

func FuzzParseText(f *testing.F) {
	addFixtureSeeds(f, ".txt")
	f.Add([]byte("TITLE\n=====\n\nTIMELINE\n10:00  a\n          b\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.txt", data) })
}

func FuzzParseJSON(f *testing.F) {
	addFixtureSeeds(f, ".json")
	f.Add([]byte(`[{"title":"x","timeline":["10:00 a"],"action_items":["b"]}]`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.json", data) })
}

func FuzzParseYAML(f *testing.F) {
	addFixtureSeeds(f, ".yaml")
	f.Add([]byte("title: x\ntimeline:\n  - at: '10:00'\n    text: a\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.yaml", data) })
}

// FuzzParse exercises format sniffing: files without an extension.
func FuzzParse(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "incidents/NOTES", data) })
}

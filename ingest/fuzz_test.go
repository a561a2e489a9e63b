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

// FuzzParseMarkup covers the markups lowered by extension (MDX,
// reStructuredText, AsciiDoc, notebooks, WebVTT): the first byte picks
// the extension, the rest is the file.
func FuzzParseMarkup(f *testing.F) {
	f.Add([]byte("0export const followUps = [\n  {title: 'a', owner: 'b'},\n];\n<Tabs>\n<TabItem label=\"Follow-ups\">\n<T items={followUps} />\n</TabItem>\n"))
	f.Add([]byte("1Title\n=====\n\n:Owner: X\n\n.. list-table::\n   :header-rows: 1\n\n   * - a\n     - b\n\n+---+---+\n| a | b |\n+===+===+\n| c | d |\n+---+---+\n"))
	f.Add([]byte("2= T\n:team: X\n\n== Follow-ups\n\n|===\n|a |b\n\n|c |d\n|===\n"))
	f.Add([]byte(`3{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": ["# T\n", "owner:: [[X]]\n"]}]}`))
	f.Add([]byte("4WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Impact was 10:00 to 10:30 UTC.</v>\n"))
	exts := []string{".mdx", ".rst", ".adoc", ".ipynb", ".vtt"}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		fuzzParse(t, "fuzz"+exts[int(data[0])%len(exts)], data[1:])
	})
}

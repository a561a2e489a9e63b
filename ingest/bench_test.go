package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type benchFile struct {
	path string
	data []byte
}

func loadBench(b *testing.B, files []string) []benchFile {
	b.Helper()
	var out []benchFile
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, benchFile{p, data})
	}
	return out
}

func runParseBench(b *testing.B, files []benchFile) {
	b.Helper()
	if len(files) == 0 {
		b.Skip("no input files")
	}
	total := 0
	for _, f := range files {
		total += len(f.data)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if _, err := Parse(f.path, f.data, Options{}); err != nil {
				b.Fatalf("%s: %v", f.path, err)
			}
		}
	}
}

// BenchmarkParseCorpus parses every real postmortem of the shared corpus
// (Markdown and PagerDuty text); MB/s is parse-only throughput.
func BenchmarkParseCorpus(b *testing.B) {
	runParseBench(b, loadBench(b, corpusFiles(b, "postmortems", "postmortems-pdf-text")))
}

// Per-format benchmarks on the fixtures of testdata/ingest.
func BenchmarkParseFormat(b *testing.B) {
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		b.Fatal(err)
	}
	byFormat := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".golden.json") || strings.Contains(name, "template") {
			continue
		}
		f, _ := sniff(name, "")
		if name == "INCIDENT-2019-11-05" {
			f = "markdown"
		}
		byFormat[f] = append(byFormat[f], filepath.Join(fixtureDir, name))
	}
	for _, f := range []string{"markdown", "html", "text", "json", "yaml"} {
		files := loadBench(b, byFormat[f])
		b.Run(f, func(b *testing.B) { runParseBench(b, files) })
	}
	b.Run("corpus-markdown", func(b *testing.B) { runParseBench(b, loadBench(b, corpusFiles(b, "postmortems"))) })
	b.Run("corpus-pdf-text", func(b *testing.B) { runParseBench(b, loadBench(b, corpusFiles(b, "postmortems-pdf-text"))) })
}

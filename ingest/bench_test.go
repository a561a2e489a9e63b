package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/internal/synth"
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

// synthBench generates n synthetic postmortems (every format) in memory.
func synthBench(b *testing.B, n int) []benchFile {
	b.Helper()
	var out []benchFile
	err := synth.Generate(synth.Options{Seed: 1, N: n}, func(d synth.Doc) error {
		out = append(out, benchFile{d.Path, d.Data})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func totalBytes(files []benchFile) int64 {
	total := int64(0)
	for _, f := range files {
		total += int64(len(f.data))
	}
	return total
}

// cpuTime is the CPU time (user + system, all threads, GC included) the
// process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds "cpu-MB/s": bytes parsed per second of CPU time. On a
// machine shared with other work the wall-clock MB/s understates what the
// parser does; cpu-MB/s times the number of idle cores bounds the
// throughput it reaches there.
func reportCPU(b *testing.B, start time.Duration, bytes int64) {
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/used.Seconds(), "cpu-MB/s")
	}
}

// runParseBench parses every file once per iteration on one goroutine.
func runParseBench(b *testing.B, files []benchFile) {
	b.Helper()
	if len(files) == 0 {
		b.Skip("no input files")
	}
	total := totalBytes(files)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if _, err := Parse(f.path, f.data, Options{}); err != nil && !isTemplateErr(err) {
				b.Fatalf("%s: %v", f.path, err)
			}
		}
	}
	b.StopTimer()
	reportCPU(b, start, total)
}

// runParseBenchParallel parses the files from GOMAXPROCS goroutines (b.RunParallel):
// one iteration is one file, so MB/s is the throughput of all cores together.
func runParseBenchParallel(b *testing.B, files []benchFile) {
	b.Helper()
	if len(files) == 0 {
		b.Skip("no input files")
	}
	b.SetBytes(totalBytes(files) / int64(len(files)))
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	var next atomic.Uint64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f := files[(next.Add(1)-1)%uint64(len(files))]
			if _, err := Parse(f.path, f.data, Options{}); err != nil && !isTemplateErr(err) {
				b.Errorf("%s: %v", f.path, err)
				return
			}
		}
	})
	b.StopTimer()
	// Files differ in size: report CPU throughput from the mean size.
	reportCPU(b, start, totalBytes(files)/int64(len(files)))
}

func isTemplateErr(err error) bool { return errors.Is(err, ErrTemplate) }

// BenchmarkParseCorpus parses every real postmortem of the shared corpus
// (Markdown and PagerDuty text) on one goroutine; MB/s is parse-only
// throughput of one core.
func BenchmarkParseCorpus(b *testing.B) {
	runParseBench(b, loadBench(b, corpusFiles(b, "postmortems", "postmortems-pdf-text")))
}

// BenchmarkParseCorpusParallel parses the shared corpus on all cores
// (GOMAXPROCS goroutines): what "MB/s on this machine" means.
func BenchmarkParseCorpusParallel(b *testing.B) {
	runParseBenchParallel(b, loadBench(b, corpusFiles(b, "postmortems", "postmortems-pdf-text")))
}

// BenchmarkParseSynthetic parses 500 synthetic postmortems in every
// format, on one goroutine and on all cores.
func BenchmarkParseSynthetic(b *testing.B) {
	files := synthBench(b, 500)
	b.Run("serial", func(b *testing.B) { runParseBench(b, files) })
	b.Run("parallel", func(b *testing.B) { runParseBenchParallel(b, files) })
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

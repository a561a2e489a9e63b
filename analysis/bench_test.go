package analysis

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/debrief-dev/debrief/nlp"
)

// corpusDocs returns the texts of ../shared/corpus (relative to the repo
// root), or skips.
func corpusDocs(tb testing.TB) []string {
	tb.Helper()
	var docs []string
	for _, pat := range []string{"../../shared/corpus/*/*.md", "../../shared/corpus/*/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err == nil {
				docs = append(docs, string(b))
			}
		}
	}
	if len(docs) == 0 {
		tb.Skip("corpus not available at ../../shared/corpus")
	}
	return docs
}

// syntheticDocs builds ~n bytes of postmortem-like text from the labelled
// sentences (deterministic), in documents of ~8 KB.
func syntheticDocs(tb testing.TB, n int) []string {
	f, err := os.ReadFile("testdata/labelled.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	var sents []string
	for _, line := range strings.Split(string(f), "\n") {
		if i := strings.Index(line, `"text": "`); i >= 0 {
			s := line[i+9:]
			if j := strings.Index(s, `", "labels"`); j >= 0 {
				sents = append(sents, strings.ReplaceAll(s[:j], `\"`, `"`))
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	var docs []string
	var b strings.Builder
	total := 0
	for total < n {
		b.Reset()
		b.WriteString("## Summary\n\n")
		for b.Len() < 8000 {
			for k := 0; k < 4; k++ {
				b.WriteString(sents[rng.Intn(len(sents))])
				b.WriteByte(' ')
			}
			b.WriteString("\n\n")
		}
		docs = append(docs, b.String())
		total += b.Len()
	}
	return docs
}

func totalBytes(docs []string) int {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return n
}

// tagParallel runs the full tagger over docs on `workers` goroutines.
func tagParallel(a *Analyzer, docs []string, workers int) {
	var wg sync.WaitGroup
	next := make(chan string)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				a.AnalyzeText(d)
			}
		}()
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
}

func countSentences(docs []string) int {
	n := 0
	for _, d := range docs {
		n += len(nlp.Sentences(d))
	}
	return n
}

func benchTagger(b *testing.B, docs []string) {
	a := Default()
	b.SetBytes(int64(totalBytes(docs)))
	perRun := countSentences(docs)
	b.ResetTimer()
	cpu0 := cpuSeconds()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		tagParallel(a, docs, 2)
	}
	el := time.Since(start).Seconds()
	cpu := cpuSeconds() - cpu0
	b.ReportMetric(float64(perRun*b.N)/el, "sentences/s")
	// The machine is shared: CPU-time throughput is the figure that does
	// not depend on how busy the other processes keep the two cores.
	if cpu > 0 {
		b.ReportMetric(float64(totalBytes(docs)*b.N)/1e6/cpu, "MB/cpu-s")
	}
}

// cpuSeconds is the user+system CPU time of this process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkTagger measures the full tagger (sentences, tokens, every
// rule) on 2 goroutines, over the real corpus and over synthetic text.
func BenchmarkTagger(b *testing.B) {
	b.Run("corpus", func(b *testing.B) { benchTagger(b, corpusDocs(b)) })
	b.Run("synthetic", func(b *testing.B) { benchTagger(b, syntheticDocs(b, 4<<20)) })
}

// naiveRules compiles every phrase of every rule into its own regexp, the
// way a first version would match: every rule on every sentence.
func naiveRules(a *Analyzer) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, r := range a.rules {
		if r.re != nil {
			out = append(out, r.re)
			continue
		}
		for _, ph := range r.phrases {
			var parts []string
			for _, f := range strings.Fields(ph.src) {
				f = strings.TrimSuffix(strings.TrimSuffix(f, "?"), "~")
				switch {
				case strings.HasPrefix(f, "!"):
					continue
				case f == "*" || strings.HasPrefix(f, "{"):
					parts = append(parts, `\w+`)
				default:
					alts := strings.Split(f, "|")
					for i := range alts {
						alts[i] = regexp.QuoteMeta(strings.TrimSuffix(alts[i], "~")) + `\w*`
					}
					parts = append(parts, "(?:"+strings.Join(alts, "|")+")")
				}
			}
			out = append(out, regexp.MustCompile(`(?i)\b`+strings.Join(parts, `\W+`)))
		}
	}
	return out
}

// naivePipeline is the baseline: prose.NewDocument per document with
// default options (segmentation, tokenization, tagging, NER), then every
// rule's regexp on every sentence.
func naivePipeline(docs []string, res []*regexp.Regexp) int {
	n := 0
	for _, d := range docs {
		doc, err := prose.NewDocument(d)
		if err != nil {
			continue
		}
		for _, s := range doc.Sentences() {
			for _, re := range res {
				if re.MatchString(s.Text) {
					n++
				}
			}
		}
	}
	return n
}

// BenchmarkTaggerVsNaive runs, in the same benchmark, the full tagger on
// 2 goroutines and the naive pipeline on 2 goroutines over the same corpus
// sample, and reports both throughputs and the speedup.
func BenchmarkTaggerVsNaive(b *testing.B) {
	docs := corpusDocs(b)
	if len(docs) > 12 {
		docs = docs[:12] // the naive pipeline is slow; a sample is enough
	}
	a := Default()
	res := naiveRules(a)
	size := float64(totalBytes(docs)) / 1e6
	b.ResetTimer()
	var fast, slow time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		tagParallel(a, docs, 2)
		fast += time.Since(t0)

		t1 := time.Now()
		var wg sync.WaitGroup
		half := len(docs) / 2
		for _, part := range [][]string{docs[:half], docs[half:]} {
			wg.Add(1)
			go func(p []string) { defer wg.Done(); naivePipeline(p, res) }(part)
		}
		wg.Wait()
		slow += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(size*n/fast.Seconds(), "tagger_MB/s")
	b.ReportMetric(size*n/slow.Seconds(), "naive_MB/s")
	b.ReportMetric(slow.Seconds()/fast.Seconds(), "speedup")
}

// BenchmarkAnalyzeSentence: one typical sentence, for allocation checks.
func BenchmarkAnalyzeSentence(b *testing.B) {
	a := Default()
	s := "The on-call engineer should have noticed that the disk on the primary database was almost full."
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		a.AnalyzeSentence(s, 0)
	}
}

// BenchmarkAnalyzeTextSerial: the full tagger on one goroutine over the
// corpus (a stable per-core figure on a busy machine).
func BenchmarkAnalyzeTextSerial(b *testing.B) {
	docs := corpusDocs(b)
	a := Default()
	b.SetBytes(int64(totalBytes(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			a.AnalyzeText(d)
		}
	}
}

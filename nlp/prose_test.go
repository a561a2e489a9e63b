package nlp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/debrief-dev/debrief/nlp/internal/prosebridge"
)

// corpusDir is the shared corpus of real postmortems, relative to this
// package; tests that need it skip when it is absent.
const corpusDir = "../../shared/corpus"

// corpusTexts returns the text of every corpus file, or skips the test.
func corpusTexts(tb testing.TB) []string {
	tb.Helper()
	var texts []string
	err := filepath.WalkDir(corpusDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (!strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".txt")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		texts = append(texts, string(b))
		return nil
	})
	if err != nil || len(texts) == 0 {
		tb.Skipf("corpus not available at %s: %v", corpusDir, err)
	}
	return texts
}

// proseParagraphs extracts the plain-prose paragraphs of the corpus: blank
// line separated blocks with no list, table, heading, code or quote lines,
// joined into one line each. That is the text punkt was trained for, so it
// is where agreement with prose is a fair measure.
func proseParagraphs(tb testing.TB) []string {
	var paras []string
	for _, text := range corpusTexts(tb) {
		inCode := false
		for _, block := range strings.Split(text, "\n\n") {
			lines := strings.Split(strings.TrimSpace(block), "\n")
			ok := len(lines) > 0 && lines[0] != ""
			for _, l := range lines {
				t := strings.TrimSpace(l)
				if strings.HasPrefix(t, "```") {
					inCode = !inCode
					ok = false
				}
				if inCode || t == "" || lineStartsBlock(t) || strings.HasPrefix(l, "    ") || strings.ContainsAny(t, "<>[]`|") {
					ok = false
				}
			}
			if !ok {
				continue
			}
			p := strings.Join(lines, " ")
			if len(p) < 40 || !strings.ContainsAny(p, ".?!") {
				continue
			}
			paras = append(paras, p)
		}
	}
	if len(paras) < 50 {
		tb.Skipf("only %d prose paragraphs in the corpus", len(paras))
	}
	return paras
}

// boundaryAgreement returns the F1 of sentence end offsets of got versus want.
func boundaryAgreement(got, want []Span) (tp, fp, fn int) {
	w := map[int]bool{}
	for _, s := range want {
		w[s.End] = true
	}
	g := map[int]bool{}
	for _, s := range got {
		g[s.End] = true
		if w[s.End] {
			tp++
		} else {
			fp++
		}
	}
	for _, s := range want {
		if !g[s.End] {
			fn++
		}
	}
	return
}

func f1(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	p := float64(tp) / float64(tp+fp)
	r := float64(tp) / float64(tp+fn)
	return 2 * p * r / (p + r)
}

// TestSentenceAgreementWithProse measures how often Sentences puts a
// sentence boundary where prose's punkt segmenter (prose.NewDocument, model
// loaded once, tagging and NER off) does, on the corpus' prose paragraphs.
func TestSentenceAgreementWithProse(t *testing.T) {
	paras := proseParagraphs(t)
	if testing.Short() {
		// prose rebuilds its punkt model per document: sample in -short.
		var sample []string
		for i := 0; i < len(paras); i += 5 {
			sample = append(sample, paras[i])
		}
		paras = sample
	}
	var tp, fp, fn int
	shown := 0
	for _, p := range paras {
		want := bridgeSpans(prosebridge.Sentences(p))
		got := Sentences(p)
		a, b, c := boundaryAgreement(got, want)
		tp, fp, fn = tp+a, fp+b, fn+c
		if (b > 0 || c > 0) && shown < 8 && testing.Verbose() {
			shown++
			t.Logf("disagreement:\n ours:  %q\n prose: %q", texts(p, got), texts(p, want))
		}
	}
	agree := f1(tp, fp, fn)
	t.Logf("%d paragraphs: boundary agreement with prose punkt F1=%.3f (tp=%d fp=%d fn=%d)", len(paras), agree, tp, fp, fn)
	if agree < 0.95 {
		t.Errorf("sentence boundary agreement with prose = %.3f, want >= 0.95", agree)
	}
}

// TestTokenAgreementWithProse compares word tokens (those with a letter or
// digit) of Tokens with prose's tokenizer on the prose paragraphs.
func TestTokenAgreementWithProse(t *testing.T) {
	paras := proseParagraphs(t)
	var same, total int
	shown := 0
	for _, p := range paras {
		var ours []string
		for _, tok := range Tokens(p) {
			if tok.Kind == Word {
				ours = append(ours, strings.ReplaceAll(p[tok.Start:tok.End], "’", "'"))
			}
		}
		var theirs []string
		for _, w := range prosebridge.Tokens(p) {
			if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				theirs = append(theirs, w)
			}
		}
		m := lcs(ours, theirs)
		same += m
		total += max(len(ours), len(theirs))
		if m < max(len(ours), len(theirs)) && shown < 5 && testing.Verbose() {
			shown++
			t.Logf("token disagreement:\n ours:  %q\n prose: %q", ours, theirs)
		}
	}
	agree := float64(same) / float64(total)
	t.Logf("word token agreement with prose: %.3f (%d/%d)", agree, same, total)
	if agree < 0.95 {
		t.Errorf("token agreement with prose = %.3f, want >= 0.95", agree)
	}
}

// lcs is the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// bridgeSpans converts the bridge's spans to ours.
func bridgeSpans(in []prosebridge.Span) []Span {
	out := make([]Span, len(in))
	for i, s := range in {
		out[i] = Span(s)
	}
	return out
}

func texts(text string, spans []Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func corpusBytes(tb testing.TB) (string, int) {
	all := strings.Join(corpusTexts(tb), "\n\n")
	return all, len(all)
}

// BenchmarkSentences: our splitter over the whole corpus.
func BenchmarkSentences(b *testing.B) {
	text, n := corpusBytes(b)
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Sentences(text)
	}
}

// BenchmarkTokens: our tokenizer over the whole corpus.
func BenchmarkTokens(b *testing.B) {
	text, n := corpusBytes(b)
	b.SetBytes(int64(n))
	buf := make([]Token, 0, n/4)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = AppendTokens(buf[:0], text)
	}
}

// BenchmarkProseSegment: prose.NewDocument (shared model, tagging and NER
// off, tokenization off) per corpus document: punkt is rebuilt per call.
func BenchmarkProseSegment(b *testing.B) {
	docs := corpusTexts(b)
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			prosebridge.Sentences(d)
		}
	}
}

// BenchmarkPunktReused: the same punkt model built once and reused.
func BenchmarkPunktReused(b *testing.B) {
	text, n := corpusBytes(b)
	b.SetBytes(int64(n))
	prosebridge.PunktSentences("warm up.")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		prosebridge.PunktSentences(text)
	}
}

// BenchmarkProseTokens: prose's tokenizer (segmentation, tagging, NER off).
func BenchmarkProseTokens(b *testing.B) {
	text, n := corpusBytes(b)
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		prosebridge.Tokens(text)
	}
}

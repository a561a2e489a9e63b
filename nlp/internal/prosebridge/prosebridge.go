// Package prosebridge is the bridge to github.com/jdkato/prose/v2, the
// reference segmenter and tokenizer that package nlp is measured against
// (nlp/prose_test.go: agreement tests and benchmarks over
// ../shared/corpus).
//
// prose/v2 is one of debrief's required libraries, and this is where it is
// used: only nlp's tests import this package, so the debrief binary does
// not link prose, its punkt model or gonum. Keep it that way (internal/,
// imported from _test.go files only).
//
// Measured on the corpus (go test ./nlp -bench . ; -v for agreement):
//
//	nlp.Sentences   ~250 MB/s   boundary agreement with prose punkt F1 0.997 on prose paragraphs
//	nlp.Tokens      ~145 MB/s   word-token agreement with prose's tokenizer 0.99
//	prose.NewDocument per doc (segmentation only)   ~0.3 MB/s (rebuilds punkt per call)
//	punkt model built once and reused (PunktSentences) ~19 MB/s
//	prose tokenizer (segmentation, tagging, NER off)   ~11 MB/s
//
// nlp's splitter and tokenizer agree with prose where prose is right
// (plain prose), are one to three orders of magnitude faster, return byte
// offsets (prose returns only texts) and, unlike punkt, know list items,
// table rows and timestamped log lines.
package prosebridge

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"
)

var (
	proseOnce  sync.Once
	proseModel *prose.Model

	punktOnce sync.Once
	punktTok  *sentences.DefaultSentenceTokenizer
	punktErr  error
	punktMu   sync.Mutex
)

// Span is a half-open byte range [Start, End), like nlp.Span (convertible
// to it).
type Span struct {
	Start int
	End   int
}

// Model returns prose's model, loaded once and shared. Tagging and
// entity extraction are off in every document nlp builds, so the model
// carries neither (loading them costs ~100 ms and a lot of memory).
func Model() *prose.Model {
	proseOnce.Do(func() {
		doc, err := prose.NewDocument("",
			prose.WithSegmentation(false), prose.WithTokenization(false),
			prose.WithTagging(false), prose.WithExtraction(false))
		if err == nil {
			proseModel = doc.Model
		}
	})
	return proseModel
}

// Document runs prose on text with the shared model, segmentation and
// tokenization on, tagging and NER off. Note that prose.NewDocument builds
// (and trains from JSON) a new punkt tokenizer on every call; use
// PunktSentences to segment many texts.
func Document(text string) (*prose.Document, error) {
	return prose.NewDocument(text, prose.UsingModel(Model()),
		prose.WithTagging(false), prose.WithExtraction(false))
}

// Tokens returns prose's word tokenization of text (texts only; prose
// keeps no offsets).
func Tokens(text string) []string {
	doc, err := prose.NewDocument(text, prose.UsingModel(Model()),
		prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	toks := doc.Tokens()
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// punkt returns the English punkt sentence tokenizer prose uses, built once.
func punkt() (*sentences.DefaultSentenceTokenizer, error) {
	punktOnce.Do(func() {
		punktTok, punktErr = english.NewSentenceTokenizer(nil)
		if punktErr == nil {
			// prose adds these abbreviations to the English model.
			for _, a := range []string{"sgt", "gov", "no", "mt"} {
				punktTok.AbbrevTypes.Add(a)
			}
		}
	})
	return punktTok, punktErr
}

// PunktSentences segments text with the punkt model prose uses (the same
// trained English parameters), built once and reused, and returns byte
// spans trimmed of whitespace (nil if the model cannot be built). It is a
// slower, statistical alternative to nlp.Sentences for plain prose; it
// knows nothing of lists or tables.
func PunktSentences(text string) []Span {
	tok, err := punkt()
	if err != nil {
		return nil
	}
	punktMu.Lock()
	sents := tok.Tokenize(text)
	punktMu.Unlock()
	return locate(text, sentTexts(sents))
}

// Sentences segments text with prose.NewDocument itself (shared
// model, tagging and NER off) and returns byte spans. It is the reference
// the agreement tests compare nlp.Sentences with; it is slow (see Document).
func Sentences(text string) []Span {
	doc, err := prose.NewDocument(text, prose.UsingModel(Model()),
		prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	var texts []string
	for _, s := range doc.Sentences() {
		texts = append(texts, s.Text)
	}
	return locate(text, texts)
}

func sentTexts(ss []*sentences.Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

// locate finds each (trimmed) sentence text in order in text and returns
// its span; texts that cannot be found are skipped.
func locate(text string, texts []string) []Span {
	var spans []Span
	pos := 0
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		k := strings.Index(text[pos:], t)
		if k < 0 {
			continue
		}
		spans = append(spans, Span{pos + k, pos + k + len(t)})
		pos += k + len(t)
	}
	return spans
}

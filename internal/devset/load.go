package devset

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed" // data files
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Data file names as reported in errors (paths in the repository).
const (
	CorpusDataName  = "internal/devset/data/corpus.jsonl"
	WrittenDataName = "internal/devset/data/written.jsonl"
)

//go:embed data/corpus.jsonl
var corpusData []byte

//go:embed data/written.jsonl
var writtenData []byte

// ErrNoCorpus is returned (wrapped) by Load when the corpus root does not
// exist: the written examples are still returned, so callers can score
// those and say that the corpus part was skipped.
var ErrNoCorpus = errors.New("devset: corpus not found")

// Sources of examples.
const (
	SourceCorpus  = "corpus"
	SourceWritten = "written"
)

// Example is one labelled sentence.
type Example struct {
	ID       string // corpus: "FILE:START-END"; written: the record id
	Source   string // SourceCorpus or SourceWritten
	File     string // corpus file relative to the corpus root; "" for written
	Start    int    // corpus: the sentence's half-open byte span of the raw file
	End      int
	Text     string   // the text a tagger sees (Clean of the raw span for corpus)
	Labels   []string // "kind/label", sorted; empty for a negative
	Split    string   // SplitDev, SplitTest or SplitHoldout
	Enriched bool     // corpus sentence picked for its cue words, not part of a whole-file pass
}

// CorpusRecord is one line of data/corpus.jsonl.
type CorpusRecord struct {
	File     string   `json:"file"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	SHA      string   `json:"sha"`
	Split    string   `json:"split"`
	Enriched bool     `json:"enriched"`
	Labels   []string `json:"labels"`
}

// WrittenRecord is one line of data/written.jsonl.
type WrittenRecord struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"`
	Style  string   `json:"style"`
	Split  string   `json:"split"`
	Labels []string `json:"labels"`
}

// SpanSHA is the sha field of a corpus record: the first 12 hex digits of
// the sha256 of the raw span.
func SpanSHA(raw []byte) string {
	h := sha256.Sum256(raw)
	return hex.EncodeToString(h[:])[:12]
}

// Load reads the committed label files, validates them and resolves the
// corpus sentences against the raw files under corpusRoot (normally
// ../shared/corpus from the repository root). When corpusRoot does not
// exist it returns the written examples and an error wrapping ErrNoCorpus.
// Any other problem (bad JSON, unknown label, wrong split, a span out of
// range, sha drift) is an error naming the data file and line or the
// corpus file.
func Load(corpusRoot string) ([]Example, error) {
	return LoadData(corpusRoot, CorpusDataName, corpusData, WrittenDataName, writtenData)
}

// LoadData is Load over given data: corpusJSONL and writtenJSONL are the
// contents of the two label files, reported in errors as corpusName and
// writtenName.
func LoadData(corpusRoot, corpusName string, corpusJSONL []byte, writtenName string, writtenJSONL []byte) ([]Example, error) {
	written, err := parseWritten(writtenName, writtenJSONL)
	if err != nil {
		return nil, err
	}
	recs, err := ParseCorpus(corpusName, corpusJSONL)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(corpusRoot); err != nil || !st.IsDir() {
		return written, fmt.Errorf("%w at %s (%d corpus sentences of %s not loaded)", ErrNoCorpus, corpusRoot, len(recs), corpusName)
	}
	files := map[string][]byte{}
	out := make([]Example, 0, len(recs)+len(written))
	for i, r := range recs {
		raw, ok := files[r.File]
		if !ok {
			raw, err = os.ReadFile(filepath.Join(corpusRoot, filepath.FromSlash(r.File)))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: corpus file: %w", corpusName, r.line(i), err)
			}
			files[r.File] = raw
		}
		if r.End > len(raw) {
			return nil, fmt.Errorf("corpus file %s changed: span %d-%d (%s:%d) is past its end (%d bytes)", r.File, r.Start, r.End, corpusName, r.line(i), len(raw))
		}
		span := raw[r.Start:r.End]
		if got := SpanSHA(span); got != r.SHA {
			return nil, fmt.Errorf("corpus file %s changed: span %d-%d has sha %s, %s:%d says %s", r.File, r.Start, r.End, got, corpusName, r.line(i), r.SHA)
		}
		out = append(out, Example{
			ID: fmt.Sprintf("%s:%d-%d", r.File, r.Start, r.End), Source: SourceCorpus, File: r.File, Start: r.Start, End: r.End,
			Text: Clean(string(span)), Labels: r.Labels, Split: r.Split, Enriched: r.Enriched,
		})
	}
	return append(out, written...), nil
}

// line returns the 1-based line of the i-th record (records are one a line,
// blank lines are not allowed).
func (r CorpusRecord) line(i int) int { return i + 1 }

// ParseCorpus decodes and validates corpus records: known labels, the
// split given by SplitOf(file), a well-formed span and sha, no duplicate
// or overlapping spans. Labels are returned sorted.
func ParseCorpus(name string, data []byte) ([]CorpusRecord, error) {
	var out []CorpusRecord
	last := map[string]int{} // file -> end of the previous span
	err := eachLine(name, data, func(n int, b []byte) error {
		var r CorpusRecord
		if err := strictJSON(b, &r); err != nil {
			return err
		}
		if r.File == "" || strings.HasPrefix(r.File, "/") || strings.Contains(r.File, "..") {
			return fmt.Errorf("file %q must be a path relative to the corpus root", r.File)
		}
		if r.Start < 0 || r.End <= r.Start {
			return fmt.Errorf("bad span %d-%d", r.Start, r.End)
		}
		if len(r.SHA) != 12 {
			return fmt.Errorf("sha %q: want 12 hex digits of sha256(raw span)", r.SHA)
		}
		if want := SplitOf(r.File); r.Split != want {
			return fmt.Errorf("split %q, the split rule gives %q for %s", r.Split, want, r.File)
		}
		if prev, ok := last[r.File]; ok && r.Start < prev {
			return fmt.Errorf("span %d-%d of %s overlaps or precedes the previous one (records are sorted by file and start)", r.Start, r.End, r.File)
		}
		last[r.File] = r.End
		labels, err := normLabels(r.Labels)
		if err != nil {
			return err
		}
		r.Labels = labels
		out = append(out, r)
		return nil
	})
	return out, err
}

func parseWritten(name string, data []byte) ([]Example, error) {
	var out []Example
	seen := map[string]bool{}
	err := eachLine(name, data, func(n int, b []byte) error {
		var r WrittenRecord
		if err := strictJSON(b, &r); err != nil {
			return err
		}
		ex, err := writtenExample(seen, r.ID, r.Text, r.Style, r.Labels, r.Split)
		if err != nil {
			return err
		}
		if want := SplitOf(r.ID); r.Split != want {
			return fmt.Errorf("split %q, the split rule gives %q for id %s", r.Split, want, r.ID)
		}
		out = append(out, ex)
		return nil
	})
	return out, err
}

// writtenExample checks what every written record needs (an id used
// once, a text, a style, known labels), marks the id seen and returns the
// record's example in split.
func writtenExample(seen map[string]bool, id, text, style string, labels []string, split string) (Example, error) {
	if id == "" || strings.TrimSpace(text) == "" || style == "" {
		return Example{}, errors.New("id, text and style are required")
	}
	if seen[id] {
		return Example{}, fmt.Errorf("duplicate id %q", id)
	}
	seen[id] = true
	norm, err := normLabels(labels)
	if err != nil {
		return Example{}, err
	}
	return Example{ID: id, Source: SourceWritten, Text: text, Labels: norm, Split: split}, nil
}

// eachLine calls fn for each line of a JSONL file; errors are prefixed
// with name:line.
func eachLine(name string, data []byte, fn func(n int, b []byte) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			return fmt.Errorf("%s:%d: blank line", name, n)
		}
		if err := fn(n, b); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func strictJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad record: %w", err)
	}
	if dec.More() {
		return errors.New("bad record: trailing data")
	}
	return nil
}

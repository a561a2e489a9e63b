// Package synth generates realistic synthetic incident postmortems for
// demos, tests and benchmarks.
//
// Documents span several teams and quarters and every input format ingest
// reads (Markdown with YAML or TOML front matter or bold "Team:" lines, a
// Confluence-like HTML export, plain text with underlined headings, JSON and
// YAML incident-tool exports, and .html.md.erb). Their writing style mixes
// blame-heavy phrasing ("human error", "should have", "the root cause was")
// with blame-aware phrasing (stated assumptions, surprises, systemic
// contributing factors) in proportions that differ by team and drift over
// time. Failure modes map to the themes of TAXONOMY.md, action items repeat
// across incidents in varied wording, and the same service fails the same
// way again months later.
//
// Generation is deterministic: the same Options give the same bytes. Each
// document is built from its own random stream seeded by (Seed, index), so
// memory use does not grow with N and documents can be streamed.
package synth

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/debrief-dev/debrief/taxonomy"
)

// Format names of generated documents (Doc.Format).
const (
	FormatMarkdownYAML = "markdown-yaml" // Markdown with YAML front matter (---)
	FormatMarkdownTOML = "markdown-toml" // Markdown with TOML front matter (+++)
	FormatMarkdownBold = "markdown-bold" // Markdown with **Team:** style metadata lines
	FormatHTML         = "html"          // Confluence-like HTML export
	FormatText         = "text"          // plain text, underlined headings
	FormatJSON         = "json"          // incident-tool JSON export
	FormatYAML         = "yaml"          // incident-tool YAML export
	FormatERB          = "erb"           // .html.md.erb (Markdown with ERB tags)
)

// Formats lists every format the generator writes.
var Formats = []string{
	FormatMarkdownYAML, FormatMarkdownTOML, FormatMarkdownBold, FormatHTML,
	FormatText, FormatJSON, FormatYAML, FormatERB,
}

// Themes lists the theme labels that failure modes carry: every theme of
// the taxonomy, in its order.
var Themes = taxonomy.Labels(taxonomy.Theme)

// Default period when Options.Start/End are zero: 2024-Q1 to 2026-Q3.
var (
	DefaultStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	DefaultEnd   = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
)

// Options controls generation.
type Options struct {
	// Seed selects the corpus; the same Seed and N give the same documents.
	Seed int64
	// N is the number of documents to generate.
	N int
	// Start and End bound incident dates (End exclusive). Zero values mean
	// DefaultStart and DefaultEnd. Documents are spread evenly over the
	// period in index order, so the stream is roughly chronological.
	Start, End time.Time
}

// Doc is one generated document.
//
// Path is relative and slash-separated, e.g.
// "payments/2025/2025-03-14-checkout-api-errors-after-config-push-000042.md";
// it is unique within one Generate call. Data is freshly allocated for each
// document; the callback may keep it.
//
// The remaining fields are the ground truth the document was built from, for
// tests and benchmarks that check what analysis recovers.
type Doc struct {
	Path   string
	Data   []byte
	Team   string
	Format string

	ID          string    // document id written into the metadata (when the format has one)
	Title       string    // the incident title
	Date        time.Time // incident start (UTC)
	Service     string    // the primary affected service
	FailureMode string    // failure-mode slug, e.g. "disk-full"
	Themes      []string  // primary theme first, then secondary themes
	// BlameSentences and AwareSentences count the analytical sentences
	// written in blame-heavy and blame-aware style.
	BlameSentences int
	AwareSentences int
	// Recurring is true when the incident repeats one of the team's chronic
	// (service, failure mode) pairs.
	Recurring bool
	// Sections lists the canonical section kinds (model.Section* names)
	// the document contains.
	Sections []string
	// Actions is the number of action items.
	Actions int
}

// Generate builds opts.N documents and calls fn for each, in index order.
// It stops at the first error fn returns and returns that error.
func Generate(opts Options, fn func(Doc) error) error {
	if opts.N < 0 {
		return fmt.Errorf("synth: N must not be negative, got %d", opts.N)
	}
	start, end := opts.Start, opts.End
	if start.IsZero() {
		start = DefaultStart
	}
	if end.IsZero() {
		end = DefaultEnd
	}
	if !end.After(start) {
		return fmt.Errorf("synth: End (%s) must be after Start (%s)", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	g := newGenerator(opts.Seed, start.UTC(), end.UTC(), opts.N)
	for i := 0; i < opts.N; i++ {
		if err := fn(g.doc(i)); err != nil {
			return err
		}
	}
	return nil
}

// WriteDir generates the documents of opts under dir (created if needed),
// one file per Doc.Path, and returns how many files it wrote.
func WriteDir(dir string, opts Options) (int, error) {
	if dir == "" {
		return 0, errors.New("synth: empty output directory")
	}
	n := 0
	made := map[string]bool{}
	err := Generate(opts, func(d Doc) error {
		p := filepath.Join(dir, filepath.FromSlash(d.Path))
		sub := filepath.Dir(p)
		if !made[sub] {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return fmt.Errorf("synth: %w", err)
			}
			made[sub] = true
		}
		if err := os.WriteFile(p, d.Data, 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		n++
		return nil
	})
	return n, err
}

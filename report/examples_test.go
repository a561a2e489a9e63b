package report

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/internal/synth"
	"github.com/debrief-dev/debrief/pipeline"
	"github.com/debrief-dev/debrief/quarter"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
)

var updateExamples = flag.Bool("update-examples", false,
	"regenerate docs/examples/quarterly-review-* from the demo data (synthetic postmortems, see exampleCorpus)")

// The demo data behind docs/examples: what `debrief demo` ingests.
var (
	exampleCorpus  = synth.Options{Seed: 1, N: 600}
	exampleQuarter = Quarter{Year: 2025, Q: 3}
	// exampleBaseURL is the address `debrief serve` listens on by default.
	exampleBaseURL = "http://127.0.0.1:8080"
	examplesDir    = filepath.Join("..", "docs", "examples")
)

func examplePaths(q Quarter) (md, html string) {
	mdName, _ := FileName(q, FormatMarkdown)
	htmlName, _ := FileName(q, FormatHTML)
	return filepath.Join(examplesDir, mdName), filepath.Join(examplesDir, htmlName)
}

// fewFilter narrows the example quarter to a handful of postmortems (one
// team's most severe incidents): the small-sample example.
var fewFilter = store.Filter{Teams: []string{"edge"}, Severities: []string{"SEV1", "SEV2"}}

// Example file names besides the normal quarter's pair.
const (
	fewExample   = "quarterly-review-2025-Q3-edge-sev1-sev2.md"
	emptyExample = "empty-quarter.txt"
	emptyQuarter = "2030-Q1"
)

// TestExamples regenerates the committed example reviews with
// -update-examples; without it, it checks that the committed files are
// there, that the HTML one is self-contained, that the small-sample one
// cautions and that the empty quarter is refused.
func TestExamples(t *testing.T) {
	mdPath, htmlPath := examplePaths(exampleQuarter)
	fewPath, emptyPath := filepath.Join(examplesDir, fewExample), filepath.Join(examplesDir, emptyExample)
	if *updateExamples {
		files, err := generateExamples(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(examplesDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for path, b := range map[string][]byte{mdPath: files.md, htmlPath: files.html, fewPath: files.few, emptyPath: files.empty} {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	md, err := os.ReadFile(mdPath)
	if os.IsNotExist(err) {
		t.Skipf("%s not generated yet (go test ./report -run TestExamples -update-examples)", mdPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(md, []byte("# Learning review, "+exampleQuarter.Label())) {
		t.Errorf("%s does not start with the review heading", mdPath)
	}
	if bytes.Contains(md, []byte("Small sample.")) {
		t.Errorf("%s: the normal example quarter is flagged as a small sample", mdPath)
	}
	checkSelfContained(t, string(html), exampleBaseURL)
	few, err := os.ReadFile(fewPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(few, []byte("Small sample.")) || bytes.Contains(few, []byte("(0%)")) {
		t.Errorf("%s: want the small-sample caution and no share of nothing", fewPath)
	}
	empty, err := os.ReadFile(emptyPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(empty, []byte("no postmortems are dated in "+emptyQuarter)) || !bytes.Contains(empty, []byte("exit status 1")) {
		t.Errorf("%s does not show the refusal:\n%s", emptyPath, empty)
	}
}

// exampleStore ingests the demo corpus into an in-memory store, the way
// `debrief demo` does.
func exampleStore(ctx context.Context) (store.Store, error) {
	st, err := open.Open(ctx, "duckdb://")
	if err != nil {
		return nil, err
	}
	var inputs []pipeline.Input
	var total int64
	err = synth.Generate(exampleCorpus, func(d synth.Doc) error {
		inputs = append(inputs, pipeline.Input{Path: d.Path, Size: int64(len(d.Data)), Data: d.Data})
		total += int64(len(d.Data))
		return nil
	})
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	src := pipeline.Source{Files: len(inputs), Bytes: total, Inputs: slices.Values(inputs)}
	sum, err := pipeline.Run(ctx, st, src, pipeline.Options{Analyzer: analysis.Default()})
	if err == nil && sum.Failed > 0 {
		var msgs []string
		for _, e := range sum.Errors {
			msgs = append(msgs, e.Error())
		}
		err = fmt.Errorf("%d demo documents failed to ingest:\n%s", sum.Failed, strings.Join(msgs, "\n"))
	}
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	return st, nil
}

// exampleFiles are the generated examples.
type exampleFiles struct{ md, html, few, empty []byte }

// generateExamples renders the example quarter of the demo data, the same
// quarter narrowed to a few postmortems, and the refusal of an empty
// quarter as `debrief report` prints it.
func generateExamples(ctx context.Context) (exampleFiles, error) {
	var f exampleFiles
	st, err := exampleStore(ctx)
	if err != nil {
		return f, err
	}
	defer func() { _ = st.Close() }()
	r, err := Build(ctx, st, exampleQuarter, Options{BaseURL: exampleBaseURL})
	if err != nil {
		return f, err
	}
	var mb, hb, fb bytes.Buffer
	if err := r.WriteMarkdown(&mb); err != nil {
		return f, err
	}
	if err := r.WriteHTML(&hb); err != nil {
		return f, err
	}
	few, err := Build(ctx, st, exampleQuarter, Options{BaseURL: exampleBaseURL, Filter: fewFilter})
	if err != nil {
		return f, err
	}
	if !few.Few() {
		return f, fmt.Errorf("the small-sample example has %d postmortems, not fewer than %d: narrow fewFilter", few.Overview.Postmortems, MinSample)
	}
	if err := few.WriteMarkdown(&fb); err != nil {
		return f, err
	}
	q, _ := quarter.Parse(emptyQuarter)
	_, err = Build(ctx, st, q, Options{})
	var refused *EmptyQuarterError
	if !errors.As(err, &refused) {
		return f, fmt.Errorf("%s was not refused: %w", emptyQuarter, err)
	}
	empty := fmt.Sprintf("$ debrief report --quarter %s\ndebrief: %v\n$ echo $?\n1\n\n(exit status 1; no file is written)\n", emptyQuarter, err)
	return exampleFiles{md: mb.Bytes(), html: hb.Bytes(), few: fb.Bytes(), empty: []byte(empty)}, nil
}

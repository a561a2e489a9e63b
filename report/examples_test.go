package report

import (
	"bytes"
	"context"
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

// TestExamples regenerates the committed example reviews with
// -update-examples; without it, it checks that the committed files are
// there and that the HTML one is self-contained.
func TestExamples(t *testing.T) {
	mdPath, htmlPath := examplePaths(exampleQuarter)
	if *updateExamples {
		md, html, err := generateExamples(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(examplesDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(mdPath, md, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(htmlPath, html, 0o644); err != nil {
			t.Fatal(err)
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
	checkSelfContained(t, string(html), exampleBaseURL)
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
		st.Close()
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
		st.Close()
		return nil, err
	}
	return st, nil
}

// generateExamples renders the example quarter of the demo data.
func generateExamples(ctx context.Context) (md, html []byte, err error) {
	st, err := exampleStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	r, err := Build(ctx, st, exampleQuarter, Options{BaseURL: exampleBaseURL})
	if err != nil {
		return nil, nil, err
	}
	var mb, hb bytes.Buffer
	if err := r.WriteMarkdown(&mb); err != nil {
		return nil, nil, err
	}
	if err := r.WriteHTML(&hb); err != nil {
		return nil, nil, err
	}
	return mb.Bytes(), hb.Bytes(), nil
}

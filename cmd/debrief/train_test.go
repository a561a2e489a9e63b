package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/analysis"
)

// `debrief train` without the corpus trains on the written dev sentences,
// says so, prints the cross-validation table, and writes a model that
// decodes; a second run writes the same bytes.
func TestTrainWritesDeterministicModel(t *testing.T) {
	dir := t.TempDir()
	var outs [2][]byte
	for i := range outs {
		out := filepath.Join(dir, "model.json.gz")
		r := run(t, "", "train", "--corpus", filepath.Join(dir, "no-corpus"), "--out", out)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "written sentences only") {
			t.Errorf("no note that the corpus is missing: %q", r.stderr)
		}
		if !strings.Contains(r.stdout, "micro blame") || !strings.Contains(r.stdout, "wrote "+out) {
			t.Errorf("stdout lacks the CV table or the file: %s", r.stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := analysis.DecodeModel(bytes.NewReader(b)); err != nil {
			t.Fatalf("written model does not decode: %v", err)
		}
		outs[i] = b
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs of debrief train wrote different models")
	}
}

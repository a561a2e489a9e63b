package analysis

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current tagger output")

// goldenFinding is the part of a finding the golden files pin down.
type goldenFinding struct {
	Sentence int    `json:"sentence"`
	Kind     string `json:"kind"`
	Label    string `json:"label"`
	Rule     string `json:"rule"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Match    string `json:"match"`
	Severity string `json:"severity"`
}

// TestGolden tags each testdata/*.txt paragraph file and compares the
// findings with testdata/<name>.golden.json (go test -run Golden -update
// rewrites them; review the diff).
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.txt")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := []goldenFinding{}
			for _, f := range Default().AnalyzeText(string(text)) {
				got = append(got, golden(f))
			}
			b, _ := json.MarshalIndent(got, "", "  ")
			b = append(b, '\n')
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(b, want) {
				t.Errorf("%s differs from the tagger output; run go test ./analysis -run Golden -update and review the diff.\ngot:\n%s", path, b)
			}
		})
	}
}

func golden(f model.Finding) goldenFinding {
	return goldenFinding{f.Sentence, f.Kind, f.Label, f.Rule, f.Start, f.End, f.Match, f.Severity}
}

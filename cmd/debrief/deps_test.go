package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The binary must not link the libraries that only measure nlp in tests
// (nlp/internal/prosebridge): prose/v2, its punkt model and gonum.
func TestBinaryDoesNotLinkTestOnlyLibraries(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not on PATH: cannot list the binary's dependencies")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps gave %d packages: not a dependency list", len(deps))
	}
	for _, d := range deps {
		for _, banned := range []string{"github.com/jdkato/prose", "gonum.org/", "gopkg.in/neurosnap/sentences", "/nlp/internal/prosebridge"} {
			if strings.Contains(d, banned) {
				t.Errorf("the debrief binary links %s (test-only; see nlp/internal/prosebridge)", d)
			}
		}
	}
}

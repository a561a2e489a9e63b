package ingest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// maxFuncLines is the longest a function of this package may be, from
// its "func" line to its closing brace (issue 11: ingest in small
// stages).
const maxFuncLines = 80

// TestFunctionLength fails when a function or method of the package
// (tests excluded) is longer than maxFuncLines.
func TestFunctionLength(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	longest, name, n := 0, "", 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			n++
			lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			if lines > longest {
				longest, name = lines, f+": "+fn.Name.Name
			}
			if lines > maxFuncLines {
				t.Errorf("%s: %s is %d lines, over %d: split it into smaller steps", f, fn.Name.Name, lines, maxFuncLines)
			}
		}
	}
	if n < 100 {
		t.Fatalf("found only %d functions; is the test running in the ingest folder?", n)
	}
	t.Logf("%d functions; longest %s, %d lines", n, name, longest)
}

package taxonomy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The repository root, seen from this package's directory.
const repoRoot = ".."

// scanAllowed are places that use an unknown label on purpose, each with
// the reason. Keys are slash paths relative to the repository root.
var scanAllowed = map[string]string{
	"analysis/testdata/badrules/unknown-label.yml": "the rule loader's test for an unknown label",
}

// scanAllowedLabels are unknown labels used on purpose in one file
// ("path label"), with the reason.
var scanAllowedLabels = map[string]string{}

// skipDirs are never scanned: not ours, or generated.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, "assets": true, "docs": true}

// TestNoUnknownLabels fails when a kind/label pair anywhere in the
// repository names a label the taxonomy does not define: Finding and
// Theme literals and kind/label argument pairs in Go files, "kind"/"label"
// fields and "labels" lists ("kind/label") in YAML and JSON files (rules,
// testdata, goldens). User extensions ("x-...") are allowed.
func TestNoUnknownLabels(t *testing.T) {
	var s scanner
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != repoRoot && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(repoRoot, path)
		rel = filepath.ToSlash(rel)
		if _, ok := scanAllowed[rel]; ok {
			return nil
		}
		switch ext := filepath.Ext(path); ext {
		case ".go":
			s.goFile(path, rel)
		case ".yml", ".yaml", ".json", ".jsonl":
			s.dataFile(path, rel, ext)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.errs {
		t.Error(e)
	}
	if s.checked < 100 {
		t.Errorf("only %d labels checked: the scanner is not finding the vocabulary", s.checked)
	}
	t.Logf("checked %d labels", s.checked)
}

type scanner struct {
	errs    []string
	checked int
}

// check records an error when label is not a label of kind (of any kind
// when kind is ""). A label written "kind/label" (as dev sets and the
// labelled corpus write them) is checked against its own kind.
func (s *scanner) check(where, kind, label string) {
	if k, l, ok := strings.Cut(label, "/"); ok && kind == "" && ValidKind(k) {
		kind, label = k, l
	}
	if label == "" || IsExtension(label) {
		return
	}
	if file, _, _ := strings.Cut(where, ":"); scanAllowedLabels[file+" "+label] != "" {
		return
	}
	s.checked++
	switch {
	case kind == "" && KindOf(label) == "":
		s.errs = append(s.errs, fmt.Sprintf("%s: unknown label %q", where, label))
	case kind != "" && !Valid(kind, label):
		s.errs = append(s.errs, fmt.Sprintf("%s: %q is not a %s label (taxonomy: %v)", where, label, kind, Labels(kind)))
	}
}

// kindNames maps the Go spellings of a kind constant to the kind.
var kindNames = map[string]string{
	"KindBlame": Blame, "KindAssumption": Assumption, "KindTheme": Theme,
	"Blame": Blame, "Assumption": Assumption, "Theme": Theme,
}

// kindOf resolves e to a kind: a string literal naming one, or a kind
// constant (model.KindBlame, taxonomy.Blame).
func kindOf(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.BasicLit:
		if v, ok := strLit(x); ok && ValidKind(v) {
			return v
		}
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok && (id.Name == "model" || id.Name == "taxonomy") {
			return kindNames[x.Sel.Name]
		}
	case *ast.Ident:
		if strings.HasPrefix(x.Name, "Kind") {
			return kindNames[x.Name]
		}
	}
	return ""
}

func strLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(b.Value)
	return v, err == nil
}

func (s *scanner) goFile(path, rel string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		s.errs = append(s.errs, fmt.Sprintf("%s: %v", rel, err))
		return
	}
	at := func(n ast.Node) string {
		p := fset.Position(n.Pos())
		return fmt.Sprintf("%s:%d", rel, p.Line)
	}
	// pairs checks a kind followed by a string literal in an expression list.
	// Positional pairs are a number, a kind and a label, as fixture rows
	// write them ({0, model.KindBlame, "human-error"}, r(2, "blame",
	// "judgmental")); other string lists (dimensions, severities, titles)
	// follow kinds too often to be read as labels.
	pairs := func(list []ast.Expr) {
		for i := 1; i+1 < len(list); i++ {
			if n, ok := list[i-1].(*ast.BasicLit); !ok || (n.Kind != token.INT && n.Kind != token.FLOAT) {
				continue
			}
			if k := kindOf(list[i]); k != "" {
				if v, ok := strLit(list[i+1]); ok {
					s.check(at(list[i+1]), k, v)
				}
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			pairs(x.Args)
		case *ast.ValueSpec:
			for i, name := range x.Names {
				if i < len(x.Values) {
					s.namedList(name.Name, x.Values[i], at)
				}
			}
		case *ast.CompositeLit:
			pairs(x.Elts)
			s.keyed(x, x.Type, at)
			// Elements of []model.Theme{{Label: ...}} elide their type.
			if arr, ok := x.Type.(*ast.ArrayType); ok {
				for _, el := range x.Elts {
					if c, ok := el.(*ast.CompositeLit); ok && c.Type == nil {
						s.keyed(c, arr.Elt, at)
					}
				}
			}
		}
		return true
	})
}

// keyed checks a literal (of type typ) with Kind and Label fields
// (model.Finding, rule infos), Label alone in a model.Theme, and label
// lists of store queries (FindingLabels, Labels, Themes).
func (s *scanner) keyed(x *ast.CompositeLit, typ ast.Expr, at func(ast.Node) string) {
	var kind, label ast.Expr
	for _, e := range x.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		switch key.Name {
		case "Kind":
			kind = kv.Value
		case "Label":
			label = kv.Value
		case "FindingLabels", "Labels", "Themes":
			kind := ""
			if key.Name == "Themes" {
				kind = Theme
			}
			if list, ok := kv.Value.(*ast.CompositeLit); ok {
				for _, el := range list.Elts {
					if v, ok := strLit(el); ok {
						s.check(at(el), kind, v)
					}
				}
			}
		}
	}
	if label == nil {
		return
	}
	v, ok := strLit(label)
	if !ok {
		return
	}
	if kind != nil {
		if k := kindOf(kind); k != "" {
			s.check(at(label), k, v)
		}
		return
	}
	if isThemeType(typ) {
		s.check(at(label), Theme, v)
	}
}

// namedList checks a string list held by a variable called "...Themes"
// (themes) or "blame/assume/finding...Labels" (any kind), e.g. a
// generator's vocabulary. Other "...Labels" (ingest's ticket labels) are
// not findings.
func (s *scanner) namedList(name string, v ast.Expr, at func(ast.Node) string) {
	kind := ""
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, "themes"):
		kind = Theme
	case strings.HasSuffix(n, "labels") && (strings.Contains(n, "blame") || strings.Contains(n, "assum") ||
		strings.Contains(n, "finding") || strings.Contains(n, "theme")):
	default:
		return
	}
	list, ok := v.(*ast.CompositeLit)
	if !ok {
		return
	}
	for _, el := range list.Elts {
		if v, ok := strLit(el); ok {
			s.check(at(el), kind, v)
		}
	}
}

func isThemeType(e ast.Expr) bool {
	switch t := e.(type) {
	case *ast.SelectorExpr:
		return t.Sel.Name == "Theme"
	case *ast.Ident:
		return t.Name == "Theme"
	}
	return false
}

func (s *scanner) dataFile(path, rel, ext string) {
	data, err := os.ReadFile(path)
	if err != nil {
		s.errs = append(s.errs, err.Error())
		return
	}
	switch ext {
	case ".jsonl":
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<24)
		for line := 1; sc.Scan(); line++ {
			var v any
			if json.Unmarshal(sc.Bytes(), &v) == nil {
				s.walk(fmt.Sprintf("%s:%d", rel, line), "", v)
			}
		}
	case ".json":
		var v any
		if json.Unmarshal(data, &v) == nil {
			s.walk(rel, "", v)
		}
	default:
		var n yaml.Node
		if yaml.Unmarshal(data, &n) == nil {
			s.walkYAML(rel, &n)
		}
	}
}

// walk checks decoded JSON: objects with a kind and a label, "labels"
// lists of "kind/label", and labels of objects in a "themes" list.
func (s *scanner) walk(where, parent string, v any) {
	switch x := v.(type) {
	case map[string]any:
		kind, _ := x["kind"].(string)
		if label, ok := x["label"].(string); ok {
			switch {
			case ValidKind(kind):
				s.check(where, kind, label)
			case parent == "themes":
				s.check(where, Theme, label)
			}
		}
		if list, ok := x["labels"].([]any); ok {
			for _, l := range list {
				if str, ok := l.(string); ok {
					if k, lab, ok := strings.Cut(str, "/"); ok && ValidKind(k) {
						s.check(where, k, lab)
					}
				}
			}
		}
		for k, c := range x {
			s.walk(where, k, c)
		}
	case []any:
		for _, c := range x {
			s.walk(where, parent, c)
		}
	}
}

// walkYAML checks YAML mappings with a kind and a label (rules), giving
// the line of the label.
func (s *scanner) walkYAML(rel string, n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		var kind string
		var label *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch n.Content[i].Value {
			case "kind":
				kind = n.Content[i+1].Value
			case "label":
				label = n.Content[i+1]
			}
		}
		if label != nil && label.Kind == yaml.ScalarNode && ValidKind(kind) {
			s.check(fmt.Sprintf("%s:%d", rel, label.Line), kind, label.Value)
		}
	}
	for _, c := range n.Content {
		s.walkYAML(rel, c)
	}
}

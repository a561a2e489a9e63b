package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

func TestBadInput(t *testing.T) {
	cases := []struct {
		name    string
		path    string
		data    string
		wantErr string // substring; "" = must parse
		warn    string // substring of a warning when it parses
	}{
		{"empty", "a.md", "", "empty file", ""},
		{"blank", "a.md", " \n\t\n", "empty file", ""},
		{"binary", "a.md", "PK\x03\x04\x00\x00zip", "binary file (NUL byte at offset 4)", ""},
		{"invalid utf8", "a.md", "# Title\n\nBad \xff\xfe bytes here.\n", "", "invalid UTF-8 at byte 13"},
		{"broken yaml front matter", "a.md", "---\ntitle: [unclosed\n---\n# Real title\n\nBody.\n", "", "broken YAML front matter"},
		{"broken toml front matter", "a.md", "+++\ntitle = \n+++\n# Real title\n\nBody.\n", "", "broken TOML front matter"},
		{"unclosed toml front matter", "a.md", "+++\ntitle = \"x\"\n# Real title\n", "", "no closing +++"},
		{"invalid json", "a.json", "{\"title\": ", "invalid JSON", ""},
		{"json scalar", "a.json", "42", "export is a number", ""},
		{"json empty list", "a.json", "[]", "empty list", ""},
		{"json without fields", "a.json", "{\"foo\": 1}", "none of the known incident fields", ""},
		{"invalid yaml", "a.yaml", "title: [x\n", "invalid YAML", ""},
		{"unparseable date", "a.md", "---\ntitle: x\ndate: someday\n---\nBody.\n", "", "cannot parse date \"someday\""},
		{"no title", "notes/2020-01-02-db.md", "```\nonly code\n```\n", "", "no title found"},
		{"script only html", "a.html", "<html><script>alert(1)</script></html>", "", "no title found"},
		{"crlf", "a.md", "# T 2024-01-02\r\n\r\n## Summary\r\n\r\nLine one.\r\n", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pm, err := Parse(c.path, []byte(c.data), Options{})
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			checkInvariants(t, c.name, pm)
			if c.warn != "" && !strings.Contains(strings.Join(pm.Warnings, "\n"), c.warn) {
				t.Errorf("warnings %q lack %q", pm.Warnings, c.warn)
			}
			if c.warn == "" && len(pm.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", pm.Warnings)
			}
		})
	}
}

func TestMaxBytes(t *testing.T) {
	_, err := Parse("a.md", make([]byte, 2048), Options{MaxBytes: 1024})
	if err == nil || err.Error() != "file is 0.0 MB, over the 1 KiB limit (--max-bytes)" {
		t.Errorf("Parse over limit: %v", err)
	}
	if got := sizeError(200e6, DefaultMaxBytes).Error(); got != "file is 200.0 MB, over the 32 MiB limit (--max-bytes)" {
		t.Errorf("sizeError = %q", got)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "big.md")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 3 GB file: ParseFile must refuse it from its size alone.
	if err := f.Truncate(3 << 30); err != nil {
		t.Skipf("cannot make a sparse file: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = ParseFile(p, Options{})
	if err == nil || !strings.Contains(err.Error(), "over the 32 MiB limit") {
		t.Errorf("ParseFile big: %v", err)
	}
}

func TestParseFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ParseFile(filepath.Join(dir, "missing.md"), Options{}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ParseFile(dir, Options{}); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: %v", err)
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		p := filepath.Join(dir, "secret.md")
		if err := os.WriteFile(p, []byte("# x"), 0o000); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseFile(p, Options{}); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("unreadable: %v", err)
		}
	}
}

func TestYAMLAliasBomb(t *testing.T) {
	bomb := `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
title: boom
summary: boom
`
	for _, p := range []string{"bomb.yaml", "bomb.md"} {
		data := bomb
		if strings.HasSuffix(p, ".md") {
			data = "---\n" + bomb + "---\n# Title\n\nBody text.\n"
		}
		pm, err := Parse(p, []byte(data), Options{})
		switch {
		case strings.HasSuffix(p, ".yaml"):
			if err == nil {
				t.Errorf("%s: alias bomb accepted", p)
			}
		default:
			// Front matter: refused with a warning, the body still parses.
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if !strings.Contains(strings.Join(pm.Warnings, " "), "front matter") {
				t.Errorf("%s: no warning: %v", p, pm.Warnings)
			}
		}
	}
}

func TestDeepHTML(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><h1>Deep</h1>")
	for i := 0; i < 20000; i++ {
		b.WriteString("<div>")
	}
	b.WriteString("<p>The innermost paragraph survives.</p>")
	for i := 0; i < 20000; i++ {
		b.WriteString("</div>")
	}
	b.WriteString("<script>var x = '<h2>Not a heading</h2>';</script><style>p{}</style></body></html>")
	pm, err := Parse("deep.html", []byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, "deep.html", pm)
	all := ""
	for _, s := range pm.Sections {
		all += s.Text
	}
	if !strings.Contains(all, "innermost paragraph survives") {
		t.Errorf("deep text lost: %q", all)
	}
	if strings.Contains(all, "Not a heading") || strings.Contains(all, "p{}") {
		t.Errorf("script or style leaked: %q", all)
	}
}

func TestTemplateErrors(t *testing.T) {
	tpl := "# Postmortem: [Incident title]\n\n## Summary\n\n[Insert summary]\n\n## Impact\n\n<describe the impact>\n\n" +
		"## Root cause\n\nTBD\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:MM | |\n\n## Action items\n\n- [ ] TBD\n"
	_, err := Parse("tpl.md", []byte(tpl), Options{})
	if !errors.Is(err, ErrTemplate) {
		t.Errorf("template: %v", err)
	}
	// A short real postmortem is not a template.
	real := "# Cache outage\n\n## Summary\n\nThe cache fell over.\n\n## Impact\n\nSlow pages.\n\n## Action items\n\n- Add alert\n"
	if _, err := Parse("real.md", []byte(real), Options{}); err != nil {
		t.Errorf("short real postmortem: %v", err)
	}
}

func TestSniff(t *testing.T) {
	cases := []struct{ path, data, want string }{
		{"a.md", "x", "markdown"},
		{"a.html.md.erb", "x", "markdown"},
		{"a.htm", "x", "html"},
		{"a.TXT", "x", "text"},
		{"a.yml", "x", "yaml"},
		{"README", "# Heading\n\ntext", "markdown"},
		{"README", "{\"title\": \"x\"}", "json"},
		{"README", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"},
		{"README", "title: Outage\nseverity: 2\nsummary: it broke\n", "yaml"},
		{"README", "---\ntitle: x\n---\n\nBody text\n", "markdown"},
		{"README", "Plain words.\nMore plain words.\n", "text"},
	}
	for _, c := range cases {
		if got, _ := sniff(c.path, c.data); got != c.want {
			t.Errorf("sniff(%q, %q) = %s, want %s", c.path, c.data, got, c.want)
		}
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel, content string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("b/two.md", "# two")
	mk("a/one.txt", "one")
	mk("a/NOTES", "plain text notes")
	mk("a/image.png", "\x89PNG")
	mk("a/blob", "bin\x00ary")
	mk(".git/config.md", "# hidden")
	mk("a/.hidden.md", "# hidden")
	mk("c/x.yaml", "title: x")
	mk("README.md", "# Our postmortems\n\nOne file per incident.")
	mk("c/CHANGELOG.md", "# Changes")
	mk("c/LICENSE", "CC-BY-4.0")
	if runtime.GOOS != "windows" {
		for _, l := range [][2]string{
			{dir, filepath.Join(dir, "b", "loop")},                                  // back to the root
			{filepath.Join(dir, "a"), filepath.Join(dir, "c", "toA")},               // a folder seen twice
			{filepath.Join(dir, "nowhere"), filepath.Join(dir, "c", "dangling.md")}, // dangling
		} {
			if err := os.Symlink(l[0], l[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	explicit := filepath.Join(dir, "a", "image.png") // named files are always yielded
	var got []string
	var errs []string
	err := Walk([]string{dir, explicit, filepath.Join(dir, "missing")}, func(p string, size int64) error {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
		return nil
	}, func(p string, err error) {
		rel, _ := filepath.Rel(dir, p)
		errs = append(errs, filepath.ToSlash(rel)+": "+err.Error())
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a/NOTES", "a/one.txt", "b/two.md", "c/x.yaml", "a/image.png"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("files = %v, want %v", got, want)
	}
	sort.Strings(errs)
	joined := strings.Join(errs, "\n")
	if !strings.Contains(joined, "missing: no such file") {
		t.Errorf("missing root not reported: %s", joined)
	}
	if runtime.GOOS != "windows" {
		if !strings.Contains(joined, "b/loop: symlink loop") {
			t.Errorf("loop not reported: %s", joined)
		}
		if !strings.Contains(joined, "c/dangling.md") {
			t.Errorf("dangling link not reported: %s", joined)
		}
	}
	// onFile errors stop the walk.
	stop := errors.New("stop")
	n := 0
	if err := Walk([]string{dir}, func(string, int64) error { n++; return stop }, nil); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Walk did not stop: err=%v n=%d", err, n)
	}
}

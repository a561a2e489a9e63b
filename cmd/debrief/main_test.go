package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The binary under test, built once by TestMain.
var debriefBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "debrief-cmd-test")
	if err != nil {
		panic(err)
	}
	debriefBin = filepath.Join(dir, "debrief")
	out, err := exec.Command("go", "build", "-o", debriefBin, ".").CombinedOutput()
	if err != nil {
		panic(fmt.Sprintf("go build: %v\n%s", err, out))
	}
	code := m.Run()
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, "remove test binary:", err)
	}
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(debriefBin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	cmd.Env = append(os.Environ(), "DEBRIEF_STORE=", "XDG_DATA_HOME="+t.TempDir())
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{so.String(), se.String(), code}
}

const blameDoc = `---
title: Checkout errors after config push
team: payments
date: 2025-08-14
severity: SEV2
---
# Checkout errors after config push

## Summary

The engineer should have checked the config before pushing it. We assumed the
canary would catch a bad value.

## Timeline

- 14:05 Config pushed to all regions
- 14:12 Alert fired for checkout error rate
- 14:40 Config rolled back

## Action items

- [ ] Validate config values in CI (owner: dana)
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The analyze JSON Lines contract: one output line per input line, in
// order, byte offsets into text, errors on their own line.
func TestAnalyzeJSONLContract(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"The engineer should have checked the config."}`,
		`this is not json`,
		`{"id":"b","text":"This was not human error."}`,
		`{"id":"c","text":"Naïve caché — we assumed the cache was warm."}`,
	}, "\n") + "\n"
	r := run(t, in, "analyze")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	texts := map[string]string{
		"a": "The engineer should have checked the config.",
		"c": "Naïve caché — we assumed the cache was warm.",
	}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	var lines []map[string]json.RawMessage
	for sc.Scan() {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("output line %q is not JSON: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 4 {
		t.Fatalf("want 4 output lines, got %d:\n%s", len(lines), r.stdout)
	}
	wantIDs := []string{`"a"`, `""`, `"b"`, `"c"`}
	for i, m := range lines {
		if string(m["id"]) != wantIDs[i] {
			t.Errorf("line %d: id %s, want %s", i+1, m["id"], wantIDs[i])
		}
	}
	if _, ok := lines[1]["error"]; !ok {
		t.Errorf("line 2 should carry an error: %v", lines[1])
	}
	if string(lines[2]["findings"]) != "[]" {
		t.Errorf("negated human error must give no findings, got %s", lines[2]["findings"])
	}
	type finding struct {
		Kind, Label, Rule, Message string
		Start, End                 int
	}
	check := func(line int, id, kind, label, words string) {
		var fs []finding
		if err := json.Unmarshal(lines[line]["findings"], &fs); err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Kind == kind && f.Label == label {
				if f.Rule == "" || f.Message == "" {
					t.Errorf("%s: finding without rule or message: %+v", id, f)
				}
				if got := texts[id][f.Start:f.End]; !strings.Contains(got, words) && !strings.Contains(words, got) {
					t.Errorf("%s: span [%d,%d) = %q, want it to cover %q", id, f.Start, f.End, got, words)
				}
				return
			}
		}
		t.Errorf("%s: no %s/%s finding in %s", id, kind, label, lines[line]["findings"])
	}
	check(0, "a", "blame", "counterfactual", "should have")
	check(3, "c", "assumption", "belief", "we assumed")
}

func TestIngestStatsParseAndExitCodes(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	good := writeFile(t, docs, "checkout.md", blameDoc)
	writeFile(t, docs, "empty.md", "")
	dsn := "duckdb://" + filepath.Join(dir, "t.db")

	// One bad file: exit 1, the failure named by path, the good file stored.
	r := run(t, "", "ingest", docs, "--store", dsn, "-q")
	if r.code != 1 || !strings.Contains(r.stderr, filepath.Join(docs, "empty.md")+": ") {
		t.Fatalf("ingest with a bad file: exit %d, stderr %q", r.code, r.stderr)
	}
	// Flags after and before arguments; three ingests, same counts.
	var first string
	for i := 0; i < 3; i++ {
		r = run(t, "", "ingest", good, "--store", dsn, "--quiet")
		if r.code != 0 {
			t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
		}
		s := run(t, "", "--store", dsn, "stats", "--json")
		if s.code != 0 {
			t.Fatalf("stats: %s", s.stderr)
		}
		if i == 0 {
			first = s.stdout
			var st map[string]int
			if err := json.Unmarshal([]byte(s.stdout), &st); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"postmortems", "teams", "sentences", "findings", "action_items", "timeline_events"} {
				if st[k] <= 0 {
					t.Errorf("stats %s = %d, want > 0 (%s)", k, st[k], s.stdout)
				}
			}
			if st["postmortems"] != 1 {
				t.Errorf("want 1 postmortem, got %d", st["postmortems"])
			}
		} else if s.stdout != first {
			t.Errorf("stats changed on re-ingest %d: %s vs %s", i, s.stdout, first)
		}
	}

	// parse --json prints the model with the fields the docs promise.
	r = run(t, "", "parse", good, "--json")
	if r.code != 0 {
		t.Fatalf("parse: %s", r.stderr)
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"title", "team", "date", "severity", "sections", "timeline", "action_items", "sentences", "format", "warnings"} {
		if _, ok := p[k]; !ok {
			t.Errorf("parse --json lacks %q", k)
		}
	}
	if p["team"] != "payments" || p["format"] != "markdown" {
		t.Errorf("parse: team %v format %v", p["team"], p["format"])
	}

	// Usage errors exit 2.
	for _, args := range [][]string{{"ingest"}, {"stats", "extra"}, {"nosuchcmd"}, {"lint", "--min-severity", "loud", good}, {"report", "--quarter", "2025-Q9"}} {
		if r := run(t, "", args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, r.code, r.stderr)
		}
	}
}

func TestLintExitCodesAndFormats(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "blame.md", blameDoc)
	clean := writeFile(t, dir, "clean.md", strings.Replace(blameDoc, "The engineer should have checked the config before pushing it.", "The config push went to every region at once.", 1))

	r := run(t, "", "lint", bad)
	if r.code != 1 {
		t.Fatalf("lint on blame: exit %d, want 1: %s %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "blame.md:11:14: warning") || !strings.Contains(r.stdout, "warning") {
		t.Errorf("lint text output lacks file:line and severity:\n%s", r.stdout)
	}
	if r := run(t, "", "lint", clean); r.code != 0 {
		t.Errorf("lint on clean file: exit %d: %s", r.code, r.stdout)
	}
	// Assumptions are info: reported only with --min-severity info, and then fail.
	if r := run(t, "", "lint", "--min-severity", "info", clean); r.code != 1 || !strings.Contains(r.stdout, "info") {
		t.Errorf("lint --min-severity info: exit %d: %s", r.code, r.stdout)
	}
	gh := run(t, "", "lint", "--format", "github", bad)
	if !strings.HasPrefix(gh.stdout, "::warning file=") {
		t.Errorf("github format: %q", gh.stdout)
	}
	// A .debrief.yml beside the file disables the rule that fired.
	js := run(t, "", "lint", "--format", "json", bad)
	var out struct {
		Files []struct {
			Issues []struct{ Rule string }
		}
	}
	if err := json.Unmarshal([]byte(js.stdout), &out); err != nil || len(out.Files) != 1 || len(out.Files[0].Issues) == 0 {
		t.Fatalf("json format: %v %s", err, js.stdout)
	}
	var disable []string
	for _, is := range out.Files[0].Issues {
		disable = append(disable, is.Rule)
	}
	writeFile(t, dir, ".debrief.yml", "disable: ["+strings.Join(disable, ", ")+"]\n")
	if r := run(t, "", "lint", bad); r.code != 0 {
		t.Errorf("lint with the rules disabled in .debrief.yml: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	writeFile(t, dir, ".debrief.yml", "min_severty: info\n")
	if r := run(t, "", "lint", bad); r.code != 2 || !strings.Contains(r.stderr, ".debrief.yml") {
		t.Errorf("lint with a bad config: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "", "lint", filepath.Join(dir, "missing.md")); r.code != 2 {
		t.Errorf("lint on a missing file: exit %d", r.code)
	}
}

// TestReportQuarters: without --quarter the report reviews the latest
// quarter with postmortems; an empty quarter is refused with exit 1, a
// message listing the quarters that have postmortems, and no file.
func TestReportQuarters(t *testing.T) {
	dir := t.TempDir()
	doc := writeFile(t, dir, "pm.md", blameDoc) // dated 2025-08-14
	dsn := "duckdb://" + filepath.Join(dir, "t.db")
	if r := run(t, "", "ingest", doc, "--store", dsn, "-q"); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	r := run(t, "", "--store", dsn, "report", "--format", "md", "--out", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# Learning review, Q3 2025") || !strings.Contains(r.stderr, "reviewing 2025-Q3") {
		t.Errorf("default quarter: exit %d, stderr %q, stdout starts %.60q", r.code, r.stderr, r.stdout)
	}
	if !strings.Contains(r.stdout, "Small sample.") {
		t.Errorf("a quarter of one postmortem is not flagged as a small sample:\n%s", r.stdout)
	}
	out := filepath.Join(dir, "empty.md")
	r = run(t, "", "--store", dsn, "report", "--quarter", "2030-Q1", "--format", "md", "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "no postmortems are dated in 2030-Q1") || !strings.Contains(r.stderr, "quarters with postmortems: 2025-Q3") {
		t.Errorf("empty quarter: exit %d, stderr %q; want exit 1 naming 2025-Q3", r.code, r.stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("empty quarter wrote %s", out)
	}
	// An empty store (one that does not exist is exit 2: issue 9, see
	// TestReadCommandsOnMissingStore).
	if r := run(t, "", "--store", "duckdb://"+filepath.Join(dir, "none.db"), "migrate"); r.code != 0 {
		t.Fatalf("migrate: %s", r.stderr)
	}
	r = run(t, "", "--store", "duckdb://"+filepath.Join(dir, "none.db"), "report", "--format", "md", "--out", "-")
	if r.code != 1 || !strings.Contains(r.stderr, "no dated postmortems") {
		t.Errorf("empty store: exit %d, stderr %q", r.code, r.stderr)
	}
}

// patterns: --window takes days, weeks, months and years; --json has the
// four pattern lists.
func TestPatternsWindowAndJSON(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, docs, "checkout.md", blameDoc)
	dsn := "duckdb://" + filepath.Join(dir, "t.db")
	if r := run(t, "", "ingest", docs, "--store", dsn, "-q"); r.code != 0 {
		t.Fatalf("ingest: %d %s", r.code, r.stderr)
	}
	for _, w := range []string{"90d", "12w", "6m", "6mo", "1y", "2160h"} {
		r := run(t, "", "patterns", "--store", dsn, "--window", w, "--json")
		if r.code != 0 {
			t.Errorf("--window %s: exit %d: %s", w, r.code, r.stderr)
			continue
		}
		var out map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatalf("--json: %v\n%s", err, r.stdout)
		}
		for _, k := range []string{"similar_pairs", "clusters", "followups", "trends"} {
			if string(out[k]) != "[]" {
				t.Errorf("--json %s = %s, want [] for one postmortem", k, out[k])
			}
		}
	}
	r := run(t, "", "patterns", "--store", dsn, "--window", "ninety days")
	if r.code != 2 || !strings.Contains(r.stderr, "90d, 12w, 6m") {
		t.Errorf("bad --window: exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, "", "patterns", "--store", dsn)
	if r.code != 0 || !strings.Contains(r.stdout, "Recurring failure modes") || !strings.Contains(r.stdout, "Theme surges") {
		t.Errorf("text output: exit %d\n%s", r.code, r.stdout)
	}
}

package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ingest")

const fixtureDir = "../testdata/ingest"

// goldenResult is what a golden file pins: the parsed postmortem, or the
// error for inputs that must be refused (templates).
type goldenResult struct {
	Postmortem  any    `json:"postmortem,omitempty"`
	Error       string `json:"error,omitempty"`
	IsTemplate  bool   `json:"is_template,omitempty"`
	SentenceNum int    `json:"sentence_count"`
}

func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".golden.json") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtureDir, name))
			if err != nil {
				t.Fatal(err)
			}
			// A fixed, relative path keeps IDs independent of the checkout.
			pm, err := Parse("testdata/ingest/"+name, data, Options{})
			var res goldenResult
			if err != nil {
				res.Error = err.Error()
				res.IsTemplate = errors.Is(err, ErrTemplate)
			} else {
				checkInvariants(t, name, pm)
				res.SentenceNum = len(pm.Sentences)
				res.Postmortem = pm
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join(fixtureDir, name+".golden.json"), append(got, '\n'), "TestGolden")
		})
	}
	if n < 11 {
		t.Fatalf("expected at least 11 fixtures, found %d", n)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestParseConcurrent parses the fixtures from several goroutines at once
// (run it with -race): Parse keeps no shared mutable state, and results
// match the serial ones.
func TestParseConcurrent(t *testing.T) {
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	type input struct {
		name string
		data []byte
		want string
	}
	var inputs []input
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".golden.json") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(fixtureDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		pm, _ := Parse(e.Name(), data, Options{})
		want, _ := json.Marshal(pm)
		inputs = append(inputs, input{e.Name(), data, string(want)})
	}
	done := make(chan string)
	for g := 0; g < 8; g++ {
		go func(g int) {
			msg := ""
			for i := range inputs {
				in := inputs[(i+g)%len(inputs)]
				pm, _ := Parse(in.name, in.data, Options{})
				if got, _ := json.Marshal(pm); string(got) != in.want && msg == "" {
					msg = in.name + ": concurrent result differs from serial result"
				}
			}
			done <- msg
		}(g)
	}
	for g := 0; g < 8; g++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

// checkGolden compares got with the golden file, or rewrites the file under
// -update; test names the test to rerun with -update.
func checkGolden(t *testing.T, golden string, got []byte, test string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./ingest -run %s -update)", err, test)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run with -update and review the diff:\n%s", golden, firstDiff(string(want), string(got)))
	}
}

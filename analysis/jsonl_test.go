package analysis

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

type outLine struct {
	ID       *string         `json:"id"`
	Findings []JSONLFinding  `json:"findings"`
	Error    string          `json:"error"`
	Raw      json.RawMessage `json:"-"`
}

func runJSONL(t *testing.T, in string, workers int) []outLine {
	t.Helper()
	var out bytes.Buffer
	if err := AnalyzeJSONL(strings.NewReader(in), &out, Default(), workers); err != nil {
		t.Fatal(err)
	}
	var lines []outLine
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var o outLine
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		o.Raw = append(json.RawMessage(nil), sc.Bytes()...)
		lines = append(lines, o)
	}
	return lines
}

func TestAnalyzeJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"The root cause was human error."}`,
		`{"id":"b","text":"Nothing to see here."}`,
		`{"id":"c","text":`, // truncated JSON
		``,                  // blank line
		`{"id":"d"}`,        // missing text
		`{"id":7,"text":"We should have rolled back."}`,
		`{"text":"no id, and the edit was careless"}`,
		`{"id":"e","text":42}`,
		`[1,2]`,
		`{"id":"f","text":"The job failed to start.","extra":true}`,
	}, "\n") + "\n"
	for _, workers := range []int{1, 4} {
		lines := runJSONL(t, in, workers)
		if len(lines) != 10 {
			t.Fatalf("workers=%d: %d output lines for 10 input lines", workers, len(lines))
		}
		id := func(i int) string {
			if lines[i].ID == nil {
				return "<nil>"
			}
			return *lines[i].ID
		}
		// a: findings with offsets into the text.
		text := "The root cause was human error."
		if id(0) != "a" || len(lines[0].Findings) < 2 {
			t.Errorf("line 1: %s", lines[0].Raw)
		}
		for _, f := range lines[0].Findings {
			if text[f.Start:f.End] != f.Match {
				t.Errorf("line 1: span %d:%d = %q, match %q", f.Start, f.End, text[f.Start:f.End], f.Match)
			}
		}
		// b: findings is [] not null.
		if id(1) != "b" || !bytes.Contains(lines[1].Raw, []byte(`"findings":[]`)) {
			t.Errorf("line 2: %s", lines[1].Raw)
		}
		// c: recoverable id, error with line number.
		if id(2) != "c" || !strings.HasPrefix(lines[2].Error, "line 3: invalid JSON") {
			t.Errorf("line 3: %s", lines[2].Raw)
		}
		if !strings.HasPrefix(lines[3].Error, "line 4: empty line") {
			t.Errorf("line 4: %s", lines[3].Raw)
		}
		if id(4) != "d" || lines[4].Error != `line 5: missing "text"` {
			t.Errorf("line 5: %s", lines[4].Raw)
		}
		if id(5) != "7" || len(lines[5].Findings) == 0 || lines[5].Findings[0].Label != "counterfactual" {
			t.Errorf("line 6: %s", lines[5].Raw)
		}
		if id(6) != "" || len(lines[6].Findings) == 0 {
			t.Errorf("line 7: %s", lines[6].Raw)
		}
		if id(7) != "e" || lines[7].Error != `line 8: "text" must be a string` {
			t.Errorf("line 8: %s", lines[7].Raw)
		}
		if !strings.HasPrefix(lines[8].Error, "line 9:") {
			t.Errorf("line 9: %s", lines[8].Raw)
		}
		if id(9) != "f" || lines[9].Error != "" {
			t.Errorf("line 10: %s", lines[9].Raw)
		}
		for _, f := range lines[9].Findings {
			if f.Kind == "blame" {
				t.Errorf("line 10: a job failing to start is not blame: %s", lines[9].Raw)
			}
		}
		for i, l := range lines {
			if l.Error != "" && bytes.Contains(l.Raw, []byte(`"findings"`)) {
				t.Errorf("line %d: error lines carry no findings: %s", i+1, l.Raw)
			}
		}
	}
}

// TestAnalyzeJSONLOrderAndLongLines: many lines in parallel keep their
// order; a multi-megabyte line works; no trailing newline is fine.
func TestAnalyzeJSONLOrderAndLongLines(t *testing.T) {
	var b strings.Builder
	n := 500
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Sentence %d: we assumed the cache was warm.", i)
		if i == 250 {
			text = strings.Repeat("The disk filled up because of human error. ", 30000) // ~1.3 MB
		}
		line, _ := json.Marshal(JSONLInput{ID: fmt.Sprint(i), Text: text})
		b.Write(line)
		if i < n-1 {
			b.WriteByte('\n')
		}
	}
	lines := runJSONL(t, b.String(), 3)
	if len(lines) != n {
		t.Fatalf("%d output lines, want %d", len(lines), n)
	}
	for i, l := range lines {
		if l.ID == nil || *l.ID != fmt.Sprint(i) {
			t.Fatalf("line %d has id %v", i, l.ID)
		}
	}
	if len(lines[250].Findings) < 60000 {
		t.Errorf("long line: %d findings", len(lines[250].Findings))
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, errors.New("disk full")
}

func TestAnalyzeJSONLWriteError(t *testing.T) {
	in := strings.Repeat(`{"id":"a","text":"human error"}`+"\n", 100000)
	err := AnalyzeJSONL(strings.NewReader(in), &failWriter{}, Default(), 2)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
}

package analysis

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"sync"
)

// JSONLInput is one input line of AnalyzeJSONL.
type JSONLInput struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// JSONLFinding is one finding in AnalyzeJSONL output: byte offsets into the
// input text, text[Start:End] == Match.
type JSONLFinding struct {
	Kind     string `json:"kind"`
	Label    string `json:"label"`
	Rule     string `json:"rule"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Match    string `json:"match"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// JSONLOutput is one output line of AnalyzeJSONL: Findings (never null)
// for a good input line, or Error (prefixed "line N: ") for a bad one.
type JSONLOutput struct {
	ID       string         `json:"id"`
	Findings []JSONLFinding `json:"findings,omitempty"`
	Error    string         `json:"error,omitempty"`
}

// MarshalJSON keeps "findings": [] on success and omits it on error.
func (o JSONLOutput) MarshalJSON() ([]byte, error) {
	if o.Error != "" {
		return json.Marshal(struct {
			ID    string `json:"id"`
			Error string `json:"error"`
		}{o.ID, o.Error})
	}
	fs := o.Findings
	if fs == nil {
		fs = []JSONLFinding{}
	}
	return json.Marshal(struct {
		ID       string         `json:"id"`
		Findings []JSONLFinding `json:"findings"`
	}{o.ID, fs})
}

// AnalyzeJSONL reads one JSON object {"id": "...", "text": "..."} per line
// from r and writes exactly one JSON line per input line to w, in input
// order:
//
//	{"id":"a","findings":[{"kind":"blame","label":"counterfactual","rule":"...","start":12,"end":27,...}]}
//
// A line that is not a valid object (bad JSON, missing or non-string
// "text", unknown fields are tolerated) produces
// {"id":"<id if recoverable>","error":"line 7: ..."} and the run goes on;
// a blank line produces an error line too, except for a final newline.
// Lines may be arbitrarily long. Up to workers lines (<= 0: GOMAXPROCS)
// are analysed in parallel. The error returned is a read or write error,
// never a bad line.
func AnalyzeJSONL(r io.Reader, w io.Writer, a *Analyzer, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		n    int
		line []byte
		out  chan []byte
	}
	jobs := make(chan job, workers*4)
	order := make(chan chan []byte, workers*16)

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- analyzeLine(a, j.n, j.line)
			}
		}()
	}

	// Reader: feeds jobs and the order queue.
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		defer close(order)
		defer close(jobs)
		br := bufio.NewReaderSize(r, 64*1024)
		n := 0
		for {
			line, err := readLine(br)
			if len(line) > 0 || (err == nil) {
				n++
				out := make(chan []byte, 1)
				select {
				case order <- out:
				case <-stop:
					readErr <- nil
					return
				}
				jobs <- job{n: n, line: line, out: out}
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				readErr <- err
				return
			}
		}
	}()

	bw := bufio.NewWriterSize(w, 64*1024)
	var werr error
	for out := range order {
		b := <-out
		if werr == nil {
			if _, err := bw.Write(b); err != nil {
				werr = err
				close(stop)
			}
		}
	}
	wg.Wait()
	rerr := <-readErr
	if werr == nil {
		werr = bw.Flush()
	}
	if werr != nil {
		return fmt.Errorf("write: %w", werr)
	}
	if rerr != nil {
		return fmt.Errorf("read: %w", rerr)
	}
	return nil
}

// readLine reads one line of any length without its line ending. At EOF
// it returns the last (unterminated) line with io.EOF, or nil, io.EOF.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadBytes('\n')
	if err != nil {
		return line, err
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}

var idRE = regexp.MustCompile(`"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*)`)

// analyzeLine handles one input line and returns its output line
// (newline-terminated).
func analyzeLine(a *Analyzer, n int, line []byte) []byte {
	out := JSONLOutput{}
	fail := func(format string, args ...any) []byte {
		out.Error = fmt.Sprintf("line %d: ", n) + fmt.Sprintf(format, args...)
		out.Findings = nil
		return marshalLine(out)
	}
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 0 {
		return fail("empty line")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &raw); err != nil {
		out.ID = recoverID(trimmed)
		return fail("invalid JSON: %v", err)
	}
	if idRaw, ok := raw["id"]; ok {
		id, err := idString(idRaw)
		if err != nil {
			return fail("\"id\" must be a string or number")
		}
		out.ID = id
	}
	textRaw, ok := raw["text"]
	if !ok {
		return fail("missing \"text\"")
	}
	var text string
	if err := json.Unmarshal(textRaw, &text); err != nil {
		return fail("\"text\" must be a string")
	}
	fs := a.AnalyzeText(text)
	out.Findings = make([]JSONLFinding, len(fs))
	for i, f := range fs {
		out.Findings[i] = JSONLFinding{Kind: f.Kind, Label: f.Label, Rule: f.Rule, Start: f.Start, End: f.End,
			Match: f.Match, Severity: f.Severity, Message: f.Message}
	}
	return marshalLine(out)
}

func idString(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err == nil {
		return num.String(), nil
	}
	if string(raw) == "null" {
		return "", nil
	}
	return "", errors.New("bad id")
}

// recoverID finds an "id" in a line that is not valid JSON.
func recoverID(line []byte) string {
	m := idRE.FindSubmatch(line)
	if m == nil {
		return ""
	}
	if m[1][0] == '"' {
		if s, err := strconv.Unquote(string(m[1])); err == nil {
			return s
		}
		var s string
		if json.Unmarshal(m[1], &s) == nil {
			return s
		}
		return ""
	}
	return string(m[1])
}

func marshalLine(o JSONLOutput) []byte {
	b, err := json.Marshal(o)
	if err != nil {
		// Cannot happen for these types; keep the one-line contract anyway.
		b = []byte(`{"id":"","error":"internal: cannot encode output"}`)
	}
	return append(b, '\n')
}

// Package lint checks postmortem files for blame phrasing (and, at a lower
// threshold, assumptions and themes) and reports findings at their line and
// column in the original file, like a compiler or linter would.
//
// cmd/debrief parses flags, discovers the config (ConfigFor), parses each
// file with ingest and calls Run:
//
//	cfg, _, err := lint.ConfigFor(path)        // .debrief.yml, upward from the file
//	cfg.MinSeverity = flagValue                 // flags override the file
//	pm, err := ingest.ParseFile(path, opts)
//	src, _ := os.ReadFile(path)
//	exit, err := lint.Run([]lint.Input{{Path: path, Source: src, Doc: pm, Err: err}}, cfg, "text", os.Stdout)
//	os.Exit(exit)
//
// Exit codes: 0 clean, 1 findings at or above the minimum severity (or a
// score below min_score), 2 usage errors or unreadable files.
package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/model"
)

// Exit codes of Run.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// Output formats of Run.
const (
	FormatText   = "text"
	FormatJSON   = "json"
	FormatGitHub = "github"
)

// Input is one file to lint: its path (as it should be printed), its
// original bytes (for positions) and its parsed postmortem. When the file
// could not be read or parsed, Err is set and Doc may be nil: the error is
// reported and the exit code is 2.
type Input struct {
	Path   string
	Source []byte
	Doc    *model.Postmortem
	Err    error
	// Config, when set, replaces the run's Config for this file (each file
	// may have its own .debrief.yml); nil uses the Config given to Run.
	Config *Config
}

// Issue is one reported finding with its position in the original file.
type Issue struct {
	File string `json:"file"`
	Position
	// Located is false when the match could not be found in the source and
	// the position falls back to the sentence, or to line 1, column 1.
	Located bool `json:"located"`
	model.Finding
}

// FileResult is the lint result of one file.
type FileResult struct {
	File    string         `json:"file"`
	Error   string         `json:"error,omitempty"`
	Issues  []Issue        `json:"issues"`
	Quality *model.Quality `json:"quality,omitempty"`
	// BelowMinScore is true when the file's config sets min_score and the
	// file scores below it.
	BelowMinScore bool `json:"below_min_score,omitempty"`
}

// Check analyses the inputs and returns per-file results: issues at or
// above cfg.MinSeverity (default warning), sorted by position, and the
// quality score when cfg.Score or cfg.MinScore is set. The analyzer is
// built from cfg.RulesDirs and cfg.Disable (analysis.Default when both are
// empty); a rule loading error is returned as is.
func Check(inputs []Input, cfg Config) ([]FileResult, error) {
	analyzers := map[string]*analysis.Analyzer{}
	analyzerFor := func(c Config) (*analysis.Analyzer, error) {
		if len(c.RulesDirs) == 0 && len(c.Disable) == 0 {
			return analysis.Default(), nil
		}
		key := strings.Join(c.RulesDirs, "\x00") + "\x01" + strings.Join(c.Disable, "\x00")
		if a, ok := analyzers[key]; ok {
			return a, nil
		}
		a, err := analysis.New(analysis.Options{RulesDirs: c.RulesDirs, Disable: c.Disable})
		if err != nil {
			return nil, err
		}
		analyzers[key] = a
		return a, nil
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if _, err := analyzerFor(cfg); err != nil {
		return nil, err
	}
	results := make([]FileResult, 0, len(inputs))
	for _, in := range inputs {
		c := cfg
		if in.Config != nil {
			c = *in.Config
			if err := c.Validate(); err != nil {
				return nil, fmt.Errorf("%s: %w", in.Path, err)
			}
		}
		a, err := analyzerFor(c)
		if err != nil {
			return nil, err
		}
		minRank := model.SeverityRank(minSeverity(c))
		res := FileResult{File: in.Path, Issues: []Issue{}}
		if in.Err != nil || in.Doc == nil {
			err := in.Err
			if err == nil {
				err = fmt.Errorf("no parsed document")
			}
			res.Error = err.Error()
			results = append(results, res)
			continue
		}
		pm := *in.Doc // analyse a copy: the caller's document is left alone
		a.AnalyzeDocument(&pm)
		loc := newLocator(in.Source, &pm)
		for _, f := range pm.Findings {
			if model.SeverityRank(f.Severity) < minRank {
				continue
			}
			p, ok := loc.locate(f)
			res.Issues = append(res.Issues, Issue{File: in.Path, Position: p, Located: ok, Finding: f})
		}
		sort.SliceStable(res.Issues, func(i, j int) bool {
			x, y := res.Issues[i], res.Issues[j]
			if x.Line != y.Line {
				return x.Line < y.Line
			}
			if x.Col != y.Col {
				return x.Col < y.Col
			}
			return x.Rule < y.Rule
		})
		if c.Score || c.MinScore > 0 {
			res.Quality = pm.Quality
		}
		res.BelowMinScore = c.MinScore > 0 && pm.Quality != nil && pm.Quality.Score < c.MinScore
		results = append(results, res)
	}
	return results, nil
}

func minSeverity(cfg Config) string {
	if cfg.MinSeverity == "" {
		return model.SeverityWarning
	}
	return cfg.MinSeverity
}

// Run lints the inputs, writes the report to w in format (text, json or
// github) and returns the exit code: 0 clean, 1 issues at or above
// cfg.MinSeverity or a score below cfg.MinScore, 2 for a bad format or
// config, a rule loading error or an unreadable input. err is non-nil only
// for exit 2 caused by the configuration or for a write error; unreadable
// inputs are reported in the output instead.
func Run(inputs []Input, cfg Config, format string, w io.Writer) (int, error) {
	switch format {
	case "", FormatText, FormatJSON, FormatGitHub:
	default:
		return ExitUsage, fmt.Errorf("unknown format %q (want text, json or github)", format)
	}
	results, err := Check(inputs, cfg)
	if err != nil {
		return ExitUsage, err
	}
	switch format {
	case FormatJSON:
		err = writeJSON(w, results)
	case FormatGitHub:
		err = writeGitHub(w, results)
	default:
		err = writeText(w, results, cfg, useColor(w, cfg.Color))
	}
	if err != nil {
		return ExitUsage, err
	}
	return exitCode(results), nil
}

func exitCode(results []FileResult) int {
	code := ExitClean
	for _, r := range results {
		if r.Error != "" {
			return ExitUsage
		}
		if len(r.Issues) > 0 {
			code = ExitFindings
		}
		if r.BelowMinScore {
			code = ExitFindings
		}
	}
	return code
}

func useColor(w io.Writer, mode string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

func severityColor(s string) string {
	switch s {
	case model.SeverityError:
		return ansiRed
	case model.SeverityWarning:
		return ansiYellow
	}
	return ansiCyan
}

// writeText writes one block per issue:
//
//	pm.md:12:5: warning: Hindsight about what someone should or could have done. [blame.counterfactual-modal]
//	    "should have checked"
//	    suggestion: Replace "should have" with ...
func writeText(w io.Writer, results []FileResult, cfg Config, color bool) error {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	issues := 0
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(&b, "%s: %s: %s\n", r.File, paint(ansiRed, "error"), r.Error)
			continue
		}
		for _, is := range r.Issues {
			issues++
			fmt.Fprintf(&b, "%s:%d:%d: %s: %s %s\n", paint(ansiBold, is.File), is.Line, is.Col,
				paint(severityColor(is.Severity), is.Severity), is.Message, paint(ansiDim, "["+is.Rule+"]"))
			fmt.Fprintf(&b, "    %q\n", is.Match)
			if is.Suggestion != "" {
				fmt.Fprintf(&b, "    suggestion: %s\n", is.Suggestion)
			}
		}
		if r.Quality != nil {
			q := r.Quality
			fmt.Fprintf(&b, "%s: quality %s/100", paint(ansiBold, r.File), paint(ansiBold, fmt.Sprint(q.Score)))
			if len(q.Missing) > 0 {
				fmt.Fprintf(&b, " (missing: %s)", strings.Join(q.Missing, ", "))
			}
			b.WriteString("\n")
			for _, reason := range q.Reasons {
				fmt.Fprintf(&b, "    %-15s %4.1f/%-4.0f %s\n", reason.Code, reason.Points, reason.Max, reason.Message)
			}
		}
	}
	if issues > 0 {
		fmt.Fprintf(&b, "%d issue(s) at or above %s\n", issues, minSeverity(cfg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeJSON writes {"files":[{"file":..., "issues":[...], "quality":{...}}]}.
func writeJSON(w io.Writer, results []FileResult) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Files []FileResult `json:"files"`
	}{results})
}

// writeGitHub writes GitHub Actions workflow commands:
//
//	::warning file=pm.md,line=12,col=5,title=blame.counterfactual-modal::Hindsight about ...
func writeGitHub(w io.Writer, results []FileResult) error {
	var b strings.Builder
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(&b, "::error file=%s,title=debrief::%s\n", ghProp(r.File), ghData(r.Error))
			continue
		}
		for _, is := range r.Issues {
			level := "notice"
			switch is.Severity {
			case model.SeverityError:
				level = "error"
			case model.SeverityWarning:
				level = "warning"
			}
			msg := is.Message + " (\"" + is.Match + "\")"
			if is.Suggestion != "" {
				msg += "\n" + is.Suggestion
			}
			fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level, ghProp(is.File), is.Line, is.Col, ghProp(is.Rule), ghData(msg))
		}
		if r.Quality != nil {
			fmt.Fprintf(&b, "::notice file=%s,title=quality::%s\n", ghProp(r.File), ghData(fmt.Sprintf("quality %d/100", r.Quality.Score)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

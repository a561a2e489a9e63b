package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/taxonomy"
)

// Rule types.
const (
	// TypePhrase matches token sequences (see the phrase syntax in
	// doc.go): word boundaries are token boundaries, case is ignored,
	// inflections are generated for words marked with "~" or for all words
	// with `inflect: true`.
	TypePhrase = "phrase"
	// TypeRegex matches a Go regular expression (case-insensitive unless
	// case_sensitive is set). Sentences are only searched when one of the
	// rule's `tokens` occurs in them (the prefilter); without tokens every
	// sentence is searched.
	TypeRegex = "regex"
	// TypeContext matches phrases like TypePhrase, then checks the
	// context of each match: negation, quotation/mention, plans, subject.
	TypeContext = "context"
	// TypeNamed tags, across a document, the sentences that mention a
	// name the document introduces with one of the rule's `introducers`
	// ("Tessera Pay, our card-terminal vendor, ...", "the label supplier,
	// Lumen Shelf"): later sentences name the party alone ("Tessera
	// confirms the fault"). Its examples are short documents.
	TypeNamed = "named"
)

// Subject checks of context rules.
const (
	// SubjectPerson keeps a match only when a person ("we", "the
	// engineer", "someone") is the subject of the matched words.
	SubjectPerson = "person"
	// SubjectNotSystem drops a match whose subject is a system ("the job",
	// "it", "the pod"); matches without a visible subject are kept.
	SubjectNotSystem = "not-system"
	// SubjectPersonOrNone keeps a match whose subject is a person or that
	// has no subject in its clause ("- Failed to follow the runbook"); a
	// system or any other noun as subject drops it.
	SubjectPersonOrNone = "person-or-none"
)

// ruleFile is the YAML form of one rule; decoded strictly.
type ruleFile struct {
	ID            string        `yaml:"id"`
	Kind          string        `yaml:"kind"`
	Label         string        `yaml:"label"`
	Severity      string        `yaml:"severity"`
	Message       string        `yaml:"message"`
	Suggestion    string        `yaml:"suggestion"`
	Type          string        `yaml:"type"`
	Phrases       []string      `yaml:"phrases"`
	Introducers   []string      `yaml:"introducers"`
	Inflect       bool          `yaml:"inflect"`
	Pattern       string        `yaml:"pattern"`
	Tokens        []string      `yaml:"tokens"`
	CaseSensitive bool          `yaml:"case_sensitive"`
	Context       *contextSpec  `yaml:"context"`
	Examples      *examplesSpec `yaml:"examples"`
}

type contextSpec struct {
	SkipNegated bool `yaml:"skip_negated"`
	SkipQuoted  bool `yaml:"skip_quoted"`
	SkipPlans   bool `yaml:"skip_plans"`
	// SkipHypothetical drops a match in a hypothetical or generic clause:
	// "in case of unexpected load", "if an operator error happens", "any
	// operator error is a symptom of a missing mechanism".
	SkipHypothetical bool `yaml:"skip_hypothetical"`
	// SkipRejected drops a match the sentence frames to reject ("it would
	// be easy to say the team should have watched") or rejects after it
	// ("... would miss the point"), for rules that cannot use
	// skip_negated because their own words are negations.
	SkipRejected bool   `yaml:"skip_rejected"`
	Subject      string `yaml:"subject"`
	// SkipAfter drops a match whose word right before it is one of these
	// (lower-case): "found by accident" is luck, not a slip, with
	// skip_after: [found].
	SkipAfter []string `yaml:"skip_after"`
}

type examplesSpec struct {
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no_match"`
}

// Labels lists the built-in labels of each kind, as package taxonomy
// defines them. Rules may use other labels only when they start with "x-"
// (user extensions, taxonomy.IsExtension).
var Labels = func() map[string][]string {
	m := map[string][]string{}
	for _, k := range taxonomy.Kinds() {
		m[k] = taxonomy.Labels(k)
	}
	return m
}()

// defaultSeverity is the severity of a rule that names none.
func defaultSeverity(kind string) string {
	if kind == model.KindBlame {
		return model.SeverityWarning
	}
	return model.SeverityInfo
}

// rule is a compiled rule.
type rule struct {
	info    RuleInfo
	file    string
	phrases []*phrase
	re      *regexp.Regexp
	tokens  []string
	ctx     contextSpec
	hasCtx  bool
	ex      examplesSpec
	// introducers of a named rule, each a lower-case word.
	introducers map[string]bool
}

// RuleInfo describes a loaded rule (for listings and the dashboard).
type RuleInfo struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	Label      string `json:"label"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	Type       string `json:"type"`
	// Source is "builtin:<file>" for embedded rules, else the file path.
	Source string `json:"source"`
	// Examples the rule must (Match) and must not (NoMatch) fire on.
	Match   []string `json:"match,omitempty"`
	NoMatch []string `json:"no_match,omitempty"`
}

// RuleError is a problem in a rule file, with its position.
type RuleError struct {
	File string
	Line int // 1-based; 0 when unknown
	Msg  string
}

func (e *RuleError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)$`)

// parseRule decodes and compiles one rule file. name is used in errors.
func parseRule(name string, data []byte) (*rule, error) {
	var rf ruleFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&rf); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &RuleError{File: name, Msg: "empty rule file"}
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &RuleError{File: name, Line: extra.Line, Msg: "more than one YAML document; put one rule per file"}
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	lineOf := func(key string) int { return keyLine(&root, key) }
	fail := func(key, format string, args ...any) error {
		return &RuleError{File: name, Line: lineOf(key), Msg: fmt.Sprintf(format, args...)}
	}

	for _, req := range []struct{ key, val string }{
		{"id", rf.ID}, {"kind", rf.Kind}, {"label", rf.Label}, {"message", rf.Message}, {"type", rf.Type},
	} {
		if strings.TrimSpace(req.val) == "" {
			return nil, &RuleError{File: name, Line: max(lineOf(req.key), 1), Msg: fmt.Sprintf("missing required field %q", req.key)}
		}
	}
	if !taxonomy.ValidKind(rf.Kind) {
		return nil, fail("kind", "unknown kind %q (want %s)", rf.Kind, orList(taxonomy.Kinds()))
	}
	if !taxonomy.IsExtension(rf.Label) && !taxonomy.Valid(rf.Kind, rf.Label) {
		return nil, fail("label", "unknown label %q for kind %s (want one of %s, or a custom label starting with %q)",
			rf.Label, rf.Kind, strings.Join(taxonomy.Labels(rf.Kind), ", "), taxonomy.ExtensionPrefix)
	}
	if rf.Severity == "" {
		rf.Severity = defaultSeverity(rf.Kind)
	} else if model.SeverityRank(rf.Severity) < 0 {
		return nil, fail("severity", "unknown severity %q (want info, suggestion, warning or error)", rf.Severity)
	}
	if rf.Kind == model.KindBlame && strings.TrimSpace(rf.Suggestion) == "" {
		return nil, &RuleError{File: name, Line: 1, Msg: `missing required field "suggestion" (blame rules say how to rewrite)`}
	}
	if rf.Examples == nil || len(rf.Examples.Match) == 0 {
		return nil, &RuleError{File: name, Line: max(lineOf("examples"), 1), Msg: "missing examples.match: every rule needs at least one example it fires on"}
	}

	r := &rule{
		info: RuleInfo{ID: rf.ID, Kind: rf.Kind, Label: rf.Label, Severity: rf.Severity,
			Message: strings.TrimSpace(rf.Message), Suggestion: strings.TrimSpace(rf.Suggestion), Type: rf.Type,
			Match: rf.Examples.Match, NoMatch: rf.Examples.NoMatch},
		file: name,
		ex:   *rf.Examples,
	}
	switch rf.Type {
	case TypePhrase, TypeContext:
		if len(rf.Phrases) == 0 {
			return nil, &RuleError{File: name, Line: max(lineOf("type"), 1), Msg: fmt.Sprintf("missing required field \"phrases\" for type %s", rf.Type)}
		}
		if rf.Pattern != "" || len(rf.Tokens) > 0 {
			return nil, fail("pattern", "pattern and tokens belong to regex rules, not %s rules", rf.Type)
		}
		for i, p := range rf.Phrases {
			ph, err := compilePhrase(p, rf.Inflect)
			if err != nil {
				return nil, &RuleError{File: name, Line: seqItemLine(&root, "phrases", i), Msg: fmt.Sprintf("phrase %q: %v", p, err)}
			}
			r.phrases = append(r.phrases, ph)
		}
		if rf.Type == TypeContext {
			if rf.Context == nil {
				return nil, &RuleError{File: name, Line: max(lineOf("type"), 1), Msg: "missing required field \"context\" for type context"}
			}
			c := *rf.Context
			if c.Subject != "" && c.Subject != SubjectPerson && c.Subject != SubjectNotSystem && c.Subject != SubjectPersonOrNone {
				return nil, fail("context", "unknown context.subject %q (want person, person-or-none or not-system)", c.Subject)
			}
			if !c.SkipNegated && !c.SkipQuoted && !c.SkipPlans && !c.SkipHypothetical && c.Subject == "" && len(c.SkipAfter) == 0 {
				return nil, fail("context", "context sets no check (skip_negated, skip_quoted, skip_plans, skip_hypothetical, subject, skip_after)")
			}
			for i, w := range c.SkipAfter {
				if w == "" || w != strings.ToLower(w) || strings.ContainsAny(w, " \t") {
					return nil, fail("context", "context.skip_after[%d] %q: want one lower-case word", i, w)
				}
			}
			r.ctx, r.hasCtx = c, true
		} else if rf.Context != nil {
			return nil, fail("context", "context checks need type: context")
		}
	case TypeRegex:
		if rf.Pattern == "" {
			return nil, &RuleError{File: name, Line: max(lineOf("type"), 1), Msg: "missing required field \"pattern\" for type regex"}
		}
		if len(rf.Phrases) > 0 || rf.Context != nil {
			return nil, fail("phrases", "phrases and context belong to phrase and context rules, not regex rules")
		}
		expr := rf.Pattern
		if !rf.CaseSensitive {
			expr = "(?i)" + expr
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fail("pattern", "bad regular expression: %v", err)
		}
		if re.MatchString("") {
			return nil, fail("pattern", "regular expression matches the empty string")
		}
		r.re = re
		for _, t := range rf.Tokens {
			ws := tokenNorms(t)
			if len(ws) != 1 {
				return nil, fail("tokens", "token %q is not a single word", t)
			}
			r.tokens = append(r.tokens, ws[0])
		}
	case TypeNamed:
		if len(rf.Introducers) == 0 {
			return nil, &RuleError{File: name, Line: max(lineOf("type"), 1), Msg: "missing required field \"introducers\" for type named"}
		}
		if len(rf.Phrases) > 0 || rf.Pattern != "" || rf.Context != nil {
			return nil, fail("introducers", "phrases, pattern and context belong to other rule types, not named rules")
		}
		r.introducers = map[string]bool{}
		for i, w := range rf.Introducers {
			ws := tokenNorms(w)
			if len(ws) != 1 || ws[0] != w {
				return nil, &RuleError{File: name, Line: seqItemLine(&root, "introducers", i), Msg: fmt.Sprintf("introducer %q: want one lower-case word", w)}
			}
			r.introducers[w] = true
		}
	default:
		return nil, fail("type", "unknown type %q (want phrase, regex, context or named)", rf.Type)
	}
	if rf.Type != TypeNamed && len(rf.Introducers) > 0 {
		return nil, fail("introducers", "introducers belong to named rules")
	}
	return r, nil
}

// yamlError turns a yaml.v3 error into a RuleError with its line.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		if m := yamlLineRE.FindStringSubmatch("yaml: " + te.Errors[0]); m != nil {
			return &RuleError{File: name, Line: atoi(m[1]), Msg: m[2]}
		}
		return &RuleError{File: name, Msg: te.Errors[0]}
	}
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		return &RuleError{File: name, Line: atoi(m[1]), Msg: m[2]}
	}
	return &RuleError{File: name, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// keyLine returns the line of a top-level (or context.) key, or 0.
func keyLine(root *yaml.Node, key string) int {
	if root == nil || len(root.Content) == 0 {
		return 0
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return m.Line
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// seqItemLine returns the line of item i of the top-level sequence key.
func seqItemLine(root *yaml.Node, key string, i int) int {
	if root == nil || len(root.Content) == 0 {
		return 0
	}
	m := root.Content[0]
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key && m.Content[k+1].Kind == yaml.SequenceNode && i < len(m.Content[k+1].Content) {
			return m.Content[k+1].Content[i].Line
		}
	}
	return keyLine(root, key)
}

// orList joins items as "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// loadRulesFS loads every *.yml / *.yaml file of dir in fsys, sorted by
// name. prefix is prepended to file names in errors and sources.
func loadRulesFS(fsys fs.FS, dir, prefix string) ([]*rule, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("%s%s: %w", prefix, dir, err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && (strings.HasSuffix(e.Name(), ".yml") || strings.HasSuffix(e.Name(), ".yaml")) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var rules []*rule
	var errs []error
	for _, n := range names {
		p := n
		if dir != "." {
			p = dir + "/" + n
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s%s: %w", prefix, p, err))
			continue
		}
		label := prefix + p
		if prefix == "" {
			label = filepath.Join(dir, n)
		}
		r, err := parseRule(label, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rules = append(rules, r)
	}
	return rules, errors.Join(errs...)
}

// LoadRuleFile parses and compiles one rule file from disk; errors name
// the file and line. Useful to validate user rules.
func LoadRuleFile(path string) (RuleInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return RuleInfo{}, err
	}
	r, err := parseRule(path, data)
	if err != nil {
		return RuleInfo{}, err
	}
	return r.info, nil
}

package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/debrief-dev/debrief/model"
)

// ConfigFile is the name of the lint configuration file, discovered by
// walking up from the linted file's directory.
const ConfigFile = ".debrief.yml"

// Config controls a lint run. It is read from .debrief.yml (strictly: an
// unknown key is an error) and may be overridden by command-line flags:
//
//	min_severity: warning      # info | suggestion | warning | error
//	disable: [blame.judgmental-obvious]
//	rules_dirs: [rules]        # relative to the config file
//	score: true                # print the writeup quality score
//	min_score: 60              # exit 1 when a file scores below this
type Config struct {
	// MinSeverity is the lowest severity reported; any reported finding
	// makes the exit code 1. Default warning.
	MinSeverity string `yaml:"min_severity"`
	// Disable lists rule ids to switch off.
	Disable []string `yaml:"disable"`
	// RulesDirs are directories of extra rule files. Relative paths in a
	// config file are resolved against the config file's directory.
	RulesDirs []string `yaml:"rules_dirs"`
	// Score prints each file's quality score and its reasons.
	Score bool `yaml:"score"`
	// MinScore (0-100, 0 = off) makes a file scoring below it fail (exit 1).
	MinScore int `yaml:"min_score"`
	// Color forces colour on ("always") or off ("never"); "" or "auto"
	// colours text output only when it goes to a terminal and NO_COLOR is
	// unset.
	Color string `yaml:"color"`
	// Teams maps team aliases to teams; ingest reads it (ingest.ConfigFile),
	// lint accepts it.
	Teams map[string]string `yaml:"teams"`
}

// ConfigError is a problem in a config file, with its position.
type ConfigError struct {
	File string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// LoadConfig reads and strictly decodes a config file. Relative
// rules_dirs are made relative to the file's directory.
func LoadConfig(path string) (Config, error) {
	var c Config
	data, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		msg := err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return c, &ConfigError{File: path, Line: n, Msg: m[2]}
		}
		return c, &ConfigError{File: path, Msg: msg}
	}
	if err := c.Validate(); err != nil {
		return c, &ConfigError{File: path, Msg: err.Error()}
	}
	dir := filepath.Dir(path)
	for i, d := range c.RulesDirs {
		if !filepath.IsAbs(d) {
			c.RulesDirs[i] = filepath.Join(dir, d)
		}
	}
	return c, nil
}

// Validate checks field values.
func (c Config) Validate() error {
	if c.MinSeverity != "" && model.SeverityRank(c.MinSeverity) < 0 {
		return fmt.Errorf("min_severity: unknown severity %q (want info, suggestion, warning or error)", c.MinSeverity)
	}
	if c.MinScore < 0 || c.MinScore > 100 {
		return fmt.Errorf("min_score: %d is outside 0-100", c.MinScore)
	}
	switch c.Color {
	case "", "auto", "always", "never":
	default:
		return fmt.Errorf("color: unknown value %q (want auto, always or never)", c.Color)
	}
	return nil
}

// FindConfig returns the path of the nearest .debrief.yml in the
// directory of path (a file or directory) or any parent, or "" if none.
func FindConfig(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		p := filepath.Join(dir, ConfigFile)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// ConfigFor discovers and loads the config that applies to path; with no
// config file it returns the zero Config and "".
func ConfigFor(path string) (Config, string, error) {
	p, err := FindConfig(path)
	if err != nil || p == "" {
		return Config{}, "", err
	}
	c, err := LoadConfig(p)
	return c, p, err
}

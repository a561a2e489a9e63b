package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/debrief-dev/debrief/analysis/lint"
	"github.com/debrief-dev/debrief/ingest"
	"github.com/spf13/cobra"
)

func newLintCmd() *cobra.Command {
	var (
		pf          parseFlags
		rf          ruleFlags
		format      string
		minSeverity string
		score       bool
		minScore    int
		color       string
		configPath  string
	)
	cmd := &cobra.Command{
		Use:   "lint FILE|DIR...",
		Short: "Review postmortem writeups: blame phrasing, with suggestions, and a quality score",
		Long: `Reports blame phrasing ("human error", "should have", "the root cause was") at its
file:line:col with the offending words and a blame-aware rewrite suggestion.
Surfaced assumptions and surprises are good news and are reported at severity info,
shown with --min-severity info. --score prints the writeup quality score (0-100)
with its reasons.

Configuration: the .debrief.yml nearest each file (searched upward), or --config;
flags override it:
  min_severity: warning        # info | suggestion | warning | error
  disable: [blame.judgmental-obvious]
  rules_dirs: [rules]          # relative to the config file
  score: true
  min_score: 60                # exit 1 when a file scores below this
  color: auto                  # auto | always | never

Exit codes: 0 clean; 1 findings at or above --min-severity (or a score below
--min-score); 2 usage error, bad config or unreadable file.`,
		Example: `  debrief lint postmortems/2025-03-14-checkout.md
  debrief lint --score --min-severity info draft.md
  debrief lint --format github docs/postmortems/     # GitHub Actions annotations`,
		Args: minArgs(1, "at least one file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			override := func(c lint.Config) lint.Config {
				fl := cmd.Flags()
				if fl.Changed("min-severity") {
					c.MinSeverity = minSeverity
				}
				if fl.Changed("score") {
					c.Score = score
				}
				if fl.Changed("min-score") {
					c.MinScore = minScore
				}
				if fl.Changed("color") {
					c.Color = color
				}
				c.RulesDirs = append(c.RulesDirs, rf.rulesDirs...)
				c.Disable = append(c.Disable, rf.disable...)
				return c
			}
			var explicit *lint.Config
			if configPath != "" {
				c, err := lint.LoadConfig(configPath)
				if err != nil {
					return usageErr("%v", err)
				}
				c = override(c)
				explicit = &c
			}
			configs := map[string]*lint.Config{} // by config file path ("" = none)
			configFor := func(path string) (*lint.Config, error) {
				if explicit != nil {
					return explicit, nil
				}
				p, err := lint.FindConfig(path)
				if err != nil {
					return nil, err
				}
				if c, ok := configs[p]; ok {
					return c, nil
				}
				var c lint.Config
				if p != "" {
					if c, err = lint.LoadConfig(p); err != nil {
						return nil, err
					}
				}
				c = override(c)
				configs[p] = &c
				return &c, nil
			}

			var inputs []lint.Input
			addFile := func(path string, _ int64) error {
				cfg, err := configFor(path)
				if err != nil {
					return usageErr("%v", err)
				}
				in := lint.Input{Path: path, Config: cfg}
				in.Source, in.Err = os.ReadFile(path)
				if in.Err == nil {
					in.Doc, in.Err = ingest.Parse(path, in.Source, pf.options())
					if errors.Is(in.Err, ingest.ErrTemplate) {
						fmt.Fprintf(os.Stderr, "%s: skipped: %v\n", path, in.Err)
						return nil
					}
				}
				inputs = append(inputs, in)
				return nil
			}
			err := ingest.Walk(args, addFile, func(path string, err error) {
				inputs = append(inputs, lint.Input{Path: path, Err: err})
			})
			if err != nil {
				return err
			}
			base := lint.Config{}
			if explicit != nil {
				base = *explicit
			} else {
				base = override(base)
			}
			code, err := lint.Run(inputs, base, format, os.Stdout)
			if err != nil {
				return usageErr("%v", err)
			}
			return exitWith(code)
		},
	}
	pf.register(cmd)
	rf.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "output: text, json or github (GitHub Actions annotations)")
	cmd.Flags().StringVar(&minSeverity, "min-severity", "warning", "lowest severity reported and failing: info, suggestion, warning, error")
	cmd.Flags().BoolVar(&score, "score", false, "print each file's writeup quality score and its reasons")
	cmd.Flags().IntVar(&minScore, "min-score", 0, "exit 1 when a file scores below this (0-100; 0 = off)")
	cmd.Flags().StringVar(&color, "color", "auto", "colour: auto (terminal only), always, never")
	cmd.Flags().StringVar(&configPath, "config", "", "config file (default: .debrief.yml found upward from each file)")
	return cmd
}

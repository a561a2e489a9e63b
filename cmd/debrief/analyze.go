package main

import (
	"encoding/json"
	"os"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/model"
	"github.com/spf13/cobra"
)

// analyzedDoc is the JSON shape of `debrief analyze FILE...`.
type analyzedDoc struct {
	Path      string           `json:"path"`
	ID        string           `json:"id"`
	Title     string           `json:"title"`
	Team      string           `json:"team,omitempty"`
	Sentences []model.Sentence `json:"sentences"`
	Findings  []model.Finding  `json:"findings"`
	Themes    []model.Theme    `json:"themes"`
	Quality   *model.Quality   `json:"quality"`
}

func newAnalyzeCmd() *cobra.Command {
	var (
		pf      parseFlags
		rf      ruleFlags
		format  string
		workers int
	)
	cmd := &cobra.Command{
		Use:   "analyze [FILE...]",
		Short: "Tag text with blame, assumption and theme findings (JSON Lines in, JSON out)",
		Long: `Without files, reads JSON Lines on stdin, one {"id": "...", "text": "..."} per line,
and writes one line per input, in order:
  {"id":"...","findings":[{"kind":"blame","label":"counterfactual","rule":"...","start":12,"end":27,"message":"..."}]}
start/end are UTF-8 byte offsets into text. A bad line gets {"id":"...","error":"..."}
on its line and the run goes on.

With files, parses each postmortem and prints its sentences, findings (offsets into
the sentence text), document themes and writeup quality score as one JSON object per
file (JSON Lines). Exit 1 when a file could not be parsed.`,
		Example: `  echo '{"id":"1","text":"The engineer should have checked the config."}' | debrief analyze
  debrief analyze postmortem.md | jq '.findings[] | select(.kind=="blame")'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "json" {
				return usageErr("--format must be jsonl or json, not %q", format)
			}
			a, err := rf.analyzer()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				return analysis.AnalyzeJSONL(os.Stdin, os.Stdout, a, workers)
			}
			enc := json.NewEncoder(os.Stdout)
			if format == "json" {
				enc.SetIndent("", "  ")
			}
			return eachParsed(args, pf.options(), func(doc *model.Postmortem) error {
				a.AnalyzeDocument(doc)
				out := analyzedDoc{
					Path: doc.Source.Path, ID: doc.ID, Title: doc.Title, Team: doc.Team,
					Sentences: doc.Sentences, Findings: doc.Findings, Themes: doc.Themes, Quality: doc.Quality,
				}
				if out.Findings == nil {
					out.Findings = []model.Finding{}
				}
				return enc.Encode(out)
			})
		},
	}
	pf.register(cmd)
	rf.register(cmd)
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl (one object per line) or json (indented)")
	cmd.Flags().IntVar(&workers, "workers", 0, "parallel taggers for stdin input (default: number of CPUs)")
	return cmd
}

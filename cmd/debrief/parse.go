package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/debrief-dev/debrief/model"
	"github.com/spf13/cobra"
)

// parseOutput is the JSON shape of `debrief parse --json`: the model plus
// the source format at the top level.
type parseOutput struct {
	*model.Postmortem
	Path   string `json:"path"`
	Format string `json:"format"`
}

func newParseCmd() *cobra.Command {
	var (
		pf      parseFlags
		jsonOut bool
	)
	cmd := &cobra.Command{
		Use:   "parse FILE...",
		Short: "Print the parsed model of postmortems without storing them",
		Long: `Parses each file and prints what debrief understood: metadata, sections,
timeline, action items and sentences. With --json, one JSON object per file
(JSON Lines). Nothing is stored. Exit 1 when a file could not be parsed.`,
		Example: `  debrief parse --json postmortem.md | jq .timeline`,
		Args:    minArgs(1, "at least one file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			enc := json.NewEncoder(os.Stdout)
			return eachParsed(args, pf.options(), func(doc *model.Postmortem) error {
				if jsonOut {
					return enc.Encode(parseOutput{doc, doc.Source.Path, doc.Source.Format})
				}
				printParsed(doc)
				return nil
			})
		},
	}
	pf.register(cmd)
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON Lines (one object per file)")
	return cmd
}

func printParsed(d *model.Postmortem) {
	date := "-"
	if d.Date != nil {
		date = d.Date.Format("2006-01-02")
	}
	fmt.Printf("%s\n  title:    %s\n  format:   %s\n  team:     %s\n  date:     %s\n  severity: %s\n",
		d.Source.Path, d.Title, d.Source.Format, orDash(d.Team), date, orDash(d.Severity))
	if d.DurationMinutes > 0 {
		fmt.Printf("  duration: %.0f min (%s)\n", d.DurationMinutes, d.DurationSource)
	}
	fmt.Printf("  sections:")
	for _, s := range d.Sections {
		fmt.Printf(" %s", s.Kind)
	}
	fmt.Printf("\n  timeline: %d events, action items: %d, sentences: %d\n",
		len(d.Timeline), len(d.ActionItems), len(d.Sentences))
	for _, w := range d.Warnings {
		fmt.Printf("  warning:  %s\n", w)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

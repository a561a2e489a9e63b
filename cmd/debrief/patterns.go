package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/spf13/cobra"
)

func newPatternsCmd(g *globalFlags) *cobra.Command {
	var (
		ff      filterFlags
		jsonOut bool
		top     int
		window  time.Duration
	)
	cmd := &cobra.Command{
		Use:   "patterns",
		Short: "Find what keeps happening: repeated action items, recurring incidents, themes together",
		Long: `Mines the stored postmortems for recurring patterns:
  - follow-ups promised again and again (the same action item, worded differently)
  - recurring incidents (the same service failing the same way within --window)
  - themes that meet in the same postmortems more often than chance
  - themes rising and falling by quarter`,
		Example: `  debrief patterns
  debrief patterns --team payments --json | jq '.repeated_actions[:5]'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, _, err := openReadStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer st.Close()
			var docs []patterns.DocText
			var actions []patterns.ActionRef
			err = store.Each(cmd.Context(), st, ff.filter(), 0, func(p *model.Postmortem) error {
				docs = append(docs, patterns.FromPostmortem(p))
				actions = append(actions, patterns.ActionsOf(p)...)
				return nil
			})
			if err != nil {
				return err
			}
			opts := patterns.Options{}
			opts.Recurrence.Window = window
			rep := patterns.Build(docs, actions, opts)
			if jsonOut {
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			printPatterns(rep, top)
			return nil
		},
	}
	ff.register(cmd)
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print everything as JSON")
	cmd.Flags().IntVar(&top, "top", 10, "rows per section in text output")
	cmd.Flags().DurationVar(&window, "window", 0, "how far apart two incidents may be and still recur (default 6 months)")
	return cmd
}

func printPatterns(r patterns.Report, top int) {
	fmt.Printf("%d postmortems, %d action items\n\n", r.Postmortems, r.ActionItems)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Println("Follow-ups promised again")
	fmt.Fprintln(tw, "  times\tpostmortems\topen\tteams\taction")
	for i, c := range r.RepeatedActions {
		if i == top {
			break
		}
		fmt.Fprintf(tw, "  %d\t%d\t%d\t%s\t%s\n", c.Count, c.Docs, c.Open, strings.Join(c.Teams, ","), c.Label)
	}
	tw.Flush()
	fmt.Println("\nRecurring incidents")
	fmt.Fprintln(tw, "  times\tservice\tteam\tthemes\tkeywords")
	for i, rc := range r.Recurring {
		if i == top {
			break
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", len(rc.Occurrences), orDash(rc.Service), orDash(rc.Team), strings.Join(rc.Themes, ","), strings.Join(rc.Keywords, ", "))
	}
	tw.Flush()
	fmt.Println("\nThemes that meet")
	fmt.Fprintln(tw, "  themes\tpostmortems\tlift")
	for i, p := range r.ThemePairs {
		if i == top {
			break
		}
		fmt.Fprintf(tw, "  %s + %s\t%d\t%.2f\n", p.A, p.B, p.Docs, p.Lift)
	}
	tw.Flush()
	fmt.Println("\nTheme trends (share of postmortems per quarter)")
	fmt.Fprintln(tw, "  theme\tdirection\tlast quarter\ttrend")
	for _, t := range r.ThemeTrends {
		last := 0.0
		if n := len(t.Quarters); n > 0 {
			last = t.Quarters[n-1].Share
		}
		fmt.Fprintf(tw, "  %s\t%s\t%.0f%%\t%+.1f pts/quarter\n", t.Theme, t.Direction, 100*last, 100*t.Slope)
	}
	tw.Flush()
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/spf13/cobra"
)

// windowValue is a --window flag: days, weeks, months or years
// (patterns.ParseWindow).
type windowValue struct{ d *time.Duration }

func (w windowValue) String() string {
	if w.d == nil || *w.d == 0 {
		return ""
	}
	return w.d.String()
}
func (w windowValue) Set(s string) error {
	d, err := patterns.ParseWindow(s)
	if err != nil {
		return err
	}
	*w.d = d
	return nil
}
func (w windowValue) Type() string { return "window" }

func newPatternsCmd(g *globalFlags) *cobra.Command {
	var (
		ff      filterFlags
		jsonOut bool
		top     int
		window  time.Duration
		lexPath string
	)
	cmd := &cobra.Command{
		Use:   "patterns",
		Short: "Find what keeps happening: recurring failure modes, repeated follow-ups, duplicate writeups, theme surges",
		Long: `Mines the stored postmortems for recurring patterns:
  - recurring failure modes: postmortems of two or more teams or quarters that
    describe the same mechanism in any words ("certificate expired", "rolled out
    everywhere at once"), clustered by TF-IDF over mechanism concepts and the
    words of title, summary, root-cause, trigger and what-went-wrong sections
    (plus the concepts named in the timeline and impact)
  - follow-ups promised in two or more postmortems, in any words (the same
    remedy for the same mechanism: "page before a cert ends" and "warn 30 days
    ahead of keystore expiry"), with how many are still open
  - near-duplicate writeups: two writeups of one incident (dated at most 3 days
    apart, and similar while naming the same service, or very similar; on the
    same or the next day, a shared service and mechanism suffice)
  - theme surges: ` + patterns.SurgeTest + `
  - incidents recurring on one service within --window

Mechanism concepts come from an embedded lexicon (analysis/patterns/lexicon.yml);
--lexicon adds your own in the same format (their examples are checked).`,
		Example: `  debrief patterns
  debrief patterns --window 90d
  debrief patterns --team payments --json | jq '.clusters[:5]'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			opts := patterns.Options{}
			if lexPath != "" {
				lex, err := patterns.LoadLexicon(lexPath)
				if err != nil {
					return usageErr("--lexicon: %v", err)
				}
				opts.Lexicon = lex
			}
			st, _, err := readStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeInto(&err, st, "store")
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
			opts.Recurrence.Window = window
			rep := patterns.Build(docs, actions, opts)
			if jsonOut {
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			return printPatterns(os.Stdout, rep, top)
		},
	}
	ff.register(cmd)
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print everything as JSON")
	cmd.Flags().IntVar(&top, "top", 10, "rows per section in text output")
	cmd.Flags().Var(windowValue{&window}, "window", "how far apart two incidents of one service may be and still recur: 90d, 12w, 6m (or 6mo), 1y (default 6m)")
	cmd.Flags().StringVar(&lexPath, "lexicon", "", "YAML file of extra mechanism concepts (format of analysis/patterns/lexicon.yml)")
	return cmd
}

func printPatterns(w io.Writer, r patterns.Report, top int) error {
	fmt.Fprintf(w, "%d postmortems, %d action items\n\n", r.Postmortems, r.ActionItems)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var ferr error
	flush := func() {
		if err := tw.Flush(); err != nil && ferr == nil {
			ferr = err
		}
	}
	section := func(title string, n int) bool {
		fmt.Fprintln(w, title)
		if n == 0 {
			fmt.Fprintln(w, "  (none)")
		}
		return n > 0
	}
	if section("Recurring failure modes", len(r.Clusters)) {
		fmt.Fprintln(tw, "  postmortems\tteams\tfirst\tlast\tname\tdocs")
		for i, c := range r.Clusters {
			if i == top {
				break
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\n", len(c.Docs), orDash(strings.Join(c.Teams, ",")), orDash(c.First), orDash(c.Last), c.Name, abbrev(c.Docs, 4))
		}
		flush()
	}
	if section("\nFollow-ups promised again", len(r.FollowUps)) {
		fmt.Fprintln(tw, "  postmortems\topen\tteams\tfollow-up\tother wordings")
		for i, f := range r.FollowUps {
			if i == top {
				break
			}
			var other []string
			for _, x := range f.Wordings {
				if x != f.Text {
					other = append(other, fmt.Sprintf("%q", x))
				}
			}
			fmt.Fprintf(tw, "  %d\t%d of %d\t%s\t%s\t%s\n", len(f.Docs), f.Open, f.Items, orDash(strings.Join(f.Teams, ",")), f.Text, strings.Join(other, "; "))
		}
		flush()
	}
	if section("\nNear-duplicate writeups (one incident written up twice)", len(r.SimilarPairs)) {
		fmt.Fprintln(tw, "  score\ta\tb\tteams")
		for i, p := range r.SimilarPairs {
			if i == top {
				break
			}
			fmt.Fprintf(tw, "  %.2f\t%s\t%s\t%s / %s\n", p.Score, p.A, p.B, orDash(p.TeamA), orDash(p.TeamB))
		}
		flush()
	}
	if section("\nTheme surges (binomial test against earlier quarters)", len(r.Trends)) {
		fmt.Fprintln(tw, "  theme\tquarter\tcount\tof\texpected\tp")
		for i, s := range r.Trends {
			if i == top {
				break
			}
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%.1f\t%.3g\n", s.Theme, s.Quarter, s.Count, s.Total, s.Expected, s.P)
		}
		flush()
	}
	if section("\nIncidents recurring on one service", len(r.Recurring)) {
		fmt.Fprintln(tw, "  times\tservice\tteam\tthemes\tkeywords")
		for i, rc := range r.Recurring {
			if i == top {
				break
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", len(rc.Occurrences), orDash(rc.Service), orDash(rc.Team), strings.Join(rc.Themes, ","), strings.Join(rc.Keywords, ", "))
		}
		flush()
	}
	if section("\nThemes that meet", len(r.ThemePairs)) {
		fmt.Fprintln(tw, "  themes\tpostmortems\tlift")
		for i, p := range r.ThemePairs {
			if i == top {
				break
			}
			fmt.Fprintf(tw, "  %s + %s\t%d\t%.2f\n", p.A, p.B, p.Docs, p.Lift)
		}
		flush()
	}
	return ferr
}

// abbrev lists up to n ids and how many more there are.
func abbrev(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s, +%d", strings.Join(ids[:n], ", "), len(ids)-n)
}

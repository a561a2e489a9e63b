package main

import (
	"fmt"
	"os"
	"time"

	"github.com/debrief-dev/debrief/quarter"
	"github.com/debrief-dev/debrief/report"
	"github.com/debrief-dev/debrief/store"
	"github.com/spf13/cobra"
)

// filterFlags select postmortems for report and patterns.
type filterFlags struct {
	teams, severities, services, themes []string
}

func (f *filterFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&f.teams, "team", nil, "only these teams; repeatable")
	cmd.Flags().StringSliceVar(&f.severities, "severity", nil, "only these severities; repeatable")
	cmd.Flags().StringSliceVar(&f.services, "service", nil, "only these services; repeatable")
	cmd.Flags().StringSliceVar(&f.themes, "theme", nil, "only postmortems with these themes; repeatable")
}

func (f *filterFlags) filter() store.Filter {
	return store.Filter{Teams: f.teams, Severities: f.severities, Services: f.services, Themes: f.themes}
}

func newReportCmd(g *globalFlags) *cobra.Command {
	var (
		quarterFlag, format, out, baseURL string
		ff                                filterFlags
	)
	cmd := &cobra.Command{
		Use:   "report --quarter 2025-Q3",
		Short: "Write the quarterly learning review (HTML or Markdown)",
		Long: `Writes the quarterly learning review: what happened (counts, severity, teams, time
to resolve), themes rising and falling against earlier quarters, blame phrasing per
team, surprises and assumptions worth discussing, follow-ups promised again, the
writeups worth reading and questions for the review.

Without --quarter the latest quarter with postmortems (under the filters) is
reviewed. A quarter without postmortems is refused with exit 1 and a message that
lists the quarters that have some; a quarter of fewer than 5 postmortems is reviewed
with counts beside every share and no trend called.

HTML is one self-contained file (charts included, works offline); Markdown pastes
into a wiki. --out - writes to stdout; the default file name is
quarterly-review-<quarter>.<html|md>.`,
		Example: `  debrief report --quarter 2025-Q3
  debrief report --quarter 2025-Q3 --format md --out - --base-url https://debrief.example.com`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			var q quarter.Quarter
			if quarterFlag != "" {
				if q, err = quarter.Parse(quarterFlag); err != nil {
					return usageErr("--quarter: %v", err)
				}
			}
			fm, err := report.NormalizeFormat(format)
			if err != nil {
				return usageErr("--format: %v", err)
			}
			st, _, err := readStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeInto(&err, st, "store")
			if quarterFlag == "" {
				// The latest quarter with postmortems under the filter.
				if q, err = report.LatestQuarter(cmd.Context(), st, ff.filter()); err != nil {
					return err
				}
				fmt.Fprintf(os.Stderr, "report: reviewing %s, the latest quarter with postmortems (--quarter picks another)\n", q)
			}
			if out == "" {
				if out, err = report.FileName(q, fm); err != nil {
					return usageErr("%v", err)
				}
			}
			// An empty quarter is refused (exit 1) before any file is written;
			// the message lists the quarters that have postmortems.
			r, err := report.Build(cmd.Context(), st, q, report.Options{Filter: ff.filter(), BaseURL: baseURL, GeneratedAt: time.Now().UTC()})
			if err != nil {
				return err
			}
			if out == "-" {
				return r.Write(os.Stdout, fm)
			}
			f, cerr := os.Create(out)
			if cerr != nil {
				return usageErr("--out: %v", cerr)
			}
			defer closeInto(&err, f, "--out file") // the named result, not a shadow
			if err := r.Write(f, fm); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "report: wrote %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&quarterFlag, "quarter", "", "quarter to review, e.g. 2025-Q3 (default: the latest quarter with postmortems)")
	cmd.Flags().StringVar(&format, "format", "html", "html or md")
	cmd.Flags().StringVarP(&out, "out", "o", "", "output file, - for stdout (default quarterly-review-<quarter>.<ext>)")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "dashboard URL to link postmortems to")
	ff.register(cmd)
	return cmd
}

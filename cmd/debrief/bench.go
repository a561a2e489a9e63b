package main

import (
	"errors"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/internal/synth"
	"github.com/debrief-dev/debrief/pipeline"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
	"github.com/spf13/cobra"
)

var errStopGenerating = errors.New("stop")

// synthSource streams n generated documents into the pipeline without
// touching the disk.
func synthSource(seed int64, n int) pipeline.Source {
	return pipeline.Source{Files: n, Inputs: func(yield func(pipeline.Input) bool) {
		_ = synth.Generate(synth.Options{Seed: seed, N: n}, func(d synth.Doc) error {
			if !yield(pipeline.Input{Path: d.Path, Size: int64(len(d.Data)), Data: d.Data}) {
				return errStopGenerating
			}
			return nil
		})
	}}
}

func newBenchCmd() *cobra.Command {
	var (
		n       int
		seed    int64
		dsns    []string
		analyze bool
		workers int
	)
	cmd := &cobra.Command{
		Use:   "bench [PATH...]",
		Short: "Measure ingest throughput (MB/s) and peak memory, parse-only and into stores",
		Long: `Ingests the given files and folders (or --synthetic N generated documents, streamed
from memory) once per target: "none" (parse only) and each --store DSN. Prints
documents, MB, seconds, MB/s, documents/s and the peak Go heap, so that runs at
10k and 100k documents show whether memory stays flat. Each store target is
written to as a normal ingest would: use a scratch store.`,
		Example: `  debrief bench ../shared/corpus/postmortems --store none --store duckdb:///tmp/bench.db
  debrief bench --synthetic 100000 --store none --store duckdb:///tmp/bench.db`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && n <= 0 {
				return usageErr("give files/folders or --synthetic N")
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "target\tanalysis\tdocs\tMB\tseconds\tMB/s\tdocs/s\tpeak heap MB\t")
			for _, dsn := range dsns {
				var st store.Store
				if dsn != "none" {
					s, err := open.Open(cmd.Context(), dsn)
					if err != nil {
						return fmt.Errorf("open %s: %w", dsn, err)
					}
					st = s
				}
				opts := pipeline.Options{Workers: workers}
				if analyze {
					opts.Analyzer = analysis.Default()
				}
				watch := pipeline.WatchHeap(50 * time.Millisecond)
				var sum pipeline.Summary
				var err error
				if len(args) > 0 {
					sum, err = pipeline.Ingest(cmd.Context(), st, args, opts)
				} else {
					sum, err = pipeline.Run(cmd.Context(), st, synthSource(seed, n), opts)
				}
				peak := watch.Stop()
				if st != nil {
					err = errors.Join(err, st.Close())
				}
				if err != nil {
					return fmt.Errorf("%s: %w", dsn, err)
				}
				secs := sum.Elapsed.Seconds()
				fmt.Fprintf(tw, "%s\t%v\t%d\t%.1f\t%.2f\t%.1f\t%.0f\t%.0f\t\n", dsn, analyze, sum.Postmortems,
					float64(sum.Bytes)/1e6, secs, sum.MBPerSecond(), float64(sum.Postmortems)/secs, float64(peak)/1e6)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().IntVar(&n, "synthetic", 0, "generate N documents in memory instead of reading PATHs")
	cmd.Flags().Int64Var(&seed, "seed", 1, "generator seed")
	cmd.Flags().StringSliceVar(&dsns, "store", []string{"none"}, `targets: "none" (parse only) or a store DSN; repeatable`)
	cmd.Flags().BoolVar(&analyze, "analyze", false, "also run the tagger (analysis) on every document")
	cmd.Flags().IntVar(&workers, "workers", 0, "parallel parsers (default: number of CPUs)")
	return cmd
}

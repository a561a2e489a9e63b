package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/internal/synth"
	"github.com/debrief-dev/debrief/pipeline"
	"github.com/debrief-dev/debrief/store/open"
	"github.com/spf13/cobra"
)

func newDemoCmd(g *globalFlags) *cobra.Command {
	var (
		n       int
		seed    int64
		dir     string
		noServe bool
		planted bool
		sf      serveFlags
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Generate synthetic postmortems, ingest them and serve the dashboard",
		Long: `Writes N synthetic postmortems (several teams, quarters and formats; deterministic
by --seed) into --dir, ingests them into the demo store (a DuckDB file of its own
unless --store is given) and serves the dashboard, printing its URL.`,
		Example: `  debrief demo
  debrief demo --generate 5000 --addr 127.0.0.1:9090
  debrief demo --generate 300 --dir ./demo-corpus --no-serve
  debrief demo --planted --seed 3 --no-serve && debrief patterns --store duckdb://$HOME/.local/share/debrief/demo.db`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if n <= 0 {
				return usageErr("--generate must be positive")
			}
			data := open.DataDir()
			if dir == "" {
				dir = filepath.Join(data, "demo-corpus")
			}
			if g.store == "" {
				// The demo store is the demo's own: start it afresh so that it
				// holds exactly the corpus generated below.
				db := filepath.Join(data, "demo.db")
				for _, p := range []string{db, db + ".wal"} {
					if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
						return err
					}
				}
				g.store = "duckdb://" + db
			}
			// A fresh corpus each time, so --generate/--seed are what you see.
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			var written int
			if planted {
				written, err = synth.WritePlanted(dir, synth.PlantOptions{Seed: seed})
			} else {
				written, err = synth.WriteDir(dir, synth.Options{Seed: seed, N: n})
			}
			if err != nil {
				return fmt.Errorf("generate: %w", err)
			}
			fmt.Fprintf(os.Stderr, "demo: wrote %d synthetic postmortems to %s\n", written, dir)
			st, dsn, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeInto(&err, st, "store")
			sum, err := pipeline.Ingest(cmd.Context(), st, []string{dir}, pipeline.Options{
				Analyzer: analysis.Default(),
				Progress: pipeline.NewProgress(os.Stderr),
			})
			for _, fe := range sum.Errors {
				fmt.Fprintln(os.Stderr, fe.Error())
			}
			fmt.Fprintf(os.Stderr, "demo: %s\ndemo: store %s\n", sum.String(), dsn)
			if err != nil {
				return err
			}
			if noServe {
				return nil
			}
			return serve(cmd.Context(), st, dsn, sf)
		},
	}
	cmd.Flags().IntVar(&n, "generate", 1200, "number of synthetic postmortems")
	cmd.Flags().Int64Var(&seed, "seed", 1, "generator seed (same seed, same corpus)")
	cmd.Flags().StringVar(&dir, "dir", "", "where to write the corpus (default: demo-corpus in the data dir)")
	cmd.Flags().BoolVar(&noServe, "no-serve", false, "generate and ingest, then exit")
	cmd.Flags().BoolVar(&planted, "planted", false, "write the 48-postmortem corpus with planted recurring patterns (certificate expiry, config everywhere at once, Kafka disks, duplicate writeups, a dependency surge) instead; --generate is ignored")
	sf.register(cmd)
	return cmd
}

package main

import (
	"github.com/spf13/cobra"
)

// globalFlags are shared by every subcommand.
type globalFlags struct {
	store string
}

func newRootCmd() *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "debrief",
		Short: "Learn from postmortems: parse, tag blame/assumptions/themes, store, chart",
		Long: `debrief reads incident postmortems (Markdown, HTML/Confluence exports, plain text,
JSON/YAML exports), tags every sentence with blame phrasing, stated assumptions and
surprises, and contributing-factor themes, stores them (embedded DuckDB by default,
ClickHouse for teams) and shows trends across teams and quarters.

Store DSN: --store or $DEBRIEF_STORE; default duckdb under the user's data directory.
  duckdb:///path/to/debrief.db
  clickhouse://host:9000/db?username=u&password=p

Exit codes: 0 ok; 1 some files failed (ingest) or findings at/above the threshold
(lint); 2 usage error or unreadable input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&g.store, "store", "", "store DSN (default $DEBRIEF_STORE or duckdb in the user data dir)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr("%s: %v (see '%s -h')", c.CommandPath(), err, c.CommandPath())
	})
	root.AddCommand(
		newIngestCmd(g),
		newParseCmd(),
		newStatsCmd(g),
		newMigrateCmd(g),
		newServeCmd(g),
		newDemoCmd(g),
		newAnalyzeCmd(),
		newBenchCmd(),
		newReportCmd(g),
		newLintCmd(),
		newPatternsCmd(g),
		newTrainCmd(),
		newTokenCmd(),
	)
	return root
}

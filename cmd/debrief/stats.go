package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func newStatsCmd(g *globalFlags) *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Print counts from the store",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			st, dsn, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeInto(&err, st, "store")
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return err
			}
			if jsonOut {
				return json.NewEncoder(os.Stdout).Encode(s)
			}
			fmt.Printf("store:           %s\npostmortems:     %d\nteams:           %d\nsentences:       %d\nfindings:        %d\naction items:    %d\ntimeline events: %d\n",
				dsn, s.Postmortems, s.Teams, s.Sentences, s.Findings, s.ActionItems, s.TimelineEvents)
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}

func newMigrateCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending schema migrations to the store (also done at start-up)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			st, dsn, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeInto(&err, st, "store")
			if err := st.Migrate(cmd.Context()); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "%s: schema up to date\n", dsn)
			return nil
		},
	}
}

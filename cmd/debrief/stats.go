package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/debrief-dev/debrief/remote"
	"github.com/debrief-dev/debrief/store"
	"github.com/spf13/cobra"
)

func newStatsCmd(g *globalFlags) *cobra.Command {
	var (
		jsonOut       bool
		server, token string
	)
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Print counts from the store",
		Long: `Prints what the store holds. With --server, or when 'debrief serve' holds the
DuckDB file of --store, the counts come from that server's /api/v1/stats.
A store that does not exist is an error (exit 2); stats creates nothing.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, dsn, err := readStats(cmd.Context(), g, server, token)
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
	cmd.Flags().StringVar(&server, "server", "", "read the counts from this debrief server")
	cmd.Flags().StringVar(&token, "token", "", "bearer token for --server (default $"+remote.EnvToken+")")
	return cmd
}

// readStats counts through the server of --server, else the local server
// holding the store, else the (existing) store itself.
func readStats(ctx context.Context, g *globalFlags, server, token string) (store.Stats, string, error) {
	if server != "" {
		if token == "" {
			token = os.Getenv(remote.EnvToken)
		}
		s, err := (&remote.Client{URL: server, Token: token}).Stats(ctx)
		return s, server, err
	}
	dsn := storeDSN(g)
	d, err := localServer(ctx, dsn)
	if err != nil {
		return store.Stats{}, dsn, err
	}
	if d != nil {
		s, err := d.Client().Stats(ctx)
		return s, dsn + " (through debrief serve at " + d.URL + ")", err
	}
	st, dsn, err := openReadStore(ctx, g)
	if err != nil {
		return store.Stats{}, dsn, err
	}
	s, err := st.Stats(ctx)
	if cerr := st.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close store: %w", cerr)
	}
	return s, dsn, err
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

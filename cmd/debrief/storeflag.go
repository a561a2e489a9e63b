package main

import (
	"context"
	"fmt"

	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
	"github.com/spf13/cobra"
)

// openStore opens the store named by --store, $DEBRIEF_STORE or the default.
func openStore(ctx context.Context, g *globalFlags) (store.Store, string, error) {
	dsn := g.store
	if dsn == "" {
		dsn = open.DefaultDSN()
	}
	st, err := open.Open(ctx, dsn)
	if err != nil {
		return nil, dsn, fmt.Errorf("open store %s: %w", dsn, err)
	}
	return st, dsn, nil
}

// minArgs is cobra.MinimumNArgs with a usage error (exit 2).
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErr("%s: needs %s (see '%s -h')", cmd.CommandPath(), what, cmd.CommandPath())
		}
		return nil
	}
}

// noArgs is cobra.NoArgs with a usage error (exit 2).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr("%s: unexpected argument %q (see '%s -h')", cmd.CommandPath(), args[0], cmd.CommandPath())
	}
	return nil
}

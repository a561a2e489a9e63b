package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/debrief-dev/debrief/remote"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
	"github.com/spf13/cobra"
)

// storeDSN is --store, else $DEBRIEF_STORE, else the default DuckDB file.
func storeDSN(g *globalFlags) string {
	if g.store != "" {
		return g.store
	}
	return open.DefaultDSN()
}

// localServer is the running `debrief serve` that holds the DuckDB file of
// dsn, or nil (other stores, or no live server).
func localServer(ctx context.Context, dsn string) (*remote.Discovery, error) {
	path, ok := open.DuckDBPath(dsn)
	if !ok {
		return nil, nil
	}
	return remote.Discover(ctx, path)
}

// heldErr explains that a server holds the store and what to do instead.
func heldErr(dsn string, d *remote.Discovery) error {
	return fmt.Errorf("store %s is held by `debrief serve` (pid %d, %s): a DuckDB file is open in one process at a time. "+
		"`debrief ingest`, `stats`, `report` and `patterns` go through that server; for anything else stop it, or use its API at %s/api/v1/ (see dashboard/API.md)",
		dsn, d.PID, d.URL, d.URL)
}

// openStore opens (creating if missing) the store named by --store,
// $DEBRIEF_STORE or the default: for ingest, migrate and demo.
func openStore(ctx context.Context, g *globalFlags) (store.Store, string, error) {
	dsn := storeDSN(g)
	if d, err := localServer(ctx, dsn); err != nil {
		return nil, dsn, err
	} else if d != nil {
		return nil, dsn, heldErr(dsn, d)
	}
	st, err := open.Open(ctx, dsn)
	if err != nil {
		return nil, dsn, fmt.Errorf("open store %s: %w", dsn, err)
	}
	return st, dsn, nil
}

// openReadStore opens an existing store for a command that only reads
// (stats, serve, report, patterns): a store that does not exist is a usage
// error (exit 2) naming it, and nothing is created.
func openReadStore(ctx context.Context, g *globalFlags) (store.Store, string, error) {
	dsn := storeDSN(g)
	if d, err := localServer(ctx, dsn); err != nil {
		return nil, dsn, err
	} else if d != nil {
		return nil, dsn, heldErr(dsn, d)
	}
	st, err := open.Existing(ctx, dsn)
	if errors.Is(err, open.ErrNotExist) {
		return nil, dsn, usageErr("store %s: %v", dsn, err)
	}
	if err != nil {
		return nil, dsn, fmt.Errorf("open store %s: %w", dsn, err)
	}
	return st, dsn, nil
}

// readStore is openReadStore for report and patterns, except that a store
// held by a local `debrief serve` is read through that server's API
// (remote.Store) instead of failing on DuckDB's file lock.
func readStore(ctx context.Context, g *globalFlags) (store.Store, string, error) {
	dsn := storeDSN(g)
	d, err := localServer(ctx, dsn)
	if err != nil {
		return nil, dsn, err
	}
	if d != nil {
		fmt.Fprintf(os.Stderr, "debrief: %s is held by debrief serve (pid %d): reading through %s\n", dsn, d.PID, d.URL)
		return remote.Store{Client: d.Client()}, dsn, nil
	}
	return openReadStore(ctx, g)
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

package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/dashboard"
	"github.com/debrief-dev/debrief/store"
	"github.com/spf13/cobra"
)

type serveFlags struct {
	addr    string
	baseURL string
	verbose bool
}

func (f *serveFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().StringVar(&f.baseURL, "base-url", "", "public URL or path prefix the dashboard is served under (reverse proxies)")
	cmd.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "log every request")
}

func newServeCmd(g *globalFlags) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard and JSON API",
		Long: `Serves the dashboard (overview, teams, themes, writeup quality, postmortems,
search) and its JSON API under /api/v1/, with /healthz for probes.
All assets are embedded: the dashboard works offline.`,
		Example: `  debrief serve
  debrief serve --addr 0.0.0.0:8080 --store clickhouse://clickhouse:9000/debrief`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			st, _, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeInto(&err, st, "store")
			return serve(cmd.Context(), st, f)
		},
	}
	f.register(cmd)
	return cmd
}

// serve listens on f.addr, prints the URL and serves until ctx ends.
func serve(ctx context.Context, st store.Store, f serveFlags) error {
	level := slog.LevelWarn
	if f.verbose {
		level = slog.LevelInfo
	}
	opts := dashboard.Options{
		Rules:   dashboard.RulesFrom(analysis.Default().Rules()),
		BaseURL: f.baseURL,
		Logger:  slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})),
	}
	l, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageErr("listen on %s: %v", f.addr, err)
	}
	fmt.Printf("debrief dashboard: http://%s%s/\n", displayAddr(l.Addr()), trimSlash(f.baseURL))
	return dashboard.Serve(ctx, l, st, opts)
}

// displayAddr turns 0.0.0.0/:: into 127.0.0.1 so the printed URL works locally.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("127.0.0.1:%d", tcp.Port)
	}
	return tcp.String()
}

func trimSlash(base string) string {
	for len(base) > 0 && base[len(base)-1] == '/' {
		base = base[:len(base)-1]
	}
	return base
}

package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	neturl "net/url"
	"os"
	"time"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/auth"
	"github.com/debrief-dev/debrief/dashboard"
	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/remote"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
	"github.com/debrief-dev/debrief/store/retry"
	"github.com/spf13/cobra"
)

type serveFlags struct {
	addr             string
	baseURL          string
	verbose          bool
	tokensFile       string
	requireReadToken bool
	maxIngestBytes   int64
	maxDocBytes      int64
	writeRetry       time.Duration
	init             bool
}

func (f *serveFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().StringVar(&f.baseURL, "base-url", "", "public URL or path prefix the dashboard is served under (reverse proxies)")
	cmd.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "log every request")
	cmd.Flags().StringVar(&f.tokensFile, "tokens", "", "file of token hashes and scopes (default $"+auth.EnvTokensFile+"; $"+auth.EnvTokens+" adds more); see 'debrief token'")
	cmd.Flags().BoolVar(&f.requireReadToken, "require-read-token", false, "dashboard, API reads and /metrics need a token with the read scope")
	cmd.Flags().Int64Var(&f.maxIngestBytes, "max-ingest-bytes", 64<<20, "largest POST /api/v1/postmortems body")
	cmd.Flags().Int64Var(&f.maxDocBytes, "max-doc-bytes", ingest.DefaultMaxBytes, "largest document in an ingest request")
	cmd.Flags().BoolVar(&f.init, "init", false, "create the store when it does not exist (a fresh deployment); without it a missing store is an error")
	cmd.Flags().DurationVar(&f.writeRetry, "write-retry", 10*time.Second, "how long a failing store write is retried before the ingest API answers 503")
}

func newServeCmd(g *globalFlags) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard and JSON API",
		Long: `Serves the dashboard (overview, teams, themes, writeup quality, postmortems,
search) and its JSON API under /api/v1/, with /healthz for probes and
/metrics for Prometheus. All assets are embedded: the dashboard works offline.

POST /api/v1/postmortems ingests documents (one file, JSON Lines or
multipart); it needs a bearer token with the write scope, from --tokens,
$DEBRIEF_TOKENS_FILE or $DEBRIEF_TOKENS (see 'debrief token').

On a DuckDB file store, serve writes <file>.serve.json (URL, pid and a
token valid while it runs, readable by you only) so that 'debrief ingest',
'stats', 'report' and 'patterns' on the same store go through the server
instead of failing on DuckDB's file lock. The store must exist (create it with
'debrief ingest' or 'debrief migrate'), unless --init is given.`,
		Example: `  debrief serve
  debrief serve --addr 0.0.0.0:8080 --tokens /etc/debrief/tokens --store clickhouse://clickhouse:9000/debrief`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			openFn := openReadStore
			if f.init {
				openFn = openStore
			}
			st, dsn, err := openFn(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeInto(&err, st, "store")
			return serve(cmd.Context(), st, dsn, f)
		},
	}
	f.register(cmd)
	return cmd
}

// serve listens on f.addr, prints the URL and serves st (named dsn) until
// ctx ends; on a DuckDB file it writes the discovery file for the time.
func serve(ctx context.Context, st store.Store, dsn string, f serveFlags) error {
	level := slog.LevelWarn
	if f.verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	entries, err := auth.FromEnv(f.tokensFile)
	if err != nil {
		return usageErr("%v", err)
	}
	db, local := open.DuckDBPath(dsn)
	var localToken string
	if local {
		tok, e, err := auth.NewToken("local", auth.Read, auth.Write)
		if err != nil {
			return err
		}
		localToken, entries = tok, append(entries, e)
	}
	opts := dashboard.Options{
		Rules:            dashboard.RulesFrom(analysis.Default().Rules()),
		BaseURL:          f.baseURL,
		Logger:           logger,
		Keyring:          auth.NewKeyring(entries...),
		RequireReadToken: f.requireReadToken,
		MaxIngestBytes:   f.maxIngestBytes,
		MaxDocBytes:      f.maxDocBytes,
	}
	st = retry.Store{Store: st, Policy: retry.Policy{For: f.writeRetry, OnRetry: func(n int, err error, wait time.Duration) {
		logger.Warn("store write failed; retrying", "attempt", n, "in", wait.Round(time.Millisecond), "err", err)
	}}}
	l, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageErr("listen on %s: %v", f.addr, err)
	}
	url := fmt.Sprintf("http://%s%s", displayAddr(l.Addr()), trimSlash(basePath(f.baseURL)))
	if local {
		remove, err := remote.WriteDiscovery(db, remote.Discovery{URL: url, PID: os.Getpid(), Token: localToken, Store: dsn, Started: time.Now().UTC()})
		if err != nil {
			logger.Warn("no discovery file: other debrief commands will not find this server", "err", err)
		} else {
			defer remove()
		}
	}
	fmt.Printf("debrief dashboard: %s/\n", url)
	return dashboard.Serve(ctx, l, st, opts)
}

// basePath is the path of --base-url ("https://x/debrief/" -> "/debrief").
func basePath(base string) string {
	if u, err := neturl.Parse(base); err == nil && u.Host != "" {
		return u.Path
	}
	return base
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

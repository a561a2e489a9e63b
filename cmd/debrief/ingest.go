package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/pipeline"
	"github.com/debrief-dev/debrief/remote"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/retry"
	"github.com/spf13/cobra"
)

// parseFlags are the ingest.Options flags shared by ingest, parse, lint and analyze.
type parseFlags struct {
	team         string
	teamFromPath string
	maxBytes     int64
	teamAliases  map[string]string
	knownTeams   []string
}

func (p *parseFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&p.team, "team", "", "team of every postmortem (overrides front matter and path)")
	cmd.Flags().StringVar(&p.teamFromPath, "team-from-path", "", "take the team from the path, e.g. 'incidents/{team}/**'")
	cmd.Flags().Int64Var(&p.maxBytes, "max-bytes", 32<<20, "skip files larger than this many bytes")
	cmd.Flags().StringToStringVar(&p.teamAliases, "team-alias", nil,
		"alias=team: store the team 'alias' as 'team' (repeatable; adds to .debrief.yml 'teams:')")
	cmd.Flags().StringSliceVar(&p.knownTeams, "known-teams", nil,
		"the organisation's teams (comma-separated; adds to .debrief.yml 'known_teams:'): a name in another spelling is stored as the one whose words it contains")
}

// options are the parse options; the team aliases of the .debrief.yml
// nearest to each file apply, then --team-alias.
func (p *parseFlags) options() ingest.Options {
	var known []string
	for _, t := range p.knownTeams {
		if ingest.TeamSlug(t) != "" { // a value naming no team is ignored
			known = append(known, t)
		}
	}
	aliases, _ := ingest.KnownTeams(p.teamAliases, known, "--known-teams") // every team in known names one
	return ingest.Options{Team: p.team, TeamFromPath: p.teamFromPath, MaxBytes: p.maxBytes,
		TeamAliases: aliases, Configs: ingest.NewConfigFinder()}
}

// ruleFlags select analysis rules (and, for ingest, where documents go).
type ruleFlags struct {
	rulesDirs []string
	disable   []string
	server    string
	token     string
	retryFor  time.Duration
}

func (r *ruleFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&r.rulesDirs, "rules", nil, "directory of extra rule files (*.yml); repeatable")
	cmd.Flags().StringSliceVar(&r.disable, "disable", nil, "rule ids to switch off; repeatable")
}

func (r *ruleFlags) analyzer() (*analysis.Analyzer, error) {
	if len(r.rulesDirs) == 0 && len(r.disable) == 0 {
		return analysis.Default(), nil
	}
	a, err := analysis.New(analysis.Options{RulesDirs: r.rulesDirs, Disable: r.disable})
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return a, nil
}

func newIngestCmd(g *globalFlags) *cobra.Command {
	var (
		pf         parseFlags
		rf         ruleFlags
		workers    int
		noAnalysis bool
		quiet      bool
		jsonOut    bool
	)
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Parse, tag and store postmortems from files and folders",
		Long: `Walks files and folders, parses every postmortem (Markdown with or without front
matter, HTML exports, plain text, JSON/YAML exports, .html.md.erb, extension-less
files), tags it and stores it. Inside folders, hidden files and a folder's README,
LICENSE, CHANGELOG and CONTRIBUTING files are skipped (name them to ingest them).
Re-ingesting is idempotent: a document keeps its id
(front-matter id, else its path inside the project - the folder above the ingest
root holding .debrief.yml or .git, else the root's parent - however the root is
written) and a changed file replaces its earlier version. Documents stored under
the ids of earlier versions (a hash of the path as typed) keep those ids.

Teams are stored as slugs ("Search (indexing)" is search); the "teams:" map of
.debrief.yml (alias: team) and --team-alias rename them, and its
"known_teams:" list or --known-teams names the organisation's teams, so that
"Store Engineering" is stored as store.

With --server URL (or when 'debrief serve' holds the DuckDB file of --store)
files are parsed here and the documents sent to that server, which stores
them: serve and ingest work at the same time. Failed store writes (a
ClickHouse restart, a server restart) are retried with backoff for
--retry-for.

Failures are printed as "path: problem" and do not stop the run. Templates are
skipped. Exit code 0 when every file was ingested or skipped, 1 when some failed,
2 on usage errors.`,
		Example: `  debrief ingest postmortems/
  debrief ingest --server https://debrief.example.com --token "$DEBRIEF_TOKEN" postmortems/
  debrief ingest --team-from-path 'incidents/{team}/**' incidents/
  debrief ingest export.json --team payments --store clickhouse://127.0.0.1:9000/debrief`,
		Args: minArgs(1, "at least one file or folder"),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			opts := pipeline.Options{Parse: pf.options(), Workers: workers}
			if !noAnalysis {
				a, err := rf.analyzer()
				if err != nil {
					return err
				}
				opts.Analyzer = a
			}
			if !quiet {
				opts.Progress = pipeline.NewProgress(os.Stderr)
			}
			sink, dsn, closeSink, err := ingestSink(cmd.Context(), g, rf)
			if err != nil {
				return err
			}
			defer closeSink()
			sum, err := pipeline.Ingest(cmd.Context(), sink, args, opts)
			for _, fe := range sum.Errors {
				fmt.Fprintln(os.Stderr, fe.Error())
			}
			if jsonOut {
				out := struct {
					pipeline.Summary
					Seconds float64 `json:"seconds"`
					MBps    float64 `json:"mb_per_s"`
					Store   string  `json:"store"`
				}{sum, sum.Elapsed.Seconds(), sum.MBPerSecond(), dsn}
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(out); err != nil {
					return err
				}
			} else {
				fmt.Fprintln(os.Stderr, sum.String())
			}
			if err != nil {
				return err
			}
			if sum.Failed > 0 {
				return exitWith(1)
			}
			return nil
		},
	}
	pf.register(cmd)
	rf.register(cmd)
	cmd.Flags().StringVar(&rf.server, "server", "", "send documents to this debrief server instead of opening the store")
	cmd.Flags().StringVar(&rf.token, "token", "", "bearer token for --server (default $"+remote.EnvToken+")")
	cmd.Flags().DurationVar(&rf.retryFor, "retry-for", 2*time.Minute, "how long failed store writes are retried")
	cmd.Flags().IntVar(&workers, "workers", 0, "parallel parsers (default: number of CPUs)")
	cmd.Flags().BoolVar(&noAnalysis, "no-analysis", false, "store without tagging (faster; no findings, themes or score)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress output")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the summary as JSON on stdout")
	return cmd
}

// ingestSink is where ingest writes: the server of --server, else the
// local server holding the DuckDB file, else the store itself (created if
// missing). Opening the store and writing to it retry transient failures
// (a ClickHouse that is restarting) for --retry-for.
func ingestSink(ctx context.Context, g *globalFlags, rf ruleFlags) (pipeline.Sink, string, func(), error) {
	policy := retry.Policy{For: rf.retryFor, OnRetry: func(n int, err error, wait time.Duration) {
		fmt.Fprintf(os.Stderr, "debrief: store unavailable (attempt %d): %v; retrying in %s\n", n, err, wait.Round(100*time.Millisecond))
	}}
	if rf.retryFor <= 0 {
		policy.For = -1
	}
	if rf.server != "" {
		tok := rf.token
		if tok == "" {
			tok = os.Getenv(remote.EnvToken)
		}
		return &remote.Client{URL: rf.server, Token: tok, Retry: policy}, rf.server, func() {}, nil
	}
	dsn := storeDSN(g)
	d, err := localServer(ctx, dsn)
	if err != nil {
		return nil, dsn, nil, err
	}
	if d != nil {
		fmt.Fprintf(os.Stderr, "debrief: %s is held by debrief serve (pid %d): sending documents to %s\n", dsn, d.PID, d.URL)
		c := d.Client()
		c.Retry = policy
		return c, dsn, func() {}, nil
	}
	var st store.Store
	err = retry.Do(ctx, policy, retry.Transient, func() (err error) {
		st, dsn, err = openStore(ctx, g)
		return err
	})
	if err != nil {
		return nil, dsn, nil, err
	}
	return retry.Store{Store: st, Policy: policy}, dsn, func() { _ = st.Close() }, nil
}

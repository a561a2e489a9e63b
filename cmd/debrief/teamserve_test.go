package main

// Tests of running debrief for a team: serve and ingest on one DuckDB file,
// read commands on a missing store, and the fault tests of issue 9 (kill -9
// of the server during an API ingest, many clients pushing while the
// dashboard is read). Everything listens on 127.0.0.1 only.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/auth"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/remote"
	"github.com/debrief-dev/debrief/store/retry"
)

// server is a `debrief serve` subprocess.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr *strings.Builder
	mu     *sync.Mutex
	done   chan struct{}
}

// startServe runs `debrief serve` on store with extra env and args and
// waits for it to print its URL.
func startServe(t *testing.T, store string, env []string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(debriefBin, append([]string{"serve", "--addr", "127.0.0.1:0", "--store", store}, args...)...)
	cmd.Env = append(append(os.Environ(), "DEBRIEF_STORE=", "DEBRIEF_TOKENS=", "DEBRIEF_TOKENS_FILE="), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, stderr: &strings.Builder{}, mu: &sync.Mutex{}, done: make(chan struct{})}
	errPipe, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		b, _ := io.ReadAll(errPipe)
		s.mu.Lock()
		s.stderr.Write(b)
		s.mu.Unlock()
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "debrief dashboard: "); ok {
				urls <- strings.TrimSuffix(u, "/")
			}
		}
	}()
	go func() { _ = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { s.kill() })
	select {
	case s.url = <-urls:
	case <-s.done:
		t.Fatalf("serve exited: %s", s.errText())
	case <-time.After(60 * time.Second):
		t.Fatalf("serve printed no URL in 60s: %s", s.errText())
	}
	return s
}

func (s *server) errText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stderr.String()
}

func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// stop ends the server as Ctrl-C would and waits for it.
func (s *server) stop(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30s of SIGTERM")
	}
}

// synthDocs builds n small parsed documents of our own.
func synthDocs(prefix string, n int) []*model.Postmortem {
	out := make([]*model.Postmortem, n)
	for i := range out {
		a := fmt.Sprintf("The %s queue backed up %d minutes after a deploy.", prefix, i%90)
		b := "We assumed the retry budget would absorb it."
		text := a + " " + b
		date := time.Date(2025, time.Month(1+i%12), 1+i%28, 10, 0, 0, 0, time.UTC)
		out[i] = &model.Postmortem{
			ID: fmt.Sprintf("%s-%05d", prefix, i), Version: "v1", Title: fmt.Sprintf("Queue backlog %d", i),
			Team: []string{"payments", "search", "identity"}[i%3], Severity: "SEV2", Date: &date,
			Source:   model.Source{Path: fmt.Sprintf("%s/%05d.md", prefix, i), Format: model.FormatMarkdown, SHA256: "s", Bytes: int64(len(text))},
			Sections: []model.Section{{Kind: model.SectionSummary, Heading: "Summary", Text: text}},
			Sentences: []model.Sentence{{Section: 0, Start: 0, End: len(a), Text: a},
				{Section: 0, Start: len(a) + 1, End: len(text), Text: b}},
		}
	}
	return out
}

func writeToken(t *testing.T) (token, env string) {
	t.Helper()
	tok, e, err := auth.NewToken("test", auth.Read, auth.Write)
	if err != nil {
		t.Fatal(err)
	}
	return tok, "DEBRIEF_TOKENS=" + e.Line()
}

func TestReadCommandsOnMissingStore(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "path.db")
	for _, args := range [][]string{
		{"stats"}, {"serve", "--addr", "127.0.0.1:0"}, {"report", "--quarter", "2025-Q3", "--out", filepath.Join(dir, "r.html")}, {"patterns"},
	} {
		r := run(t, "", append(args, "--store", "duckdb://"+missing)...)
		if r.code != 2 || !strings.Contains(r.stderr, missing) || !strings.Contains(r.stderr, "does not exist") {
			t.Errorf("%v on a missing store: exit %d, stderr %q; want exit 2 naming %s", args, r.code, r.stderr, missing)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !os.IsNotExist(err) {
		t.Errorf("read commands created %s: %v", filepath.Join(dir, "typo"), err)
	}
	// migrate creates it; then stats works.
	if r := run(t, "", "migrate", "--store", "duckdb://"+missing); r.code != 0 {
		t.Fatalf("migrate: %d %s", r.code, r.stderr)
	}
	if r := run(t, "", "stats", "--store", "duckdb://"+missing); r.code != 0 || !strings.Contains(r.stdout, "postmortems:     0") {
		t.Errorf("stats after migrate: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// serve --init (deployments) creates a missing store.
	fresh := filepath.Join(dir, "fresh", "d.db")
	srv := startServe(t, "duckdb://"+fresh, nil, "--init")
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("serve --init did not create the store: %v", err)
	}
	srv.stop(t)
}

// TestServeAndIngestTogether runs `debrief ingest` and `debrief stats` on
// the DuckDB file a running `debrief serve` holds: both go through the
// server, and file errors are still "path: problem".
func TestServeAndIngestTogether(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	dsn := "duckdb://" + db
	if r := run(t, "", "migrate", "--store", dsn); r.code != 0 {
		t.Fatal(r.stderr)
	}
	tok, env := writeToken(t)
	srv := startServe(t, dsn, []string{env})
	if _, err := os.Stat(db + ".serve.json"); err != nil {
		t.Fatalf("no discovery file: %v", err)
	}
	docs := filepath.Join(dir, "docs")
	_ = os.MkdirAll(docs, 0o755)
	for i := 0; i < 3; i++ {
		body := strings.Replace(blameDoc, "title: Checkout errors", fmt.Sprintf("id: team-%d\ntitle: Checkout errors", i), 1)
		_ = os.WriteFile(filepath.Join(docs, fmt.Sprintf("pm%d.md", i)), []byte(body), 0o644)
	}
	_ = os.WriteFile(filepath.Join(docs, "empty.md"), []byte("  \n"), 0o644)
	for round := 0; round < 2; round++ {
		r := run(t, "", "ingest", "-q", "--store", dsn, docs)
		if r.code != 1 || !strings.Contains(r.stderr, "held by debrief serve") ||
			!strings.Contains(r.stderr, filepath.Join(docs, "empty.md")+": empty file") || !strings.Contains(r.stderr, "3 postmortems ingested") {
			t.Fatalf("ingest through the server (round %d): exit %d\n%s", round, r.code, r.stderr)
		}
	}
	// From elsewhere: --server and a token (a wrong one is a clear 401).
	other := filepath.Join(dir, "other")
	_ = os.MkdirAll(other, 0o755)
	_ = os.WriteFile(filepath.Join(other, "x.md"), []byte(strings.Replace(blameDoc, "title: Checkout errors", "id: team-x\ntitle: Checkout errors", 1)), 0o644)
	if r := run(t, "", "ingest", "-q", "--server", srv.url, "--token", "dbf_wrong", "--retry-for", "0", other); r.code != 1 ||
		!strings.Contains(r.stderr, "401 Unauthorized: invalid token") {
		t.Errorf("ingest --server with a wrong token: exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, "", "ingest", "-q", "--server", srv.url, "--token", tok, other); r.code != 0 {
		t.Errorf("ingest --server: exit %d\n%s", r.code, r.stderr)
	}
	r := run(t, "", "stats", "--json", "--store", dsn)
	var st struct{ Postmortems, Findings int }
	if err := json.Unmarshal([]byte(r.stdout), &st); r.code != 0 || err != nil || st.Postmortems != 4 || st.Findings == 0 {
		t.Fatalf("stats through the server: %d %q %s", r.code, r.stdout, r.stderr)
	}
	// report and patterns read through the server: the same output as
	// straight from the file once the server is gone.
	reportArgs := []string{"report", "--quarter", "2025-Q3", "--format", "md", "--out", "-", "--store", dsn}
	viaReport := run(t, "", reportArgs...)
	viaPatterns := run(t, "", "patterns", "--json", "--store", dsn)
	if viaReport.code != 0 || !strings.Contains(viaReport.stderr, "reading through "+srv.url) || viaPatterns.code != 0 {
		t.Fatalf("report/patterns while served: %d %s / %d %s", viaReport.code, viaReport.stderr, viaPatterns.code, viaPatterns.stderr)
	}
	if r := run(t, "", "migrate", "--store", dsn); r.code == 0 || !strings.Contains(r.stderr, "held by `debrief serve`") || !strings.Contains(r.stderr, srv.url) {
		t.Errorf("migrate while served: %d %s", r.code, r.stderr)
	}
	srv.stop(t)
	direct := run(t, "", reportArgs...)
	if direct.code != 0 || stripGenerated(direct.stdout) != stripGenerated(viaReport.stdout) {
		t.Errorf("report through the server differs from the direct one:\n--- server\n%s\n--- direct\n%s", viaReport.stdout, direct.stdout)
	}
	if d := run(t, "", "patterns", "--json", "--store", dsn); d.code != 0 || d.stdout != viaPatterns.stdout {
		t.Errorf("patterns through the server differ from the direct ones:\n--- server\n%s\n--- direct\n%s", viaPatterns.stdout, d.stdout)
	}
	if _, err := os.Stat(db + ".serve.json"); !os.IsNotExist(err) {
		t.Errorf("discovery file left after shutdown: %v", err)
	}
	// Without a server the same commands open the file directly.
	if r := run(t, "", "stats", "--store", dsn); r.code != 0 || !strings.Contains(r.stdout, "postmortems:     4") {
		t.Errorf("stats after shutdown: %d %s %s", r.code, r.stdout, r.stderr)
	}
}

// stripGenerated drops the lines of a report that carry its generation time.
func stripGenerated(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(strings.ToLower(l), "generated") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestKill9DuringAPIIngest sends 10,000 documents through the API, kills
// the server with SIGKILL part way, restarts it on the same file and sends
// everything again: every acknowledged document survived the kill, and in
// the end each document is stored exactly once.
func TestKill9DuringAPIIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the kill -9 test (it runs two servers and sends 10,000 documents twice)")
	}
	const total, batch = 10_000, 100
	dir := t.TempDir()
	dsn := "duckdb://" + filepath.Join(dir, "kill.db")
	if r := run(t, "", "migrate", "--store", dsn); r.code != 0 {
		t.Fatal(r.stderr)
	}
	tok, env := writeToken(t)
	docs := synthDocs("k9", total)
	srv := startServe(t, dsn, []string{env})
	c := &remote.Client{URL: srv.url, Token: tok, Retry: retry.Policy{For: -1}}
	ctx := context.Background()
	var acked []string
	killAt := total * 4 / 10
	var killed time.Time
	for i := 0; i < total; i += batch {
		if len(acked) >= killAt && killed.IsZero() {
			// Kill while a request is in flight.
			go func() { time.Sleep(5 * time.Millisecond); _ = srv.cmd.Process.Signal(syscall.SIGKILL) }()
			killed = time.Now()
		}
		if err := c.Put(ctx, docs[i:i+batch]); err != nil {
			if killed.IsZero() {
				t.Fatalf("batch %d before the kill: %v", i/batch, err)
			}
			break
		}
		for _, d := range docs[i : i+batch] {
			acked = append(acked, d.ID)
		}
	}
	<-srv.done
	t.Logf("kill -9 after %d of %d documents acknowledged", len(acked), total)

	srv2 := startServe(t, dsn, []string{env})
	c2 := &remote.Client{URL: srv2.url, Token: tok}
	s, err := c2.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Postmortems < int64(len(acked)) {
		t.Fatalf("after restart %d postmortems stored, but %d were acknowledged before the kill", s.Postmortems, len(acked))
	}
	stored := listIDs(t, srv2.url, tok)
	for _, id := range acked {
		if !stored[id] {
			t.Fatalf("acknowledged document %s lost by kill -9", id)
		}
	}
	t.Logf("after restart: %d stored (%d acknowledged)", s.Postmortems, len(acked))
	if err := c2.Put(ctx, docs); err != nil {
		t.Fatalf("re-send: %v", err)
	}
	s, err = c2.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Postmortems != total || s.Sentences != 2*total {
		t.Errorf("after re-sending: %d postmortems, %d sentences; want %d and %d (nothing lost, nothing twice)",
			s.Postmortems, s.Sentences, total, 2*total)
	}
	t.Logf("kill -9: sent %d, acknowledged before kill %d, stored after restart %d, after re-send %d postmortems / %d sentences",
		total, len(acked), len(stored), s.Postmortems, s.Sentences)
}

// listIDs pages through GET /api/v1/postmortems.
func listIDs(t *testing.T, url, tok string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for off := 0; ; off += 1000 {
		var page struct {
			Total int `json:"total"`
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		getAPI(t, fmt.Sprintf("%s/api/v1/postmortems?sort=title&limit=1000&offset=%d", url, off), tok, &page)
		for _, it := range page.Items {
			ids[it.ID] = true
		}
		if len(page.Items) == 0 || off+1000 >= page.Total {
			return ids
		}
	}
}

func getAPI(t *testing.T, url, tok string, v any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
}

// loadSeconds is how long TestPushLoad pushes: $DEBRIEF_LOAD_SECONDS
// (issue 9 asks for 60), default 10.
func loadSeconds(t *testing.T) time.Duration {
	v := os.Getenv("DEBRIEF_LOAD_SECONDS")
	if v == "" {
		return 10 * time.Second
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("DEBRIEF_LOAD_SECONDS=%q: want a positive number of seconds", v)
	}
	return time.Duration(n) * time.Second
}

func quantile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// metricValue reads one unlabelled sample from /metrics.
func metricValue(t *testing.T, url, tok, name string) float64 {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	t.Fatalf("/metrics has no %s", name)
	return 0
}

// TestPushLoad has 8 clients push batches to one server for
// $DEBRIEF_LOAD_SECONDS while a reader polls the API: it reports push
// throughput and p99, read latency during the ingest, and the server's
// memory, and checks reads stay fast and memory bounded.
func TestPushLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the push load test")
	}
	const clients, batch = 8, 50
	dur := loadSeconds(t)
	dir := t.TempDir()
	dsn := "duckdb://" + filepath.Join(dir, "load.db")
	if r := run(t, "", "migrate", "--store", dsn); r.code != 0 {
		t.Fatal(r.stderr)
	}
	tok, env := writeToken(t)
	srv := startServe(t, dsn, []string{env}, "--require-read-token")
	ctx := context.Background()
	deadline := time.Now().Add(dur)

	var docsSent atomic.Int64
	var mu sync.Mutex
	var pushLat, readLat []time.Duration
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &remote.Client{URL: srv.url, Token: tok, Retry: retry.Policy{For: -1}}
			for i := 0; time.Now().Before(deadline); i++ {
				docs := synthDocs(fmt.Sprintf("w%d-%d", w, i), batch)
				start := time.Now()
				if err := c.Put(ctx, docs); err != nil {
					errs <- err
					return
				}
				d := time.Since(start)
				docsSent.Add(batch)
				mu.Lock()
				pushLat = append(pushLat, d)
				mu.Unlock()
			}
		}()
	}
	var maxRSS, maxHeap float64
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		for i := 0; time.Now().Before(deadline); i++ {
			url := srv.url + "/api/v1/postmortems?limit=20&team=payments"
			if i%2 == 1 {
				url = srv.url + "/api/v1/charts/postmortems-by-quarter"
			}
			start := time.Now()
			getAPI(t, url, tok, nil)
			d := time.Since(start)
			mu.Lock()
			readLat = append(readLat, d)
			mu.Unlock()
			if i%10 == 0 {
				maxRSS = max(maxRSS, metricValue(t, srv.url, tok, "process_resident_memory_bytes"))
				maxHeap = max(maxHeap, metricValue(t, srv.url, tok, "go_memstats_heap_inuse_bytes"))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	wg.Wait()
	<-readDone
	close(errs)
	for err := range errs {
		t.Fatalf("push: %v", err)
	}
	s, err := (&remote.Client{URL: srv.url, Token: tok}).Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Postmortems != docsSent.Load() {
		t.Errorf("%d documents acknowledged, %d stored", docsSent.Load(), s.Postmortems)
	}
	secs := dur.Seconds()
	t.Logf("push: %d clients x %d-document batches for %s: %d documents, %.0f docs/s, %d requests, request p50 %s p99 %s",
		clients, batch, dur, docsSent.Load(), float64(docsSent.Load())/secs, len(pushLat),
		quantile(pushLat, 0.5).Round(time.Millisecond), quantile(pushLat, 0.99).Round(time.Millisecond))
	t.Logf("reads during the push: %d, p50 %s p99 %s max %s", len(readLat), quantile(readLat, 0.5).Round(time.Millisecond),
		quantile(readLat, 0.99).Round(time.Millisecond), quantile(readLat, 1).Round(time.Millisecond))
	t.Logf("server memory: max RSS %.0f MB, max Go heap in use %.0f MB", maxRSS/1e6, maxHeap/1e6)
	if p99 := quantile(readLat, 0.99); p99 > 2*time.Second {
		t.Errorf("read p99 %s during the push: reads blocked by the ingest (want < 2s)", p99)
	}
	if maxHeap > 512e6 {
		t.Errorf("Go heap reached %.0f MB: not bounded", maxHeap/1e6)
	}
	if maxRSS > 2e9 {
		t.Errorf("RSS reached %.0f MB: not bounded", maxRSS/1e6)
	}
}

func TestTokenCommand(t *testing.T) {
	r := run(t, "", "token", "--scope", "read,write", "--name", "ci")
	tok := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(tok, "dbf_") || strings.Contains(r.stderr, tok) {
		t.Fatalf("token: %d %q %q", r.code, r.stdout, r.stderr)
	}
	es, err := auth.Parse(strings.NewReader(r.stderr), "stderr")
	if err != nil || len(es) != 1 || es[0].Name != "ci" || len(es[0].Scopes) != 2 {
		t.Fatalf("token line %q: %v %v", r.stderr, es, err)
	}
	if _, ok := auth.NewKeyring(es...).Lookup(tok); !ok {
		t.Error("the printed line does not match the printed token")
	}
	if r := run(t, "", "token", "--scope", "admin"); r.code != 2 || !strings.Contains(r.stderr, `unknown scope "admin"`) {
		t.Errorf("bad scope: %d %s", r.code, r.stderr)
	}
}

package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/remote"
	"github.com/debrief-dev/debrief/store/retry"
)

// privateClickHouse starts a ClickHouse of this test's own (never the
// shared servers) with scripts/clickhouse-test-server.sh under dir, on the
// first free port from port, and returns its DSN.
func privateClickHouse(t *testing.T, dir string, port int) string {
	t.Helper()
	dsn, err := startClickHouse(dir, port)
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// startClickHouse is privateClickHouse for any goroutine.
func startClickHouse(dir string, port int) (string, error) {
	script, _ := filepath.Abs("../../scripts/clickhouse-test-server.sh")
	var out []byte
	var err error
	// A restart right after kill -9 can fail while the old server's files
	// are released: try a few times, then show ClickHouse's own log.
	for attempt := 1; attempt <= 3; attempt++ {
		cmd := exec.Command("bash", script, "start-single")
		cmd.Env = append(os.Environ(), "DEBRIEF_CH_DIR="+dir, "DEBRIEF_CH_PORT="+strconv.Itoa(port), "DEBRIEF_CH_DB=debrief_outage")
		if out, err = cmd.Output(); err == nil {
			break
		}
		time.Sleep(2 * time.Second)
	}
	if err != nil {
		var stderr string
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			stderr = string(ee.Stderr)
		}
		errLog, _ := os.ReadFile(filepath.Join(dir, "single", "log", "server.err.log"))
		if len(errLog) > 3000 {
			errLog = errLog[len(errLog)-3000:]
		}
		return "", fmt.Errorf("start private ClickHouse: %w\n%s\nserver.err.log:\n%s", err, stderr, errLog)
	}
	dsn, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "export DEBRIEF_CLICKHOUSE_DSN=")
	if !ok {
		return "", fmt.Errorf("start private ClickHouse: unexpected output %q", out)
	}
	return dsn, nil
}

// killClickHouse SIGKILLs the private server under dir and waits for it.
func killClickHouse(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "single", "pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if pid <= 0 {
		t.Fatalf("bad pid file %q", b)
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	for i := 0; i < 100 && syscall.Kill(pid, 0) == nil; i++ {
		time.Sleep(100 * time.Millisecond)
	}
}

func freePortFrom(start int) int {
	for p := start; p < start+500; p++ {
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		if err == nil {
			_ = l.Close()
			return p
		}
	}
	return start
}

// TestClickHouseOutage stops a private ClickHouse (kill -9) while clients
// push documents through `debrief serve`, and starts it again a few
// seconds later: the server answers 503 with a clear message while the
// store is down, the client retries with backoff, and every acknowledged
// document is stored. Runs when ClickHouse tests run (DEBRIEF_CLICKHOUSE_DSN
// set, as `make test` does); DEBRIEF_REQUIRE_CLICKHOUSE=1 makes a missing
// clickhouse-server a failure.
func TestClickHouseOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the ClickHouse outage test (it starts and kills a ClickHouse of its own)")
	}
	required := os.Getenv("DEBRIEF_REQUIRE_CLICKHOUSE") == "1"
	if os.Getenv("DEBRIEF_CLICKHOUSE_DSN") == "" && !required {
		t.Skip("DEBRIEF_CLICKHOUSE_DSN not set: skipping the ClickHouse outage test (make test runs it)")
	}
	if _, err := exec.LookPath("clickhouse-server"); err != nil {
		if _, err2 := os.Stat("/usr/sbin/clickhouse-server"); err2 != nil {
			if required {
				t.Fatal("DEBRIEF_REQUIRE_CLICKHOUSE=1 but clickhouse-server is not installed")
			}
			t.Skip("clickhouse-server not installed: skipping the ClickHouse outage test")
		}
	}
	chDir := t.TempDir()
	port := freePortFrom(9400)
	dsn := privateClickHouse(t, chDir, port)
	t.Cleanup(func() {
		script, _ := filepath.Abs("../../scripts/clickhouse-test-server.sh")
		cmd := exec.Command("bash", script, "stop")
		cmd.Env = append(os.Environ(), "DEBRIEF_CH_DIR="+chDir) // only the servers under chDir
		_ = cmd.Run()
	})
	if r := run(t, "", "migrate", "--store", dsn); r.code != 0 {
		t.Fatalf("migrate: %s", r.stderr)
	}
	tok, env := writeToken(t)
	srv := startServe(t, dsn, []string{env}, "--write-retry", "2s")

	const batches, batch = 30, 50
	var mu sync.Mutex
	var retryMsgs []string
	c := &remote.Client{URL: srv.url, Token: tok, Retry: retry.Policy{For: 2 * time.Minute, Initial: 250 * time.Millisecond, Max: 2 * time.Second,
		OnRetry: func(n int, err error, wait time.Duration) {
			mu.Lock()
			retryMsgs = append(retryMsgs, err.Error())
			mu.Unlock()
		}}}
	ctx := context.Background()
	acked := 0
	var outage sync.WaitGroup
	var down, up time.Time
	for i := 0; i < batches; i++ {
		if i == 10 {
			outage.Add(1)
			go func() {
				defer outage.Done()
				killClickHouse(t, chDir)
				down = time.Now()
				time.Sleep(5 * time.Second)
				if got, err := startClickHouse(chDir, port); err != nil || got != dsn {
					t.Errorf("ClickHouse came back as %q, not %s: %v", got, dsn, err)
				}
				up = time.Now()
			}()
			time.Sleep(500 * time.Millisecond)
		}
		if err := c.Put(ctx, synthDocs("ch"+strconv.Itoa(i), batch)); err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		acked += batch
	}
	outage.Wait()
	s, err := c.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Postmortems != int64(acked) {
		t.Errorf("%d documents acknowledged, %d stored", acked, s.Postmortems)
	}
	if len(retryMsgs) == 0 {
		t.Fatal("no retries: the outage did not hit a write")
	}
	if !strings.Contains(retryMsgs[0], "503") || !strings.Contains(retryMsgs[0], "store write failed") {
		t.Errorf("error during the outage is not clear: %s", retryMsgs[0])
	}
	t.Logf("ClickHouse down %s: %d client retries (first: %s); %d acknowledged, %d stored",
		up.Sub(down).Round(100*time.Millisecond), len(retryMsgs), retryMsgs[0], acked, s.Postmortems)

	// `debrief ingest` straight into ClickHouse while it is down: it says
	// so, retries with backoff, and finishes once ClickHouse is back.
	srv.stop(t)
	docs := t.TempDir()
	for i := 0; i < 20; i++ {
		body := strings.Replace(blameDoc, "title: Checkout errors", "id: cli-"+strconv.Itoa(i)+"\ntitle: Checkout errors", 1)
		if err := os.WriteFile(filepath.Join(docs, "pm"+strconv.Itoa(i)+".md"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	killClickHouse(t, chDir)
	restarted := make(chan error, 1)
	go func() {
		time.Sleep(4 * time.Second)
		_, err := startClickHouse(chDir, port)
		restarted <- err
	}()
	r := run(t, "", "ingest", "-q", "--retry-for", "90s", "--store", dsn, docs)
	if err := <-restarted; err != nil {
		t.Fatal(err)
	}
	if r.code != 0 || !strings.Contains(r.stderr, "store unavailable (attempt 1)") || !strings.Contains(r.stderr, "connection refused") ||
		!strings.Contains(r.stderr, "20 postmortems ingested") {
		t.Fatalf("ingest during the outage: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, "", "stats", "--json", "--store", dsn)
	if !strings.Contains(r.stdout, fmt.Sprintf(`"postmortems":%d`, acked+20)) {
		t.Errorf("after the CLI ingest: %s %s, want %d postmortems", r.stdout, r.stderr, acked+20)
	}
}

package dashboard

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/debrief-dev/debrief/store"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium for t, or skips t when it is missing
// (fails instead when DEBRIEF_REQUIRE_BROWSER=1).
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("DEBRIEF_REQUIRE_BROWSER") == "1" {
			t.Fatalf("DEBRIEF_REQUIRE_BROWSER=1 but %s is missing: %v", chromiumPath, err)
		}
		t.Skipf("skipping browser test: %s not found (set DEBRIEF_REQUIRE_BROWSER=1 to fail instead)", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// consoleLog collects every console message, exception and browser log
// entry of the tab.
type consoleLog struct {
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

func watchConsole(ctx context.Context) *consoleLog {
	cl := &consoleLog{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			cl.mu.Lock()
			cl.msgs = append(cl.msgs, m)
			cl.mu.Unlock()
		}
	}()
	return cl
}

// take returns and clears the errors and exceptions seen so far.
func (cl *consoleLog) take() []string {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	var bad []string
	for _, m := range cl.msgs {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
			bad = append(bad, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line))
		}
	}
	cl.msgs = nil
	return bad
}

// chartsReady waits until every chart of the page has finished drawing.
func chartsReady(ctx context.Context) (int, error) {
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	return chromedp.Run(tctx, chromedp.Poll[int](
		`window.debrief && document.readyState === "complete" && window.debrief.finished === window.debrief.total && (window.debrief.total + 1)`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
}

// inkJS counts, per chart, the canvas pixels that are neither transparent
// nor near-white: a drawn chart has axes, labels and series.
const inkJS = `(() => {
  const out = {};
  document.querySelectorAll("[data-chart]").forEach(el => {
    const c = el.querySelector("canvas");
    if (!c) { out[el.dataset.chart] = -1; return; }
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i+3] > 0 && (d[i] < 230 || d[i+1] < 230 || d[i+2] < 230)) n++;
    }
    out[el.dataset.chart] = n;
  });
  return out;
})()`

func screenshotDir(t *testing.T) string {
	if d := os.Getenv("DEBRIEF_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatalf("screenshot dir: %v", err)
		}
		return d
	}
	return t.TempDir()
}

// visit loads a page, waits for its charts, and checks that there are no
// console errors and that every chart drew; it returns the ink per chart.
func visit(t *testing.T, ctx context.Context, cl *consoleLog, shots, name, u string, wantCharts int) map[string]int {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("%s: navigate %s: %v", name, u, err)
	}
	n, err := chartsReady(ctx)
	if err != nil {
		t.Fatalf("%s: charts did not finish drawing: %v", name, err)
	}
	if n-1 < wantCharts {
		t.Errorf("%s: %d charts on the page, want at least %d", name, n-1, wantCharts)
	}
	ink, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](inkJS))
	if err != nil {
		t.Fatalf("%s: read canvases: %v", name, err)
	}
	for chart, px := range ink {
		if px < 200 {
			t.Errorf("%s: chart %s looks blank (%d inked pixels)", name, chart, px)
		}
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("%s: screenshot: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
		t.Fatalf("%s: save screenshot: %v", name, err)
	}
	if bad := cl.take(); len(bad) > 0 {
		t.Errorf("%s: console errors:\n%s", name, strings.Join(bad, "\n"))
	}
	return ink
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	st := browserStore(t)
	ts := httptest.NewServer(New(st, Options{}))
	defer ts.Close()
	ctx := browser(t)
	cl := watchConsole(ctx)
	shots := screenshotDir(t)

	items, _, err := st.List(context.Background(), store.ListQuery{Sort: "blame", Limit: 1})
	if err != nil || len(items) == 0 {
		t.Fatalf("list postmortems: %v (%d)", err, len(items))
	}
	pmURL := ts.URL + "/postmortems/" + url.PathEscape(items[0].ID)

	pages := []struct {
		name, path string
		charts     int
	}{
		{"overview", "/", 5},
		{"teams", "/teams", 5},
		{"themes", "/themes", 2},
		{"quality", "/quality", 4},
		{"postmortems", "/postmortems", 0},
		{"search", "/search?q=the&kind=assumption", 0},
	}
	for _, p := range pages {
		visit(t, ctx, cl, shots, p.name, ts.URL+p.path, p.charts)
	}
	visit(t, ctx, cl, shots, "postmortem", pmURL, 1)

	t.Run("finding popover", func(t *testing.T) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => {
			const m = document.querySelector("mark.finding");
			if (!m) return {error: "no highlighted finding"};
			m.click();
			const pop = document.getElementById("finding-popover");
			return {hidden: String(pop.hidden), rule: pop.querySelector("[data-field=rule]").textContent,
				want: m.dataset.rule, message: pop.querySelector("[data-field=message]").textContent};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if got["error"] != "" || got["hidden"] != "false" || got["rule"] == "" || got["rule"] != got["want"] || got["message"] == "" {
			t.Errorf("clicking a finding: popover state %v", got)
		}
	})

	t.Run("filter changes chart and URL", func(t *testing.T) {
		visit(t, ctx, cl, shots, "overview-before-filter", ts.URL+"/", 5)
		before, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(window.debrief.options["postmortems-by-quarter"].series)`))
		if err != nil {
			t.Fatal(err)
		}
		team, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const s = document.querySelector("form.filters select[name=team]");
			const v = s.options[s.options.length - 1].value;
			s.value = v;
			s.dispatchEvent(new Event("change", {bubbles: true}));
			return v;
		})()`))
		if err != nil || team == "" {
			t.Fatalf("pick a team: %q %v", team, err)
		}
		want := "team=" + url.QueryEscape(team)
		deadline := time.Now().Add(15 * time.Second)
		for {
			loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
			if err == nil && strings.Contains(loc, want) {
				if strings.Contains(loc, "quarter=") || strings.Contains(loc, "from=") {
					t.Errorf("URL %s carries empty filter fields", loc)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("URL never got %s (last %q, %v)", want, loc, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if _, err := chartsReady(ctx); err != nil {
			t.Fatalf("charts after filtering: %v", err)
		}
		after, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(window.debrief.options["postmortems-by-quarter"].series)`))
		if err != nil {
			t.Fatal(err)
		}
		if after == before {
			t.Errorf("filtering by team %q did not change the chart data", team)
		}
		if strings.Count(after, `"name"`) != 1 || !strings.Contains(after, fmt.Sprintf("%q", team)) {
			t.Errorf("after filtering by %q the chart should have that one team's series: %s", team, after)
		}
		selected, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("form.filters select[name=team]").value`))
		if err != nil || selected != team {
			t.Errorf("filter bar shows team %q after reload, want %q (%v)", selected, team, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(filepath.Join(shots, "overview-filtered.png"), png, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
		if bad := cl.take(); len(bad) > 0 {
			t.Errorf("console errors after filtering:\n%s", strings.Join(bad, "\n"))
		}
	})

	t.Run("hostile document does not run script", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/postmortems/x1")); err != nil {
			t.Fatal(err)
		}
		alerted, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("main script:not([type=\"application/json\"]), main img").length > 0`))
		if err != nil {
			t.Fatal(err)
		}
		if alerted {
			t.Error("hostile markup became elements in the page")
		}
		cl.take()
	})
	t.Logf("screenshots in %s", shots)
}

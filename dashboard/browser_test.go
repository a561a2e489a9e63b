package dashboard

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/debrief-dev/debrief/charts"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/report"
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

// layoutJS measures every drawn chart: for each, the texts ECharts drew
// that reach outside the canvas (clipped), the category labels it did not
// draw (skipped), the legend (type, entries, whether it overlaps the
// plot), the axis titles, whether series are stacked (and their sum) and
// the data points' tooltips and labels.
const layoutJS = `(() => {
  const out = {};
  for (const [name, chart] of Object.entries(window.debrief.charts)) {
    const W = chart.getWidth(), H = chart.getHeight();
    const texts = [], clipped = [];
    chart.getZr().storage.getDisplayList(true).forEach(el => {
      const t = el.style && el.style.text;
      if (t === undefined || t === null || t === "" || el.invisible || el.ignore) return;
      const r = el.getBoundingRect().clone();
      if (el.transform) r.applyTransform(el.transform);
      texts.push(String(t));
      if (r.x < -1 || r.y < -1 || r.x + r.width > W + 1 || r.y + r.height > H + 1) {
        clipped.push(String(t) + " @" + [r.x, r.y, r.width, r.height].map(Math.round).join(","));
      }
    });
    const opt = chart.getOption();
    const skipped = [];
    const titles = [];
    const drawn = texts.join("\n");
    const isHeat = (opt.series || []).some(s => s.type === "heatmap");
    for (const key of ["xAxis", "yAxis"]) {
      (opt[key] || []).forEach(ax => {
        titles.push(key + "=" + (ax.name || ""));
        if (ax.type === "category" && ax.data) {
          ax.data.forEach(c => {
            const v = typeof c === "object" ? c.value : c;
            if (!texts.includes(String(v))) skipped.push(key + ":" + v);
          });
        }
      });
    }
    let legend = null;
    const lg = (opt.legend || [])[0];
    if (lg && lg.show !== false) {
      const view = (chart._componentsViews || []).find(v => v && v.__model && v.__model.mainType === "legend");
      const gridRect = chart.getModel().getComponent("grid").coordinateSystem.getRect();
      let bottom = 0;
      if (view) { const r = view.group.getBoundingRect(); bottom = view.group.y + r.y + r.height; }
      legend = {type: lg.type || "plain", entries: (opt.series || []).length, bottom: bottom, gridTop: gridRect.y};
    }
    let stackSum = 0, stacked = false;
    const tips = [], labels = [];
    (opt.series || []).forEach(s => {
      (s.data || []).forEach(d => {
        const v = d && typeof d === "object" && !Array.isArray(d) ? d.value : d;
        if (s.stack) { stacked = true; if (typeof v === "number") stackSum += v; }
        if (d && typeof d === "object" && d.tip) tips.push(d.tip);
        if (d && d.label && d.label.formatter) labels.push({label: d.label.formatter, tip: d.tip || "", series: s.name});
      });
    });
    out[name] = {clipped, skipped, titles, legend, stacked, stackSum, tips, labels, heat: isHeat};
  }
  return out;
})()`

type chartLayout struct {
	Clipped []string `json:"clipped"`
	Skipped []string `json:"skipped"`
	Titles  []string `json:"titles"`
	Legend  *struct {
		Type    string  `json:"type"`
		Entries int     `json:"entries"`
		Bottom  float64 `json:"bottom"`
		GridTop float64 `json:"gridTop"`
	} `json:"legend"`
	Stacked  bool     `json:"stacked"`
	StackSum float64  `json:"stackSum"`
	Tips     []string `json:"tips"`
	Labels   []struct {
		Label, Tip, Series string
	} `json:"labels"`
	Heat bool `json:"heat"`
}

// shareWithCount is a share with the counts beside it: "42% (5 of 12)",
// or the report's "4% of the writing; mentioned in 4 of 29 postmortems".
var shareWithCount = regexp.MustCompile(`(?s)\d+%\s.*\b\d+ of \d+\b`)

// checkLayout asserts what a reliability lead needs to put a chart on a
// slide: no text clipped at the canvas edge, no category label skipped, a
// legend that does not page under charts.MaxPlainLegend series and does
// not cover the plot, titled axes, stacks only of disjoint sets (their sum
// cannot exceed the postmortems there are), and counts beside every share
// written in a cell.
func checkLayout(t *testing.T, ctx context.Context, page string, postmortems int) map[string]chartLayout {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]chartLayout](layoutJS))
	if err != nil {
		t.Fatalf("%s: measure charts: %v", page, err)
	}
	for name, c := range got {
		where := page + "/" + name
		if len(c.Clipped) > 0 {
			t.Errorf("%s: text clipped at the canvas edge: %v", where, c.Clipped)
		}
		if len(c.Skipped) > 0 {
			t.Errorf("%s: category labels not drawn: %v", where, c.Skipped)
		}
		for _, ti := range c.Titles {
			if strings.HasSuffix(ti, "=") {
				t.Errorf("%s: axis without a title (%s)", where, ti)
			}
		}
		if l := c.Legend; l != nil {
			if l.Entries < charts.MaxPlainLegend && l.Type != "plain" {
				t.Errorf("%s: legend of %d series is %q (paged), want plain", where, l.Entries, l.Type)
			}
			if l.Bottom > l.GridTop+1 {
				t.Errorf("%s: legend (bottom %.0f) overlaps the plot (top %.0f)", where, l.Bottom, l.GridTop)
			}
		}
		if c.Stacked && c.StackSum > float64(postmortems) {
			t.Errorf("%s: stacked series sum to %.0f, more than the %d postmortems: a stack of overlapping sets", where, c.StackSum, postmortems)
		}
		for _, l := range c.Labels {
			if strings.Contains(l.Label, "%") && !shareWithCount.MatchString(l.Label) && !shareWithCount.MatchString(l.Tip) {
				t.Errorf("%s: share %s has no counts beside it (tip %q)", where, l.Label, l.Tip)
			}
		}
	}
	return got
}

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
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	layouts := map[string]map[string]chartLayout{}
	for _, p := range pages {
		visit(t, ctx, cl, shots, p.name, ts.URL+p.path, p.charts)
		layouts[p.name] = checkLayout(t, ctx, p.name, int(stats.Postmortems))
	}
	visit(t, ctx, cl, shots, "postmortem", pmURL, 1)
	checkLayout(t, ctx, "postmortem", int(stats.Postmortems))

	t.Run("overlapping sets are shares, never stacked", func(t *testing.T) {
		for _, name := range []string{"theme-trend", "team-theme-heatmap"} {
			page := "overview"
			if name == "team-theme-heatmap" {
				page = "teams"
			}
			c, ok := layouts[page][name]
			if !ok || !c.Heat || c.Stacked || len(c.Labels) == 0 {
				t.Errorf("%s/%s: want a heat map of shares with counts, got %+v", page, name, c)
			}
		}
		if c := layouts["themes"]["theme-quarters"]; c.Stacked {
			t.Errorf("themes/theme-quarters is stacked")
		}
	})

	t.Run("no team and small samples", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/teams")); err != nil {
			t.Fatal(err)
		}
		if _, err := chartsReady(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
			const row = [...document.querySelectorAll("table tr")].find(tr => tr.cells[0] && tr.cells[0].textContent.includes("(no team)"));
			const opt = [...document.querySelectorAll("form.filters select[name=team] option")].map(o => o.value);
			const hm = window.debrief.options["team-theme-heatmap"];
			const muted = (hm.series[1].data || []).map(d => d.tip).filter(t => t.startsWith("(no team)"));
			const legend = window.debrief.options["team-score-box"].xAxis;
			return {row: row ? row.className + "|" + row.textContent : "", option: opt.includes("(no team)"),
				muted: muted.length, blank: opt.filter(v => v !== "" && v.trim() === "").length};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if row, _ := got["row"].(string); !strings.HasPrefix(row, "few|") {
			t.Errorf("teams table: (no team) row %q, want it present and marked as a small sample", row)
		}
		if got["option"] != true {
			t.Errorf("team filter does not offer %q", model.NoTeam)
		}
		if n, _ := got["muted"].(float64); n == 0 {
			t.Errorf("team-theme-heatmap: the (no team) cells (3 postmortems) are not muted: %v", got)
		}
		series, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const o = window.debrief.charts["team-score-box"].getOption();
			return JSON.stringify(o.xAxis[0].data);
		})()`))
		if err != nil || !strings.Contains(series, model.NoTeam) || strings.Contains(series, `""`) {
			t.Errorf("team-score-box categories %s: want %q and no unlabelled team (%v)", series, model.NoTeam, err)
		}
	})

	t.Run("postmortem page: tables, themes, source", func(t *testing.T) {
		visit(t, ctx, cl, shots, "postmortem-table", ts.URL+"/postmortems/n1", 1)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
			const tb = document.querySelector("table.section-table");
			const raw = [...document.querySelectorAll(".section-text")].filter(e => e.textContent.includes(" | ")).length;
			const src = document.querySelector("dd.source");
			return {head: tb ? [...tb.querySelectorAll("th")].map(th => th.textContent).join(",") : "",
				rows: tb ? tb.querySelectorAll("tbody tr").length : 0, raw: raw,
				overflow: src.scrollWidth > src.clientWidth + 1, title: src.title,
				note: !!document.querySelector(".theme-note")};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if got["head"] != "Action,Owner,Status" || got["rows"].(float64) != 2 || got["raw"].(float64) != 0 {
			t.Errorf("Markdown table not rendered as a table: %v", got)
		}
		if got["overflow"] == true || got["title"] == "" {
			t.Errorf("source path overflows or has no title: %v", got)
		}
		if got["note"] != true {
			t.Error("theme percentages are not explained as shares of sentences")
		}
	})

	t.Run("quarterly report charts", func(t *testing.T) {
		bg := context.Background()
		q, err := report.LatestQuarter(bg, st, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		rv, err := report.Build(bg, st, q, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "review.html")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := rv.WriteHTML(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		visit(t, ctx, cl, shots, "report", "file://"+path, 4)
		layout := checkLayout(t, ctx, "report", int(stats.Postmortems))
		for _, name := range []string{"themes", "blame"} {
			if c := layout[name]; !c.Heat || c.Stacked {
				t.Errorf("report/%s: want a heat map, got %+v", name, c)
			}
			png, err := chromedp.Run(ctx, chromedp.Screenshot("section#"+name))
			if err == nil {
				err = os.WriteFile(filepath.Join(shots, "report-"+name+".png"), png, 0o644)
			}
			if err != nil {
				t.Error(err)
			}
		}
	})

	t.Run("search shows each sentence once", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/search?q=the")); err != nil {
			t.Fatal(err)
		}
		dups, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
			const seen = new Set(), dups = [];
			document.querySelectorAll(".hit").forEach(h => {
				const k = h.querySelector(".where a").getAttribute("href") + "|" + h.firstElementChild.textContent.trim();
				if (seen.has(k)) dups.push(k); seen.add(k);
			});
			return dups;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(dups) > 0 {
			t.Errorf("search shows sentences twice: %v", dups)
		}
	})

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

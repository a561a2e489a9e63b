package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/store"
)

func row(v float64, keys ...string) store.AggRow { return store.AggRow{Keys: keys, Value: v} }

func TestPivotRows(t *testing.T) {
	p := PivotRows([]store.AggRow{
		row(1, "2025-Q2", "b"), row(5, "2025-Q1", "a"), row(2, "2025-Q1", "b"), row(3, "2025-Q2", "b"),
		row(9, "lonely"), // too few keys: ignored
	})
	if strings.Join(p.X, ",") != "2025-Q1,2025-Q2" {
		t.Errorf("X = %v, want chronological", p.X)
	}
	// b totals 6, a totals 5: b first.
	if strings.Join(p.Series, ",") != "b,a" {
		t.Errorf("Series = %v, want by total descending", p.Series)
	}
	if p.Values[0][0] != 2 || p.Values[0][1] != 5 || p.Values[1][0] != 4 || !math.IsNaN(p.Values[1][1]) {
		t.Errorf("Values = %v (duplicate keys must add up, missing pairs NaN)", p.Values)
	}
}

func TestRatio(t *testing.T) {
	num := []store.AggRow{row(2, "a"), row(1, "b"), row(7, "c")}
	den := []store.AggRow{row(3, "a"), row(0, "b"), row(10, "d")}
	got := Ratio(num, den, 1000)
	// b has no sentences (skipped), c no denominator (skipped), d no
	// findings (0).
	if len(got) != 2 || got[0].Keys[0] != "a" || got[0].Value != 666.67 || got[1].Keys[0] != "d" || got[1].Value != 0 {
		t.Errorf("Ratio = %v, want a=666.67 and d=0", got)
	}
}

func TestBoxesFromQuantiles(t *testing.T) {
	q := func(a, b float64) []store.AggRow { return []store.AggRow{row(a, "x"), row(b, "y")} }
	boxes := BoxesFromQuantiles(q(1, 10), q(2, 20), q(3, 30), q(4, 40), []store.AggRow{row(5, "x")})
	if len(boxes) != 1 || boxes[0] != (Box{Name: "x", Min: 1, Q1: 2, Median: 3, Q3: 4, Max: 5}) {
		t.Errorf("boxes = %+v, want only x (y lacks a max)", boxes)
	}
}

// option decodes a chart's option.
func option(t *testing.T, c Chart) map[string]any {
	t.Helper()
	b, err := OptionBytes(c)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, b)
	}
	return m
}

func series(t *testing.T, m map[string]any) []map[string]any {
	t.Helper()
	raw, _ := m["series"].([]any)
	out := make([]map[string]any, len(raw))
	for i, s := range raw {
		out[i] = s.(map[string]any)
	}
	return out
}

func TestBuilders(t *testing.T) {
	rows := []store.AggRow{row(1, "2025-Q1", "pay"), row(2, "2025-Q2", "pay"), row(4, "2025-Q2", "search")}

	sb := option(t, StackedBar(rows))
	s := series(t, sb)
	if len(s) != 2 || s[0]["name"] != "search" || s[0]["stack"] != "total" || s[0]["type"] != "bar" {
		t.Errorf("stacked bar series: %v", s)
	}
	if d := s[0]["data"].([]any); len(d) != 2 || d[0].(map[string]any)["value"] != nil && d[0].(map[string]any)["value"].(float64) != 0 {
		t.Errorf("missing pair must be 0 in a stacked bar: %v", d)
	}

	lines := series(t, option(t, Lines(rows)))
	first := lines[0]["data"].([]any)[0].(map[string]any)
	if lines[0]["name"] != "search" || first["value"] != "-" {
		t.Errorf("a missing pair must be a gap ('-') in lines: %v", lines[0])
	}

	bar := option(t, Bar([]store.AggRow{row(3, "a"), row(2, "b")}, "n", true))
	y := bar["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if len(y) != 2 || y[0] != "b" || y[1] != "a" {
		t.Errorf("horizontal bar categories %v, want largest on top (last)", y)
	}

	cmp := option(t, Compare([]store.AggRow{row(1, "x"), row(5, "y")}, []store.AggRow{row(9, "z")}, "Q2", "Q1"))
	x := cmp["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if len(x) != 3 || x[0] != "y" || x[1] != "x" || x[2] != "z" {
		t.Errorf("compare categories %v, want by current value", x)
	}

	bp := series(t, option(t, BoxPlot([]Box{{Name: "a", Min: 1, Q1: 2, Median: 3, Q3: 4, Max: 5}}, "score")))
	v := bp[0]["data"].([]any)[0].(map[string]any)["value"].([]any)
	if bp[0]["type"] != "boxplot" || len(v) != 5 || v[2].(float64) != 3 {
		t.Errorf("boxplot: %v", bp)
	}
}

func TestAssetsHostIsEmbeddedRoute(t *testing.T) {
	c := StackedBar([]store.AggRow{row(1, "a", "b")})
	c.Validate()
	for _, a := range c.JSAssets.Values {
		if a != DefaultAssetsHost+"echarts.min.js" {
			t.Errorf("chart references %q, want the embedded /assets/ route", a)
		}
	}
}

func TestOptionEscapesHTML(t *testing.T) {
	c := Bar([]store.AggRow{row(1, "</script><script>alert(1)</script>\u2028&")}, "n", false)
	b, err := OptionBytes(c)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("</script>")) || bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("\u2028")) || bytes.Contains(b, []byte("&")) {
		t.Errorf("option not HTML-safe: %s", b)
	}
	var buf bytes.Buffer
	r, _ := Render("c1", `T "<b>"`, c, false)
	if err := Snippet.Execute(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Count(out, "</script>") != 1 || strings.Contains(out, "<b>") || !strings.Contains(out, `data-chart="c1"`) {
		t.Errorf("snippet: %s", out)
	}
	buf.Reset()
	if err := Snippet.Execute(&buf, Rendered{Name: "e", Empty: true}); err != nil || strings.Contains(buf.String(), "data-chart") {
		t.Errorf("empty snippet: %s %v", buf.String(), err)
	}
}

func TestRecolor(t *testing.T) {
	rows := []store.AggRow{row(1, "q1", "search"), row(5, "q1", "payments")}
	color := PaletteIndex([]string{"payments", "search"})
	bar := StackedBar(rows)
	Recolor(bar.MultiSeries, color)
	line := Lines(rows)
	Recolor(line.MultiSeries, color)
	for _, s := range [][]map[string]any{series(t, option(t, bar)), series(t, option(t, line))} {
		for _, x := range s {
			want := map[string]string{"payments": Palette[0], "search": Palette[1]}[x["name"].(string)]
			if got := x["itemStyle"].(map[string]any)["color"]; got != want {
				t.Errorf("%s %s colour %v, want %s", x["type"], x["name"], got, want)
			}
			if x["type"] == "line" && x["lineStyle"].(map[string]any)["color"] != want {
				t.Errorf("line colour of %s: %v", x["name"], x["lineStyle"])
			}
		}
	}
	if PaletteIndex(nil)("x") != "" {
		t.Error("unknown names must keep the default colour")
	}
}

func TestMatrix(t *testing.T) {
	m := &Matrix{XS: []string{"2025-Q1", "2025-Q2"}, YS: []string{"change", "network"},
		XName: "Quarter", YName: "Theme", ValueName: "% of postmortems",
		Cells: []Cell{
			{X: "2025-Q1", Y: "change", Value: 40, Label: "40%", Tip: "40% (4 of 10)"},
			{X: "2025-Q2", Y: "network", Value: 100, Label: "100%", Tip: "100% (2 of 2)", Muted: true},
			{X: "2025-Q9", Y: "change", Value: 1}, // unknown category: dropped
		}}
	opt := option(t, m)
	s := series(t, opt)
	if len(s) != 2 || len(s[0]["data"].([]any)) != 1 || len(s[1]["data"].([]any)) != 1 {
		t.Fatalf("matrix series %v, want one main and one muted cell", s)
	}
	cell := s[0]["data"].([]any)[0].(map[string]any)
	v := cell["value"].([]any)
	// change is YS[0]: drawn on top, so the last y index.
	if v[0].(float64) != 0 || v[1].(float64) != 1 || cell["tip"] != "40% (4 of 10)" {
		t.Errorf("cell %v", cell)
	}
	vm := opt["visualMap"].(map[string]any)
	if vm["max"].(float64) != 40 || vm["seriesIndex"].(float64) != 0 {
		t.Errorf("visual map %v: the muted cell must not set the scale", vm)
	}
	x := opt["xAxis"].(map[string]any)
	if x["name"] != "Quarter" || x["axisLabel"].(map[string]any)["interval"].(float64) != 0 {
		t.Errorf("x axis %v", x)
	}
	r, err := RenderWith("m", "M", m, false, Look{})
	if err != nil || r.Height < 100 {
		t.Errorf("render: height %d, %v", r.Height, err)
	}
}

func TestLookTitlesAxesAndNotes(t *testing.T) {
	var cats []string
	for i := 0; i < 12; i++ {
		cats = append(cats, fmt.Sprintf("2025-Q%d", i))
	}
	var rows []store.AggRow
	for i, c := range cats {
		rows = append(rows, row(float64(i), c, "a"), row(1, c, "b"))
	}
	r, err := RenderWith("g", "G", GroupedBar(rows), false, Look{X: "Quarter", Y: "Postmortems",
		Note: func(c, s string, v float64) (string, bool) { return c + "/" + s, c == "2025-Q0" }})
	if err != nil {
		t.Fatal(err)
	}
	var opt map[string]any
	if err := json.Unmarshal([]byte(r.Option), &opt); err != nil {
		t.Fatal(err)
	}
	x, y := axes(opt, "xAxis")[0], axes(opt, "yAxis")[0]
	lab := x["axisLabel"].(map[string]any)
	if x["name"] != "Quarter" || y["name"] != "Postmortems" || lab["interval"].(float64) != 0 {
		t.Errorf("axes x=%v y=%v", x, y)
	}
	if opt["legend"].(map[string]any)["type"] != "plain" {
		t.Errorf("two series must not get a paged legend: %v", opt["legend"])
	}
	d := series(t, opt)[0]["data"].([]any)
	first := d[0].(map[string]any)
	if first["tip"] != "2025-Q0/"+series(t, opt)[0]["name"].(string) || first["itemStyle"].(map[string]any)["color"] != MutedColor {
		t.Errorf("noted point %v", first)
	}
	if d[1].(map[string]any)["itemStyle"] != nil {
		t.Errorf("unmuted point %v", d[1])
	}
}

func TestShare(t *testing.T) {
	for _, c := range []struct {
		n, total float64
		want     string
	}{{5, 12, "42% (5 of 12)"}, {0, 0, "0 of 0"}, {3, 3, "100% (3 of 3)"}} {
		if got := Share(c.n, c.total); got != c.want {
			t.Errorf("Share(%v, %v) = %q, want %q", c.n, c.total, got, c.want)
		}
	}
}

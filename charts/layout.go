package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// MinSample is the smallest number of postmortems a share or a rate is
// read from without a caution: results over fewer are drawn muted (and the
// pages and the report say so).
const MinSample = 5

// MutedColor is how a point over fewer than MinSample postmortems is drawn.
const MutedColor = "#ced4da"

// MaxPlainLegend is the most series a legend shows on one page; with more,
// the legend scrolls (ECharts' "1/2" pager).
const MaxPlainLegend = 12

// Look is how a rendered chart is titled and annotated.
type Look struct {
	// X and Y are the axis titles as drawn (after an XYReversal, X is
	// still the horizontal axis).
	X, Y string
	// Note, when set, gives each data point of a bar or line series its
	// tooltip text and whether it is muted (read from fewer than
	// MinSample postmortems): category is the point's category-axis value,
	// series the series name, v the value.
	Note func(category, series string, v float64) (tip string, muted bool)
}

// item is a data point with a tooltip text (dashboard.js shows Tip) and,
// when muted, a grey style.
type item struct {
	Value     any            `json:"value"`
	Tip       string         `json:"tip,omitempty"`
	ItemStyle map[string]any `json:"itemStyle,omitempty"`
	Label     map[string]any `json:"label,omitempty"`
}

// Share formats n of total as "42% (5 of 12)"; "0 of 0" has no percentage.
func Share(n, total float64) string {
	if total <= 0 {
		return fmt.Sprintf("%.0f of %.0f", n, total)
	}
	return fmt.Sprintf("%.0f%% (%.0f of %.0f)", 100*n/total, n, total)
}

// finish lays a decoded option out for reading: axis titles, every
// category label drawn (rotated when many), a legend that does not page
// under MaxPlainLegend series, room for the titles, and look.Note's
// tooltips and muting. dashboard.js then moves the plot below the legend
// once the legend has been measured.
func finish(opt map[string]any, look Look) {
	xs, ys := axes(opt, "xAxis"), axes(opt, "yAxis")
	series, _ := opt["series"].([]any)
	if len(xs) == 0 || len(ys) == 0 {
		return // not a cartesian chart
	}
	for _, s := range series {
		if sm, ok := s.(map[string]any); ok && sm["type"] == "heatmap" {
			return // a Matrix lays itself out
		}
	}
	x, y := xs[0], ys[0]
	legend, _ := opt["legend"].(map[string]any)
	hasLegend := legend != nil && legend["show"] == true
	if hasLegend {
		legend["type"] = "plain"
		if len(series) >= MaxPlainLegend {
			legend["type"] = "scroll"
		}
		legend["left"] = "center"
	}
	top, bottom := 28.0, 8.0
	if hasLegend {
		top += 28
	}
	if look.Y != "" {
		y["name"] = look.Y
		y["nameLocation"] = "end"
		y["nameGap"] = 12
		y["nameTextStyle"] = map[string]any{"align": "left", "color": "#5d6577"}
	} else {
		top -= 20
	}
	xcats := strs(x["data"])
	if len(xcats) > 0 {
		label, _ := x["axisLabel"].(map[string]any)
		if label == nil {
			label = map[string]any{}
			x["axisLabel"] = label
		}
		// Every label drawn; dashboard.js rotates them when the chart
		// turns out too narrow to set them side by side.
		label["interval"] = 0
	}
	if yc := strs(y["data"]); len(yc) > 0 {
		label, _ := y["axisLabel"].(map[string]any)
		if label == nil {
			label = map[string]any{}
			y["axisLabel"] = label
		}
		label["interval"] = 0
	}
	if look.X != "" {
		x["name"] = look.X
		x["nameLocation"] = "middle"
		x["nameGap"] = 30 // dashboard.js moves it below rotated labels
		x["nameTextStyle"] = map[string]any{"color": "#5d6577"}
		bottom += 22
	}
	if grids := gridList(opt); len(grids) > 0 {
		g := grids[0]
		g["containLabel"] = true
		g["top"] = top
		g["bottom"] = bottom
		if _, ok := g["left"]; !ok {
			g["left"] = 8
		}
	}
	if tt, ok := opt["tooltip"].(map[string]any); ok {
		tt["confine"] = true
	}
	if look.Note == nil {
		return
	}
	cats := xcats
	if len(cats) == 0 {
		cats = strs(y["data"])
	}
	for _, s := range series {
		sm, _ := s.(map[string]any)
		if sm == nil || (sm["type"] != "bar" && sm["type"] != "line") {
			continue
		}
		name, _ := sm["name"].(string)
		data, _ := sm["data"].([]any)
		for i, d := range data {
			if i >= len(cats) {
				break
			}
			v := d
			if m, ok := d.(map[string]any); ok {
				v = m["value"]
			}
			f, ok := v.(float64)
			if !ok {
				continue // a gap
			}
			tip, muted := look.Note(cats[i], name, f)
			it := item{Value: v, Tip: tip}
			if muted {
				it.ItemStyle = map[string]any{"color": MutedColor, "borderColor": MutedColor}
			}
			data[i] = it
		}
	}
}

// axes returns the option's axes under key, whether go-echarts wrote one
// object or a list.
func axes(opt map[string]any, key string) []map[string]any {
	switch v := opt[key].(type) {
	case map[string]any:
		return []map[string]any{v}
	case []any:
		var out []map[string]any
		for _, a := range v {
			if m, ok := a.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

func gridList(opt map[string]any) []map[string]any {
	g := axes(opt, "grid")
	if len(g) == 0 {
		m := map[string]any{}
		opt["grid"] = m
		g = []map[string]any{m}
	}
	return g
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// encode marshals an option as JSON safe inside <script> (see Option).
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("charts: encode option: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

package charts

import (
	"math"
	"unicode/utf8"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Cell is one cell of a Matrix.
type Cell struct {
	X, Y  string
	Value float64
	// Label is written in the cell ("42%"); "" writes nothing.
	Label string
	// Tip is the cell's tooltip ("42% (5 of 12 postmortems)").
	Tip string
	// Muted cells (read from fewer than MinSample postmortems) are grey
	// and outside the colour scale.
	Muted bool
}

// Matrix is a heat map of cells over the categories xs (horizontal) and
// ys (vertical, first at the top): the way to show one measure for many
// series at once (themes per quarter, teams per quarter) instead of
// tangled lines or stacked areas of overlapping sets. Every category label
// is drawn; xs rotate when there are many.
type Matrix struct {
	XS, YS []string
	Cells  []Cell
	// XName and YName title the axes; ValueName names the colour scale.
	XName, YName, ValueName string
	// Unit follows the numbers of the colour scale ("%").
	Unit string
	// Max is the top of the colour scale (0: the largest unmuted value).
	Max float64
}

// Validate implements Chart (nothing to finalise).
func (m *Matrix) Validate() {}

// GetAssets implements Chart: the embedded ECharts build.
func (m *Matrix) GetAssets() opts.Assets {
	c := gocharts.NewHeatMap()
	c.SetGlobalOptions(base()...)
	c.Validate()
	return c.GetAssets()
}

// Height is the canvas height the matrix needs, in pixels.
func (m *Matrix) Height() int {
	return 90 + 36*len(m.YS) + m.xLabelSpace()
}

func (m *Matrix) xLabelSpace() int {
	longest := 0
	for _, x := range m.XS {
		longest = max(longest, utf8.RuneCountInString(x))
	}
	if m.rotate() {
		return int(float64(longest)*6.6*math.Sin(math.Pi/6)) + 20
	}
	return 20
}

func (m *Matrix) rotate() bool {
	width := 0
	for _, x := range m.XS {
		width += utf8.RuneCountInString(x)*7 + 12
	}
	return width > 900
}

// JSON implements Chart: the ECharts option.
func (m *Matrix) JSON() map[string]any {
	xi, yi := map[string]int{}, map[string]int{}
	for i, x := range m.XS {
		xi[x] = i
	}
	// ECharts draws the first y category at the bottom: reverse so YS[0]
	// is on top.
	ys := make([]string, len(m.YS))
	for i, y := range m.YS {
		ys[len(m.YS)-1-i] = y
		yi[y] = len(m.YS) - 1 - i
	}
	top := m.Max
	var main, muted []any
	for _, c := range m.Cells {
		i, okx := xi[c.X]
		j, oky := yi[c.Y]
		if !okx || !oky {
			continue
		}
		it := map[string]any{"value": []any{i, j, c.Value}, "tip": c.Tip,
			"label": map[string]any{"show": c.Label != "", "formatter": c.Label}}
		if c.Muted {
			it["itemStyle"] = map[string]any{"color": "#f1f3f5"}
			it["label"].(map[string]any)["color"] = "#868e96"
			muted = append(muted, it)
			continue
		}
		if m.Max == 0 {
			top = math.Max(top, c.Value)
		}
		main = append(main, it)
	}
	rot := 0
	if m.rotate() {
		rot = 30
	}
	axisName := map[string]any{"color": "#5d6577"}
	return map[string]any{
		"tooltip": map[string]any{"show": true, "trigger": "item", "confine": true},
		"legend":  map[string]any{"show": false},
		"grid": map[string]any{"left": 8, "right": 80, "top": 30, "bottom": 8 + 24,
			"containLabel": true},
		"xAxis": map[string]any{"type": "category", "data": m.XS, "splitArea": map[string]any{"show": true},
			"axisLabel": map[string]any{"interval": 0, "rotate": rot},
			"name":      m.XName, "nameLocation": "middle", "nameGap": m.xLabelSpace() + 8, "nameTextStyle": axisName},
		"yAxis": map[string]any{"type": "category", "data": ys, "splitArea": map[string]any{"show": true},
			"axisLabel": map[string]any{"interval": 0},
			"name":      m.YName, "nameLocation": "end", "nameGap": 10,
			"nameTextStyle": map[string]any{"align": "right", "color": "#5d6577"}},
		"visualMap": map[string]any{"min": 0, "max": math.Max(top, 1), "calculable": true, "seriesIndex": 0,
			"orient": "vertical", "right": 0, "top": "middle", "formatter": "{value}" + m.Unit,
			"textStyle": map[string]any{"color": "#5d6577"},
			"inRange":   map[string]any{"color": []string{"#edf2ff", "#91a7ff", "#364fc7"}}},
		"series": []any{
			map[string]any{"type": "heatmap", "name": m.ValueName, "data": nonNil(main),
				"label": map[string]any{"show": true, "fontSize": 11, "lineHeight": 13}, "emphasis": map[string]any{"itemStyle": map[string]any{"borderColor": "#1f2430", "borderWidth": 1}}},
			map[string]any{"type": "heatmap", "name": "fewer than 5 postmortems", "data": nonNil(muted),
				"label": map[string]any{"show": true, "fontSize": 11, "lineHeight": 13}},
		},
	}
}

func nonNil(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

package charts

import (
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart is what every go-echarts chart (Bar, Line, HeatMap, BoxPlot, ...)
// provides.
type Chart interface {
	// Validate finalises axes and assets; go-echarts requires it before JSON.
	Validate()
	// JSON returns the ECharts option.
	JSON() map[string]interface{}
	// GetAssets lists the scripts the chart needs (after Validate, under
	// its AssetsHost: DefaultAssetsHost for the builders here).
	GetAssets() opts.Assets
}

// Option returns the chart's ECharts option as JSON that is safe to place
// inside an HTML <script> element: encoding/json escapes '<', '>', '&',
// U+2028 and U+2029, so data such as a team named "</script><script>..."
// can neither close the element nor run. (go-echarts' own templates embed
// the option unescaped, which is why the dashboard does not use them.)
func Option(c Chart) (template.JS, error) {
	b, err := OptionBytes(c)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// OptionBytes is Option as bytes (e.g. for the JSON API or a static report).
func OptionBytes(c Chart) ([]byte, error) { return optionBytes(c, Look{}) }

// optionBytes encodes c's option laid out with look (see finish).
func optionBytes(c Chart, look Look) ([]byte, error) {
	c.Validate()
	raw, err := encode(c.JSON())
	if err != nil {
		return nil, err
	}
	var opt map[string]any
	if err := json.Unmarshal(raw, &opt); err != nil {
		return nil, fmt.Errorf("charts: decode option: %w", err)
	}
	finish(opt, look)
	return encode(opt)
}

// Rendered is one chart ready for a page: Name identifies it (element
// data-chart="Name", option element id "opt-"+Name) and Option is its
// escaped JSON option.
type Rendered struct {
	Name   string
	Title  string
	Option template.JS
	// Empty is true when the chart has no data; pages show a message instead.
	Empty bool
	// Tall asks for a taller canvas (heatmaps).
	Tall bool
	// Height, when positive, is the canvas height in pixels (a Matrix
	// grows with its rows); dashboard.js applies it.
	Height int
	// Scripts are the JavaScript assets the chart needs, as go-echarts
	// lists them (e.g. "/assets/echarts.min.js").
	Scripts []string
}

// Render renders c under name without axis titles; see RenderWith.
func Render(name, title string, c Chart, empty bool) (Rendered, error) {
	return RenderWith(name, title, c, empty, Look{})
}

// RenderWith renders c under name, titled and annotated as look says; see
// Rendered.
func RenderWith(name, title string, c Chart, empty bool, look Look) (Rendered, error) {
	b, err := optionBytes(c, look)
	if err != nil {
		return Rendered{}, err
	}
	opt := template.JS(b)
	a := c.GetAssets()
	scripts := append([]string{}, a.JSAssets.Values...)
	scripts = append(scripts, a.CustomizedJSAssets.Values...)
	out := Rendered{Name: name, Title: title, Option: opt, Empty: empty, Scripts: scripts}
	if m, ok := c.(*Matrix); ok {
		out.Height = m.Height()
	}
	return out, nil
}

// SnippetTemplate is the html/template source of one rendered chart (its
// dot is a Rendered): a div the dashboard script (assets.DashboardJS)
// initialises and the JSON option next to it. Text is escaped by
// html/template; the option is the escaped JSON from Option. Pages parse it
// into their template set to use {{template "chart" .}}.
const SnippetTemplate = `{{define "chart"}}{{if .Empty}}<div class="empty">No data for these filters.</div>{{else}}` +
	`<div class="chart{{if .Tall}} tall{{end}}" data-chart="{{.Name}}"{{if .Height}} data-height="{{.Height}}"{{end}} role="img" aria-label="{{.Title}}"></div>` +
	`<script type="application/json" id="opt-{{.Name}}">{{.Option}}</script>{{end}}{{end}}`

// Snippet renders one Rendered chart (see SnippetTemplate).
var Snippet = template.Must(template.New("snippet").Parse(SnippetTemplate + `{{template "chart" .}}`))

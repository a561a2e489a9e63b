// Package assets embeds the static files the dashboard and the quarterly
// report need: the vendored Apache ECharts build (see ECHARTS_VERSION.md),
// the stylesheet and the small script that draws charts from their
// JSON-encoded options. Nothing is fetched from a CDN, so pages work offline.
package assets

import (
	"embed"
	"io/fs"
)

// FS holds every embedded asset under its base name ("echarts.min.js",
// "style.css", "dashboard.js", "LICENSE-echarts", "NOTICE-echarts").
//
//go:embed echarts.min.js style.css dashboard.js favicon.svg LICENSE-echarts NOTICE-echarts ECHARTS_VERSION.md
var FS embed.FS

// ECharts file name and version, as served under the dashboard's /assets/.
const (
	EChartsFile    = "echarts.min.js"
	EChartsVersion = "5.6.0"
)

// EChartsJS returns the minified ECharts library.
func EChartsJS() []byte { return mustRead(EChartsFile) }

// StyleCSS returns the dashboard stylesheet (also usable by static reports).
func StyleCSS() []byte { return mustRead("style.css") }

// DashboardJS returns the script that initialises every element carrying a
// data-chart attribute from the JSON option in the element's sibling
// <script type="application/json"> (see charts.Render).
func DashboardJS() []byte { return mustRead("dashboard.js") }

func mustRead(name string) []byte {
	b, err := fs.ReadFile(FS, name)
	if err != nil {
		// Unreachable: the names are embedded at build time.
		panic("assets: " + err.Error())
	}
	return b
}

package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func renderHTML(t *testing.T, opts Options) string {
	t.Helper()
	r := buildFixture(t, opts)
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestHTMLSelfContained checks the page loads nothing from anywhere: no
// src or href on script, link, img, iframe, no CSS url() or @import, and
// the ECharts library is inlined.
func TestHTMLSelfContained(t *testing.T) {
	for _, base := range []string{"", "https://debrief.example.com"} {
		checkSelfContained(t, renderHTML(t, Options{BaseURL: base}), base)
	}
}

// checkSelfContained fails t when page loads anything from outside itself
// or links anywhere but to itself and to the dashboard at base.
func checkSelfContained(t *testing.T, out, base string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var scripts, charts int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "src", n.Data == "link" && a.Key == "href", a.Key == "srcset", a.Key == "data" && n.Data == "object":
					t.Errorf("base %q: <%s %s=%q> loads a resource", base, n.Data, a.Key, a.Val)
				case a.Key == "href" && n.Data == "a" && base == "" && !strings.HasPrefix(a.Val, "#"):
					t.Errorf("without a base URL, link %q leaves the page", a.Val)
				case a.Key == "href" && n.Data == "a" && base != "" && !strings.HasPrefix(a.Val, "#") && !strings.HasPrefix(a.Val, base+"/"):
					t.Errorf("link %q is neither in-page nor to the dashboard", a.Val)
				case a.Key == "data-chart":
					charts++
				}
			}
			switch n.Data {
			case "script":
				if typ := attr(n, "type"); typ == "" {
					scripts++
				}
			case "iframe", "img", "embed", "object", "link":
				t.Errorf("base %q: unexpected <%s>", base, n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts != 2 {
		t.Errorf("%d inline scripts, want 2 (echarts and the chart loader)", scripts)
	}
	if charts != 4 {
		t.Errorf("%d charts, want 4", charts)
	}
	rest := out
	if base != "" {
		rest = strings.ReplaceAll(out, `href="`+base+"/", `href="/`)
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`).FindString(rest); m != "" {
		t.Errorf("external reference %q", m)
	}
	if regexp.MustCompile(`(?i)url\(|@import`).MatchString(styleText(out)) {
		t.Error("the stylesheet references an external resource")
	}
	if !strings.Contains(out, "echarts") || len(out) < 500_000 {
		t.Errorf("ECharts does not look inlined (%d bytes)", len(out))
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func styleText(page string) string {
	i, j := strings.Index(page, "<style>"), strings.Index(page, "</style>")
	if i < 0 || j < i {
		return ""
	}
	return page[i:j]
}

// TestHTMLEscapesDocumentText checks a hostile title and sentence appear as
// text, in the page and in the chart options, and never as markup.
func TestHTMLEscapesDocumentText(t *testing.T) {
	out := renderHTML(t, Options{BaseURL: "https://debrief.example.com"})
	for _, bad := range []string{`<script>alert("pwned")`, "<b>token cache</b>"} {
		if strings.Contains(out, bad) {
			t.Errorf("page contains raw %q", bad)
		}
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	text := textContent(doc)
	for _, want := range []string{
		`<script>alert("pwned")</script> & the | pipe`,
		"Nobody knew the <b>token cache</b> | had a *hard* limit of 10k entries.",
		"Add alerting on connection pool saturation",
		"Capacity made up 13% of what this quarter",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page text lacks %q", want)
		}
	}
	// Exactly two script elements run code, whatever the titles say.
	if n := strings.Count(out, "<script>"); n != 2 {
		t.Errorf("%d <script> tags, want 2", n)
	}
}

// textContent concatenates the page's text nodes outside <script> and
// <style>, the way a reader sees them.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/debrief-dev/debrief/quarter"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

func collect(t testing.TB, opts Options) []Doc {
	t.Helper()
	var docs []Doc
	if err := Generate(opts, func(d Doc) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	return docs
}

func digest(t testing.TB, opts Options) [32]byte {
	t.Helper()
	h := sha256.New()
	err := Generate(opts, func(d Doc) error {
		h.Write([]byte(d.Path))
		h.Write(d.Data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func TestDeterministic(t *testing.T) {
	a := digest(t, Options{Seed: 7, N: 300})
	b := digest(t, Options{Seed: 7, N: 300})
	if a != b {
		t.Fatal("same seed produced different bytes")
	}
	if c := digest(t, Options{Seed: 8, N: 300}); c == a {
		t.Fatal("different seeds produced the same corpus")
	}
}

// A prefix of a larger corpus differs only in dates (documents spread over
// the period by index), but each document's random stream depends on the
// seed and its index alone: the same index gives the same team and format.
func TestIndexStability(t *testing.T) {
	small := collect(t, Options{Seed: 3, N: 50})
	big := collect(t, Options{Seed: 3, N: 100})
	for i := range small {
		if small[i].Team != big[i].Team || small[i].Format != big[i].Format {
			t.Fatalf("doc %d: team/format %s/%s vs %s/%s", i, small[i].Team, small[i].Format, big[i].Team, big[i].Format)
		}
	}
}

var (
	blameCue = regexp.MustCompile(`(?i)human error|operator error|should have|root cause (was|of)|root cause:|careless|failed to notice|neglected to|if only|simply forgot|lack of attention|be more careful|mistake by`)
	awareCue = regexp.MustCompile(`(?i)we assumed|our understanding|believed|under the impression|turned out|unexpectedly|did not know|surprised|no one realised|contrary to|not clear|was aware|contributing factors included`)
)

func TestCoverage(t *testing.T) {
	docs := collect(t, Options{Seed: 42, N: 500})
	teamsSeen := map[string]bool{}
	quarters := map[string]bool{}
	formats := map[string]bool{}
	themes := map[string]bool{}
	sections := map[string]bool{}
	blameDocs, awareDocs, recurring, noOwner := 0, 0, 0, 0
	paths := map[string]bool{}
	for _, d := range docs {
		teamsSeen[d.Team] = true
		quarters[quarter.Of(d.Date).String()] = true
		formats[d.Format] = true
		for _, th := range d.Themes {
			themes[th] = true
		}
		for _, s := range d.Sections {
			sections[s] = true
		}
		if blameCue.Match(d.Data) {
			blameDocs++
		}
		if awareCue.Match(d.Data) {
			awareDocs++
		}
		if d.Recurring {
			recurring++
		}
		if d.Actions > 0 && !bytes.Contains(d.Data, []byte("owner")) && !bytes.Contains(d.Data, []byte("Owner")) {
			noOwner++
		}
		if paths[d.Path] {
			t.Errorf("duplicate path %s", d.Path)
		}
		paths[d.Path] = true
		if !strings.HasPrefix(d.Path, d.Team+"/") || !strings.Contains(d.Path, d.Date.Format("2006-01-02")) {
			t.Errorf("path %s does not name team %s and date %s", d.Path, d.Team, d.Date.Format("2006-01-02"))
		}
		if !bytes.Contains(d.Data, []byte(d.Service)) {
			t.Errorf("%s does not mention its service %s", d.Path, d.Service)
		}
	}
	if len(teamsSeen) < 6 {
		t.Errorf("teams: %d < 6", len(teamsSeen))
	}
	if len(quarters) < 8 {
		t.Errorf("quarters: %d < 8 (%v)", len(quarters), quarters)
	}
	for _, f := range Formats {
		if !formats[f] {
			t.Errorf("format %s missing", f)
		}
	}
	for _, th := range Themes {
		if !themes[th] {
			t.Errorf("theme %s missing", th)
		}
	}
	for _, s := range sectionOrder {
		if !sections[s] {
			t.Errorf("section %s never present", s)
		}
	}
	if blameDocs < 100 || awareDocs < 100 {
		t.Errorf("style mix: %d docs with blame cues, %d with assumption cues", blameDocs, awareDocs)
	}
	if recurring < 50 {
		t.Errorf("only %d recurring incidents", recurring)
	}
	if noOwner == 0 {
		t.Error("every writeup has action owners; quality should vary")
	}
}

// Every blame and assumption label of TAXONOMY.md has cue phrases in a
// small sample.
func TestStyleLabels(t *testing.T) {
	cues := map[string]*regexp.Regexp{
		"human-error":       regexp.MustCompile(`(?i)human error|operator error|mistake by the engineer`),
		"counterfactual":    regexp.MustCompile(`(?i)should have|could have prevented|neglected to|failed to notice|did not follow the procedure|if only`),
		"judgmental":        regexp.MustCompile(`(?i)careless|lack of attention|more careful|obviously|simply forgot`),
		"single-root-cause": regexp.MustCompile(`(?i)the root cause (was|of)|root cause:`),
		"belief":            regexp.MustCompile(`(?i)we assumed|we believed|team believed|our understanding|under the impression`),
		"surprise":          regexp.MustCompile(`(?i)unexpectedly|turned out|surprised|did not know|not clear|no one realised|contrary to|was aware`),
	}
	seen := map[string]int{}
	var fixed []string // templates without placeholders
	for _, tpl := range append(slices.Clone(blameTemplates), awareTemplates...) {
		if !strings.Contains(tpl, "{") {
			fixed = append(fixed, tpl)
		}
	}
	for _, d := range collect(t, Options{Seed: 5, N: 500}) {
		for _, f := range fixed {
			if n := bytes.Count(d.Data, []byte(f)); n > 1 {
				t.Errorf("%s repeats %q %d times", d.Path, f, n)
			}
		}
		for label, re := range cues {
			if re.Match(d.Data) {
				seen[label]++
			}
		}
	}
	for label := range cues {
		if seen[label] < 10 {
			t.Errorf("label %s: cues in only %d documents", label, seen[label])
		}
	}
}

// Blame share drifts: payments improves, data gets worse.
func TestStyleDrift(t *testing.T) {
	type acc struct{ blame, aware int }
	early := map[string]*acc{}
	late := map[string]*acc{}
	docs := collect(t, Options{Seed: 11, N: 6000})
	for i, d := range docs {
		m := early
		if i >= len(docs)/2 {
			m = late
		}
		a := m[d.Team]
		if a == nil {
			a = &acc{}
			m[d.Team] = a
		}
		a.blame += d.BlameSentences
		a.aware += d.AwareSentences
	}
	share := func(a *acc) float64 { return float64(a.blame) / float64(a.blame+a.aware) }
	if e, l := share(early["payments"]), share(late["payments"]); !(l < e-0.2) {
		t.Errorf("payments blame share should fall: early %.2f late %.2f", e, l)
	}
	if e, l := share(early["data"]), share(late["data"]); !(l > e+0.1) {
		t.Errorf("data blame share should rise: early %.2f late %.2f", e, l)
	}
}

// Action items repeat across incidents: the same family appears in many
// documents, worded differently.
func TestRepeatedActions(t *testing.T) {
	counts := map[string]int{}
	for _, d := range collect(t, Options{Seed: 9, N: 500}) {
		for _, v := range actionFamilies["disk-alert"] {
			stem := strings.SplitN(v, "{", 2)[0]
			if len(stem) > 12 && bytes.Contains(d.Data, []byte(stem)) {
				counts[stem]++
			}
		}
	}
	if len(counts) < 3 {
		t.Errorf("disk alerting action in only %d wordings: %v", len(counts), counts)
	}
}

// Each format is well-formed in its syntax, and its metadata names the team.
func TestFormatsWellFormed(t *testing.T) {
	entities := 0
	defer func() {
		if entities == 0 {
			t.Error("no HTML document uses character entities")
		}
	}()
	for _, d := range collect(t, Options{Seed: 21, N: 400}) {
		switch d.Format {
		case FormatJSON:
			var e export
			if err := json.Unmarshal(d.Data, &e); err != nil {
				t.Fatalf("%s: %v", d.Path, err)
			}
			checkExport(t, d, e)
		case FormatYAML:
			var e export
			if err := yaml.Unmarshal(d.Data, &e); err != nil {
				t.Fatalf("%s: %v", d.Path, err)
			}
			checkExport(t, d, e)
		case FormatMarkdownYAML, FormatERB:
			fm := frontMatter(t, d, "---")
			var m map[string]any
			if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
				t.Fatalf("%s: front matter: %v", d.Path, err)
			}
			if m["team"] != d.Team || m["title"] != d.Title {
				t.Errorf("%s: front matter team/title %v/%v", d.Path, m["team"], m["title"])
			}
		case FormatMarkdownTOML:
			fm := frontMatter(t, d, "+++")
			var m map[string]any
			if _, err := toml.Decode(fm, &m); err != nil {
				t.Fatalf("%s: front matter: %v", d.Path, err)
			}
			if m["team"] != d.Team || m["title"] != d.Title {
				t.Errorf("%s: front matter team/title %v/%v", d.Path, m["team"], m["title"])
			}
		case FormatMarkdownBold:
			if !bytes.Contains(d.Data, []byte("**Team:** "+d.Team)) {
				t.Errorf("%s: no **Team:** line", d.Path)
			}
		case FormatText:
			if !bytes.Contains(d.Data, []byte("\nTeam: "+d.Team+"\n")) {
				t.Errorf("%s: no Team: line", d.Path)
			}
			first, rest, _ := bytes.Cut(d.Data, []byte("\n"))
			under, _, _ := bytes.Cut(rest, []byte("\n"))
			if len(under) != len(first) || strings.Trim(string(under), "=") != "" {
				t.Errorf("%s: title not underlined", d.Path)
			}
		case FormatHTML:
			doc, err := html.Parse(bytes.NewReader(d.Data))
			if err != nil {
				t.Fatalf("%s: %v", d.Path, err)
			}
			text := textOf(doc)
			if !strings.Contains(text, d.Title) {
				t.Errorf("%s: title not in the HTML text", d.Path)
			}
			if bytes.Contains(d.Data, []byte("&amp;")) || bytes.Contains(d.Data, []byte("&rsquo;")) {
				entities++
				if strings.Contains(text, "&amp;") || strings.Contains(text, "&rsquo;") {
					t.Errorf("%s: entities not decodable", d.Path)
				}
			}
		default:
			t.Fatalf("%s: unknown format %q", d.Path, d.Format)
		}
	}
}

func checkExport(t *testing.T, d Doc, e export) {
	t.Helper()
	if e.Team != d.Team || e.Title != d.Title || len(e.Timeline) == 0 {
		t.Errorf("%s: export team %q title %q timeline %d", d.Path, e.Team, e.Title, len(e.Timeline))
	}
	started, err := time.Parse(time.RFC3339, e.StartedAt)
	if err != nil || !started.Equal(d.Date) {
		t.Errorf("%s: started_at %q (%v) want %s", d.Path, e.StartedAt, err, d.Date)
	}
}

func frontMatter(t *testing.T, d Doc, fence string) string {
	t.Helper()
	s := string(d.Data)
	if !strings.HasPrefix(s, fence+"\n") {
		t.Fatalf("%s: no %s front matter", d.Path, fence)
	}
	end := strings.Index(s[len(fence)+1:], "\n"+fence+"\n")
	if end < 0 {
		t.Fatalf("%s: unterminated front matter", d.Path)
	}
	return s[len(fence)+1 : len(fence)+1+end]
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
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

// Every template in the vocabulary expands without unknown placeholders
// (fill panics on those).
func TestVocabularyPlaceholders(t *testing.T) {
	g := newGenerator(1, DefaultStart, DefaultEnd, 1)
	_ = g.doc(0)
	c := &ctx{}
	var all []string
	for _, fm := range failureModes {
		for _, xs := range [][]string{fm.titles, fm.trigger, fm.mechanism, fm.belief, fm.reality, fm.slip, fm.check, fm.factors, fm.detect, fm.resolve, fm.impact} {
			all = append(all, xs...)
		}
		for _, a := range fm.actions {
			if actionFamilies[a] == nil {
				t.Errorf("failure mode %s: unknown action family %q", fm.slug, a)
			}
		}
		if themeSentences[fm.theme] == nil {
			t.Errorf("failure mode %s: theme %q not in TAXONOMY", fm.slug, fm.theme)
		}
		for _, x := range fm.extra {
			if themeSentences[x] == nil {
				t.Errorf("failure mode %s: extra theme %q not in TAXONOMY", fm.slug, x)
			}
		}
	}
	for _, xs := range actionFamilies {
		all = append(all, xs...)
	}
	for _, xs := range themeSentences {
		all = append(all, xs...)
	}
	for _, xs := range [][]string{blameTemplates, awareTemplates, neutralTemplates, recurrenceNotes, wentWell, wentWrong, gotLucky, genericFactors} {
		all = append(all, xs...)
	}
	for _, s := range all {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%q: %v", s, r)
				}
			}()
			c.fill(s)
		}()
	}
	if len(themeSentences) != len(Themes) {
		t.Errorf("themeSentences has %d themes, Themes %d", len(themeSentences), len(Themes))
	}
}

func TestOptionsErrors(t *testing.T) {
	noop := func(Doc) error { return nil }
	if err := Generate(Options{N: -1}, noop); err == nil {
		t.Error("negative N accepted")
	}
	if err := Generate(Options{N: 1, Start: DefaultEnd, End: DefaultStart}, noop); err == nil {
		t.Error("End before Start accepted")
	}
	stop := os.ErrClosed
	n := 0
	err := Generate(Options{N: 10}, func(Doc) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("callback error not returned at once: err %v after %d docs", err, n)
	}
}

func TestCustomPeriod(t *testing.T) {
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range collect(t, Options{Seed: 1, N: 100, Start: start, End: end}) {
		if d.Date.Before(start) || !d.Date.Before(end.Add(24*time.Hour)) {
			t.Errorf("%s: date %s outside [%s, %s]", d.Path, d.Date, start, end)
		}
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	n, err := WriteDir(dir, Options{Seed: 2, N: 40})
	if err != nil || n != 40 {
		t.Fatalf("WriteDir: %d, %v", n, err)
	}
	files := 0
	err = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files++
		}
		return err
	})
	if err != nil || files != 40 {
		t.Fatalf("found %d files (%v)", files, err)
	}
	docs := collect(t, Options{Seed: 2, N: 40})
	got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(docs[7].Path)))
	if err != nil || !bytes.Equal(got, docs[7].Data) {
		t.Fatalf("file content differs from Generate (%v)", err)
	}
	if _, err := WriteDir("", Options{N: 1}); err == nil {
		t.Error("empty dir accepted")
	}
}

// Memory stays flat: generating many documents does not grow the heap.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	heapAfter := func(n int) uint64 {
		var peak uint64
		var ms runtime.MemStats
		i := 0
		err := Generate(Options{Seed: 1, N: n}, func(Doc) error {
			i++
			if i%2000 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return peak
	}
	small := heapAfter(4000)
	big := heapAfter(20000)
	if big > small+4<<20 {
		t.Errorf("heap grows with N: %d bytes at 4k docs, %d at 20k", small, big)
	}
}

func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	var bytesOut int64
	b.ResetTimer()
	err := Generate(Options{Seed: 1, N: b.N}, func(d Doc) error {
		bytesOut += int64(len(d.Data))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(bytesOut / int64(max(b.N, 1)))
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

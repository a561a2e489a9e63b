package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
)

// Options controls how files are parsed.
type Options struct {
	// Team overrides every other source of the team name (--team).
	Team string
	// TeamFromPath is a pattern such as "incidents/{team}/**" matched
	// against the slash-separated path. {team}, {service} and {year}
	// capture one path segment (or part of one: "{year}-*"); "*" matches
	// one segment, "**" any number. A team taken from the path wins over
	// the team written in the document.
	TeamFromPath string
	// MaxBytes is the largest file accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// TeamAliases maps an alias to the team it stands for ("search-infra":
	// "search"); both sides are compared as slugs (TeamSlug). They win
	// over the aliases of a config file.
	TeamAliases map[string]string
	// Configs, when set, finds the .debrief.yml nearest to each file and
	// applies its "teams" aliases.
	Configs *ConfigFinder
	// IDPath is the path the ID is derived from when the document has no
	// id of its own: the file's path relative to its ingest root (see
	// IdentityPath). Empty means the cleaned path given to Parse.
	IDPath string
}

// DefaultMaxBytes is the size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 32 << 20

// ErrTemplate is returned (wrapped) for a postmortem template whose
// sections are empty or placeholders. Test with errors.Is.
var ErrTemplate = errors.New("postmortem template with empty placeholders, not a postmortem")

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// ParseFile reads a file (refusing files over the size limit without
// reading them fully) and parses it. Errors do not repeat the path; the
// caller prefixes it.
func ParseFile(p string, opts Options) (*model.Postmortem, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot open: %w", unwrapPathError(err))
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose on close
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot stat: %w", unwrapPathError(err))
	}
	if st.IsDir() {
		return nil, errors.New("is a directory")
	}
	limit := opts.maxBytes()
	if st.Mode().IsRegular() && st.Size() > limit {
		return nil, sizeError(st.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is over the %s limit (--max-bytes)", formatLimit(limit))
	}
	return Parse(p, data, opts)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func sizeError(size, limit int64) error {
	return fmt.Errorf("file is %.1f MB, over the %s limit (--max-bytes)", float64(size)/1e6, formatLimit(limit))
}

func formatLimit(limit int64) string {
	switch {
	case limit >= 1<<20 && limit%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", limit>>20)
	case limit >= 1<<10 && limit%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", limit>>10)
	}
	return fmt.Sprintf("%d bytes", limit)
}

// Parse parses one file's bytes. p is used for format sniffing (by
// extension, else by content), the stable ID and the team from the path.
// It returns an error wrapping ErrTemplate for a template, and errors for
// empty, binary or oversized input; everything else becomes warnings.
func Parse(p string, data []byte, opts Options) (pm *model.Postmortem, err error) {
	if int64(len(data)) > opts.maxBytes() {
		return nil, sizeError(int64(len(data)), opts.maxBytes())
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty file")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("binary file (NUL byte at offset %d), not a postmortem", i)
	}
	sum := sha256.Sum256(data)
	version := hex.EncodeToString(sum[:])

	var warnings []string
	text := string(data)
	if !utf8.ValidString(text) {
		bad := FirstInvalidUTF8(data)
		text = strings.ToValidUTF8(text, "\uFFFD")
		warnings = append(warnings, fmt.Sprintf("invalid UTF-8 at byte %d; replaced invalid bytes with U+FFFD", bad))
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}

	format, erb := sniff(p, text)
	text, format = lowerByExtension(p, text, format)
	var doc *rawDoc
	switch format {
	case model.FormatHTML:
		doc = parseHTML(text)
	case model.FormatText:
		if t, ok := emailText(text); ok && looksEmail(text) {
			text = t // a raw e-mail (.eml): its headers and text part
		}
		doc = parseText(text)
	case model.FormatJSON:
		doc, err = parseJSON(text)
	case model.FormatYAML:
		doc, err = parseYAML(text)
	default:
		if erb {
			text = stripERB(text)
		}
		doc = parseMarkdown(text)
	}
	if err != nil {
		return nil, err
	}
	doc.warnings = append(warnings, doc.warnings...)
	var fileAliases map[string]string
	if opts.Configs != nil {
		if fileAliases, err = opts.Configs.TeamAliases(p); err != nil {
			return nil, err
		}
	}
	opts.TeamAliases = slugAliases(fileAliases, opts.TeamAliases)
	pm, err = build(doc, p, opts)
	if err != nil {
		return nil, err
	}
	pm.Version = version
	pm.Source = model.Source{Path: p, Format: format, SHA256: version, Bytes: int64(len(data))}
	return pm, nil
}

// slugAliases merges alias maps into one keyed and valued by slugs
// (TeamSlug); later maps win.
func slugAliases(maps ...map[string]string) map[string]string {
	var out map[string]string
	for _, m := range maps {
		for alias, team := range m {
			a, t := TeamSlug(alias), TeamSlug(team)
			if a == "" || t == "" {
				continue
			}
			if out == nil {
				out = map[string]string{}
			}
			out[a] = t
		}
	}
	return out
}

// FirstInvalidUTF8 returns the byte offset of the first invalid UTF-8
// sequence in b, or -1 when b is valid UTF-8.
func FirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// sniff picks the format from the extension, else from the content. erb
// reports a Markdown file with ERB tags (".html.md.erb").
func sniff(p, text string) (format string, erb bool) {
	lp := strings.ToLower(p)
	ext := path.Ext(strings.ReplaceAll(lp, "\\", "/"))
	if ext == ".erb" {
		inner := path.Ext(strings.TrimSuffix(lp, ext))
		switch inner {
		case ".html", ".htm":
			return model.FormatHTML, false
		}
		return model.FormatMarkdown, true
	}
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd", ".mdx":
		return model.FormatMarkdown, false
	case ".html", ".htm", ".xhtml":
		return model.FormatHTML, false
	case ".txt", ".text", ".org", ".eml":
		return model.FormatText, false
	case ".json":
		return model.FormatJSON, false
	case ".yaml", ".yml":
		return model.FormatYAML, false
	}
	return sniffContent(text), strings.Contains(text, "<%")
}

// sniffContent guesses the format of a file without a known extension.
func sniffContent(text string) string {
	t := strings.TrimSpace(text)
	if t == "" {
		return model.FormatText
	}
	switch t[0] {
	case '{', '[':
		if looksJSON(t) {
			return model.FormatJSON
		}
	case '<':
		low := strings.ToLower(t[:min(len(t), 512)])
		if strings.HasPrefix(low, "<!doctype html") || strings.HasPrefix(low, "<html") ||
			strings.Contains(low, "<body") || strings.Contains(low, "<h1") || strings.Contains(low, "<p>") ||
			strings.Contains(low, "<div") || strings.Contains(low, "<table") {
			return model.FormatHTML
		}
	}
	if strings.HasPrefix(t, "---\n") || strings.HasPrefix(t, "+++\n") {
		// Front matter then Markdown, or a YAML document?
		if strings.HasPrefix(t, "---\n") && looksYAMLExport(t) {
			return model.FormatYAML
		}
		return model.FormatMarkdown
	}
	if looksEmail(t) {
		return model.FormatText // a raw e-mail, its headers are no YAML
	}
	if looksMarkdown(t) {
		return model.FormatMarkdown
	}
	if looksYAMLExport(t) {
		return model.FormatYAML
	}
	return model.FormatText
}

func looksJSON(t string) bool {
	last := t[len(t)-1]
	return (t[0] == '{' && last == '}') || (t[0] == '[' && last == ']')
}

// looksMarkdown: ATX headings, fenced code, tables or links in the first
// lines.
func looksMarkdown(t string) bool {
	head := t[:min(len(t), 4096)]
	for _, line := range strings.Split(head, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "# ") || strings.HasPrefix(l, "## ") || strings.HasPrefix(l, "### ") ||
			strings.HasPrefix(l, "```") || (strings.HasPrefix(l, "|") && strings.HasSuffix(l, "|")) ||
			strings.HasPrefix(l, "- [ ]") || strings.HasPrefix(l, "**") {
			return true
		}
	}
	return strings.Contains(head, "](http")
}

// looksYAMLExport: a YAML mapping whose top-level keys include known
// export fields and whose body is not prose.
func looksYAMLExport(t string) bool {
	body := strings.TrimPrefix(t, "---\n")
	if strings.Contains(body, "\n---\n") {
		// front matter closed, then more: Markdown with front matter
		rest := body[strings.Index(body, "\n---\n")+5:]
		if strings.TrimSpace(rest) != "" {
			return false
		}
	}
	keys, lines := 0, 0
	for _, line := range strings.Split(body[:min(len(body), 4096)], "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		lines++
		if line[0] == ' ' || line[0] == '-' {
			continue
		}
		if k, _, ok := strings.Cut(line, ":"); ok && !strings.Contains(k, " ") {
			if metaKey(k) != "" || exportSectionKind(k) != "" || isExportListKey(k) {
				keys++
			}
		}
	}
	return keys >= 2 && lines > 0
}

// cleanPath is the stable form of a source path for IDs: slash separated,
// cleaned, without a leading "./".
func cleanPath(p string) string {
	s := filepath.ToSlash(filepath.Clean(p))
	return strings.TrimPrefix(s, "./")
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func appendUnique(xs []string, vals ...string) []string {
	for _, v := range vals {
		if v == "" {
			continue
		}
		dup := false
		for _, x := range xs {
			if strings.EqualFold(x, v) {
				dup = true
				break
			}
		}
		if !dup {
			xs = append(xs, v)
		}
	}
	return xs
}

// cleanAuthor drops e-mail addresses (when a name is given too),
// brackets and a leading "@".
func cleanAuthor(s string) string {
	if i := strings.IndexByte(s, '<'); i > 0 {
		s = s[:i]
	}
	var words []string
	for _, w := range strings.Fields(s) {
		if strings.Contains(w, "@") && len(strings.Fields(s)) > 1 {
			continue
		}
		words = append(words, w)
	}
	s = strings.Join(words, " ")
	s = strings.Trim(s, " []()<>\"'")
	return strings.TrimSpace(strings.TrimPrefix(s, "@"))
}

func atoiSafe(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// splitRange splits "Oct 16 at 21:26 to Oct 16 at 21:51" into its ends.
func splitRange(r string) (string, string) {
	for _, sep := range []string{" to ", " until ", " -> ", " → ", " – ", " — ", " - "} {
		if a, b, ok := strings.Cut(r, sep); ok {
			return a, b
		}
	}
	return r, ""
}

// parseDateValueWithContext parses the end of a range; "to 21:51" takes
// its date from the start.
func parseDateValueWithContext(s, start string, refYear int, loc *time.Location) (time.Time, bool) {
	if t, ok := parseDateValue(s, refYear, loc); ok {
		return t, true
	}
	c, _, ok := parseClock(strings.TrimSpace(s))
	if !ok {
		return time.Time{}, false
	}
	st, ok := parseDateValue(start, refYear, loc)
	if !ok {
		return time.Time{}, false
	}
	t := time.Date(st.Year(), st.Month(), st.Day(), c.hour, c.minute, c.sec, 0, st.Location())
	if t.Before(st) {
		t = t.AddDate(0, 0, 1)
	}
	return t, true
}

// firstStampedDate returns the first date written in a timeline's entries.
func firstStampedDate(blocks []block) (dateMatch, bool) {
	for i := range blocks {
		b := &blocks[i]
		var s string
		switch b.kind {
		case bHeading, bPara, bItem:
			s = b.text
		case bRow:
			if b.header {
				continue
			}
			s = strings.Join(b.cells, " ")
		default:
			continue
		}
		if m, _, ok := leadingStamp(s); ok && m.hasDate && m.year != 0 {
			return m, true
		}
		if b.kind == bItem && len(s) < 200 {
			if m, ok := findDate(s); ok && m.hasDate && m.year != 0 && m.hasTime {
				return m, true
			}
		}
	}
	return dateMatch{}, false
}

// voteDate picks the incident date from the title, the file name and the
// first timeline entry: the date most of them state, ties going to the
// title, then the file name.
func voteDate(refYear int, title, fileName string, first *dateMatch) *time.Time {
	var cands []time.Time
	if m, ok := findDate(title); ok {
		if t, ok := m.toTime(refYear, time.UTC); ok {
			cands = append(cands, t)
		}
	}
	if m, ok := findDate(fileName); ok && m.year != 0 {
		if t, ok := m.toTime(0, time.UTC); ok {
			cands = append(cands, t)
		}
	}
	if first != nil {
		if t, ok := first.toTime(refYear, time.UTC); ok {
			cands = append(cands, t)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	best, bestVotes := cands[0], 0
	for _, c := range cands {
		votes := 0
		for _, d := range cands {
			if sameDay(c, d) {
				votes++
			}
		}
		if votes > bestVotes {
			best, bestVotes = c, votes
		}
	}
	return civilDate(best)
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}

// zoneHint finds the zone times are written in: the format's hint, then
// "All times in X" in a timeline section or anywhere in the text.
func zoneHint(doc *rawDoc, secs []*section) (*time.Location, bool) {
	if doc.tz != "" {
		if loc := zoneFor(doc.tz); loc != nil {
			return loc, true
		}
		if loc, ok := findZoneHint("times in " + doc.tz); ok {
			return loc, true
		}
	}
	for _, s := range secs {
		if s.kind != model.SectionTimeline {
			continue
		}
		if loc, ok := findZoneHint(s.heading); ok && strings.Contains(strings.ToLower(s.heading), "time") {
			return loc, true
		}
		for i, b := range s.blocks {
			if i > 3 {
				break
			}
			if b.kind == bPara || b.kind == bHeading {
				if loc, ok := zoneSentence(b.text); ok {
					return loc, true
				}
			}
		}
	}
	for _, s := range secs {
		for _, b := range s.blocks {
			if b.kind == bPara {
				if loc, ok := zoneSentence(b.text); ok {
					return loc, true
				}
			}
		}
	}
	return time.UTC, false
}

// zoneSentence recognises "All times in CET", "All times are UTC",
// "(times in BST)", "Unless otherwise noted ... all times are in UTC",
// "all hours in this document are CET".
func zoneSentence(s string) (*time.Location, bool) {
	for _, kw := range []string{"times", "hours"} {
		var i int
		if head := s[:min(len(s), 205)]; isASCII(head) {
			// Where the head is ASCII, lower-casing keeps offsets: search
			// it in place.
			i = indexFold(head, kw)
		} else {
			i = strings.Index(strings.ToLower(s), kw)
		}
		if i < 0 || i > 200 {
			continue
		}
		if loc, ok := findZoneHint(s[i:min(len(s), i+120)]); ok {
			return loc, true
		}
	}
	return nil, false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Package model holds the data types that flow through debrief:
// ingest builds a Postmortem, analysis adds Findings, Themes and a Quality
// score to it, store persists it, dashboard and report read it back.
//
// The package has no logic beyond small helpers and depends on nothing of
// debrief but the leaf package taxonomy (the tag vocabulary), so every
// layer can import it without creating cycles.
package model

import (
	"time"

	"github.com/debrief-dev/debrief/quarter"
	"github.com/debrief-dev/debrief/taxonomy"
)

// Section kinds. These are canonical names for the many heading spellings
// real postmortems use ("What happened", "Root Cause Analysis", ...).
const (
	SectionSummary     = "summary"
	SectionImpact      = "impact"
	SectionTimeline    = "timeline"
	SectionRootCause   = "root-cause" // root cause / contributing factors
	SectionTrigger     = "trigger"
	SectionDetection   = "detection"
	SectionResolution  = "resolution"
	SectionActionItems = "action-items"
	SectionLessons     = "lessons"
	SectionWentWell    = "went-well"
	SectionWentWrong   = "went-wrong"
	SectionGotLucky    = "got-lucky"
	SectionOther       = "other"
)

// SectionKinds lists every canonical section kind, in document order.
var SectionKinds = []string{
	SectionSummary, SectionImpact, SectionTimeline, SectionRootCause,
	SectionTrigger, SectionDetection, SectionResolution, SectionActionItems,
	SectionLessons, SectionWentWell, SectionWentWrong, SectionGotLucky,
	SectionOther,
}

// Source formats recognised by ingest.
const (
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatText     = "text"
	FormatJSON     = "json"
	FormatYAML     = "yaml"
)

// Postmortem is one incident writeup, parsed and (optionally) analysed.
//
// ID is stable across re-ingests of the same document (front-matter id, else
// derived from the source path); Version changes whenever the content does.
// A store keeps exactly one version per ID: the one written last.
type Postmortem struct {
	ID      string `json:"id"`
	Version string `json:"version"`

	Title      string     `json:"title"`
	Team       string     `json:"team,omitempty"`
	Services   []string   `json:"services,omitempty"`
	Severity   string     `json:"severity,omitempty"`
	Date       *time.Time `json:"date,omitempty"`
	StartedAt  *time.Time `json:"started_at,omitempty"`
	DetectedAt *time.Time `json:"detected_at,omitempty"`
	ResolvedAt *time.Time `json:"resolved_at,omitempty"`
	// DurationMinutes is the incident duration (resolved - started, or as
	// stated in the text); 0 when unknown.
	DurationMinutes float64  `json:"duration_minutes,omitempty"`
	Authors         []string `json:"authors,omitempty"`

	// DurationSource says where DurationMinutes came from: "stated" (a
	// duration field), "fields" (start and resolve fields), "impact"
	// (impact started/ended lines), "timeline" (the first impact entry to
	// the resolution entry) or "prose" ("lasted 45 minutes"); "" when
	// unknown. Ingest sets it; stores do not keep it.
	DurationSource string `json:"duration_source,omitempty"`

	Source      Source          `json:"source"`
	Sections    []Section       `json:"sections"`
	Timeline    []TimelineEvent `json:"timeline"`
	ActionItems []ActionItem    `json:"action_items"`
	Sentences   []Sentence      `json:"sentences"`
	// Warnings are non-fatal problems found while parsing (unparseable date,
	// missing title, ...). They never stop ingestion.
	Warnings []string `json:"warnings"`

	// Analysis results; empty until analysis.Analyzer has run.
	Findings []Finding `json:"findings,omitempty"`
	Themes   []Theme   `json:"themes,omitempty"`
	Quality  *Quality  `json:"quality,omitempty"`
}

// Source describes where a postmortem came from.
type Source struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Section is one canonicalised section of a postmortem. Text is the section's
// plain text (markup removed, code blocks kept verbatim); sentence spans
// point into it.
type Section struct {
	Kind    string `json:"kind"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// TimelineEvent is one entry of the incident timeline. At is nil when the
// entry had no parseable time; AtText keeps the time as written.
type TimelineEvent struct {
	At     *time.Time `json:"at,omitempty"`
	AtText string     `json:"at_text,omitempty"`
	Text   string     `json:"text"`
}

// ActionItem is one follow-up from the postmortem.
type ActionItem struct {
	Text   string `json:"text"`
	Owner  string `json:"owner,omitempty"`
	Status string `json:"status,omitempty"` // open | done | in-progress | "" (unknown)
	Due    string `json:"due,omitempty"`
	Ticket string `json:"ticket,omitempty"`
}

// Sentence is a prose sentence inside a section. Start and End are UTF-8
// byte offsets into Sections[Section].Text, so that
// Sections[s.Section].Text[s.Start:s.End] == s.Text.
type Sentence struct {
	Section int    `json:"section"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
}

// Finding kinds (see TAXONOMY.md; the names are a public contract). The
// vocabulary itself (labels, display names, colours) is package taxonomy.
const (
	KindBlame      = taxonomy.Blame
	KindAssumption = taxonomy.Assumption
	KindTheme      = taxonomy.Theme
)

// Finding severities, lowest first.
const (
	SeverityInfo       = "info"
	SeveritySuggestion = "suggestion"
	SeverityWarning    = "warning"
	SeverityError      = "error"
)

// SeverityRank orders severities; unknown severities rank lowest (-1).
func SeverityRank(s string) int {
	switch s {
	case SeverityInfo:
		return 0
	case SeveritySuggestion:
		return 1
	case SeverityWarning:
		return 2
	case SeverityError:
		return 3
	}
	return -1
}

// Finding is one tag on one sentence: which rule fired, on which words.
// Start and End are UTF-8 byte offsets into the sentence's text
// (Postmortem.Sentences[Sentence].Text).
type Finding struct {
	Sentence   int    `json:"sentence"`
	Kind       string `json:"kind"`
	Label      string `json:"label"`
	Rule       string `json:"rule"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Match      string `json:"match"`
	Message    string `json:"message,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
	Severity   string `json:"severity"`
}

// Theme is a document-level theme with its weight in [0,1]: the share of the
// document's sentence text that carries the theme. Member is true for the
// document's 1-4 dominant themes (analysis decides, see
// analysis.DocThemeParams); counts such as "postmortems with theme X" use
// members only, while Weight stays available for weighted views.
type Theme struct {
	Label  string  `json:"label"`
	Weight float64 `json:"weight"`
	Member bool    `json:"member"`
}

// Quality is the writeup quality score (0-100) with the reasons behind it.
type Quality struct {
	Score   int             `json:"score"`
	Reasons []QualityReason `json:"reasons"`
	// Missing lists canonical section kinds a good writeup has but this one lacks.
	Missing []string `json:"missing,omitempty"`
}

// QualityReason is one contribution to the score. Points is what the
// criterion earned, Max what it could have earned.
type QualityReason struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Points  float64 `json:"points"`
	Max     float64 `json:"max"`
}

// Quarter returns the calendar quarter of t (in UTC) as "2025-Q3", as
// quarter.Of(t).String() does; package quarter is the one home of quarter
// parsing, formatting and arithmetic, and new code should use it.
func Quarter(t time.Time) string { return quarter.Of(t).String() }

// NoTeam is how dashboards and reports name the postmortems that have no
// team (Postmortem.Team == ""), in charts, tables, filters and prose.
const NoTeam = "(no team)"

// TeamName is team as shown to readers: NoTeam for "".
func TeamName(team string) string {
	if team == "" {
		return NoTeam
	}
	return team
}

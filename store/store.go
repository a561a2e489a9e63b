// Package store defines how debrief persists postmortems and reads them back
// for the dashboard, reports and pattern mining.
//
// Backends (store/duckdb, store/clickhouse) implement Store; every backend
// runs the conformance suite in store/storetest. The contract below is what
// that suite checks.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// ErrNotFound is returned by Get when no postmortem has the given ID.
var ErrNotFound = errors.New("store: postmortem not found")

// ErrUnsupported is returned for a query a backend (or the combination of
// measure and dimensions) cannot answer.
var ErrUnsupported = errors.New("store: unsupported query")

// Store is a postmortem database.
//
// Contract:
//   - Put is an upsert keyed by Postmortem.ID: after Put, the stored version
//     of each document is the one passed in, with its sentences, findings,
//     themes, timeline and action items; earlier versions of the same ID are
//     no longer visible to any read method (no double counting). Putting the
//     same ID and Version again changes nothing that reads can observe.
//   - Put is atomic per document: a failure leaves each document either
//     fully at its old version or fully at its new one, never mixed, and
//     never deletes documents not named in the call.
//   - Reads see every Put that returned nil before the read started.
//   - Methods are safe for concurrent use.
//   - Times are stored in UTC at one-second precision; Get returns them in
//     UTC. Empty and nil slices are not told apart. Services are stored
//     without duplicates (first occurrences, in order).
//   - Every value in a query is passed as a parameter, never spliced into
//     SQL text.
type Store interface {
	// Migrate applies pending schema migrations. Open applies them too;
	// calling Migrate again is a no-op.
	Migrate(ctx context.Context) error
	// Put inserts or replaces postmortems (see the contract above).
	Put(ctx context.Context, docs []*model.Postmortem) error
	// Get returns one postmortem with everything Put stored for it
	// (sections, sentences, findings, themes with weight and membership,
	// quality, timeline, actions).
	Get(ctx context.Context, id string) (*model.Postmortem, error)
	// List returns postmortem summaries matching q, and the total number of
	// matches ignoring Limit/Offset.
	List(ctx context.Context, q ListQuery) ([]Summary, int, error)
	// Aggregate computes one measure grouped by zero or more dimensions.
	Aggregate(ctx context.Context, q AggregateQuery) ([]AggRow, error)
	// SearchSentences finds sentences by text and/or findings.
	SearchSentences(ctx context.Context, q SentenceQuery) ([]SentenceHit, int, error)
	// ActionItems lists action items of the postmortems matching f.
	ActionItems(ctx context.Context, f Filter) ([]ActionItemRow, error)
	// Stats counts what is stored (current versions only).
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store's resources.
	Close() error
}

// Stats is what `debrief stats` prints.
type Stats struct {
	Postmortems    int64 `json:"postmortems"`
	Teams          int64 `json:"teams"`
	Sentences      int64 `json:"sentences"`
	Findings       int64 `json:"findings"`
	ActionItems    int64 `json:"action_items"`
	TimelineEvents int64 `json:"timeline_events"`
}

// Filter selects postmortems. The zero Filter selects all. Within one field
// values are OR-ed; fields are AND-ed.
type Filter struct {
	Teams      []string
	Severities []string
	Services   []string
	// Themes keeps postmortems whose member themes (model.Theme.Member:
	// the document's dominant themes) include any of these; a theme a
	// document merely touches does not select it.
	Themes []string
	// From (inclusive) and To (exclusive) bound Postmortem.Date; zero means
	// unbounded. Postmortems without a date are excluded when either is set.
	From, To time.Time
	// IDs restricts to these postmortem IDs.
	IDs []string
}

// ListQuery pages through postmortem summaries.
type ListQuery struct {
	Filter Filter
	// Sort is one of "date" (default, newest first, undated last), "score"
	// (lowest first), "-score" (highest first), "title", "team" (A-Z, then
	// newest first), "blame" (most blame findings first). Postmortems
	// without a Quality sort after scored ones for "score" and "-score".
	// Ties break by ID. An unknown Sort returns an error wrapping
	// ErrUnsupported.
	Sort   string
	Limit  int // 0 means 50
	Offset int
}

// Summary is one postmortem in a list.
type Summary struct {
	ID              string     `json:"id"`
	Title           string     `json:"title"`
	Team            string     `json:"team"`
	Severity        string     `json:"severity"`
	Services        []string   `json:"services"`
	Date            *time.Time `json:"date,omitempty"`
	DurationMinutes float64    `json:"duration_minutes"`
	Score           int        `json:"score"`
	Sentences       int        `json:"sentences"`
	Blame           int        `json:"blame"`
	Assumptions     int        `json:"assumptions"`
	Themes          []string   `json:"themes"` // member themes (model.Theme.Member)
	Path            string     `json:"path"`
}

// Dimension is a grouping key for Aggregate.
type Dimension string

// Dimensions. Quarter is "2025-Q3", Month "2025-07", Week the ISO week's
// Monday "2025-07-14". Theme is a document's member theme
// (model.Theme.Member), or any of its themes with MeasureThemeWeight;
// Kind/Label/Rule are finding fields (valid with MeasureFindings only);
// Service unnests Postmortem.Services.
const (
	DimTeam     Dimension = "team"
	DimQuarter  Dimension = "quarter"
	DimMonth    Dimension = "month"
	DimWeek     Dimension = "week"
	DimSeverity Dimension = "severity"
	DimService  Dimension = "service"
	DimTheme    Dimension = "theme"
	DimKind     Dimension = "kind"
	DimLabel    Dimension = "label"
	DimRule     Dimension = "rule"
)

// Measure is what Aggregate computes per group.
type Measure string

// Measures.
const (
	// MeasurePostmortems counts postmortems.
	MeasurePostmortems Measure = "postmortems"
	// MeasureSentences sums prose sentences.
	MeasureSentences Measure = "sentences"
	// MeasureFindings counts findings (restricted by FindingKinds/Labels).
	MeasureFindings Measure = "findings"
	// MeasureScore averages the quality score.
	MeasureScore Measure = "score"
	// MeasureScoreQuantile is the Quantile of the quality score.
	MeasureScoreQuantile Measure = "score_quantile"
	// MeasureDurationQuantile is the Quantile of DurationMinutes over
	// postmortems with a known duration (> 0).
	MeasureDurationQuantile Measure = "duration_quantile"
	// MeasureThemeWeight sums document theme weights (use with DimTheme),
	// over every theme of a document, member or not.
	MeasureThemeWeight Measure = "theme_weight"
)

// AggregateQuery is one grouped measure.
//
// Rules every backend follows (store/storetest checks them):
//   - Time dimensions (quarter, month, week) skip postmortems without a Date.
//   - Service and Theme unnest: a postmortem with two services counts once in
//     each service's group; postmortems without services (themes) are
//     skipped when grouping by service (theme).
//   - Grouping by theme counts member themes only (model.Theme.Member), so
//     "postmortems with theme X" counts the documents where X is dominant;
//     MeasureThemeWeight alone unnests every theme with its weight.
//   - Kind, Label and Rule are valid with MeasureFindings only;
//     MeasureThemeWeight needs DimTheme in GroupBy; a dimension may appear
//     once; Quantile must be in [0,1]. Anything else returns an error
//     wrapping ErrUnsupported.
//   - Quantiles interpolate linearly between the two nearest values
//     (numpy's default, DuckDB's quantile_cont).
//   - MeasureScore and MeasureScoreQuantile use only postmortems that have a
//     Quality; groups with nothing to measure are omitted.
//   - Rows are sorted by Keys ascending. With Limit > 0 only the Limit rows
//     with the highest Value are kept, sorted by Value descending, then Keys.
type AggregateQuery struct {
	Filter  Filter
	Measure Measure
	GroupBy []Dimension
	// FindingKinds / FindingLabels restrict which findings count for
	// MeasureFindings and the Kind/Label/Rule dimensions.
	FindingKinds  []string
	FindingLabels []string
	// Quantile in [0,1] for the *_quantile measures.
	Quantile float64
	// Limit keeps the top rows by Value (0: all).
	Limit int
}

// AggRow is one group: Keys follow AggregateQuery.GroupBy order.
type AggRow struct {
	Keys  []string `json:"keys"`
	Value float64  `json:"value"`
}

// SentenceQuery searches sentences.
type SentenceQuery struct {
	Filter Filter
	// Text is matched case-insensitively as a substring; "" matches all.
	Text string
	// Kinds / Labels keep sentences with at least one finding of these.
	Kinds  []string
	Labels []string
	Limit  int // 0 means 50
	Offset int
	// MaxTotal, when > 0, lets the backend stop counting matches at
	// MaxTotal: the total returned is then min(matches, MaxTotal), so a
	// caller that gets total == MaxTotal should show "MaxTotal or more".
	// Hits do not change (pages past MaxTotal still return their hits).
	// 0 counts every match. Counting exactly reads every candidate
	// sentence, so broad text searches are several times faster capped.
	MaxTotal int
}

// SentenceHit is one matching sentence with its findings.
type SentenceHit struct {
	PostmortemID string          `json:"postmortem_id"`
	Title        string          `json:"title"`
	Team         string          `json:"team"`
	Date         *time.Time      `json:"date,omitempty"`
	Index        int             `json:"index"`
	Section      string          `json:"section"`
	Text         string          `json:"text"`
	Findings     []model.Finding `json:"findings"`
}

// ActionItemRow is an action item with its postmortem's context.
type ActionItemRow struct {
	PostmortemID string     `json:"postmortem_id"`
	Title        string     `json:"title"`
	Team         string     `json:"team"`
	Date         *time.Time `json:"date,omitempty"`
	model.ActionItem
}

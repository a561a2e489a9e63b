// Package sqlutil holds what the SQL backends (store/duckdb,
// store/clickhouse) share: turning a Postmortem into table rows and back,
// validating queries, building WHERE clauses from a store.Filter with bound
// parameters, and finishing aggregate results. It has no SQL driver
// dependency; each backend supplies its dialect.
package sqlutil

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Doc is a postmortem flattened into the columns of the postmortems table,
// plus its child rows. Times are UTC, truncated to seconds.
type Doc struct {
	P *model.Postmortem

	Date, StartedAt, DetectedAt, ResolvedAt *time.Time

	SectionsJSON string
	QualityJSON  string // "" when P.Quality is nil
	Scored       bool
	Score        int
	Themes       []string // theme labels, in P.Themes order
	MemberThemes []string // labels of the member themes, in P.Themes order

	Sentences     int
	FindingCount  int
	Blame         int
	Assumptions   int
	ActionCount   int
	TimelineCount int
	SentenceKinds []string // section kind per sentence ("" if the index is out of range)
	SentenceTerms []uint64 // TermMask of each sentence's text
	TimelineAtUTC []*time.Time
	IngestedAtUTC time.Time
	ServicesOrNil []string
	AuthorsOrNil  []string
	WarningsOrNil []string
	ThemeWeights  []float64
}

// NormTime returns t in UTC truncated to whole seconds (nil stays nil).
func NormTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}

// Validate checks what every backend needs from a postmortem before it is
// written: a non-empty ID and Version, and child rows that point at
// existing sentences and sections.
func Validate(p *model.Postmortem) error {
	if p == nil {
		return errors.New("store: nil postmortem")
	}
	if strings.TrimSpace(p.ID) == "" {
		return fmt.Errorf("store: postmortem %q (%s) has an empty ID", p.Title, p.Source.Path)
	}
	if p.Version == "" {
		return fmt.Errorf("store: postmortem %s has an empty Version", p.ID)
	}
	for i, f := range p.Findings {
		if f.Sentence < 0 || f.Sentence >= len(p.Sentences) {
			return fmt.Errorf("store: postmortem %s: finding %d points at sentence %d of %d", p.ID, i, f.Sentence, len(p.Sentences))
		}
	}
	return nil
}

// Dedupe validates docs and keeps only the last occurrence of each ID, in
// the order of those last occurrences.
func Dedupe(docs []*model.Postmortem) ([]*model.Postmortem, error) {
	last := make(map[string]int, len(docs))
	for i, d := range docs {
		if err := Validate(d); err != nil {
			return nil, err
		}
		last[d.ID] = i
	}
	out := make([]*model.Postmortem, 0, len(last))
	for i, d := range docs {
		if last[d.ID] == i {
			out = append(out, d)
		}
	}
	return out, nil
}

// Prepare is what every backend's Put does first: Dedupe docs (validating
// them) and Flatten each with ingest time now.
func Prepare(docs []*model.Postmortem, now time.Time) ([]*Doc, error) {
	docs, err := Dedupe(docs)
	if err != nil {
		return nil, err
	}
	flat := make([]*Doc, len(docs))
	for i, p := range docs {
		if flat[i], err = Flatten(p, now); err != nil {
			return nil, err
		}
	}
	return flat, nil
}

// ScanBatches is the loop of every backend's store.Scanner: it loads ids
// batch documents at a time and calls fn with each loaded document in ids
// order, skipping IDs load did not return (deleted meanwhile). It stops at
// the first error of load or fn and returns it unchanged.
func ScanBatches(ids []string, batch int, load func(ids []string) (map[string]*model.Postmortem, error), fn func(*model.Postmortem) error) error {
	for len(ids) > 0 {
		part := ids[:min(batch, len(ids))]
		ids = ids[len(part):]
		docs, err := load(part)
		if err != nil {
			return err
		}
		for _, id := range part {
			if p := docs[id]; p != nil {
				if err := fn(p); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Flatten computes the column values of p. now is the ingest time.
func Flatten(p *model.Postmortem, now time.Time) (*Doc, error) {
	d := &Doc{
		P:             p,
		Date:          NormTime(p.Date),
		StartedAt:     NormTime(p.StartedAt),
		DetectedAt:    NormTime(p.DetectedAt),
		ResolvedAt:    NormTime(p.ResolvedAt),
		Sentences:     len(p.Sentences),
		FindingCount:  len(p.Findings),
		ActionCount:   len(p.ActionItems),
		TimelineCount: len(p.Timeline),
		IngestedAtUTC: now.UTC().Truncate(time.Second),
		ServicesOrNil: distinct(p.Services),
		AuthorsOrNil:  nonNil(p.Authors),
		WarningsOrNil: nonNil(p.Warnings),
	}
	sections := p.Sections
	if sections == nil {
		sections = []model.Section{}
	}
	b, err := json.Marshal(sections)
	if err != nil {
		return nil, fmt.Errorf("store: postmortem %s: encode sections: %w", p.ID, err)
	}
	d.SectionsJSON = string(b)
	if p.Quality != nil {
		b, err := json.Marshal(p.Quality)
		if err != nil {
			return nil, fmt.Errorf("store: postmortem %s: encode quality: %w", p.ID, err)
		}
		d.QualityJSON = string(b)
		d.Scored = true
		d.Score = p.Quality.Score
	}
	d.Themes = make([]string, len(p.Themes))
	d.ThemeWeights = make([]float64, len(p.Themes))
	for i, t := range p.Themes {
		d.Themes[i] = t.Label
		d.ThemeWeights[i] = t.Weight
		if t.Member {
			d.MemberThemes = append(d.MemberThemes, t.Label)
		}
	}
	if d.MemberThemes == nil {
		d.MemberThemes = []string{}
	}
	for _, f := range p.Findings {
		switch f.Kind {
		case model.KindBlame:
			d.Blame++
		case model.KindAssumption:
			d.Assumptions++
		}
	}
	d.SentenceKinds = make([]string, len(p.Sentences))
	d.SentenceTerms = make([]uint64, len(p.Sentences))
	words := map[string]uint64{}
	for i, s := range p.Sentences {
		if s.Section >= 0 && s.Section < len(p.Sections) {
			d.SentenceKinds[i] = p.Sections[s.Section].Kind
		}
		d.SentenceTerms[i] = TermMask(s.Text, words)
	}
	d.TimelineAtUTC = make([]*time.Time, len(p.Timeline))
	for i, e := range p.Timeline {
		d.TimelineAtUTC[i] = NormTime(e.At)
	}
	return d, nil
}

// distinct returns s without repeated values, first occurrences kept in
// order, never nil.
func distinct(s []string) []string {
	out := make([]string, 0, len(s))
	seen := make(map[string]bool, len(s))
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// DecodeSections parses the sections JSON column.
func DecodeSections(id, s string) ([]model.Section, error) {
	var out []model.Section
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("store: postmortem %s: decode sections: %w", id, err)
	}
	if out == nil {
		out = []model.Section{}
	}
	return out, nil
}

// DecodeQuality parses the quality JSON column ("" is nil).
func DecodeQuality(id, s string) (*model.Quality, error) {
	if s == "" {
		return nil, nil
	}
	var q model.Quality
	if err := json.Unmarshal([]byte(s), &q); err != nil {
		return nil, fmt.Errorf("store: postmortem %s: decode quality: %w", id, err)
	}
	return &q, nil
}

// EmptyToNil returns nil for an empty slice, so that Get returns the same
// shape whether the caller stored nil or an empty slice in omitempty fields.
func EmptyToNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// NilToEmpty returns an empty slice for nil (fields without omitempty).
func NilToEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// UTCPtr returns a pointer to t in UTC, or nil when valid is false.
func UTCPtr(t time.Time, valid bool) *time.Time {
	if !valid {
		return nil
	}
	u := t.UTC()
	return &u
}

// HitIndex attaches findings to search hits by (postmortem, sentence).
type HitIndex struct {
	pos map[hitKey]int
	// IDs are the distinct postmortem IDs of the hits, in hit order.
	IDs []string
}

type hitKey struct {
	doc string
	idx int
}

// NewHitIndex indexes hits and gives each an empty Findings slice.
func NewHitIndex(hits []store.SentenceHit) *HitIndex {
	h := &HitIndex{pos: make(map[hitKey]int, len(hits))}
	seen := map[string]bool{}
	for i := range hits {
		hits[i].Findings = []model.Finding{}
		h.pos[hitKey{hits[i].PostmortemID, hits[i].Index}] = i
		if !seen[hits[i].PostmortemID] {
			seen[hits[i].PostmortemID] = true
			h.IDs = append(h.IDs, hits[i].PostmortemID)
		}
	}
	return h
}

// Add appends f to the hit of (doc, f.Sentence), if there is one.
func (h *HitIndex) Add(hits []store.SentenceHit, doc string, f model.Finding) {
	if i, ok := h.pos[hitKey{doc, f.Sentence}]; ok {
		hits[i].Findings = append(hits[i].Findings, f)
	}
}

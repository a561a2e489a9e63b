package remote

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// Store is a store.Store that reads and writes through a debrief server's
// API, for commands that need a store while `debrief serve` holds the
// DuckDB file (report, patterns). Reads follow the API's limits (at most
// 1000 rows a page, 50 values a filter parameter, dates for From/To);
// what the API cannot express returns an error wrapping
// store.ErrUnsupported, and an unknown id store.ErrNotFound. Migrate and
// Close do nothing: the server owns the store.
type Store struct{ *Client }

var _ store.Store = Store{}

// Migrate is a no-op: the server migrated its store when it opened it.
func (Store) Migrate(context.Context) error { return nil }

// Close is a no-op.
func (Store) Close() error { return nil }

// apiErr maps an API error to the store's sentinel errors.
func apiErr(err error) error {
	var e *Error
	if errors.As(err, &e) {
		switch e.Code {
		case http.StatusNotFound:
			return fmt.Errorf("%w: %w", store.ErrNotFound, err)
		case http.StatusBadRequest:
			return fmt.Errorf("%w: %w", store.ErrUnsupported, err)
		}
	}
	return err
}

// Get is GET /api/v1/postmortems/{id}.
func (s Store) Get(ctx context.Context, id string) (*model.Postmortem, error) {
	var p model.Postmortem
	if err := s.do(ctx, http.MethodGet, "/api/v1/postmortems/"+url.PathEscape(id), "", nil, &p); err != nil {
		return nil, apiErr(err)
	}
	return &p, nil
}

// List is Client.List with the store's errors.
func (s Store) List(ctx context.Context, q store.ListQuery) ([]store.Summary, int, error) {
	items, n, err := s.Client.List(ctx, q)
	return items, n, apiErr(err)
}

// Aggregate is GET /api/v1/aggregate.
func (s Store) Aggregate(ctx context.Context, q store.AggregateQuery) ([]store.AggRow, error) {
	v, err := filterValues(q.Filter)
	if err != nil {
		return nil, err
	}
	v.Set("measure", string(q.Measure))
	for _, d := range q.GroupBy {
		v.Add("group_by", string(d))
	}
	for _, k := range q.FindingKinds {
		v.Add("kind", k)
	}
	for _, l := range q.FindingLabels {
		v.Add("label", l)
	}
	v.Set("quantile", strconv.FormatFloat(q.Quantile, 'g', -1, 64))
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	var res struct {
		Rows []store.AggRow `json:"rows"`
	}
	if err := s.do(ctx, http.MethodGet, "/api/v1/aggregate?"+v.Encode(), "", nil, &res); err != nil {
		return nil, apiErr(err)
	}
	return res.Rows, nil
}

// SearchSentences is GET /api/v1/search (with exact_total unless
// MaxTotal is set).
func (s Store) SearchSentences(ctx context.Context, q store.SentenceQuery) ([]store.SentenceHit, int, error) {
	v, err := filterValues(q.Filter)
	if err != nil {
		return nil, 0, err
	}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	for _, k := range q.Kinds {
		v.Add("kind", k)
	}
	for _, l := range q.Labels {
		v.Add("label", l)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	if q.MaxTotal <= 0 {
		v.Set("exact_total", "true")
	}
	var res struct {
		Total int                 `json:"total"`
		Items []store.SentenceHit `json:"items"`
	}
	if err := s.do(ctx, http.MethodGet, "/api/v1/search?"+v.Encode(), "", nil, &res); err != nil {
		return nil, 0, apiErr(err)
	}
	if q.MaxTotal > 0 && res.Total > q.MaxTotal {
		res.Total = q.MaxTotal
	}
	return res.Items, res.Total, nil
}

// ActionItems is GET /api/v1/action-items.
func (s Store) ActionItems(ctx context.Context, f store.Filter) ([]store.ActionItemRow, error) {
	v, err := filterValues(f)
	if err != nil {
		return nil, err
	}
	var rows []store.ActionItemRow
	if err := s.do(ctx, http.MethodGet, "/api/v1/action-items?"+v.Encode(), "", nil, &rows); err != nil {
		return nil, apiErr(err)
	}
	return rows, nil
}

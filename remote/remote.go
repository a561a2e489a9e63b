// Package remote is the client side of a running `debrief serve`: it
// sends parsed documents to POST /api/v1/postmortems (Client.Put; with
// Client.List it is a pipeline.Sink), reads /api/v1/stats, and finds the server that holds a
// local DuckDB file through the discovery file serve writes beside it
// (Discover).
package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/retry"
)

// EnvToken names the variable Client tokens default to in the CLI.
const EnvToken = "DEBRIEF_TOKEN"

// Client talks to one debrief server. The zero value is not usable: set URL.
type Client struct {
	// URL is the server's base URL, e.g. "http://127.0.0.1:8080" or
	// "https://tools.example.com/debrief".
	URL string
	// Token is sent as "Authorization: Bearer <token>" when set.
	Token string
	// HTTP is the client to use; nil means one with a 2 minute timeout.
	HTTP *http.Client
	// Retry governs retries of connection failures and 429/502/503/504
	// answers (the zero Policy retries for 2 minutes with backoff).
	Retry retry.Policy
	// MaxRequestBytes splits a Put into requests of at most this many
	// bytes of JSON (default 8 MiB), below the server's body limit.
	MaxRequestBytes int
}

// Error is a non-2xx answer of the server.
type Error struct {
	Code    int
	Message string
	URL     string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %d %s: %s", e.URL, e.Code, http.StatusText(e.Code), e.Message)
}

// transient reports whether a request error is worth retrying.
func transient(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		switch e.Code {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	return retry.Transient(err)
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 2 * time.Minute}
}

func (c *Client) endpoint(p string) string { return strings.TrimRight(c.URL, "/") + p }

// do sends one request and decodes a 2xx JSON answer into out.
func (c *Client) do(ctx context.Context, method, path, ctype string, body []byte, out any) error {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.endpoint(path), r)
	if err != nil {
		return err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("%s: reading the answer: %w", req.URL, err)
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error string `json:"error"`
		}
		msg := strings.TrimSpace(string(data))
		if json.Unmarshal(data, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		if len(msg) > 2000 {
			msg = msg[:2000] + "..."
		}
		return &Error{Code: resp.StatusCode, Message: msg, URL: method + " " + req.URL.String()}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s: decoding the answer: %w", req.URL, err)
		}
	}
	return nil
}

// PutResult is the server's answer to one batch.
type PutResult struct {
	Stored int `json:"stored"`
}

// Put sends docs (already parsed and analysed) as JSON Lines batches of at
// most MaxRequestBytes, retrying per Retry. A nil error means the server
// stored every document. The server upserts by ID, so Put is safe to
// repeat after any failure.
func (c *Client) Put(ctx context.Context, docs []*model.Postmortem) error {
	limit := c.MaxRequestBytes
	if limit <= 0 {
		limit = 8 << 20
	}
	var buf bytes.Buffer
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		body := bytes.Clone(buf.Bytes())
		want := n
		buf.Reset()
		n = 0
		return retry.Do(ctx, c.Retry, transient, func() error {
			var res PutResult
			if err := c.do(ctx, http.MethodPost, "/api/v1/postmortems", "application/x-ndjson", body, &res); err != nil {
				return err
			}
			if res.Stored != want {
				return fmt.Errorf("%s: server stored %d of %d documents", c.URL, res.Stored, want)
			}
			return nil
		})
	}
	for _, d := range docs {
		line, err := json.Marshal(d)
		if err != nil {
			return fmt.Errorf("encode %s: %w", d.ID, err)
		}
		if n > 0 && buf.Len()+len(line)+1 > limit {
			if err := flush(); err != nil {
				return err
			}
		}
		buf.Write(line)
		buf.WriteByte('\n')
		n++
	}
	return flush()
}

// Stats reads GET /api/v1/stats.
func (c *Client) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	err := c.do(ctx, http.MethodGet, "/api/v1/stats", "", nil, &s)
	return s, err
}

// Healthy reports whether GET /healthz answers 200 within timeout.
func (c *Client) Healthy(ctx context.Context, timeout time.Duration) bool {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return c.do(ctx, http.MethodGet, "/healthz", "", nil, nil) == nil
}

// maxIDsPerRequest is the API's limit on values of one parameter.
const maxIDsPerRequest = 50

// List is store.Store's List through GET /api/v1/postmortems. From and To
// must be whole days (the API takes dates); Limit at most 1000. With more
// than 50 IDs the IDs are looked up 50 per request and the pages
// concatenated (each sorted, the whole not), with Offset 0 and a Limit
// covering them all; that is what looking up a batch needs.
func (c *Client) List(ctx context.Context, q store.ListQuery) ([]store.Summary, int, error) {
	if ids := q.Filter.IDs; len(ids) > maxIDsPerRequest {
		if q.Offset != 0 || (q.Limit > 0 && q.Limit < len(ids)) {
			return nil, 0, fmt.Errorf("%w: remote List of %d IDs needs offset 0 and a limit of at least %d", store.ErrUnsupported, len(ids), len(ids))
		}
		var all []store.Summary
		total := 0
		for i := 0; i < len(ids); i += maxIDsPerRequest {
			sub := q
			sub.Filter.IDs = ids[i:min(i+maxIDsPerRequest, len(ids))]
			sub.Limit = len(sub.Filter.IDs)
			items, n, err := c.List(ctx, sub)
			if err != nil {
				return nil, 0, err
			}
			all, total = append(all, items...), total+n
		}
		return all, total, nil
	}
	v, err := filterValues(q.Filter)
	if err != nil {
		return nil, 0, err
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	var page struct {
		Total int             `json:"total"`
		Items []store.Summary `json:"items"`
	}
	if err := c.do(ctx, http.MethodGet, "/api/v1/postmortems?"+v.Encode(), "", nil, &page); err != nil {
		return nil, 0, err
	}
	return page.Items, page.Total, nil
}

// filterValues encodes f as the API's filter parameters.
func filterValues(f store.Filter) (url.Values, error) {
	v := url.Values{}
	for name, vals := range map[string][]string{"team": f.Teams, "severity": f.Severities, "service": f.Services,
		"theme": f.Themes, "id": f.IDs} {
		for _, x := range vals {
			v.Add(name, x)
		}
	}
	day := func(t time.Time) (string, error) {
		t = t.UTC()
		if t != t.Truncate(24*time.Hour) {
			return "", fmt.Errorf("%w: remote filters take whole days, not %s", store.ErrUnsupported, t.Format(time.RFC3339))
		}
		return t.Format(time.DateOnly), nil
	}
	if !f.From.IsZero() {
		d, err := day(f.From)
		if err != nil {
			return nil, err
		}
		v.Set("from", d)
	}
	if !f.To.IsZero() {
		if _, err := day(f.To); err != nil {
			return nil, err
		}
		v.Set("to", f.To.UTC().AddDate(0, 0, -1).Format(time.DateOnly)) // the API's "to" is inclusive
	}
	return v, nil
}

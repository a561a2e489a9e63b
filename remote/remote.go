// Package remote is the client side of a running `debrief serve`: it
// sends parsed documents to POST /api/v1/postmortems (Client.Put, a
// pipeline.Sink), reads /api/v1/stats, and finds the server that holds a
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

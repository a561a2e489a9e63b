// Package dashboard is debrief's web UI and JSON API: a Gin router with
// server-rendered pages (html/template), go-echarts charts drawn by the
// embedded ECharts build, and /api/v1 endpoints behind every chart and list.
//
// Every page and endpoint takes the same filter parameters (team, severity,
// service, theme, quarter, from, to) in the URL query, so a link reproduces
// the view. See API.md for the endpoints.
//
// Security contract: everything that comes from a postmortem is escaped by
// html/template or encoded as JSON with HTML escaping; no user text is ever
// marked template.HTML. Pages carry a Content-Security-Policy that allows
// only the embedded scripts.
package dashboard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/debrief-dev/debrief/analysis"
	"github.com/debrief-dev/debrief/auth"
	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// RuleInfo describes an analysis rule for the Writeup quality page (the
// lead maps analysis.Default().Rules() into it).
type RuleInfo struct {
	ID         string `json:"id"`
	Kind       string `json:"kind,omitempty"`
	Label      string `json:"label,omitempty"`
	Severity   string `json:"severity,omitempty"`
	Message    string `json:"message,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
}

// RulesFrom indexes analysis rule descriptions (Analyzer.Rules()) by id,
// for Options.Rules.
func RulesFrom(rules []analysis.RuleInfo) map[string]RuleInfo {
	m := make(map[string]RuleInfo, len(rules))
	for _, r := range rules {
		m[r.ID] = RuleInfo{ID: r.ID, Kind: r.Kind, Label: r.Label, Severity: r.Severity,
			Message: r.Message, Suggestion: r.Suggestion}
	}
	return m
}

// SimilarDoc is one postmortem similar to another, with a score in [0,1]
// and why it is similar.
type SimilarDoc struct {
	store.Summary
	Score  float64  `json:"similarity"`
	Shared []string `json:"shared,omitempty"`
}

// SimilarFunc finds up to n postmortems similar to doc (excluding doc).
type SimilarFunc func(ctx context.Context, st store.Store, doc *model.Postmortem, n int) ([]SimilarDoc, error)

// Options configure the dashboard. The zero value works.
type Options struct {
	// Rules maps rule id to its description; used to show messages and
	// suggestions next to the most common findings. Nil means the built-in
	// rules (RulesFrom(analysis.Default().Rules())).
	Rules map[string]RuleInfo
	// BaseURL is where the dashboard is reachable, e.g.
	// "https://tools.example.com/debrief/" or "/debrief"; only its path is
	// used, as the prefix of every route and link. Empty means "/".
	BaseURL string
	// Logger receives one line per request and every server error; nil
	// discards.
	Logger *slog.Logger
	// MaxBodyBytes bounds request bodies (default 1 MiB).
	MaxBodyBytes int64
	// RequestTimeout bounds the store work of one request (default 20s).
	RequestTimeout time.Duration
	// CacheTTL is how long aggregate results are reused for identical
	// queries (default 30s: a dashboard tolerates that much staleness and
	// the charts of a page share many aggregates); negative disables.
	CacheTTL time.Duration
	// Similar finds similar postmortems for the postmortem page; nil uses
	// TextSimilar (analysis/patterns TF-IDF over titles and summaries,
	// refreshed every 10 minutes), which answers with SimilarByOverlap
	// (shared themes, services and team) until its index is built.
	Similar SimilarFunc

	// Keyring holds the bearer tokens (see package auth). POST
	// /api/v1/postmortems needs a token with the write scope; with no
	// write token configured the ingest API answers 401.
	Keyring *auth.Keyring
	// RequireReadToken makes every page, GET /api/v1/... and /metrics need
	// a token with the read scope (Bearer, or HTTP Basic auth with the
	// token as password, which browsers prompt for). /healthz, /readyz and
	// the static assets stay open.
	RequireReadToken bool
	// Analyzer tags documents the ingest API receives as raw files; nil
	// means analysis.Default(). Documents sent already parsed are stored
	// as sent.
	Analyzer *analysis.Analyzer
	// MaxIngestBytes bounds a POST /api/v1/postmortems body (default 64
	// MiB); MaxDocBytes bounds one document in it (default
	// ingest.DefaultMaxBytes, 32 MiB).
	MaxIngestBytes int64
	MaxDocBytes    int64
	// WriteBatchDocs bounds one store write of the ingest API (default
	// 128 documents), so reads interleave with a long ingest.
	WriteBatchDocs int
	// IngestParallel bounds the ingest requests handled at once (default
	// 2; others wait), which bounds the memory ingest uses.
	IngestParallel int
}

// Server holds the dashboard's state. Use New for the router.
type Server struct {
	st      store.Store
	opts    Options
	base    string // path prefix without trailing slash ("" for root)
	log     *slog.Logger
	metrics *metrics
	pages   *pageTemplates
	facets  *facetCache
	missing *rowCache
	aggs    *rowCache // nil when caching is off
	// patterns caches patterns reports by filter (patterns.go).
	patterns patternCache

	ingestSlots chan struct{} // semaphore of IngestParallel
}

// New returns the dashboard router over st.
func New(st store.Store, opts Options) *gin.Engine {
	return NewServer(st, opts).Handler()
}

// NewServer builds the dashboard; Handler returns its router.
func NewServer(st store.Store, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Rules == nil {
		opts.Rules = RulesFrom(analysis.Default().Rules())
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 20 * time.Second
	}
	if opts.CacheTTL == 0 {
		opts.CacheTTL = 30 * time.Second
	}
	if opts.Similar == nil {
		opts.Similar = TextSimilar(10*time.Minute, opts.Logger)
	}
	if opts.Analyzer == nil {
		opts.Analyzer = analysis.Default()
	}
	if opts.MaxIngestBytes <= 0 {
		opts.MaxIngestBytes = defaultMaxIngestBytes
	}
	if opts.MaxDocBytes <= 0 {
		opts.MaxDocBytes = ingest.DefaultMaxBytes
	}
	if opts.WriteBatchDocs <= 0 {
		opts.WriteBatchDocs = defaultWriteBatchDocs
	}
	if opts.IngestParallel <= 0 {
		opts.IngestParallel = defaultIngestParallel
	}
	s := &Server{
		st:      st,
		opts:    opts,
		base:    basePath(opts.BaseURL),
		log:     opts.Logger,
		metrics: newMetrics(),
		pages:   mustParsePages(),
		missing: newRowCache(missingTTL, 256),

		ingestSlots: make(chan struct{}, opts.IngestParallel),
	}
	if opts.CacheTTL > 0 {
		s.aggs = newRowCache(opts.CacheTTL, 4096)
	}
	s.facets = &facetCache{s: s, ttl: 30 * time.Second}
	return s
}

func basePath(baseURL string) string {
	p := baseURL
	if u, err := url.Parse(baseURL); err == nil {
		p = u.Path
	}
	p = strings.TrimRight(p, "/")
	if p != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// NewHTTPServer wraps h in an http.Server with the timeouts and header
// limits debrief serves with. Callers run ListenAndServe and Shutdown.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve runs the dashboard on the listener l until ctx is cancelled, then
// shuts down gracefully (in-flight requests get 10s). It closes l.
func Serve(ctx context.Context, l net.Listener, st store.Store, opts Options) error {
	srv := NewHTTPServer(l.Addr().String(), New(st, opts))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// Handler returns the Gin router with every page, API route and asset.
func (s *Server) Handler() *gin.Engine {
	if gin.Mode() == gin.DebugMode {
		gin.SetMode(gin.ReleaseMode)
	}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(s.recoverer(), s.observe(), s.limitBody(), s.securityHeaders(), s.timeout())
	open := r.Group(s.base + "/")
	open.GET("healthz", s.healthz)
	open.GET("readyz", s.readyz)
	open.GET("assets/:file", s.asset)
	open.GET("favicon.ico", func(c *gin.Context) {
		c.Params = append(c.Params, gin.Param{Key: "file", Value: "favicon.svg"})
		s.asset(c)
	})
	r.Group(s.base+"/").POST("api/v1/postmortems", s.authorize(auth.Write), s.apiIngest)

	g := r.Group(s.base + "/")
	if s.opts.RequireReadToken {
		g.Use(s.authorize(auth.Read))
	}
	g.GET("metrics", s.serveMetrics)

	api := g.Group("api/v1")
	api.GET("filters", s.api(s.apiFilters))
	api.GET("stats", s.api(s.apiStats))
	api.GET("charts", s.api(s.apiChartList))
	api.GET("charts/:name", s.api(s.apiChart))
	api.GET("aggregate", s.api(s.apiAggregate))
	api.GET("postmortems", s.api(s.apiPostmortems))
	api.GET("postmortems/:id", s.api(s.apiPostmortem))
	api.GET("postmortems/:id/similar", s.api(s.apiSimilar))
	api.GET("search", s.api(s.apiSearch))
	api.GET("action-items", s.api(s.apiActionItems))
	api.GET("teams", s.api(s.apiTeams))
	api.GET("teams/compare", s.api(s.apiTeamCompare))
	api.GET("quality/rules", s.api(s.apiRules))
	api.GET("quality/best", s.api(s.apiBest))
	api.GET("patterns", s.api(s.apiPatterns))

	g.GET("", s.page(s.pageOverview))
	g.GET("teams", s.page(s.pageTeams))
	g.GET("themes", s.page(s.pageThemes))
	g.GET("quality", s.page(s.pageQuality))
	g.GET("patterns", s.page(s.pagePatterns))
	g.GET("postmortems", s.page(s.pagePostmortems))
	g.GET("postmortems/:id", s.page(s.pagePostmortem))
	g.GET("search", s.page(s.pageSearch))

	r.NoRoute(s.notFound)
	r.NoMethod(func(c *gin.Context) {
		s.fail(c, http.StatusMethodNotAllowed, "method not allowed")
	})
	return r
}

// recoverer turns a panic into a 500 without leaking internals.
func (s *Server) recoverer() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				s.log.Error("panic serving request", "path", c.Request.URL.Path, "panic", v)
				if !c.Writer.Written() {
					s.fail(c, http.StatusInternalServerError, "internal error")
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// limitBody rejects bodies over MaxBodyBytes (MaxIngestBytes for the
// ingest API) with a 413 and caps what handlers can read.
func (s *Server) limitBody() gin.HandlerFunc {
	ingestRoute := s.base + "/api/v1/postmortems"
	return func(c *gin.Context) {
		limit := s.opts.MaxBodyBytes
		if c.Request.Method == http.MethodPost && c.FullPath() == ingestRoute {
			limit = s.opts.MaxIngestBytes
		}
		if c.Request.ContentLength > limit {
			s.fail(c, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", limit))
			c.Abort()
			return
		}
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

// authorize lets a request through only with a token granting scope:
// 401 (with WWW-Authenticate) without a valid token, 403 when the token
// lacks the scope.
func (s *Server) authorize(scope auth.Scope) gin.HandlerFunc {
	return func(c *gin.Context) {
		err := s.opts.Keyring.Check(c.Request, scope)
		if err == nil {
			c.Next()
			return
		}
		ingesting := c.Request.Method == http.MethodPost && c.FullPath() == s.base+"/api/v1/postmortems"
		if errors.Is(err, auth.ErrScope) {
			if ingesting {
				s.metrics.ingestErrs.WithLabelValues("403").Inc()
			}
			s.fail(c, http.StatusForbidden, err.Error())
			return
		}
		if ingesting {
			s.metrics.ingestErrs.WithLabelValues("401").Inc()
		}
		msg := err.Error()
		if !s.opts.Keyring.Has(scope) {
			msg += fmt.Sprintf(": no token with the %s scope is configured (see `debrief token` and $%s)", scope, auth.EnvTokens)
		}
		if s.wantsJSON(c) || c.Request.Method != http.MethodGet {
			c.Header("WWW-Authenticate", `Bearer realm="debrief"`)
		} else {
			c.Header("WWW-Authenticate", `Basic realm="debrief"`)
		}
		s.fail(c, http.StatusUnauthorized, msg)
	}
}

// ingestTimeout bounds an ingest request's parsing and store writes: less
// than the HTTP server's 60s write timeout, so the client gets an answer.
const ingestTimeout = 50 * time.Second

func (s *Server) timeout() gin.HandlerFunc {
	ingestRoute := s.base + "/api/v1/postmortems"
	return func(c *gin.Context) {
		d := s.opts.RequestTimeout
		if c.Request.Method == http.MethodPost && c.FullPath() == ingestRoute {
			d = max(d, ingestTimeout)
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// contentSecurityPolicy allows only the dashboard's own scripts (chart
// options travel as JSON, never as inline script), inline styles (ECharts
// positions tooltips with them) and data: images (chart export).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (s *Server) securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		c.Next()
	}
}

func (s *Server) healthz(c *gin.Context) {
	c.String(http.StatusOK, "debrief is healthy.\n")
}

// readyz checks that the store answers.
func (s *Server) readyz(c *gin.Context) {
	if _, err := s.st.Stats(c.Request.Context()); err != nil {
		s.log.Error("readiness check failed", "err", err)
		c.String(http.StatusServiceUnavailable, "debrief is not ready: store unavailable.\n")
		return
	}
	c.String(http.StatusOK, "debrief is ready.\n")
}

func (s *Server) wantsJSON(c *gin.Context) bool {
	return strings.HasPrefix(c.Request.URL.Path, s.base+"/api/")
}

// fail writes an error as JSON for API paths and as a page otherwise.
func (s *Server) fail(c *gin.Context, code int, msg string) {
	if s.wantsJSON(c) || c.Request.Method != http.MethodGet {
		c.AbortWithStatusJSON(code, apiError{Status: "error", Error: msg})
		return
	}
	s.renderError(c, code, msg)
	c.Abort()
}

func (s *Server) notFound(c *gin.Context) {
	s.fail(c, http.StatusNotFound, "no such page: "+c.Request.URL.Path)
}

// apiError is the body of every API error response.
type apiError struct {
	Status string `json:"status"`
	Error  string `json:"error"`
}

// classify maps a handler error to an HTTP status and a client message.
func (s *Server) classify(c *gin.Context, err error) (int, string) {
	var nf notFoundErr
	switch {
	case errors.As(err, &nf):
		return http.StatusNotFound, nf.msg
	case isBadRequest(err):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "postmortem not found"
	case errors.Is(err, store.ErrUnsupported):
		return http.StatusBadRequest, "the store cannot answer this query: " + err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Error("request timed out", "path", c.Request.URL.Path, "err", err)
		return http.StatusServiceUnavailable, "the store did not answer in time"
	}
	s.log.Error("request failed", "path", c.Request.URL.Path, "err", err)
	return http.StatusInternalServerError, "internal error"
}

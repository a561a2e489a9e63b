package dashboard

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// patternsTTL is how long a patterns report is reused for one filter:
// mining reads every matching postmortem, and patterns move slowly.
const patternsTTL = 10 * time.Minute

// maxPatternDocs caps the postmortems one patterns report reads (the
// newest ones; store.Each is newest first).
const maxPatternDocs = 50_000

// patternCache holds patterns reports by filter. Concurrent requests for
// one filter share one computation.
type patternCache struct {
	mu      sync.Mutex
	entries map[string]*patternEntry
}

type patternEntry struct {
	done  chan struct{}
	rep   patterns.Report
	err   error
	built time.Time
}

var errPatternCap = errors.New("pattern document cap reached")

// report returns the patterns report for the request's filter, computing
// it (reading documents through store.Each) when none younger than
// patternsTTL is cached.
func (pc *patternCache) report(r request) (patterns.Report, error) {
	key := filterKey(r.p.Filter)
	pc.mu.Lock()
	if pc.entries == nil {
		pc.entries = map[string]*patternEntry{}
	}
	e := pc.entries[key]
	if e != nil {
		select {
		case <-e.done:
			if e.err != nil || time.Since(e.built) > patternsTTL {
				e = nil
			}
		default: // being built
		}
	}
	if e == nil {
		if len(pc.entries) > 64 {
			clear(pc.entries)
		}
		e = &patternEntry{done: make(chan struct{})}
		pc.entries[key] = e
		go func() {
			// Detached from the request so a cancelled page does not
			// poison the entry; bounded by its own timeout.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			e.rep, e.err = buildPatterns(ctx, r.s.st, r.p.Filter)
			e.built = time.Now()
			close(e.done)
		}()
	}
	pc.mu.Unlock()
	select {
	case <-e.done:
		return e.rep, e.err
	case <-r.ctx.Done():
		return patterns.Report{}, r.ctx.Err()
	}
}

// buildPatterns mines the postmortems matching f.
func buildPatterns(ctx context.Context, st store.Store, f store.Filter) (patterns.Report, error) {
	var docs []patterns.DocText
	var actions []patterns.ActionRef
	err := store.Each(ctx, st, f, 0, func(p *model.Postmortem) error {
		if len(docs) == maxPatternDocs {
			return errPatternCap
		}
		docs = append(docs, patterns.FromPostmortem(p))
		actions = append(actions, patterns.ActionsOf(p)...)
		return nil
	})
	if err != nil && !errors.Is(err, errPatternCap) {
		return patterns.Report{}, err
	}
	return patterns.Build(docs, actions, patterns.Options{}), nil
}

func filterKey(f store.Filter) string {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", strings.Join(f.Teams, ","), strings.Join(f.Severities, ","),
		strings.Join(f.Services, ","), strings.Join(f.Themes, ","), day(f.From), day(f.To), strings.Join(f.IDs, ","))
}

// apiPatterns serves the patterns report (the JSON of `debrief patterns
// --json`) for the filter.
func (s *Server) apiPatterns(c *gin.Context, r request) (any, error) {
	return s.patterns.report(r)
}

// patternsView is the patterns report with postmortem titles for the page.
type patternsView struct {
	patterns.Report
	Titles map[string]string
	// SurgeTest states the surge test.
	SurgeTest string
}

// Title is a postmortem's title, or its ID when unknown.
func (v patternsView) Title(id string) string {
	if t := v.Titles[id]; t != "" {
		return t
	}
	return id
}

// pagePatterns shows recurring failure modes, repeated follow-ups,
// near-duplicate writeups and theme surges.
func (s *Server) pagePatterns(c *gin.Context, r request, d *pageData) (string, error) {
	d.Title, d.Nav = "Recurring patterns", "patterns"
	rep, err := s.patterns.report(r)
	if err != nil {
		return "", err
	}
	v := patternsView{Report: rep, Titles: map[string]string{}, SurgeTest: patterns.SurgeTest}
	var ids []string
	seen := map[string]bool{}
	want := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, cl := range rep.Clusters {
		for _, id := range cl.Docs {
			want(id)
		}
	}
	for _, p := range rep.SimilarPairs {
		want(p.A)
		want(p.B)
	}
	for _, f := range rep.FollowUps {
		for _, id := range f.Docs {
			want(id)
		}
	}
	const page = 500
	for off := 0; off < len(ids); off += page {
		part := ids[off:min(off+page, len(ids))]
		items, _, err := s.st.List(r.ctx, store.ListQuery{Filter: store.Filter{IDs: part}, Limit: len(part)})
		if err != nil {
			return "", err
		}
		for _, it := range items {
			v.Titles[it.ID] = it.Title
		}
	}
	d.Data["Patterns"] = v
	return "patterns", nil
}

// Package report builds the quarterly learning review: what happened in a
// quarter, which contributing-factor themes rose or fell, how blame phrasing
// in the writeups is trending per team, which assumptions and surprises are
// worth discussing, which follow-ups keep being promised again, which
// writeups are worth reading, and questions for the review meeting.
//
// Build reads everything it needs from a store.Store; the resulting Review
// is plain data that WriteMarkdown (for a wiki) and WriteHTML (one
// self-contained offline file with charts) render. Building and rendering
// are separate so that both formats always say the same thing.
package report

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/quarter"
	"github.com/debrief-dev/debrief/store"
)

// Options tune Build. The zero value reviews every postmortem of the quarter
// with the defaults below.
type Options struct {
	// Filter narrows every section of the review (teams, severities,
	// services, themes, IDs). Its From and To are ignored: the quarter and
	// the trend window set the dates.
	Filter store.Filter
	// BaseURL is the dashboard's address. When set, postmortems link to
	// their dashboard page and the review links to the dashboard.
	BaseURL string
	// TrendQuarters is how many quarters the trends span, the reviewed one
	// included (0 means 4; at least 2).
	TrendQuarters int
	// MaxQuotes bounds the assumptions and surprises quoted (0 means 8).
	MaxQuotes int
	// MaxWriteups bounds the writeups recommended (0 means 5).
	MaxWriteups int
	// MaxRepeated bounds the repeated action items listed (0 means 8).
	MaxRepeated int
	// MaxTeams bounds the teams in the blame trend (0 means 12); the
	// teams with the most postmortems in the quarter are kept.
	MaxTeams int
	// GeneratedAt is printed in the footer; the zero time prints none,
	// which keeps output reproducible.
	GeneratedAt time.Time
}

func (o Options) withDefaults() Options {
	if o.TrendQuarters == 0 {
		o.TrendQuarters = 4
	}
	if o.TrendQuarters < 2 {
		o.TrendQuarters = 2
	}
	if o.MaxQuotes <= 0 {
		o.MaxQuotes = 8
	}
	if o.MaxWriteups <= 0 {
		o.MaxWriteups = 5
	}
	if o.MaxRepeated <= 0 {
		o.MaxRepeated = 8
	}
	if o.MaxTeams <= 0 {
		o.MaxTeams = 12
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	return o
}

// Quarter is the calendar quarter a review covers (package quarter's type;
// the alias keeps report's signatures readable).
type Quarter = quarter.Quarter

// Review is the quarterly learning review, ready to render.
type Review struct {
	Quarter  Quarter
	Previous Quarter
	// Quarters is the trend window, oldest first; the last is Quarter.
	Quarters []Quarter
	// Scope describes Options.Filter in words ("all teams" when empty).
	Scope string
	// Filter is Options.Filter without dates.
	Filter      store.Filter
	BaseURL     string
	GeneratedAt time.Time

	Overview    Overview
	Themes      []ThemeTrend
	Blame       BlameTrend
	Assumptions Assumptions
	Repeated    []RepeatedAction
	// FailureModes, Duplicates and Surges are the review's recurring
	// patterns (analysis/patterns): failure modes of the trend window
	// seen again this quarter, one incident written up twice, and theme
	// surges of the quarter (SurgeTest).
	FailureModes []FailureMode
	Duplicates   []Duplicate
	Surges       []patterns.Surge
	Writeups     []Writeup
	Questions    []string
}

// Ref identifies a postmortem the review cites.
type Ref struct {
	ID    string
	Title string
	Team  string
	Date  *time.Time
	// URL is the postmortem's dashboard page; "" without a BaseURL.
	URL string
}

// DateText is the postmortem's date as 2025-07-14, or "" when unknown.
func (r Ref) DateText() string {
	if r.Date == nil {
		return ""
	}
	return r.Date.UTC().Format("2006-01-02")
}

// DashboardURL links to the dashboard's overview of the reviewed quarter,
// with the review's filter applied ("" without a BaseURL).
func (r *Review) DashboardURL() string {
	return r.dashboardPage("", nil)
}

// ThemeURL links to the dashboard's themes page for one theme in the
// reviewed quarter ("" without a BaseURL).
func (r *Review) ThemeURL(theme string) string {
	return r.dashboardPage("themes", url.Values{"theme": {theme}})
}

// dashboardPage builds a dashboard link with the quarter and the review's
// filter as query parameters (the dashboard's filter names).
func (r *Review) dashboardPage(page string, extra url.Values) string {
	if r.BaseURL == "" {
		return ""
	}
	v := url.Values{"quarter": {r.Quarter.String()}}
	add := func(name string, vals []string) {
		if len(vals) > 0 && len(extra[name]) == 0 {
			v[name] = append([]string(nil), vals...)
		}
	}
	add("team", r.Filter.Teams)
	add("severity", r.Filter.Severities)
	add("service", r.Filter.Services)
	add("theme", r.Filter.Themes)
	for k, vals := range extra {
		v[k] = vals
	}
	return r.BaseURL + "/" + page + "?" + v.Encode()
}

// postmortemURL is the dashboard page of one postmortem.
func postmortemURL(base, id string) string {
	if base == "" {
		return ""
	}
	return base + "/postmortems/" + url.PathEscape(id)
}

// Build assembles the review of quarter q from st. A quarter in which the
// filter selects no postmortem is refused with an *EmptyQuarterError that
// lists the quarters that have some.
func Build(ctx context.Context, st store.Store, q Quarter, opts Options) (*Review, error) {
	if st == nil {
		return nil, fmt.Errorf("report: no store")
	}
	if q.Q < 1 || q.Q > 4 {
		return nil, fmt.Errorf("report: invalid quarter %+v", q)
	}
	opts = opts.withDefaults()
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("report: base URL %q: want the dashboard's address, like http://localhost:8080 or https://debrief.example.com/debrief", opts.BaseURL)
		}
	}
	r := &Review{
		Quarter:     q,
		Previous:    q.Add(-1),
		Scope:       describeFilter(opts.Filter),
		Filter:      store.Filter{Teams: opts.Filter.Teams, Severities: opts.Filter.Severities, Services: opts.Filter.Services, Themes: opts.Filter.Themes, IDs: opts.Filter.IDs},
		BaseURL:     opts.BaseURL,
		GeneratedAt: opts.GeneratedAt,
	}
	for i := opts.TrendQuarters - 1; i >= 0; i-- {
		r.Quarters = append(r.Quarters, q.Add(-i))
	}
	have, _, err := QuartersWithData(ctx, st, opts.Filter)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", q, err)
	}
	if !slices.Contains(have, q) {
		return nil, &EmptyQuarterError{Quarter: q, Scope: r.Scope, Have: have}
	}
	b := builder{st: st, opts: opts, r: r}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"overview", b.overview},
		{"themes", b.themes},
		{"blame trend", b.blame},
		{"assumptions", b.quotes},
		{"repeated action items", b.repeated},
		{"recurring patterns", b.patterns},
		{"writeups", b.writeups},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return nil, fmt.Errorf("report %s: %s: %w", q, s.name, err)
		}
	}
	r.Questions = questions(r)
	return r, nil
}

// builder carries the store and options through the section builders.
type builder struct {
	st   store.Store
	opts Options
	r    *Review
}

// filter returns the user's filter bounded to [from, to).
func (b *builder) filter(from, to Quarter) store.Filter {
	f := b.opts.Filter
	f.From, f.To = from.Start(), to.End()
	return f
}

// quarterFilter bounds the user's filter to one quarter.
func (b *builder) quarterFilter(q Quarter) store.Filter { return b.filter(q, q) }

// windowFilter bounds the user's filter to the trend window.
func (b *builder) windowFilter() store.Filter {
	return b.filter(b.r.Quarters[0], b.r.Quarter)
}

func (b *builder) ref(id, title, team string, date *time.Time) Ref {
	return Ref{ID: id, Title: title, Team: team, Date: date, URL: postmortemURL(b.opts.BaseURL, id)}
}

// describeFilter says in words what a filter selects.
func describeFilter(f store.Filter) string {
	var parts []string
	add := func(name string, vals []string) {
		if len(vals) > 0 {
			parts = append(parts, name+" "+strings.Join(vals, ", "))
		}
	}
	add("teams", f.Teams)
	add("severities", f.Severities)
	add("services", f.Services)
	add("themes", f.Themes)
	if len(f.IDs) > 0 {
		parts = append(parts, fmt.Sprintf("%d selected postmortems", len(f.IDs)))
	}
	if len(parts) == 0 {
		return "all teams"
	}
	return strings.Join(parts, "; ")
}

package dashboard

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/quarter"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/taxonomy"
)

// Limits on query parameters: anything beyond them is a 400, so a crafted
// URL cannot make the store scan with thousands of IN-list values.
const (
	maxParamValues = 50
	maxParamBytes  = 200
	maxLimit       = 1000
	maxOffset      = 1_000_000
)

// Filter parameter names. Every page and API endpoint accepts them; values
// repeat for OR (team=a&team=b).
const (
	pTeam     = "team"
	pSeverity = "severity"
	pService  = "service"
	pTheme    = "theme"
	pQuarter  = "quarter"
	pFrom     = "from"
	pTo       = "to"
	pID       = "id"
)

var filterParams = []string{pTeam, pSeverity, pService, pTheme, pQuarter, pFrom, pTo, pID}

// badRequest is an error caused by the client's parameters (HTTP 400).
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func badRequestf(format string, args ...any) error {
	return badRequest{msg: fmt.Sprintf(format, args...)}
}

func isBadRequest(err error) bool {
	var b badRequest
	return errors.As(err, &b)
}

// Params is a parsed filter query: the store filter and the raw values the
// filter bar shows back.
type Params struct {
	Filter store.Filter
	// Quarter is the selected quarter ("2025-Q3"), or "".
	Quarter string
	// From and To are the selected dates as written (YYYY-MM-DD, To
	// inclusive); Filter.To is the day after To.
	From, To string
}

// parseParams validates the filter parameters of q.
func parseParams(q url.Values) (Params, error) {
	var p Params
	var err error
	for _, name := range []string{pTeam, pSeverity, pService, pTheme, pID} {
		vals, e := values(q, name)
		if e != nil {
			return p, e
		}
		switch name {
		case pTeam:
			// team=(no team) selects the postmortems without a team.
			for _, t := range vals {
				if t == model.NoTeam {
					t = ""
				}
				p.Filter.Teams = append(p.Filter.Teams, t)
			}
		case pSeverity:
			p.Filter.Severities = vals
		case pService:
			p.Filter.Services = vals
		case pTheme:
			p.Filter.Themes = vals
		case pID:
			p.Filter.IDs = vals
		}
	}
	if p.Quarter, err = single(q, pQuarter); err != nil {
		return p, err
	}
	if p.Quarter != "" {
		from, to, e := quarterRange(p.Quarter)
		if e != nil {
			return p, e
		}
		p.Filter.From, p.Filter.To = from, to
	}
	if p.From, err = single(q, pFrom); err != nil {
		return p, err
	}
	if p.To, err = single(q, pTo); err != nil {
		return p, err
	}
	if p.From != "" {
		t, e := time.Parse(time.DateOnly, p.From)
		if e != nil {
			return p, badRequestf("parameter from=%q: want a date like 2025-07-01", p.From)
		}
		if p.Filter.From.IsZero() || t.After(p.Filter.From) {
			p.Filter.From = t
		}
	}
	if p.To != "" {
		t, e := time.Parse(time.DateOnly, p.To)
		if e != nil {
			return p, badRequestf("parameter to=%q: want a date like 2025-09-30", p.To)
		}
		t = t.AddDate(0, 0, 1) // the filter bar's "to" is inclusive
		if p.Filter.To.IsZero() || t.Before(p.Filter.To) {
			p.Filter.To = t
		}
	}
	if p.From != "" && p.To != "" && p.From > p.To {
		return p, badRequestf("parameter from=%s is after to=%s", p.From, p.To)
	}
	return p, nil
}

// Values returns the filter as URL query values (empty fields omitted), so
// links reproduce the view.
func (p Params) Values() url.Values {
	v := url.Values{}
	for _, t := range p.Filter.Teams {
		v.Add(pTeam, model.TeamName(t))
	}
	for _, t := range p.Filter.Severities {
		v.Add(pSeverity, t)
	}
	for _, t := range p.Filter.Services {
		v.Add(pService, t)
	}
	for _, t := range p.Filter.Themes {
		v.Add(pTheme, t)
	}
	for _, t := range p.Filter.IDs {
		v.Add(pID, t)
	}
	if p.Quarter != "" {
		v.Set(pQuarter, p.Quarter)
	}
	if p.From != "" {
		v.Set(pFrom, p.From)
	}
	if p.To != "" {
		v.Set(pTo, p.To)
	}
	return v
}

// quarterRange returns [start, end) of a quarter parameter, which must be
// in the canonical form "2025-Q3" (quarter.ParseCanonical).
func quarterRange(q string) (time.Time, time.Time, error) {
	qq, err := quarter.ParseCanonical(q)
	if err != nil {
		return time.Time{}, time.Time{}, badRequestf("parameter quarter=%q: want a quarter like 2025-Q3", q)
	}
	from, to := qq.Range()
	return from, to, nil
}

// prevQuarter returns the quarter before q ("2025-Q1" -> "2024-Q4"), or ""
// when q is not a canonical quarter.
func prevQuarter(q string) string {
	qq, err := quarter.ParseCanonical(q)
	if err != nil {
		return ""
	}
	return qq.Prev().String()
}

func checkValue(name, v string) error {
	if len(v) > maxParamBytes {
		return badRequestf("parameter %s: value longer than %d bytes", name, maxParamBytes)
	}
	if !utf8.ValidString(v) {
		return badRequestf("parameter %s: value is not valid UTF-8", name)
	}
	return nil
}

// values returns the non-empty values of a repeatable parameter.
func values(q url.Values, name string) ([]string, error) {
	raw := q[name]
	if len(raw) > maxParamValues {
		return nil, badRequestf("parameter %s: more than %d values", name, maxParamValues)
	}
	var out []string
	for _, v := range raw {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if err := checkValue(name, v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// single returns the value of a parameter that may appear at most once.
func single(q url.Values, name string) (string, error) {
	vals, err := values(q, name)
	if err != nil {
		return "", err
	}
	if len(vals) > 1 {
		return "", badRequestf("parameter %s: given %d times, want at most one value", name, len(vals))
	}
	if len(vals) == 0 {
		return "", nil
	}
	return vals[0], nil
}

// intParam parses an optional integer parameter within [lo, hi].
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s, err := single(q, name)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badRequestf("parameter %s=%q: want an integer", name, s)
	}
	if n < lo || n > hi {
		return 0, badRequestf("parameter %s=%d: want %d..%d", name, n, lo, hi)
	}
	return n, nil
}

// oneOf parses an optional parameter restricted to allowed values.
func oneOf(q url.Values, name, def string, allowed ...string) (string, error) {
	s, err := single(q, name)
	if err != nil || s == "" {
		return def, err
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", badRequestf("parameter %s=%q: want one of %s", name, s, strings.Join(allowed, ", "))
}

// page is a parsed limit/offset pair.
type page struct{ Limit, Offset int }

func parsePage(q url.Values, def int) (page, error) {
	l, err := intParam(q, "limit", def, 1, maxLimit)
	if err != nil {
		return page{}, err
	}
	o, err := intParam(q, "offset", 0, 0, maxOffset)
	if err != nil {
		return page{}, err
	}
	return page{Limit: l, Offset: o}, nil
}

// findingKinds are the finding kinds of the taxonomy.
var findingKinds = taxonomy.Kinds()

// Package quarter is debrief's one calendar-quarter type: parsing
// ("2025-Q3" and the looser forms people type), the canonical format the
// store's DimQuarter keys, URLs and file names use, arithmetic, and the
// [start, end) time range a quarter covers. Quarters are UTC: Q1 is
// January to March.
//
// The package is a leaf: it imports nothing of debrief.
package quarter

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Quarter is a calendar quarter in UTC. The zero value is not a valid
// quarter (Q is 1..4).
type Quarter struct {
	Year int
	Q    int // 1..4
}

// Parse reads a quarter written as "2025-Q3", "2025q3", "2025 Q3",
// "2025/Q3", "Q3 2025" or "Q3-2025" (case-insensitive, surrounding space
// ignored). Years before 1970 are refused. The error names the input and
// what is wrong with it.
func Parse(s string) (Quarter, error) {
	in := strings.ToUpper(strings.TrimSpace(s))
	if in == "" {
		return Quarter{}, fmt.Errorf("quarter %q: empty; want a quarter like 2025-Q3", s)
	}
	// Split into the year part and the quarter part around the "Q".
	i := strings.IndexByte(in, 'Q')
	if i < 0 {
		return Quarter{}, fmt.Errorf("quarter %q: no \"Q\"; want a quarter like 2025-Q3 or Q3 2025", s)
	}
	var yearText, qText string
	if i == 0 { // "Q3 2025", "Q3-2025"
		rest := in[1:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsDigit(r) })
		if j < 0 {
			return Quarter{}, fmt.Errorf("quarter %q: missing year; want a quarter like Q3 2025", s)
		}
		qText, yearText = rest[:j], trimSep(rest[j:])
	} else { // "2025-Q3", "2025q3", "2025 Q3"
		yearText, qText = trimSep(in[:i]), in[i+1:]
	}
	if qText == "" {
		return Quarter{}, fmt.Errorf("quarter %q: missing quarter number after Q", s)
	}
	q, err := strconv.Atoi(qText)
	if err != nil || q < 1 || q > 4 {
		return Quarter{}, fmt.Errorf("quarter %q: quarter number %q is not 1, 2, 3 or 4", s, qText)
	}
	if len(yearText) != 4 || strings.IndexFunc(yearText, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return Quarter{}, fmt.Errorf("quarter %q: year %q is not a four-digit year", s, yearText)
	}
	year, _ := strconv.Atoi(yearText)
	if year < 1970 {
		return Quarter{}, fmt.Errorf("quarter %q: year %d is before 1970", s, year)
	}
	return Quarter{Year: year, Q: q}, nil
}

// ParseCanonical accepts only the canonical form String writes ("2025-Q3"),
// for machine input such as URL parameters.
func ParseCanonical(s string) (Quarter, error) {
	q, err := Parse(s)
	if err != nil {
		return Quarter{}, err
	}
	if q.String() != s {
		return Quarter{}, fmt.Errorf("quarter %q: not in the form 2025-Q3", s)
	}
	return q, nil
}

// trimSep removes one run of separators ("-", " ", "/", "_") around a part.
func trimSep(s string) string {
	return strings.Trim(s, " -/_\t")
}

// Of returns the quarter that contains t (taken in UTC).
func Of(t time.Time) Quarter {
	t = t.UTC()
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

// String is the canonical form, as the store's DimQuarter keys write it:
// "2025-Q3".
func (q Quarter) String() string {
	return fmt.Sprintf("%04d-Q%d", q.Year, q.Q)
}

// Label is the human form used in headings: "Q3 2025".
func (q Quarter) Label() string {
	return fmt.Sprintf("Q%d %d", q.Q, q.Year)
}

// Start is the first instant of the quarter (UTC), inclusive.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month((q.Q-1)*3+1), 1, 0, 0, 0, 0, time.UTC)
}

// End is the first instant after the quarter (UTC), exclusive.
func (q Quarter) End() time.Time {
	return q.Next().Start()
}

// Range returns [Start, End).
func (q Quarter) Range() (start, end time.Time) {
	return q.Start(), q.End()
}

// Add returns the quarter n quarters later (earlier when n < 0).
func (q Quarter) Add(n int) Quarter {
	i := q.Year*4 + (q.Q - 1) + n
	return Quarter{Year: i / 4, Q: i%4 + 1}
}

// Next is the quarter after q.
func (q Quarter) Next() Quarter { return q.Add(1) }

// Prev is the quarter before q.
func (q Quarter) Prev() Quarter { return q.Add(-1) }

// Before reports whether q is earlier than o.
func (q Quarter) Before(o Quarter) bool {
	return q.Year < o.Year || (q.Year == o.Year && q.Q < o.Q)
}

package quarter

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	good := []struct {
		in   string
		want Quarter
	}{
		{"2025-Q3", Quarter{2025, 3}},
		{"2025q3", Quarter{2025, 3}},
		{"2025Q1", Quarter{2025, 1}},
		{"Q3 2025", Quarter{2025, 3}},
		{"q4-2024", Quarter{2024, 4}},
		{"  2026 Q2 ", Quarter{2026, 2}},
		{"2025/Q4", Quarter{2025, 4}},
	}
	for _, tc := range good {
		got, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("Parse(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	bad := []struct {
		in, wantErr string
	}{
		{"", "empty"},
		{"2025", "no \"Q\""},
		{"2025-Q5", "not 1, 2, 3 or 4"},
		{"2025-Q0", "not 1, 2, 3 or 4"},
		{"2025-Q", "missing quarter number"},
		{"Q3", "missing year"},
		{"Q3 25", "not a four-digit year"},
		{"20x5-Q3", "not a four-digit year"},
		{"2025-Q3x", "not 1, 2, 3 or 4"},
		{"1969-Q1", "before 1970"},
		{"July 2025", "no \"Q\""},
	}
	for _, tc := range bad {
		_, err := Parse(tc.in)
		if err == nil {
			t.Errorf("Parse(%q): no error, want one containing %q", tc.in, tc.wantErr)
			continue
		}
		if !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), tc.in) {
			t.Errorf("Parse(%q) error %q: want it to name the input and say %q", tc.in, err, tc.wantErr)
		}
	}
}

func TestParseCanonical(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2025-Q3", true}, {"1970-Q1", true},
		{"2025q3", false}, {"2025Q1", false}, {"2025-q1", false}, {"Q3 2025", false},
		{" 2025-Q3", false}, {"2025-Q0", false}, {"2025-Q5", false}, {"25-Q1", false}, {"bad", false},
	} {
		q, err := ParseCanonical(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseCanonical(%q) = %v, %v; want ok=%v", tc.in, q, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), tc.in) {
			t.Errorf("ParseCanonical(%q) error %q does not name the input", tc.in, err)
		}
	}
}

func TestArithmetic(t *testing.T) {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		q          Quarter
		str, label string
		next, prev Quarter
		start, end time.Time
	}{
		{Quarter{2025, 1}, "2025-Q1", "Q1 2025", Quarter{2025, 2}, Quarter{2024, 4}, date(2025, 1, 1), date(2025, 4, 1)},
		{Quarter{2025, 3}, "2025-Q3", "Q3 2025", Quarter{2025, 4}, Quarter{2025, 2}, date(2025, 7, 1), date(2025, 10, 1)},
		{Quarter{2025, 4}, "2025-Q4", "Q4 2025", Quarter{2026, 1}, Quarter{2025, 3}, date(2025, 10, 1), date(2026, 1, 1)},
	} {
		if s := tc.q.String(); s != tc.str {
			t.Errorf("%v.String() = %q, want %q", tc.q, s, tc.str)
		}
		if s := tc.q.Label(); s != tc.label {
			t.Errorf("%v.Label() = %q, want %q", tc.q, s, tc.label)
		}
		if n, p := tc.q.Next(), tc.q.Prev(); n != tc.next || p != tc.prev {
			t.Errorf("%v: Next %v Prev %v, want %v %v", tc.q, n, p, tc.next, tc.prev)
		}
		start, end := tc.q.Range()
		if !start.Equal(tc.start) || !end.Equal(tc.end) || !tc.q.Start().Equal(start) || !tc.q.End().Equal(end) {
			t.Errorf("%v: range [%v, %v), want [%v, %v)", tc.q, start, end, tc.start, tc.end)
		}
		if !tc.q.Prev().Before(tc.q) || tc.q.Before(tc.q) || tc.q.Next().Before(tc.q) {
			t.Errorf("%v: Before is not a strict order", tc.q)
		}
	}
	q := Quarter{2025, 1}
	if got := q.Add(-1); got != (Quarter{2024, 4}) {
		t.Errorf("2025-Q1 - 1 = %v", got)
	}
	if got := q.Add(7); got != (Quarter{2026, 4}) {
		t.Errorf("2025-Q1 + 7 = %v", got)
	}
}

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want Quarter
	}{
		{time.Date(2025, 9, 30, 23, 59, 0, 0, time.UTC), Quarter{2025, 3}},
		{time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), Quarter{2025, 4}},
		{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Quarter{2025, 1}},
		// 1 Oct 01:00 in UTC+2 is still 30 Sep in UTC.
		{time.Date(2025, 10, 1, 1, 0, 0, 0, time.FixedZone("X", 2*3600)), Quarter{2025, 3}},
	} {
		if got := Of(tc.t); got != tc.want {
			t.Errorf("Of(%v) = %v, want %v", tc.t, got, tc.want)
		}
		start, end := tc.want.Range()
		if tc.t.Before(start) || !tc.t.Before(end) {
			t.Errorf("%v not in the range of %v", tc.t, tc.want)
		}
	}
}

// FuzzParse checks that whatever parses round-trips through String and
// ParseCanonical.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2025-Q3", "q1 2024", "2025", "Q9-1999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if q.Q < 1 || q.Q > 4 || q.Year < 1970 || q.Year > 9999 {
			t.Fatalf("Parse(%q) = %+v out of range", s, q)
		}
		back, err := ParseCanonical(q.String())
		if err != nil || back != q {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
	})
}

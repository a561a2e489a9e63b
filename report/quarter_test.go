package report

import (
	"strings"
	"testing"
	"time"
)

func TestParseQuarter(t *testing.T) {
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
		got, err := ParseQuarter(tc.in)
		if err != nil {
			t.Errorf("ParseQuarter(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseQuarter(%q) = %v, want %v", tc.in, got, tc.want)
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
		_, err := ParseQuarter(tc.in)
		if err == nil {
			t.Errorf("ParseQuarter(%q): no error, want one containing %q", tc.in, tc.wantErr)
			continue
		}
		if !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), tc.in) {
			t.Errorf("ParseQuarter(%q) error %q: want it to name the input and say %q", tc.in, err, tc.wantErr)
		}
	}
}

func TestQuarterArithmetic(t *testing.T) {
	q := Quarter{2025, 1}
	if got := q.Add(-1); got != (Quarter{2024, 4}) {
		t.Errorf("2025-Q1 - 1 = %v", got)
	}
	if got := q.Add(7); got != (Quarter{2026, 4}) {
		t.Errorf("2025-Q1 + 7 = %v", got)
	}
	if got, want := q.Start(), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start = %v", got)
	}
	if got, want := (Quarter{2025, 4}).End(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("End = %v", got)
	}
	if s := (Quarter{2025, 3}).String(); s != "2025-Q3" {
		t.Errorf("String = %q", s)
	}
	if got := QuarterOf(time.Date(2025, 9, 30, 23, 59, 0, 0, time.UTC)); got != (Quarter{2025, 3}) {
		t.Errorf("QuarterOf(30 Sep) = %v", got)
	}
}

// FuzzParseQuarter checks that whatever parses round-trips through String.
func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"2025-Q3", "Q1 2024", "2025q4", "q", "Q9 1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuarter(s)
		if err != nil {
			return
		}
		if q.Q < 1 || q.Q > 4 || q.Year < 1970 || q.Year > 9999 {
			t.Fatalf("ParseQuarter(%q) = %+v out of range", s, q)
		}
		back, err := ParseQuarter(q.String())
		if err != nil || back != q {
			t.Fatalf("round trip of %q: %v, %v", q.String(), back, err)
		}
	})
}

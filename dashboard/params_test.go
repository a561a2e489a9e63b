package dashboard

import (
	"net/url"
	"testing"
	"time"
)

func TestParseParams(t *testing.T) {
	q, _ := url.ParseQuery("team=a&team=b&team=&severity=SEV1&quarter=2025-Q3&from=2025-08-01&to=2025-12-31&theme=network")
	p, err := parseParams(q)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Filter.Teams) != 2 || p.Filter.Severities[0] != "SEV1" || p.Filter.Themes[0] != "network" {
		t.Errorf("filter: %+v", p.Filter)
	}
	// Quarter [Jul 1, Oct 1) intersected with [Aug 1, Jan 1).
	if !p.Filter.From.Equal(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)) || !p.Filter.To.Equal(time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("range: %s .. %s", p.Filter.From, p.Filter.To)
	}
	if got := p.Values().Encode(); got != "from=2025-08-01&quarter=2025-Q3&severity=SEV1&team=a&team=b&theme=network&to=2025-12-31" {
		t.Errorf("round trip: %s", got)
	}
}

func TestQuarters(t *testing.T) {
	from, to, err := quarterRange("2024-Q4")
	if err != nil || from.Format(time.DateOnly) != "2024-10-01" || to.Format(time.DateOnly) != "2025-01-01" {
		t.Errorf("2024-Q4: %s %s %v", from, to, err)
	}
	for in, want := range map[string]string{"2025-Q1": "2024-Q4", "2025-Q3": "2025-Q2", "bad": ""} {
		if got := prevQuarter(in); got != want {
			t.Errorf("prevQuarter(%s) = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"2025-Q0", "2025-Q5", "25-Q1", "2025Q1", "2025-q1"} {
		if _, _, err := quarterRange(bad); err == nil || !isBadRequest(err) {
			t.Errorf("quarterRange(%q) accepted", bad)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+x": "'+x", "-1.5": "-1.5", "@SUM": "'@SUM", "ok": "ok", "": ""} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

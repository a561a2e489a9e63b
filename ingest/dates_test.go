package ingest

import (
	"testing"
	"time"
)

func TestParseDateValue(t *testing.T) {
	cases := []struct {
		in      string
		refYear int
		want    string // RFC 3339, "" = not a date
	}{
		{"2024-03-03", 0, "2024-03-03T00:00:00Z"},
		{"March 3, 2024", 0, "2024-03-03T00:00:00Z"},
		{"Mar 3rd 2024", 0, "2024-03-03T00:00:00Z"},
		{"3 March 2024", 0, "2024-03-03T00:00:00Z"},
		{"31st July 2018", 0, "2018-07-31T00:00:00Z"},
		{"Monday 3. February 2020", 0, "2020-02-03T00:00:00Z"},
		{"2024-03-03 14:05 UTC", 0, "2024-03-03T14:05:00Z"},
		{"2024-03-03 14:05 PST", 0, "2024-03-03T14:05:00-08:00"},
		{"Oct 16, 2025 9:26 PM", 0, "2025-10-16T21:26:00Z"},
		{"July 14, 2025, 11:20 AM", 0, "2025-07-14T11:20:00Z"},
		{"2024-03-03T14:05:00+02:00", 0, "2024-03-03T14:05:00+02:00"},
		{"2024-03-03T14:05:00Z", 0, "2024-03-03T14:05:00Z"},
		{"2024/03/03", 0, "2024-03-03T00:00:00Z"},
		{"Sep 27 2017 13:06", 0, "2017-09-27T13:06:00Z"},
		{"Aug 30 at 11:15", 2022, "2022-08-30T11:15:00Z"},
		{"Aug 30 at 11:15", 0, ""}, // no year anywhere: not a date
		{"2019", 0, ""},            // a year alone is not a date
		{"pm2019-009", 0, ""},
		{"2020-02-31", 0, ""}, // no such day
		{"12:30", 0, ""},
		{"", 0, ""},
		{"sometime last week", 0, ""},
	}
	for _, c := range cases {
		got, ok := parseDateValue(c.in, c.refYear, time.UTC)
		if c.want == "" {
			if ok {
				t.Errorf("parseDateValue(%q) = %v, want no date", c.in, got)
			}
			continue
		}
		if !ok {
			t.Errorf("parseDateValue(%q): no date, want %s", c.in, c.want)
			continue
		}
		if s := got.Format(time.RFC3339); s != c.want {
			t.Errorf("parseDateValue(%q) = %s, want %s", c.in, s, c.want)
		}
	}
}

func TestDateInFileName(t *testing.T) {
	cases := map[string]string{
		"moj-cloud-platform__2020-02-12.md":          "2020-02-12",
		"mybinder__2017-09-27-hub-403.md":            "2017-09-27",
		"2i2c__2025-10-16-invalid-nfs-config.txt":    "2025-10-16",
		"dfds__pm2019-009-ip-starvation.md":          "",
		"incident-20200212.md":                       "",
		"INCIDENT-2019-11-05":                        "2019-11-05",
		"postmortems/2023/notes-2023-01-05-final.md": "2023-01-05",
	}
	for name, want := range cases {
		got := voteDate(0, "", name, nil)
		s := ""
		if got != nil {
			s = got.Format("2006-01-02")
		}
		if s != want {
			t.Errorf("date of %q = %q, want %q", name, s, want)
		}
	}
}

func TestVoteDate(t *testing.T) {
	first := func(s string) *dateMatch {
		m, ok := findDate(s)
		if !ok {
			t.Fatalf("no date in %q", s)
		}
		return &m
	}
	// The title disagrees with file name and timeline: the majority wins.
	got := voteDate(0, "2022-01-27, pod limit reached", "2022-06-02-pod-limit.md", first("2022-06-02 10:00"))
	if got == nil || got.Format("2006-01-02") != "2022-06-02" {
		t.Errorf("majority vote = %v, want 2022-06-02", got)
	}
	// No agreement: the title wins.
	got = voteDate(0, "2020-08-28 - Memory overload", "2020-10-28-memory-overload.md", nil)
	if got == nil || got.Format("2006-01-02") != "2020-08-28" {
		t.Errorf("tie = %v, want the title's 2020-08-28", got)
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0h 22m", 22, true},
		{"DURATION 24m 23s", 24 + 23.0/60, true},
		{"about 1h50m", 110, true},
		{"148 minutes", 148, true},
		{"2 hours", 120, true},
		{"1h 5m", 65, true},
		{"1 day 2 hours", 26 * 60, true},
		{"8h 19m 9s", 8*60 + 19 + 9.0/60, true},
		{"?", 0, false},
		{"unknown", 0, false},
	}
	for _, c := range cases {
		got, ok := parseDuration(c.in)
		if ok != c.ok || (ok && (got-c.want > 1e-9 || c.want-got > 1e-9)) {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestStatedDuration(t *testing.T) {
	cases := map[string]float64{
		"it caused beta to be unusable for about 1h50m.":        110,
		"The outage lasted 45 minutes in total.":                45,
		"Results went stale for about 6h10m before anyone saw.": 370,
		"We waited for the team to respond.":                    0,
	}
	for in, want := range cases {
		got, _ := statedDuration(in)
		if got != want {
			t.Errorf("statedDuration(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestLeadingStamp(t *testing.T) {
	cases := []struct {
		in, at, rest string
	}{
		{"14:05 — deploy starts", "14:05", "deploy starts"},
		{"2020-02-03 11:21 node drained", "2020-02-03 11:21", "node drained"},
		{"9:26 PM   Engineer deployed invalid config", "9:26 PM", "Engineer deployed invalid config"},
		{"**22:48 UTC: fix deployed on production**", "22:48 UTC", "fix deployed on production"},
		{"[12-05 16:21] Crashloop bug introduced", "12-05 16:21", "Crashloop bug introduced"},
		{"2024-06-28 7:09 AM Eastern: token reported", "2024-06-28 7:09 AM Eastern", "token reported"},
		{"Sep 27 2017 13:06", "Sep 27 2017 13:06", ""},
		{"8:20 - 8:24 retries", "8:20 - 8:24", "retries"},
		{"ca. 11:20 builds saturate", "11:20", "builds saturate"},
		{"Monday 3. February 2020", "Monday 3. February 2020", ""},
	}
	for _, c := range cases {
		m, rest, ok := leadingStamp(c.in)
		if !ok {
			t.Errorf("leadingStamp(%q): no stamp", c.in)
			continue
		}
		if at := stampText(c.in, m); at != c.at && !(c.in == "Monday 3. February 2020" && at == "3. February 2020") {
			t.Errorf("leadingStamp(%q) at = %q, want %q", c.in, at, c.at)
		}
		if rest != c.rest {
			t.Errorf("leadingStamp(%q) rest = %q, want %q", c.in, rest, c.rest)
		}
	}
	for _, in := range []string{"Checkout slowed down", "2 nodes failed", "v1.2.3 released", "100% of requests"} {
		if _, _, ok := leadingStamp(in); ok {
			t.Errorf("leadingStamp(%q) found a stamp", in)
		}
	}
}

func TestZoneHint(t *testing.T) {
	cases := map[string]string{
		"All times in CET.":                            "CET",
		"All times PDT.":                               "PDT",
		"Timeline (times in BST)":                      "BST",
		"Unless otherwise noted all times are in UTC.": "UTC",
		"*All times listed in this report are in Pacific Time (US & Canada).": "America/Los_Angeles",
		"All times listed in this report are in Edinburgh, London.":           "Europe/London",
	}
	for in, want := range cases {
		loc, ok := findZoneHint(in)
		if !ok {
			t.Errorf("findZoneHint(%q): none", in)
			continue
		}
		if loc.String() != want {
			t.Errorf("findZoneHint(%q) = %s, want %s", in, loc, want)
		}
	}
	if _, ok := findZoneHint("The timeline below is rough."); ok {
		t.Error("found a zone in a sentence without one")
	}
}

// TestWrittenZone: an abbreviation means the document's own zone when
// that zone uses it at that wall time, else the zone the table gives it.
func TestWrittenZone(t *testing.T) {
	dublin, _ := time.LoadLocation("Europe/Dublin")
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	chicago, _ := time.LoadLocation("America/Chicago")
	for _, c := range []struct {
		stamp string
		doc   *time.Location
		want  string // the UTC time
	}{
		{"2024-07-01 10:00 IST", dublin, "2024-07-01T09:00:00Z"},   // Irish Standard Time
		{"2024-07-01 10:00 IST", nil, "2024-07-01T04:30:00Z"},      // India's, with no zone of the document's
		{"2024-01-15 10:00 IST", dublin, "2024-01-15T04:30:00Z"},   // Dublin says GMT in January: India's
		{"2024-07-01 10:00 CST", shanghai, "2024-07-01T02:00:00Z"}, // China Standard Time
		{"2024-01-15 10:00 CST", chicago, "2024-01-15T16:00:00Z"},  // US Central
		{"2024-07-01 10:00 GMT", dublin, "2024-07-01T10:00:00Z"},   // a written GMT stays GMT
	} {
		got, ok := parseDateValue(c.stamp, 0, c.doc)
		if !ok {
			t.Errorf("%s: not parsed", c.stamp)
			continue
		}
		if s := got.UTC().Format(time.RFC3339); s != c.want {
			t.Errorf("%s in %v: %s, want %s", c.stamp, c.doc, s, c.want)
		}
	}
}

// TestClockZoneOffsets: a zone in parentheses after the time, and an
// offset after "UTC" or "GMT" written with a hyphen, a plus or a minus
// sign, belong to the time.
func TestClockZoneOffsets(t *testing.T) {
	for _, c := range []struct{ stamp, want string }{
		{"2024-10-26 23:50 (UTC+0)", "2024-10-26T23:50:00Z"},
		{"2024-10-27 01:40 (UTC−1)", "2024-10-27T02:40:00Z"},
		{"2024-10-27 01:40 UTC−1", "2024-10-27T02:40:00Z"},
		{"2024-10-27 09:00 GMT+2", "2024-10-27T07:00:00Z"},
		{"2024-10-27 09:00 (approx.)", "2024-10-27T09:00:00Z"}, // no zone: the default, UTC
	} {
		got, ok := parseDateValue(c.stamp, 0, time.UTC)
		if !ok {
			t.Errorf("%s: not parsed", c.stamp)
			continue
		}
		if s := got.UTC().Format(time.RFC3339); s != c.want {
			t.Errorf("%s: %s, want %s", c.stamp, s, c.want)
		}
	}
}

package ingest

import "testing"

// Shapes found on the third unseen set, written afresh here (other
// wording, other names): owners that are teams, nested keys, epoch times,
// dot-leader forms, remediation lists and timeline wording.

func TestTeamSources3(t *testing.T) {
	for _, c := range []struct {
		name, path, src, want string
	}{
		{"TOML owner that is a team", "a.md",
			"+++\ntitle = \"Slow search\"\nowner = \"Search Relevance Team\"\n+++\n\n# Slow search\n\nText.\n", "search-relevance"},
		{"YAML owner that is a squad", "a.md",
			"---\ntitle: Slow search\nowned_by: Ranking squad\n---\n\n# Slow search\n\nText.\n", "ranking"},
		{"owner that is a person is no team", "a.md",
			"---\ntitle: Slow search\nowner: Priya Natarajan\n---\n\n# Slow search\n\nText.\n", ""},
		{"owner of a service object", "a.json",
			`{"title": "T", "summary": "S", "component": {"name": "ledger-api", "owner": "Ledger"}}`, "ledger"},
		{"maintainer of a service object", "a.yaml",
			"title: T\nsummary: S\nservice:\n  name: quotes\n  maintainer: Pricing Engine\n", "pricing-engine"},
		{"responsible object with a group", "a.yaml",
			"title: T\nsummary: S\nresponsible:\n  group: Loyalty Programme\n  pager: loyalty-oncall\n", "loyalty-programme"},
		{"owning object with a squad", "a.json",
			`{"title": "T", "summary": "S", "owning": {"squad": "Kiosk Apps"}}`, "kiosk-apps"},
		{"dot-leader form line", "a.txt",
			"SHORT REVIEW: QUOTES LATE\n\nTeam ......... Pricing Engine\nAuthor ....... R. Osei\n\nQuotes came late.\n", "pricing-engine"},
		{"department field", "a.txt",
			"Quotes late\n\nDepartment: Pricing Engine\n\nSummary\n\nText.\n", "pricing-engine"},
		{"dots in prose are no form", "a.txt",
			"Quotes late\n\nThe team... we never found out.\n", ""},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

func TestDurationSources3(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		minutes         float64
		source          string
	}{
		{"epoch seconds", "a.json",
			`{"title": "T", "summary": "S", "impact_start": 1767261600, "impact_end": 1767264300}`, 45, "impact"},
		{"epoch milliseconds", "a.json",
			`{"title": "T", "summary": "S", "started_at": 1767261600000, "resolved_at": 1767268800000}`, 120, "fields"},
		{"a small number is no epoch", "a.json",
			`{"title": "T", "summary": "S", "started_at": 1200, "resolved_at": 1300}`, 0, ""},
		{"cause entry before the first symptom", "a.md",
			"# T\n\n## Timeline\n\n- 09:00 Node pool recycled; workers resume from checkpoint\n" +
				"- 09:20 First stale quote shown to a customer\n- 09:50 Quotes fixed; incident resolved\n", 30, "timeline"},
		{"first symptom after a semicolon", "a.md",
			"# T\n\n## Timeline\n\n- 10:00 Vendor publishes a new rate card\n" +
				"- 10:15 Card takes effect; first booking refused\n- 11:00 Bookings normal again\n", 45, "timeline"},
		{"first alert is a detection, not the start", "a.md",
			"# T\n\n## Timeline\n\n- 10:00 Cache nodes drop out of the ring\n" +
				"- 10:05 First latency alerts fire\n- 10:30 Ring rebuilt; resolved\n", 30, "timeline"},
		{"window named by its first and last events, across days", "a.md",
			"# T\n\n## Summary\n\nInvoices went out late. We count from the first late invoice at\n" +
				"2026-03-02 22:00 UTC to the last corrected invoice at 2026-03-04 01:30 UTC.\n", 1650, "impact"},
		{"a window of events without times is no duration", "a.md",
			"# T\n\n## Summary\n\nWe count from the first late invoice at noon to the last one.\n", 0, ""},
		{"the impact was, with min", "a.txt",
			"T\n\nSummary\n\nAll in all the impact was 2 hours and 5 min, the gateways were flapping.\n", 125, "prose"},
		{"the outage was, about", "a.md",
			"# T\n\n## Impact\n\nThe outage was about 3 hours for the eastern region.\n", 180, "prose"},
		{"time keys with a zone aside", "a.txt",
			"T\n\n   Start (UTC):     2026-05-04 09:10\n   End (UTC):       2026-05-04 10:25\n\n1 Summary\n\nText.\n", 75, "fields"},
		{"a parenthesised aside that is no zone keeps the key out", "a.txt",
			"T\n\n   Start (planned):  2026-05-04 09:10\n   End (planned):    2026-05-04 10:25\n\n1 Summary\n\nText.\n", 0, ""},
		{"a closing sentence ends the timeline", "a.txt",
			"T\n\nLog of events\n\n  2026-02-03 08:00  Exports stall; impact begins.\n" +
				"  2026-02-03 09:10  Export queue drained. Closed.\n", 70, "timeline"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.DurationMinutes != c.minutes || pm.DurationSource != c.source {
			t.Errorf("%s: %v min (%s), want %v (%s)", c.name, pm.DurationMinutes, pm.DurationSource, c.minutes, c.source)
		}
	}
}

func TestActionSources3(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		want            int
	}{
		{"remediation list of owned items", "a.yaml",
			"title: T\nsummary: S\nremediation:\n  - action: Retry uploads\n    owner: Lea\n  - action: Alert on stalls\n    status: open\n", 2},
		{"remediation prose is no item list", "a.yaml",
			"title: T\nsummary: S\nremediation: We rolled back and restarted the workers.\n", 0},
		{"mitigations without owner or status are no items", "a.json",
			`{"title": "T", "summary": "S", "mitigations": [{"text": "Rolled back"}, {"text": "Restarted"}]}`, 0},
		{"pdftotext numbered heading without a dot", "a.txt",
			"T\n\n1 Summary\n\nExports stalled.\n\n2 Actions\n\n  2.1 Retry stalled uploads. Owner: Lea. Status: open.\n" +
				"  2.2 Alert on queue age. Owner: Max. Status: done.\n", 2},
		{"what we do now heading", "a.txt",
			"T\n\nSummary\n\nExports stalled.\n\nWhat we do now\n\n  * Retry stalled uploads\n  * Alert on queue age\n", 2},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if len(pm.ActionItems) != c.want {
			t.Errorf("%s: %d action items %v, want %d", c.name, len(pm.ActionItems), pm.ActionItems, c.want)
		}
	}
}

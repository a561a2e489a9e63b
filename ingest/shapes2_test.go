package ingest

import (
	"reflect"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
)

// Shapes found on the second unseen set, written afresh here: each table
// covers one stage's family of spellings.

func TestTeamSources2(t *testing.T) {
	for _, c := range []struct {
		name, path, src, want string
	}{
		{"ALL-CAPS key line under the title", "a.txt", "OUTAGE REVIEW: LOGINS FAILED\n\nTEAM: BILLING OPS\nSEVERITY: SEV2\n\nSUMMARY\n\nText.\n", "billing-ops"},
		{"key in prose, value wrapped", "a.txt", "Subject: Logins failed\n\nHi all,\n\nHere is the review. Owning team:\nMember Accounts.\n\nMore text.\n", "member-accounts"},
		{"columned key lines", "a.txt", "Logins failed\n\nTeam: Member Accounts          Severity: SEV2\n\nSummary\n\nText.\n", "member-accounts"},
		{"object with slug and display", "a.json", `{"title": "T", "summary": "S", "owning_team": {"slug": "member-accounts", "display": "Member Accounts"}}`, "member-accounts"},
		{"team of a named service object", "a.json", `{"title": "T", "summary": "S", "service": {"name": "api", "owning_team": {"slug": "payments"}}}`, "payments"},
		{"owning squad line", "a.md", "# T\n\n**Owning squad:** Checkout Web\n\nText.\n", "checkout-web"},
		{"a colon in mid-sentence is no key", "a.md", "# T\n\nWe asked the team: could it wait.\n", ""},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

func TestDurationSources2(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		minutes         float64
		source          string
	}{
		{"undated timeline across midnight", "a.md",
			"# T\n\n## Timeline\n\n- 21:50 change merged and deployed to staging\n- 23:40 first failed payments\n- 00:10 alert fires\n- 01:05 payments back to normal; resolved\n", 85, "timeline"},
		{"weekday stamps in a table", "a.md",
			"# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| Fri 22:30 | Cleanup job kicked off |\n| Fri 23:50 | Rows start disappearing from reports |\n| Sat 02:20 | Rows restored; incident resolved |\n", 150, "timeline"},
		{"undated days without a year", "a.txt",
			"T\n\nTimeline\n\n  Apr 03 10:00   schema change deployed\n  Apr 06 09:00   first timeouts\n  Apr 06 09:45   fix deployed; incident resolved\n", 45, "timeline"},
		{"preparatory run well ahead of the first symptom", "a.md",
			"# T\n\n**Date:** 2025-01-02\n\n## Timeline\n\n- 12:00 renewal job starts\n- 12:03 new certificates deployed\n- 12:40 sessions drop\n- 13:10 incident resolved\n", 30, "timeline"},
		{"impact window sentence, zone once at the end", "a.md",
			"# T\n\n## Summary\n\nReminders went out late. Impact window: 2025-03-09 23:30 to 2025-03-10 00:45 PST. Nobody missed a visit.\n", 75, "fields"},
		{"opened and closed fields", "a.yaml", "title: T\nsummary: S\nopened: \"2025-02-01T10:00:00+01:00\"\nclosed: \"2025-02-01T11:30:00+01:00\"\n", 90, "fields"},
		{"began and finished fields", "a.yaml", "title: T\nsummary: S\nbegan: 2025-02-01 10:00 +01:00\nfinished: 2025-02-01 10:50 +01:00\n", 50, "fields"},
		{"spelled duration", "a.md", "# T\n\n## Summary\n\nThe outage lasted two hours and nobody could pay.\n", 120, "prose"},
		{"an hour and a half", "a.md", "# T\n\n## Summary\n\nBookings failed for an hour and a half.\n", 90, "prose"},
		{"spelled minutes", "a.md", "# T\n\n## Impact\n\nSearch was down for forty-five minutes.\n", 45, "prose"},
		{"undated window across midnight", "a.md", "# T\n\n## Summary\n\nFrom 23:10 until 01:40 CET logins failed.\n", 150, "impact"},
		{"ISO 8601 duration field", "a.json", `{"title": "T", "summary": "S", "duration": "PT1H30M"}`, 90, "stated"},
		{"hh:mm duration field", "a.json", `{"title": "T", "summary": "S", "time_to_resolve": "01:45"}`, 105, "stated"},
		{"milliseconds field", "a.json", `{"title": "T", "summary": "S", "duration_ms": 5400000}`, 90, "stated"},
		{"hours field", "a.yaml", "title: T\nsummary: S\nduration_hours: 1.5\n", 90, "stated"},
		{"timeline one object down", "a.json",
			`{"title": "T", "summary": "S", "review": {"timeline": [{"at": "2026-01-01T10:00:00Z", "text": "errors start"}, {"at": "2026-01-01T10:30:00Z", "text": "resolved"}]}}`,
			30, "timeline"},
		{"bare range of times in the summary", "a.md", "# T\n\n**Date:** 2026-03-02\n\n## Summary\n\n**Impact:** 14:02–15:10 UTC, checkout failed.\n", 68, "impact"},
		{"range across midnight with am/pm", "a.md", "# T\n\n**Date:** 2026-03-02\n\n## Summary\n\nCheckout failed 11:50 PM - 12:40 AM ET.\n", 50, "impact"},
		{"incident began ... resolved", "a.md", "# T\n\n**Date:** 2026-03-02\n\n## Summary\n\nThe incident began at 14:02 and was resolved at 15:10.\n", 68, "impact"},
		{"month/day stamps", "a.md", "# T\n\n**Date:** 2026-03-02\n\n## Timeline\n\n- 03/02 08:15 errors start\n- 03/02 09:20 incident resolved\n", 65, "timeline"},
		{"times of day beside a date field", "a.md", "# T\n\n**Date:** 2026-03-02\n**Start:** 10:05 UTC\n**End:** 11:20 UTC\n\nText.\n", 75, "fields"},
		{"stated in a section named for nothing else", "a.txt",
			"T\n\nWHAT USERS SAW\n\nThe outage lasted 2h 10m and nobody could log in.\n", 130, "prose"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.DurationMinutes != c.minutes || pm.DurationSource != c.source {
			t.Errorf("%s: %.0f min from %q, want %.0f from %q", c.name, pm.DurationMinutes, pm.DurationSource, c.minutes, c.source)
		}
	}
}

// An undated timeline gives a duration but its entries stay undated.
func TestClockSpanLeavesEntriesUndated(t *testing.T) {
	pm := parseAs(t, "a.md", "# T\n\n## Timeline\n\n- 23:40 errors\n- 00:10 resolved\n", Options{})
	if pm.DurationMinutes != 30 {
		t.Errorf("duration %.0f, want 30", pm.DurationMinutes)
	}
	for _, e := range pm.Timeline {
		if e.At != nil {
			t.Errorf("entry %q dated %v", e.Text, e.At)
		}
	}
	if pm.StartedAt != nil || pm.Date != nil {
		t.Errorf("started %v date %v, want none", pm.StartedAt, pm.Date)
	}
}

func TestActionShapes2(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		want            []model.ActionItem
	}{
		{"AI-n lines wrapped, in text", "a.txt",
			"T\n\nACTION ITEMS\n\nAI-1: Pin the image. Owner: Ada Ng. Done.\nAI-2: Check the output of the\n      renderer. Owner: Bo Li. Open.\n",
			[]model.ActionItem{{Text: "Pin the image.", Owner: "Ada Ng", Status: "done"},
				{Text: "Check the output of the renderer.", Owner: "Bo Li", Status: "open"}}},
		{"AI-n lines with dash fields, in Markdown", "a.md",
			"# T\n\n## Action items\n\nAI-1: Page on unmapped codes — Ada Ng — done\nAI-2: Show whether a booking is confirmed before\n      the visit — Mobile web — open\n",
			[]model.ActionItem{{Text: "Page on unmapped codes", Owner: "Ada Ng", Status: "done"},
				{Text: "Show whether a booking is confirmed before the visit", Owner: "Mobile web", Status: "open"}}},
		{"ticket-keyed lines", "a.md",
			"# T\n\n## Follow-ups\n\nOPS-41  Cache headers of their own (Ada Ng) - done\nOPS-42  A freshness check that compares\nthe feed with the portal (Bo Li) - open\n",
			[]model.ActionItem{{Text: "OPS-41 Cache headers of their own", Owner: "Ada Ng", Status: "done", Ticket: "OPS-41"},
				{Text: "OPS-42 A freshness check that compares the feed with the portal", Owner: "Bo Li", Status: "open", Ticket: "OPS-42"}}},
		{"plain-text column table with wrapped rows", "a.txt",
			"T\n\nFollow-ups\n----------\n\n  Item                                 Owner      Status\n  ----                                 -----      ------\n  Add plan checks to CI                Ada Ng     open\n  Seed staging with realistic data     Data       open\n    and bookings\n  Add a duration panel                 Bo Li  done\n",
			[]model.ActionItem{{Text: "Add plan checks to CI", Owner: "Ada Ng", Status: "open"},
				{Text: "Seed staging with realistic data and bookings", Owner: "Data", Status: "open"},
				{Text: "Add a duration panel", Owner: "Bo Li", Status: "done"}}},
		{"fields on the wrapped line's end", "a.txt",
			"T\n\nFollow-up actions\n\n  1. Add a row-count check that fails the\n     run on big drops.                     D. Weber     Open\n  2. Remove dev-only filters.              S. Ito       Done\n",
			[]model.ActionItem{{Text: "Add a row-count check that fails the run on big drops.", Owner: "D. Weber", Status: "open"},
				{Text: "Remove dev-only filters.", Owner: "S. Ito", Status: "done"}}},
		{"sub-headings with details below", "a.md",
			"# T\n\n## Action items\n\n### AI-1: Add retries to the client\n\nOwner: Ana Ruiz. Status: open.\n\n### AI-2: Alert on queue depth\n\nOwner: Bo Li. Status: done.\n",
			[]model.ActionItem{{Text: "Add retries to the client", Owner: "Ana Ruiz", Status: "open"}, {Text: "Alert on queue depth", Owner: "Bo Li", Status: "done"}}},
		{"export list one object down", "a.json",
			`{"title": "T", "summary": "S", "review": {"follow_ups": [{"title": "Add a probe", "owner": "Bo Li"}, "Load test"]}}`,
			[]model.ActionItem{{Text: "Add a probe", Owner: "Bo Li"}, {Text: "Load test"}}},
		{"one item a line, each ending with its owner or status", "a.txt",
			"T\n\nACTION ITEMS\n\nFix the retries in the client (owner: Ana)\nAdd an alert on queue depth that pages\nthe on-call - Bo Li - open\nWrite the runbook [done]\n",
			[]model.ActionItem{{Text: "Fix the retries in the client", Owner: "Ana"},
				{Text: "Add an alert on queue depth that pages the on-call", Owner: "Bo Li", Status: "open"}, {Text: "Write the runbook", Status: "done"}}},
		{"a prose paragraph stays one item", "a.txt",
			"T\n\nACTION ITEMS\n\nWe will add an alert on queue depth and\nreview the runbook with the on-call team.\n",
			[]model.ActionItem{{Text: "We will add an alert on queue depth and review the runbook with the on-call team."}}},
		{"export items keyed by number", "a.json",
			`{"title": "T", "summary": "S", "action_items": {"AI-1": {"title": "Fix A", "owner": "Ana"}, "AI-2": {"title": "Fix B", "status": "done"}}}`,
			[]model.ActionItem{{Text: "Fix A", Owner: "Ana"}, {Text: "Fix B", Status: "done"}}},
		{"a Tasks heading", "a.md", "# T\n\n## Tasks\n\n- Fix A (owner: Ana)\n- Fix B\n",
			[]model.ActionItem{{Text: "Fix A", Owner: "Ana"}, {Text: "Fix B"}}},
		{"table without <th> under Remediation", "a.html",
			"<html><body><p>Summary</p><p>Text.</p><p>Remediation</p><table><tr><td>Item</td><td>Owner</td><td>Status</td></tr>" +
				"<tr><td>Turn the cache on</td><td>Ada Ng</td><td>Done</td></tr><tr><td>Watch the query rate</td><td>Bo Li</td><td>Open</td></tr></table></body></html>",
			[]model.ActionItem{{Text: "Turn the cache on", Owner: "Ada Ng", Status: "done"}, {Text: "Watch the query rate", Owner: "Bo Li", Status: "open"}}},
		{"YAML todo list", "a.yaml",
			"incident:\n  headline: T\n  writeup: S\n  todo:\n    - item: Add a review step\n      who: Ada Ng\n      done: false\n    - item: Extend the tests\n      who: Bo Li\n      done: true\n",
			[]model.ActionItem{{Text: "Add a review step", Owner: "Ada Ng", Status: "open"}, {Text: "Extend the tests", Owner: "Bo Li", Status: "done"}}},
		{"Markdown body beside an envelope", "a.json",
			`{"tool": "x", "incident": {"title": "T"}, "body_markdown": "## Summary\n\nS.\n\n## Improvements\n\n1. Ignore missing columns (Ada Ng, done)\n2. Preview changes (Bo Li, open)\n"}`,
			[]model.ActionItem{{Text: "Ignore missing columns", Owner: "Ada Ng", Status: "done"}, {Text: "Preview changes", Owner: "Bo Li", Status: "open"}}},
		{"Markdown body in a postmortem object", "a.json",
			`{"tool": {"v": 5}, "metadata": {"team": "x"}, "incident": {"title": "T"}, "postmortem": {"format": "markdown", "content": "## Summary\n\nS.\n\n## Follow-up actions\n\n- [ ] Do not cache errors (Ada Ng, open)\n- [x] Add a probe (Bo Li, done)\n"}}`,
			[]model.ActionItem{{Text: "Do not cache errors", Owner: "Ada Ng", Status: "open"}, {Text: "Add a probe", Owner: "Bo Li", Status: "done"}}},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if !reflect.DeepEqual(pm.ActionItems, c.want) && !(len(pm.ActionItems) == 0 && len(c.want) == 0) {
			t.Errorf("%s: items\n%+v\nwant\n%+v", c.name, pm.ActionItems, c.want)
		}
	}
}

func TestSplitNumberedLines(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"AI-1: One\nAI-2: Two\n  wrapped", []string{"One", "Two wrapped"}},
		{"A1. One\nA2. Two", []string{"One", "Two"}},
		{"[R1] One\n[R2] Two", []string{"One", "Two"}},
		{"OPS-1  One\nOPS-2  Two", []string{"OPS-1  One", "OPS-2  Two"}},
		{"AI-1: only one item", []string{"AI-1: only one item"}},
		{"Some prose\nAI-1: One\nAI-2: Two", []string{"Some prose\nAI-1: One\nAI-2: Two"}},
		{"We fixed it.\nThen we left.", []string{"We fixed it.\nThen we left."}},
	} {
		if got := splitNumberedLines(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitNumberedLines(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestInlineFields(t *testing.T) {
	for _, c := range []struct {
		text, key, want string
	}{
		{"Here is the review. Owning team:\nProvider Portal.\n", mTeam, "Provider Portal"},
		{"Late reminders. Impact window: 2025-03-09 23:30 to 00:45 PST. More.", mRange, "2025-03-09 23:30 to 00:45 PST"},
		{"Team: Search", mTeam, "Search"},
		{"We told the team: wait.", mTeam, ""},                               // not at a sentence start
		{"Team: the one that owns the booking flow and the apps", mTeam, ""}, // too long for a name
		{"Note: the start of the outage was unclear.", mStarted, ""},         // not a known key
		{"Severity: SEV2. Team: Billing.", mTeam, "Billing"},
	} {
		f := newFields()
		inlineFields([]block{{kind: bPara, text: c.text, checked: -1}}, f)
		if got := f.get(c.key); got != c.want {
			t.Errorf("inlineFields(%q)[%s] = %q, want %q", c.text, c.key, got, c.want)
		}
	}
}

func TestWeekdayStamp(t *testing.T) {
	for _, c := range []struct {
		in        string
		hour, min int
		rest      string
		ok        bool
	}{
		{"Sat 21:45 rows vanish", 21, 45, "rows vanish", true},
		{"Sunday 00:35 | confirmed", 0, 35, "confirmed", true},
		{"Saturday evening it broke", 0, 0, "", false},
	} {
		m, rest, ok := leadingStamp(c.in)
		if ok != c.ok || ok && (m.hour != c.hour || m.minute != c.min || rest != c.rest) {
			t.Errorf("leadingStamp(%q) = %02d:%02d %q %v, want %02d:%02d %q %v", c.in, m.hour, m.minute, rest, ok, c.hour, c.min, c.rest, c.ok)
		}
	}
}

func TestUnwrapExport(t *testing.T) {
	in := map[string]any{"tool": "x", "title": "outer", "incident": map[string]any{"title": "inner", "team": "a"},
		"postmortem": map[string]any{"content": "body"}}
	got := unwrapExport(in)
	want := map[string]any{"tool": "x", "title": "outer", "team": "a", "content": "body"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unwrapExport = %v, want %v", got, want)
	}
	_ = time.UTC
}

// A "writeup" field is the summary.
func TestExportWriteup(t *testing.T) {
	pm := parseAs(t, "a.yaml", "incident:\n  headline: T\n  writeup: The synonyms file mapped two words to one stem.\n", Options{})
	if len(pm.Sections) == 0 || pm.Sections[0].Kind != model.SectionSummary || pm.Sections[0].Text == "" {
		t.Errorf("sections %+v, want the writeup as the summary", pm.Sections)
	}
}

// An export's zone field is the zone of its times written without one.
func TestExportZone(t *testing.T) {
	for _, src := range []string{
		"title: T\nsummary: S\nstart: 2026-03-04 13:20\nend: 2026-03-04 15:05\ntimezone: America/Chicago\n",
		"title: T\nsummary: S\nstart: 2026-03-04 13:20\nend: 2026-03-04 15:05\nmeta:\n  tz: America/Chicago\n",
	} {
		pm := parseAs(t, "a.yaml", src, Options{})
		if pm.StartedAt == nil || pm.StartedAt.UTC().Format("15:04") != "19:20" {
			t.Errorf("started %v, want 13:20 in Chicago (19:20 UTC)", pm.StartedAt)
		}
	}
}

package ingest

import (
	"testing"
)

// Shapes found on the fifth unseen set, written afresh here (other
// wording, other names): sub-teams after a dash, owners stated without
// "team", signatures, Org-mode, Word list paragraphs, epoch and split
// time fields, fenced timelines, ordinal paragraphs and "AI-n" lines
// whose wrapped lines start with a ticket.

func TestTeamSources5(t *testing.T) {
	for _, c := range []struct {
		name, path, src, want string
	}{
		{"review owner with a sub-team", "a.txt",
			"INCIDENT REVIEW  CX-101\nDEPOT SCANNERS OFFLINE\n\nREVIEW OWNER: Fleet Systems - Scanner Reliability\n\nSUMMARY\n\nScanners went offline.\n", "fleet-systems"},
		{"owner with a qualifier, named before on-call", "a.md",
			"# Parcels stuck\n\n**Owner:** Route Planning (Dispatch)\n\n## Timeline\n\n- 10:02 Route Planning on-call paged\n", "route-planning"},
		{"owns this one without the word team", "a.txt",
			"Subject: Labels printed twice\n\nHi all,\n\nA long night for some. Dispatch owns this one. The printers team helped.\n", "dispatch"},
		{"a pronoun owns no team", "a.txt",
			"Subject: Labels printed twice\n\nHi all,\n\nWe own this one. The printers team helped.\n", "printers"},
		{"written up for the team", "a.md",
			"# Labels printed twice\n\n## Summary\n\nThe Printers team restarted the spooler.\n\n*Written up by Jo Bell for the Dispatch team.*\n", "dispatch"},
		{"my team in parentheses", "a.md",
			"# Labels printed twice\n\n## Summary\n\nMy team (Depot Tools) owned the spooler change. The Printers team helped.\n", "depot-tools"},
		{"signature at the end", "a.md",
			"# Labels printed twice\n\n## Summary\n\nThe spooler stalled.\n\n## Follow-ups\n\n- Add a spooler alert\n\n— Depot Platform\n", "depot-platform"},
		{"a person's signature names no team", "a.md",
			"# Labels printed twice\n\n## Summary\n\nThe spooler stalled.\n\n— Jo Bell\n", ""},
		{"definition list assignment group", "a.html",
			"<html><body><h1>Labels printed twice</h1><dl><dt>Assignment group</dt><dd>Mobile</dd></dl><h2>Summary</h2><p>The spooler stalled.</p></body></html>", "mobile"},
		{"org-mode property", "a.org",
			"#+TITLE: Labels printed twice\n#+PROPERTY: team Depot Tools\n\n* Summary\n  The spooler stalled.\n", "depot-tools"},
		{"nested owner object with a team", "a.yaml",
			"title: Labels printed twice\nsummary: The spooler stalled.\nservice:\n  name: spooler\n  owner:\n    team: Depot Tools\n    escalation: depot-oncall\n", "depot-tools"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

func TestDurationSources5(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		minutes         float64
	}{
		{"zone written at the start only", "a.md",
			"# T\n\n**Date:** 2025-02-03\n\n## Summary\n\nScans failed from 09:10 NZDT until 11:40, when the fix landed.\n", 150},
		{"impact begins. then the next entry", "a.md",
			"# T\n\n## Timeline (UTC)\n\n- 3 Mar 22:00 – nightly job starts\n- 3 Mar 22:20 – table emptied. Impact begins.\n" +
				"- 3 Mar 22:31 – job marked failed\n- 4 Mar 01:05 – table restored, pages load. Impact ends.\n- 4 Mar 09:00 – load fixed\n", 165},
		{"outage began and service restored", "a.md",
			"# T\n\n**Date:** 2025-02-03\n\n## Summary\n\nThe outage began at 08:15 AEST and service was fully restored at 09:00 AEST.\n", 45},
		{"spelled-out Australian zone is not US Eastern", "a.md",
			"# T\n\n## Timeline\n\nAll times are Australian Eastern Standard Time (UTC+10).\n\n- 2025-06-03 08:00 – deploy\n" +
				"- 2025-06-03 08:10 – errors start\n- 2025-06-03 08:50 – errors stop, resolved\n", 40},
		{"epoch fields with closed after mitigated", "a.json",
			`{"title": "T", "summary": "S", "impact_started_epoch": 1735725600, "mitigated_epoch": 1735729200, "closed_epoch": 1735732800}`, 60},
		{"first customer impact in milliseconds", "a.json",
			`{"title": "T", "summary": "S", "timestamps_ms": {"first_customer_impact": 1735725600000, "mitigated": 1735727400000, "closed": 1735732800000}}`, 30},
		{"times split into date, time and zone", "a.yaml",
			"title: T\nsummary: S\nimpact:\n  began:\n    date: 2025-01-09\n    time: \"23:40\"\n    tz: Europe/Berlin\n  ended:\n    date: 2025-01-10\n    time: \"00:25\"\n    tz: Europe/Berlin\n", 45},
		{"timeline in a fence", "a.md",
			"# T\n\n## Timeline (UTC)\n\n```\n2 Apr 10:00  change announced\n2 Apr 10:30  errors start; impact starts\n2 Apr 11:10  rollback done; impact ends\n```\n", 40},
		{"org-mode timeline headings", "a.org",
			"#+TITLE: T\n#+DATE: <2025-03-02 Sun>\n\n* Timeline\n** 2025-03-01 Sat 09:00 CET\n   Change merged.\n** 2025-03-02 Sun 10:00 CET\n   Errors start. Impact starts.\n** 10:45\n   Fixed. Impact ends.\n", 45},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.DurationMinutes != c.minutes {
			t.Errorf("%s: duration %v (%s), want %v", c.name, pm.DurationMinutes, pm.DurationSource, c.minutes)
		}
	}
}

func TestActionShapes5(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		want            []string
	}{
		{"ordinal paragraph", "a.md",
			"# T\n\n## Where we go from here\n\nWe agreed on three things. First, we'll add a spooler alert (DEP-1, Jo). Second, the printers get a " +
				"health check. Finally, we'll write a runbook.\n\nThanks all.\n",
			[]string{"We'll add a spooler alert", "The printers get a health check.", "We'll write a runbook."}},
		{"AI lines whose wrapped line starts with a ticket", "a.md",
			"# T\n\n## Follow-ups\n\nAI-1: Add a spooler alert and page\n      the depot on-call. Owner: Jo.\n      DEP-4. Open.\nAI-2: Write a runbook. Owner: Sam.\n      DEP-5. Done.\n",
			[]string{"Add a spooler alert and page the depot on-call.", "Write a runbook."}},
		{"org-mode TODO headings", "a.org",
			"#+TITLE: T\n#+AUTHOR: Jo\n\n* Follow-ups\n** DONE Add a spooler alert\n   CLOSED: [2025-03-04 Tue]\n   - owner: Jo\n** TODO Write a runbook\n   - owner: Sam\n",
			[]string{"Add a spooler alert", "Write a runbook"}},
		{"Word list paragraphs", "a.html",
			"<html><body><h1>T</h1><h2>Follow-ups</h2>" +
				"<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>&#183;<span>&nbsp;&nbsp;</span></span><![endif]>Add a spooler alert</p>" +
				"<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>&#183;<span>&nbsp;&nbsp;</span></span><![endif]>Write a runbook</p>" +
				"</body></html>",
			[]string{"Add a spooler alert", "Write a runbook"}},
		{"table headed No. and Recommendation", "a.html",
			"<html><body><h1>T</h1><h2>Recommendations</h2><table><tr><td><b>No.</b></td><td><b>Recommendation</b></td><td><b>Owner</b></td><td><b>Status</b></td></tr>" +
				"<tr><td>R1</td><td>Add a spooler alert</td><td>Jo</td><td>Open</td></tr><tr><td>R2</td><td>Write a runbook</td><td>Sam</td><td>Complete</td></tr></table></body></html>",
			[]string{"Add a spooler alert", "Write a runbook"}},
		{"steps taken during the incident are no follow-ups", "a.md",
			"# T\n\n## 6. Remedial actions taken during the incident\n\n- restarted the spooler\n\n## 7. Remedial actions\n\n1. Add a spooler alert\n",
			[]string{"Add a spooler alert"}},
		{"ALL-CAPS heading with an aside", "a.txt",
			"T\n\nWHAT WE DID (mitigation, not follow-ups)\n  - restarted the spooler\n\nNEXT STEPS (agreed at the review)\n  * add a spooler alert\n  * write a runbook\n",
			[]string{"add a spooler alert", "write a runbook"}},
		{"YAML improvements with change and subtasks", "a.yaml",
			"title: T\nsummary: S\nreview:\n  improvements:\n    - ref: DEP-1\n      change: Add a spooler alert\n      owner: Jo\n      state: todo\n      subtasks:\n        - ref: DEP-1a\n          change: pick a threshold\n    - ref: DEP-2\n      change: Write a runbook\n      owner: Sam\n      state: done\n",
			[]string{"Add a spooler alert", "Write a runbook"}},
		{"owner, ticket and status after a double dash", "a.txt",
			"T\n\nNEXT STEPS\n  * add a spooler alert  -- jo, DEP-1, open\n  * write a runbook  -- sam, DEP-2, done\n",
			[]string{"add a spooler alert", "write a runbook"}},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		var got []string
		for _, a := range pm.ActionItems {
			got = append(got, a.Text)
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %d items %q, want %q", c.name, len(got), got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: item %d %q, want %q", c.name, i, got[i], c.want[i])
			}
		}
	}
	pm := parseAs(t, "a.txt", "T\n\nNEXT STEPS\n  * add a spooler alert  -- jo, DEP-1, open\n", Options{})
	if a := pm.ActionItems; len(a) != 1 || a[0].Owner != "jo" || a[0].Ticket != "DEP-1" || a[0].Status != "open" {
		t.Errorf("double-dash tail: %+v, want owner jo, ticket DEP-1, status open", a)
	}
}

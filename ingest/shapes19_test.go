package ingest

import "testing"

// Shapes found on the seventeenth unseen set after its first (held-out)
// run, written afresh here for a fictional ferry operator (not the set's
// text).
func TestShapes19(t *testing.T) {
	checkShapes(t, []shapeCase{
		{"a bulk export with an object describing the export beside its records", "a.json",
			`{"export": {"source": "desk.example", "exported_at": "2025-03-02 10:00:00", "time_zone": "UTC"},
			  "records": [{"number": "INC-77", "short_description": "Ticket machines offline at the north pier",
			    "assignment_group": {"display_value": "Pier Systems"},
			    "u_customer_impact_start": "2025-03-01 08:00:00", "u_customer_impact_end": "2025-03-01 09:10:00",
			    "problem": {"problem_tasks": [{"short_description": "Alert when a ticket machine stops reporting"},
			      {"short_description": "Keep a spare router at each pier"}]}}]}`,
			"pier-systems", 2, 70},
		{"fields side by side in a report's aligned columns", "a.txt",
			"FERRY OPS INCIDENT REPORT\n\nTITLE        : GANGWAY SENSOR FALSE ALARMS\nTEAM         : VESSEL SYSTEMS\nOPENED       : 04-MAR-2025 10:00        RESOLVED   : 04-MAR-2025 11:30\nCLOSED       : 06-MAR-2025 09:00        REOPENED   : N\n\n----------------------------------------\nFOLLOW-UP ACTIONS\n----------------------------------------\n  1. RECALIBRATE THE GANGWAY SENSORS\n",
			"vessel-systems", 1, 90},
		{"an impact section that opens with its window", "a.md",
			"# Timetable screens blank\n\nOwning team: Passenger Info\n\n## Impact\n\n- Screens at every pier were blank from 2:10pm to 3:00pm GMT on 5 March 2025.\n- The first report reached us at 2:30pm; the failures began at 2:10 according to the logs.\n- The supplier marked its status page resolved at 4:15pm.\n\n## Follow-ups\n\n- Alert on blank screens\n",
			"passenger-info", 1, 50},
		{"times written with a dot", "a.txt",
			"MEMORANDUM\n\nRE: Online check-in outage, 6 March 2025\nTeam: Booking Web\n\n1. IMPACT\n\n1.1 Passenger impact lasted from 1.15 pm to 3.05 pm UTC. The ticket was closed at 6.00 pm.\n\n2. ACTIONS\n\n2.1 Add a synthetic check-in test.\n",
			"booking-web", 1, 110},
		{"an e-mail's timeline in a presentation table; people who start being hurt", "a.html",
			`<html><body><table role="presentation"><tr><td><p>Owning team: Booking Web</p>
			<h2>Timeline (UTC, 7 March 2025)</h2>
			<table role="presentation" class="tl"><tr><td><strong>9:00am</strong></td><td>Release 4.2 deployed.</td></tr>
			<tr><td><strong>9:20am</strong></td><td>Passengers start being shown an empty basket.</td></tr>
			<tr><td><strong>10:05am</strong></td><td>Rollback complete; service restored.</td></tr>
			<tr><td><strong>1:30pm</strong></td><td>Incident closed.</td></tr></table>
			<h2>Follow-ups</h2><ul><li>Test the basket before each release</li></ul></td></tr></table></body></html>`,
			"booking-web", 1, 45},
		{"a stamp marked in another zone is that entry's alone", "a.md",
			"# Boarding gates rejecting passes\n\nDate: 10 February 2025\nOwner: Terminal Access\n\n## Timeline\n\nAll times EST (UTC-5) unless marked.\n\n- 22:00 Nightly pass sync starts.\n- 22:10 Passengers start being refused at the gates.\n- 04:40 CET (22:40 EST) Lisbon on-call paged.\n- 23:05 Service restored; gates accept passes again.\n- 23:50 Incident closed.\n\n## Follow-ups\n\n- Check the sync's record count\n",
			"terminal-access", 1, 55},
		{"a digest's other incidents are no follow-ups", "a.html",
			`<html><body><p>Owning team: Booking Web</p><p>Bookings failed from 10:00 to 10:30 UTC on 11 March 2025.</p>
			<p><strong>Follow-up actions</strong></p><ul><li>Alert on failed bookings</li><li>Load test before sales</li></ul>
			<p><strong>Also this week (minor)</strong></p>
			<table><tr><th>Ref</th><th>Summary</th><th>Team</th></tr><tr><td>INC-1</td><td>Wi-Fi slow on the 08:10 sailing</td><td>Onboard IT</td></tr>
			<tr><td>INC-2</td><td>Café tills slow to print</td><td>Retail</td></tr></table></body></html>`,
			"booking-web", 2, 30},
		{"a status page: the stated window from the incident's start outranks its resolve time", "a.json",
			`{"incident": {"name": "Bookings failing", "status": "resolved", "started_at": "2025-03-08T10:00:00Z",
			  "monitoring_at": "2025-03-08T11:10:00Z", "resolved_at": "2025-03-08T12:30:00Z",
			  "postmortem_body": "On Saturday 8 March, between 10:00 am and 11:05 am UTC, bookings on the website failed. The booking service kept running."}}`,
			"", 0, 65},
		{"an incident tool's Fixed timestamp ends the impact", "a.json",
			`{"incident": {"name": "Card payments declined", "incident_timestamp_values": [
			  {"incident_timestamp": {"name": "Impact started"}, "value": {"value": "2025-03-09T08:00:00Z"}},
			  {"incident_timestamp": {"name": "Fixed"}, "value": {"value": "2025-03-09T08:40:00Z"}},
			  {"incident_timestamp": {"name": "Resolved"}, "value": {"value": "2025-03-09T10:00:00Z"}}]}}`,
			"", 0, 40},
		{"a stated impact end outranks the Fixed timestamp", "a.json",
			`{"incident": {"name": "Card payments declined", "incident_timestamp_values": [
			  {"incident_timestamp": {"name": "Impact started"}, "value": {"value": "2025-03-09T08:00:00Z"}},
			  {"incident_timestamp": {"name": "Fixed"}, "value": {"value": "2025-03-09T08:40:00Z"}},
			  {"incident_timestamp": {"name": "Impact ended"}, "value": {"value": "2025-03-09T08:50:00Z"}},
			  {"incident_timestamp": {"name": "Resolved"}, "value": {"value": "2025-03-09T10:00:00Z"}}]}}`,
			"", 0, 50},
		{"a retro board: the year from a numeric date, the window in its context", "a.md",
			"# Retro: kiosk printers jammed\n\n> Exported on 14/03/2025 16:00 · Board owner: Sam Reed\n\n**Context:** On Wed 12 Mar the kiosk printers at the ferry terminal jammed from 7:40am to 9:10am GMT. The supplier shipped new paper that week.\n\n## Actions\n\n- Stock the larger paper rolls\n",
			"", 1, 90},
		{"an export's sections: timeline entries, factor items; rejected ideas", "a.json",
			`{"review": {"meta": {"title": "Turnstiles locked at the terminal"}, "ownership": {"primary": {"teamName": "Terminal Access"}},
			  "sections": [{"type": "timeline", "heading": "Timeline", "note": "Entries are in UTC.", "entries": [
			      {"at": "2025-03-15T06:00:00Z", "text": "Nightly card sync starts."},
			      {"at": "2025-03-15T06:20:00Z", "text": "First denied tap at the north gate."},
			      {"at": "2025-03-15T07:30:00Z", "text": "Last turnstile reloads; cards accepted again."},
			      {"at": "2025-03-15T08:00:00Z", "text": "Review record created; incident marked resolved."}]},
			    {"type": "contributing_factors", "heading": "Why it happened", "items": [{"title": "Short file", "detail": "The export was cut short."}]}],
			  "followUps": {"items": [{"title": "Check record counts before applying"}, {"title": "Alert on mass deactivations"}],
			    "rejected": [{"title": "Run the sync weekly", "reason": "Cards would stay live for days."}]}}}`,
			"terminal-access", 2, 70},
		{"a claim on a wrapped line; a signature after its '--' line", "a.txt",
			"Subject: Card top-ups failing overnight\n\nHi all,\n\nA short write-up. The Service Desk took most of the calls. Fares Systems owns the top-up integration and we're\nrunning the review.\n\nWhat happened\n\nTop-ups failed from 01:00 to 02:15 UTC on 16 March 2025.\n\nNext steps\n\n  1. Alert on failed top-ups. Owner: Fares Systems.\n\nThanks to the Service Desk team for the morning.\n\n--\nNia Evans\nLead Engineer, Fares Systems\nDigital | Harbour Ferries\nPier 3, Cardiff\nnia@example.com\n",
			"fares-systems", 1, 75},
		{"an owner among a canvas line's segments, with a remark", "a.md",
			"# Onboard Wi-Fi down\n\n*Canvas in #inc-wifi · owner: the Onboard IT folks (ping @wifi-oncall) · updated Mon 17 Mar*\n\n## Impact\n\nWi-Fi was down from 09:00 to 09:40 UTC on 17 March 2025.\n\n## Follow-ups\n\n- Spare access point per vessel\n",
			"onboard-it-folks", 1, 40},
		{"a mention chip names the owner; non-breaking separators", "a.html",
			`<html><body><p><b>Ticket:</b> INC-3 &nbsp;·&nbsp; <b>Owned by:</b> <span class="mention">@Fares Systems</span> &nbsp;·&nbsp; <b>Written by:</b> <span class="mention">@Nia Evans</span></p>
			<h2>What happened</h2><p>Top-ups failed from 01:00 to 01:30 UTC on 18 March 2025.</p><h2>Follow-ups</h2><ul><li>Alert on failed top-ups</li></ul></body></html>`,
			"fares-systems", 1, 30},
		{"contributing teams are no owner; the service owner is", "a.html",
			`<html><body><h1>Departure boards frozen</h1>
			<dl><dt>Service owner</dt><dd>Timetable Data</dd><dt>Contributing teams</dt><dd>Cloud Network, Service Desk</dd></dl>
			<p>Boards froze from 12:00 to 12:45 UTC on 19 March 2025.</p>
			<h2>Follow-ups</h2><ul><li>Watchdog on the board feed</li></ul></body></html>`,
			"timetable-data", 1, 45},
		{"a section headed Owner over the team's name", "a.md",
			"# IR-12: berth sensors offline\n\n## Status\n\nAccepted.\n\n## Owner\n\nBerth ops\n\n## Impact\n\nSensors were offline from 05:00 to 05:30 UTC on 20 March 2025. The harbour team's radar was fine.\n\n## Follow-ups\n\n- Alarm on sensor silence\n",
			"berth-ops", 1, 30},
		{"a key/value table with a nested table in one value", "a.html",
			`<html><body><h1>PIR-3: timetable feed stale</h1><table class="confluenceTable"><tbody>
			<tr><th>Incident</th><td>INC-9</td></tr><tr><th>Accountable team</th><td>Timetable Data</td></tr>
			<tr><th>Others involved</th><td><table><tr><th>Group</th><th>Role</th></tr><tr><td>Service Desk</td><td>first calls</td></tr></table></td></tr></tbody></table>
			<h2>Impact</h2><p>The feed was stale from 14:00 to 14:50 UTC on 21 March 2025.</p><h2>Follow-ups</h2><ul><li>Alert on feed age</li></ul></body></html>`,
			"timetable-data", 1, 50},
		{"a letter sent on behalf of the owning team", "a.txt",
			"HARBOUR FERRIES\n\n22 March 2025\n\nDear Harbour Master,\n\nREASON FOR OUTAGE: BERTH BOOKING SYSTEM\n\nBetween 10:00 and 11:20 UTC on 21 March 2025 berth bookings could not be made. Our network team's change caused it. This letter is sent on behalf of Marine Engineering, which runs the booking system.\n\nWhat we will do\n\n  1. Test firewall changes against the booking system.\n\nYours sincerely,\nOwen Price\n",
			"marine-engineering", 1, 80},
	})
}

// TestKnownTeamByAliasWords checks that a name no alias and no known
// team spells out maps to the one team an alias's own words name.
func TestKnownTeamByAliasWords(t *testing.T) {
	aliases := map[string]string{"Tide Gauge Services": "marine-data", "marine-data": "marine-data", "POS Team": "retail",
		"retail": "retail"}
	for _, c := range []struct{ src, want string }{
		{"# Gauges offline\n\nTeam: Tide gauge ops\n", "marine-data"},
		{"# Tills failing\n\nTeam: the POS crew\n", "retail"},
		{"# Boards frozen\n\nTeam: Harbour Ops\n", "harbour-ops"},
		{"# Tills failing\n\nTeam: POSs eng\n", "retail"},
	} {
		if pm := parseAs(t, "a.md", c.src, Options{TeamAliases: aliases}); pm.Team != c.want {
			t.Errorf("%q: team %q, want %q", c.src, pm.Team, c.want)
		}
	}
}

// TestDotClocks checks the rewrite of dotted times of day, offsets kept.
func TestDotClocks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"from 2.05 pm to 6.20 pm", "from 2:05 pm to 6:20 pm"},
		{"at 11.40am and 9.05 a.m.", "at 11:40am and 9:05 a.m."},
		{"version 12.05 pm-ready; 1.2.05 pm", "version 12:05 pm-ready; 1.2.05 pm"},
		{"v2.05 pm, 3.5 pm, 2.05 GB, 2.05 pmx", "v2.05 pm, 3.5 pm, 2.05 GB, 2.05 pmx"},
	} {
		if got := dotClocks(c.in); got != c.want || len(got) != len(c.in) {
			t.Errorf("dotClocks(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

package ingest

import "testing"

// Shapes found on the eighteenth unseen set after its first (held-out)
// run, written afresh here for a fictional concert hall's box office (not
// the set's text).
func TestShapes20(t *testing.T) {
	checkShapes(t, []shapeCase{
		{"activity items tagged as the impact's start and end outrank a duration field", "a.json",
			`{"incident": {"title": "Seat map blank for season tickets", "durationSeconds": 9000,
			  "incidentStart": "2025-02-01T09:00:00Z", "incidentEnd": "2025-02-01T11:30:00Z",
			  "fieldValues": [{"name": "Owning team", "value": "Box Office Web"}]},
			 "activityItems": [
			  {"eventTime": "2025-02-01T09:20:00Z", "body": "First blank seat maps in the logs.", "tags": ["backfill", "impact-start"]},
			  {"eventTime": "2025-02-01T10:05:00Z", "body": "Seat maps load again.", "tags": ["impact-end"]}],
			 "followUps": [{"title": "Alert on blank seat maps"}]}`,
			"box-office-web", 1, 45},
		{"'From <time> the ...' and an end on a wrapped line", "a.txt",
			"Wrap-up for BO-77 (times GMT)\n\nOwning team: Box Office Web\n\nWhat happened: a cache rule went out at 9:00 PM on 3 March 2025. From 11:10 PM the seat service couldn't read\nprices, so buyers got an error. The rule was reverted at 11:50 PM and buyer impact was over at\n12:25 AM once the cache had drained.\n\nFollow-ups\n  - Test cache rules against the seat service. Due 25 Apr.\n",
			"box-office-web", 1, 75},
		{"the summary's window around the impact section's detail", "a.md",
			"---\ndate: 2025-03-09 10:00:00 +0000\n---\n# Ticket scanners offline\n\nOwning team: Venue Systems\n\n## Summary\n\nScanners at the doors were offline from **18:40 UTC until 19:25 UTC**: 45 minutes.\n\n## Impact\n\n- About a third of scans failed, worst between 18:55 and 19:05 UTC.\n\n## Follow-ups\n\n- Spare scanners at every door\n",
			"venue-systems", 1, 45},
		{"a time field with the same moment again in a remark", "a.md",
			"# Incident card: hall Wi-Fi down\n\n| Field | Value |\n|---|---|\n| Date | Sat 15 Mar 2025 |\n| Owning team | Venue Systems |\n| Customer impact start | 19:10 SAST (17:10 UTC) |\n| Customer impact end | 19:52 SAST (17:52 UTC) |\n\n## Follow-ups\n\n- Second uplink for the hall\n",
			"venue-systems", 1, 42},
		{"a window named by its events in one sentence", "a.md",
			"# Debrief: donation page frozen\n\nOwning team: Box Office Web\nDate: 16 March 2025\n\n## Timeline (UTC)\n\n| UTC | What happened |\n|---|---|\n| 20:05 | Release 4.2 deployed. |\n| 20:12 | Page freezes. |\n| 20:58 | Page moving again. |\n\nThe impact window we agreed on runs from the freeze in the page monitor at 20:12 to the support desk confirming a good page at 20:58.\n\n## Actions\n\n- Synthetic check on the donation page\n",
			"box-office-web", 1, 46},
		{"'started with ... at <time> and ended when ... at <time>' across the clock change", "a.md",
			"# Review: hall clock displays wrong\n\nOwning team: Venue Systems\nDate: 27 October 2024\n\n## Impact\n\n- **Patrons**: the confusion started with the early announcement at 01:40 BST and ended when the displays were reset at 01:20 GMT, under an hour of elapsed time.\n\n## Actions\n\n- Test displays across the clock change\n",
			"venue-systems", 1, 40},
		{"a ticket marked resolved after the recovery closes the books", "a.md",
			"# Archive recordings unavailable\n\nOwning team: Recording Archive\nDate: 21 August 2024\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 08:15 | First playback of an archive recording fails. |\n| 09:40 | Robot arm fenced. |\n| 10:02 | Last failing recording plays; errors back to zero. |\n| 13:00 | BO-4530 resolved. |\n\n## Follow-ups\n\n- Alert on restore queue depth\n",
			"recording-archive", 1, 107},
		{"a help-desk export: a titled custom field and linked problem tasks with subjects", "a.json",
			`{"ticket": {"subject": "App closes on play", "status": "solved", "group_name": "Service Desk - Tier 2",
			  "custom_fields": [{"id": 1, "title": "Owning engineering team", "value": "Box Office Apps"}],
			  "created_at": "2025-02-08T10:00:00Z", "solved_at": "2025-02-08T12:00:00Z"},
			 "linked_problem_tasks": [{"id": 7, "type": "task", "subject": "Crash alert per OS version", "status": "open"},
			  {"id": 8, "type": "task", "subject": "Gate flags by minimum OS version", "status": "open"}]}`,
			"box-office-apps", 2, 0},
		{"'for the record, X owns this incident'; actions headed 'Actions from the bridge'", "a.txt",
			"Bridge transcript\n\n0:00:10 Thabo Nkosi\nOK so 19:42 is our start. And for the record, Venue Systems owns this incident, that's my team.\n\n0:40:00 Thabo Nkosi\nThe hall feed is back at 20:19, calling it resolved.\n\n----\n\nACTIONS FROM THE BRIDGE - BO-12 (typed up by Thabo)\n\n1. [Venue Systems - Thabo] Check every backup encoder preset. Due 22 Aug.\n2. [Venue Systems - Sipho] Trip the changeover on lost input too. Due 5 Sep.\n",
			"venue-systems", 2, 0},
		{"commit-message trailers name the owner", "a.txt",
			"box office: seat holds stuck after creds rotation\n\nFrom 21:00 to 22:10 UTC on 4 May 2025 seat holds did not release.\n\nFollow-ups:\n - alert on age of oldest hold (me)\n - reload creds from the mounted secret\n\nOwned-by: seat eng\nReported-by: Service Desk (SD-1)\nRefs: BO-9\n",
			"seat-eng", 2, 70},
		{"a long item ending with a colon keeps its sub-steps", "a.md",
			"# Node rotation ran twice\n\nOwning team: Venue Systems\n\n## Impact\n\nCheckout failed from 05:48 UTC until 06:57 UTC on 3 November 2024.\n\n## Follow-up actions\n\n1. Move the rotation job to a UTC schedule.\n2. Make the rotation controller stop draining when new nodes can't be created:\n   - pause after two failures\n   - page the on-call\n3. Raise the regional quota.\n",
			"venue-systems", 3, 69},
		{"a 'Related' links block and a 'Putting it right' offer are no follow-ups", "a.html",
			`<html><body><h1>What went wrong with memberships on Sunday</h1><p>Owning team: Membership Web.</p>
			<h2>What happened</h2><p>Sign-ups failed from 19:00 to 20:30 UTC on 9 March 2025.</p>
			<h2>What happens next</h2><ul><li>Alert on conversion, not only errors</li><li>Audit the processor endpoints we call</li></ul>
			<h3>Related</h3><ul><li><a href="/runbook">Membership runbook</a></li><li><a href="/calendar">Review calendar</a></li></ul>
			<h2>Putting it right</h2><ul><li>A discount for members who gave up</li></ul></body></html>`,
			"membership-web", 2, 90},
		{"a tracker's created time is no impact start when the prose window agrees with the stated end", "a.json",
			`{"data": {"issue": {"identifier": "VEN-12", "title": "Hall app rails failing", "createdAt": "2025-02-05T20:03:00Z",
			  "startedAt": "2025-02-05T20:03:00Z", "completedAt": "2025-02-09T15:10:00Z",
			  "description": "## Summary\n\nOwning team: Venue Systems. Patrons were affected in the evening (21:47 to 23:05 GMT).\n\n## Timeline (SAST)\n\n- **5 Feb 23:20** — upgrade starts.\n- **5 Feb 23:47** — errors on the rails start climbing.\n- **6 Feb 01:05** — errors back to baseline. Customer-facing impact ends.\n- **6 Feb 03:10** — VEN-12 resolved.\n"}}}`,
			"venue-systems", 0, 78},
		{"'Owning team for the PIR:'", "a.txt",
			"HALL OPS LOG 01-MAR-2025\n\n23:50:00  STREAM ENCODER LOST INPUT\n00:20:00  STREAM BACK\n\nDUTY ENGINEER NOTES\n\nOwning team for the PIR: Venue Systems (radio). Recording Archive helped.\n\nFollow-ups:\n  1. Keep the backup codec warm.\n",
			"venue-systems", 1, 0},
	})
}

// Shapes found on the nineteenth unseen set after its first (held-out)
// run, written afresh (not the set's text): an Azure DevOps work-item
// export and a JSON:API document whose action items are included
// resources.
func TestShapes21(t *testing.T) {
	checkShapes(t, []shapeCase{
		{"an Azure DevOps work item: namespaced fields, expanded children as tasks", "a.json",
			`{"count": 1, "value": [{"id": 7, "fields": {"System.Title": "PIR: gift cards rejected at the box office",
			  "System.WorkItemType": "Incident Review", "Custom.OwningTeam": "Box Office Web",
			  "Custom.CustomerImpactStart": "2025-12-09T15:05:00Z", "Custom.CustomerImpactEnd": "2025-12-09T16:20:00Z",
			  "System.Description": "<div>Gift cards were rejected at checkout.</div>"}}],
			 "expandedChildren": [{"id": 8, "fields": {"System.WorkItemType": "Task", "System.Title": "Contract tests for the gift card API", "System.State": "Active"}},
			  {"id": 9, "fields": {"System.WorkItemType": "Task", "System.Title": "Alert on gift card rejections", "System.State": "Closed"}}]}`,
			"box-office-web", 2, 75},
		{"a JSON:API document: attributes lifted, included action items by kind", "a.json",
			`{"data": {"id": "inc_1", "type": "incidents", "attributes": {"title": "Donations declined", "started_at": "2025-02-14T01:00:00Z",
			  "mitigated_at": "2025-02-14T02:10:00Z", "resolved_at": "2025-02-14T04:00:00Z"}},
			 "included": [{"id": "a1", "type": "incident_action_items", "attributes": {"kind": "task", "summary": "Fail open below the limit"}},
			  {"id": "a2", "type": "incident_action_items", "attributes": {"kind": "follow_up", "summary": "Alert on vendor latency"}},
			  {"id": "a3", "type": "incident_action_items", "attributes": {"kind": "follow_up", "summary": "Capacity commitment with the vendor"}},
			  {"id": "u1", "type": "users", "attributes": {"name": "Owen"}}]}`,
			"", 2, 0},
	})
}

// TestKnownTeamByOneAliasWord checks that a name maps to the one team
// whose aliases use one of its words, and to none when two teams do.
func TestKnownTeamByOneAliasWord(t *testing.T) {
	aliases := map[string]string{"Pricing & Yield": "revenue", "revenue": "revenue", "Guest App Team": "mobile",
		"Mobile Apps": "mobile", "mobile": "mobile", "Guest Network": "network", "network": "network"}
	for _, c := range []struct{ src, want string }{
		{"# Rates not published\n\nOwner: the yield folks\n", "revenue"},
		{"# Keys failing\n\nOwner: the app crew\n", "mobile"},
		{"# Wi-Fi down\n\nOwner: the guest crew\n", "guest-crew"},
	} {
		if pm := parseAs(t, "a.md", c.src, Options{TeamAliases: aliases}); pm.Team != c.want {
			t.Errorf("%q: team %q, want %q", c.src, pm.Team, c.want)
		}
	}
}

package ingest

import "testing"

// Shapes found on the eighth unseen set after its first (held-out) run,
// written afresh here for a fictional ferry company (not the set's
// text): typed export entries, impact objects with first/last times,
// chat logs without a timeline heading, quoted e-mails, replies that
// post follow-ups, and owners named only by the follow-ups.

func TestDuration9(t *testing.T) {
	checkDurations(t, []durationCase{
		{"typed export entries under desc", "a.json",
			`{"incident": {"name": "Bookings down", "timeline": [{"ts": "2025-09-22 15:02 UTC", "type": "DEPLOY", "desc": "booking-api 3.4 to prod"}, {"ts": "2025-09-23 21:14 UTC", "type": "CUSTOMER_IMPACT", "desc": "first failed bookings"}, {"ts": "2025-09-23 23:02 UTC", "type": "RESOLVED", "desc": "bookings back to normal"}]}}`, 108},
		{"first and last moments of the impact", "a.yaml",
			"title: Bookings down\nimpact:\n  customer_facing: true\n  first_failed_booking: \"2025-06-26T23:12:00+01:00\"\n  last_passenger_affected: \"2025-06-27T00:48:00Z\"\n", 156},
		{"an ops log without a timeline heading", "a.txt",
			"== OPS LOG :: FRY-11 ==========\nowner  : booking\ntz     : UTC\n===============================\n03-04 23:30Z  rotation job start\n03-04 23:31Z  first failed check-ins -> passengers affected from here\n03-05 00:24Z  check-in working again, impact over\n03-06 10:00Z  closed\n", 53},
		{"a chat log's day heading and a window stated in a message", "a.txt",
			"Slack export: #inc-12\nExported 2024-11-15 10:02\n\n--- Thursday, November 14, 2024 ---\n\n[07:45] jo: ok. so impact started ~07:02.\n[08:25] jo: so customer impact 07:02 to 08:21.\n[09:06] bot: resolved\n", 79},
		{"impact is <time> until <time>", "a.txt",
			"#inc-13\n\n[10:42] ana: ok so from a passenger pov impact is 07:58 until 10:41. moving to monitoring\n", 163},
		{"a sentence that opens with 'From <time>,' and one that says it works again", "a.html",
			"<html><body><h1>Bookings down</h1><p>Posted Oct 25, 2024</p><h2>What happened</h2><p>On Tuesday, October 22, some passengers could not book. From 3:12 PM EDT, passengers using Safari got stuck at checkout. Other browsers were fine. Booking was fully working again for all passengers at 4:41 PM EDT.</p></body></html>", 89},
		{"a window in prose under the timeline, wrapped onto a stamp", "a.txt",
			"Subject: balances wrong\n\nTIMELINE (GMT, Monday 15 Jan 2024)\n  09:10  file lands\n  14:20  statements run starts; first passengers see the inflated balance\n  18:40  balances recomputed. Portal showing correct amounts again\n\nFrom the passenger's side, the wrong balances were visible from 14:20 until\n18:40, so around 4h20m. Emails went out Tuesday.\n", 260},
		{"flowing normally ends the impact, not the closed entry", "a.yaml",
			"title: Results late\ntimeline:\n  - {at: \"2024-12-03T22:40:00-05:00\", text: \"first message rejected\"}\n  - {at: \"2024-12-04T07:05:00Z\", text: \"backlog published; new results flowing normally\"}\n  - {at: \"2024-12-06T14:00:00-05:00\", text: \"closed\"}\n", 205},
	})
}

func TestActionShapes9(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		want            int
	}{
		{"replies under their sender's name", "a.txt",
			"--- Wednesday, January 15th, 2025 ---\n\n[2:04 PM] sam\n  retro notes. drop follow-ups as replies, prefix with AI: so I can find them.\n\n  [2:06 PM] dev\n    AI: alert on certificate expiry for every mounted secret\n\n  [2:07 PM] sam\n    AI: CI check that the chart mounts the secret it names\n\n  [2:11 PM] amir\n    could we drop TLS? no.\n",
			2},
		{"action: lines in a chat", "a.txt",
			"#inc-14\n\n[10:44] ana: let's collect actions here\n[10:46] bo: action: upgrade the ferry kiosks to 4.x\n[10:47] cy: action: add a pinned-clients section to the change template\n",
			2},
		{"a quoted e-mail", "a.txt",
			"From: Jo\nSubject: summary\n\n> Hi all,\n>\n> During the incident we restarted the gateway; not a follow-up.\n>\n> Follow-ups\n> 1. Upgrade the app SDK before we re-ship the gateway. Jo.\n> 2. Alert when a passenger waits more than 10 min. Priyanka.\n>\n> Jo\n",
			2},
		{"an export's map of lists without what was done at the time", "a.yaml",
			"title: Scripts lost\nactions:\n  immediate_taken:\n    - restart the sender\n  corrective:\n    - {summary: validate connections, owner: Ferry Systems}\n  preventive:\n    - {summary: synthetic test script every 15 min, owner: Ferry Systems}\n    - {summary: failover runbook step, owner: Platform}\n",
			3},
		{"a toggle titled 'not doing'", "a.html",
			"<html><body><h1>Relays down</h1><h2>Follow-ups</h2><ul><li>Alert on expiry</li><li>Canary the relays</li></ul><details open><summary>Parked / not doing</summary><ul><li>Fax fallback</li></ul></details></body></html>",
			2},
		{"ideas not taken up after ordinal paragraphs", "a.md",
			"# Relays down\n\n## What we're going to do about it\n\nFirst, the relay certs move onto cert-manager (FR-612).\n\nThen we need expiry monitoring that does not depend on the renewer (FR-613).\n\nFinally, the paging template gets reworded (SUP-231).\n\nStuff we talked about and are **not** doing:\n\n- Buying a two-year certificate.\n- Turning off TLS relays.\n",
			3},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if len(pm.ActionItems) != c.want {
			var got []string
			for _, a := range pm.ActionItems {
				got = append(got, a.Text)
			}
			t.Errorf("%s: %d items %q, want %d", c.name, len(got), got, c.want)
		}
	}
}

func TestTeamSources9(t *testing.T) {
	for _, c := range []struct {
		name, path, src, want string
	}{
		{"a team display field", "a.json",
			`{"title": "Results late", "summary": "S", "ownership": {"service_owner": {"team_display": "Lab Links squad"}}}`, "lab-links"},
		{"owning team is", "a.txt",
			"#inc-15\n\n[11:40] ana: I'll write the PIR - owning team is Ferry Systems (kiosk squad). the trigger was the cert rotation\n", "ferry-systems"},
		{"is ours, meaning", "a.md",
			"# Relays down\n\nThe relay layer is ours, meaning Voyage Video, so we ran this one. Thanks to the other teams.\n", "voyage-video"},
		{"the follow-ups' owners over a mention", "a.md",
			"# App crashed\n\n## Summary\n\nThe rollout plan agreed with the Identity team was staged.\n\n## Actions\n\n| # | Item | Owner |\n| --- | --- | --- |\n| 1 | Guard the keychain read | Passenger App |\n| 2 | Alert on crash-free sessions | Passenger App |\n", "passenger-app"},
		{"a signature with the team in parentheses", "a.md",
			"# Relays down\n\nText about the relays.\n\n— Priya (Voyage Video, relay squad)\n", "voyage-video"},
		{"put together by the X team", "a.md",
			"# Storm retro\n\nThis retro was put together by the Ferry Systems team, with help from Platform.\n\n## Actions\n\n- Fix autoscaler (owner: Platform)\n- Raise the minimum (owner: Platform)\n", "ferry-systems"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

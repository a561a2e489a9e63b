package ingest

import "testing"

// Shapes found on the ninth unseen set after its first (held-out) run,
// written afresh here for a fictional observatory network (not the set's
// text): raw e-mails, Jira REST exports, incident bots in chat exports,
// ownership stated in a dozen ways, and ends of impact in other words.

func TestEmailAndJira10(t *testing.T) {
	eml := "Return-Path: <ana@example.org>\r\nFrom: Ana Lima <ana@example.org>\r\nTo: leads@example.org\r\n" +
		"Date: Mon, 22 Apr 2024 17:48:12 +0100\r\nSubject: =?UTF-8?Q?Dome_outage_=E2=80=94_summary?=\r\n" +
		"Message-ID: <x1@example.org>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"Hi all,\r\n\r\nFrom 07:58 to 09:03 BST on Saturday 20 April the domes could not open=\r\n.\r\n\r\n" +
		"Follow-ups\r\n----------\r\n- Alert on certificate expiry (DOME-1)\r\n- Canary the controller (DOME-2)\r\n\r\n" +
		"--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>html copy</p>\r\n--b1--\r\n"
	for _, name := range []string{"a.eml", "no-extension"} {
		pm := parseAs(t, name, eml, Options{})
		if pm.Title != "Dome outage — summary" || pm.DurationMinutes != 65 || len(pm.ActionItems) != 2 {
			t.Errorf("%s: title %q, duration %.0f, %d items", name, pm.Title, pm.DurationMinutes, len(pm.ActionItems))
		}
	}
	jira := `{"key": "OBS-9", "names": {"summary": "Summary", "customfield_1": "Impact Start", "customfield_2": "Impact End", "customfield_3": "Owning Team"},
	 "fields": {"summary": "Domes stuck", "customfield_1": "2024-02-14T23:18:00.000-0800", "customfield_2": "2024-02-15T01:31:00.000-0800",
	  "customfield_3": {"self": "https://x/1", "value": "Dome Control", "id": "12011"}}}`
	pm := parseAs(t, "a.json", jira, Options{})
	if pm.Title != "Domes stuck" || pm.DurationMinutes != 133 || pm.Team != "dome-control" {
		t.Errorf("jira: title %q, duration %.0f, team %q", pm.Title, pm.DurationMinutes, pm.Team)
	}
}

func TestActionShapes10(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		want            int
	}{
		{"an incident bot's added and removed follow-ups", "a.txt",
			"[11:34 AM] bot: Follow-up #1 added to OBS-3: \"Bump the controller firmware\" (owner: Sam)\n[11:36 AM] bot: Follow-up #2 added to OBS-3: \"Canary one dome\" (owner: Ana)\n[11:37 AM] bot: Follow-up #3 added to OBS-3: \"Pause upgrades at night\" (owner: Wen)\n[11:40 AM] bot: Follow-up #3 removed from OBS-3\n",
			2},
		{"'1)' numbering in a chat, with one added later", "a.txt",
			"[2024-03-12 01:30] ana follow-up list, please add:\n1) per-dome kill switch\n2) shadow mode for new rules\n[2024-03-12 01:33] bo\n3) alert per rule\n[2024-03-12 09:11] ana so add 4) restore the lost nights, owner sara. total 4\n",
			4},
		{"AIs heading", "a.md", "# Domes stuck\n\n## AIs\n\n- Alert on stuck domes\n- Canary the controller\n", 2},
		{"sign-off and footer as items", "a.txt",
			"WHAT WE'RE CHANGING\n\n- Roll updates to 1 in 10 domes at a time.\n- Plan maintenance in UTC.\n\n- The Example Observatories team\n\n--\nYou are receiving this because you subscribed. Manage your subscription: https://status.example.org/s\n",
			2},
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

func TestTeamSources10(t *testing.T) {
	for _, c := range []struct {
		name, path, src, want string
	}{
		{"who owns it: us. X", "a.md", "# Domes stuck\n\n**Who owns it:** us. Dome Control, night squad\n\nText.\n", "dome-control"},
		{"ownership for the PM", "a.txt", "#inc-3\n\n[12:45 PM] ana: ownership for the PM: Dome Control (night squad). ops was paged first\n", "dome-control"},
		{"belongs to", "a.txt", "Subject: domes\n\nThe cause is in our own agent, so this one belongs to Dome Control. More below.\n", "dome-control"},
		{"a name with a remark owns this", "a.txt", "Subject: domes\n\nDome Control (night squad) owns this incident and the review.\n", "dome-control"},
		{"this is ours (X owns ...)", "a.txt", "#inc-4\n\n[10:12 AM] Owen: to be clear, this is ours (Dome Control owns the fleet). Ops, pause it?\n", "dome-control"},
		{"a byline 'owned by x'", "a.md", "# Domes stuck\n\nsev2 · owned by dome-control (night squad) · IC: Tomas\n\n## Summary\n\nText.\n", "dome-control"},
		{"the team line under the writer's name", "a.md", "# Domes stuck\n\nText.\n\nPiotr Zieliński\nDome Control team (night fleet)\n", "dome-control"},
		{"a person in parentheses owns an item, not the review", "a.txt",
			"Subject: domes\n\n19:24 alert pages Dome Control on-call (Tariq)\n\nThis one belongs to Dome Control.\n\nTariq owns this, DOME-7, aiming for Tuesday.\n", "dome-control"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

func TestDuration10(t *testing.T) {
	checkDurations(t, []durationCase{
		{"the last of the trouble ends the impact", "a.md",
			"# Wrong bans\n\n## Timeline (BST)\n\n- 19 Sep 2024 09:12 — ban job starts, first bans issued.\n- 10:31 — ban job paused.\n- 13:40 — last wrongful ban reversed; players can queue.\n- 23 Sep — incident closed after review.\n", 268},
		{"a measure back to its figure", "a.json",
			`{"title": "Joins slow", "timeline": [{"at": "2024-12-31T23:41:00Z", "text": "first join timeout"}, {"at": "2025-01-01T00:58:00Z", "text": "rollback done. join success back to 99.7%"}, {"at": "2025-01-03T10:00:00Z", "text": "incident closed"}]}`, 77},
		{"this is where players start hurting", "a.md",
			"# Queue stall\n\n**Date:** 2025-03-01\n\n## timeline (UTC)\n\n- 12:58Z PR merged\n- 13:05Z config push to 100%\n- 13:30Z nothing visible\n- 13:48Z queue p95 crosses 5 min. this is where players start hurting\n- 14:52Z p95 back under 90s. impact over\n- 15:30Z incident closed\n", 64},
		{"first observed and cleared under an effect key", "a.json",
			`{"record": {"title": "DNS down", "player_effect": {"first_observed": "2024-09-03T12:07:00Z", "cleared": "2024-09-03T15:31:00+02:00"}}}`, 84},
	})
}

package ingest

import "testing"

// Shapes found on the tenth unseen set after its first (held-out) run,
// written afresh here for a fictional ferry terminal (not the set's
// text): bulk exports, impact keys that end in from/to, labelled-value
// lists, key=value headers, bots that set the owner, known teams by
// abbreviation, "AIs" lists in chats and e-mails.

func TestShapes11(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		team            string
		items           int
		minutes         float64
	}{
		{"a bulk export of one record", "a.json",
			`{"exportVersion": "3.2", "generatedBy": "Desk", "records": [{"ref": "FT-1", "headline": "Gates stuck", "owner_team": "Gate Systems", "customer_facing": {"from": "2025-08-01T10:00:00Z", "to": "2025-08-01T11:30:00Z"}}]}`,
			"gate-systems", 0, 90},
		{"impact keys ending in from and to", "a.yaml",
			"incident:\n  title: Gates stuck\n  clock:\n    change_deployed: 2025-04-02T16:05\n    customer_visible_from: 2025-04-03T07:15\n    customer_visible_to: 2025-04-03T11:40\n    closed: 2025-04-09T17:00\n",
			"", 0, 265},
		{"a window object that opens and closes under the impact", "a.json",
			`{"record": {"title": "Gates stuck", "customer_effect": {"window": {"opened": "2024-08-14T11:02:00-05:00", "closed": "2024-08-14T12:49:00-05:00"}}, "lifecycle": {"declared": "2024-08-14T16:44:00Z", "resolved": "2024-08-14T19:05:00Z"}}}`,
			"", 0, 107},
		{"labelled values", "a.json",
			`{"doc": {"title": "Gates stuck", "props": [{"label": "Accountable", "value": "Gate Systems"}, {"label": "Severity", "value": "2"}]}}`,
			"gate-systems", 0, 0},
		{"key=value header fields", "a.txt",
			"FT-2  gates stuck\n sev=2   owner=Gate Systems & Access   ic=t.haddad\n\nSUMMARY\n\nGates stuck.\n",
			"gate-systems-access", 0, 0},
		{"a bot sets the owning team", "a.txt",
			"#inc-5\n\n[06:40] sanjay: @bot set owner \"Gate Systems\"\n[06:40] bot: Owning team set to Gate Systems. Lead: @sanjay\n",
			"gate-systems", 0, 0},
		{"a stated lead takes a generic name", "a.md",
			"# Fares doubled\n\nOwning team is Billing (fares squad). The change was ours.\n",
			"billing", 0, 0},
		{"AIs so far in a chat", "a.txt",
			"#inc-6\n\n[00:58] marek: ok AIs so far, shout if I missed stuff:\n  1. alert when the gate feed is empty\n  2. firewall template lists gate flows\n[01:02] kai: add: 3. gates fail closed, not open\n",
			"", 3, 0},
		{"AI-n lines in an e-mail", "a.txt",
			"Subject: gates\n\nHi all,\n\nConsolidated AIs below.\n\nAI-1  Reject a gate layer whose area changes\n      by more than 5%.   Owner: Marta\nAI-2  Pin the output CRS in the publish job.   Owner: Dev\n\nThanks\n",
			"", 2, 0},
		{"a pir wrapper with terse keys", "a.yaml",
			"pir:\n  id: FT-7\n  title: Gate cert expired\n  tl:\n    - {t: 2024-08-21T14:00:00Z, e: cert-manager upgraded}\n  actions:\n    - {id: GT-1, do: page on certs near expiry, own: platform, st: done}\n    - {id: GT-2, do: renew on a schedule, own: platform, st: open}\n",
			"", 2, 0},
		{"corrective actions under desc", "a.yaml",
			"record:\n  title: Duplicate e-mails\n  corrective_actions:\n    - {id: A1, desc: make the dispatcher idempotent, owner: invoicing}\n    - {id: A2, desc: alert on duplicate sends, owner: invoicing}\n",
			"", 2, 0},
		{"a status page's postmortem body", "a.json",
			`{"page": {"name": "Status"}, "incident": {"name": "Gates down", "created_at": "2024-07-09T13:19:44Z", "postmortem_body": "## What happened\n\nBetween 2:02pm and 3:31pm BST on Tuesday 9 July, one in three gate scans failed.\n\n## What we are doing\n\n- Alert on scan failures\n- Canary gate releases\n"}}`,
			"", 2, 89},
		{"sits with us in X", "a.txt",
			"Subject: credit notes\n\nOwnership: this one sits with us in Gate Systems — it was our code.\n",
			"gate-systems", 0, 0},
		{"a form's dot-leader window, time before date", "a.txt",
			"POST-INCIDENT REPORT\n\n1. IMPACT SUMMARY\n\n  CUSTOMER IMPACT ..... 23:12 UTC 08-FEB-2024 to 01:58 UTC 09-FEB-2024\n  INCIDENT CLOSED ..... 10:30 UTC 09-FEB\n",
			"", 0, 166},
		{"a terse timeline key with impact flags", "a.yaml",
			"pir:\n  title: Edge cert expired\n  tl:\n    - {t: 2024-08-21T14:00:00+02:00, e: upgrade}\n    - {t: 2024-08-22T01:37:00+02:00, e: TLS handshakes fail, flag: impact_start}\n    - {t: 2024-08-22T02:41:00+02:00, e: on-call paged}\n    - {t: 2024-08-22T03:19:00+02:00, e: clients confirm traffic, flag: impact_end}\n",
			"", 0, 102},
		{"a status page's 'Next steps:' paragraph", "a.html",
			"<html><body><h1>Sign-in down</h1><div class=\"entry\"><b>Summary</b><p>A key rotation broke sign-in.</p><p>Next steps:</p><ul><li>Publish keys before withdrawing the old one.</li><li>Alert from outside within two minutes.</li></ul></div></body></html>",
			"", 2, 0},
		{"a ticket's Sub-Tasks", "a.txt",
			"[GT-1387] Gate lookups failing\n\nSub-Tasks:\n  1.  GT-1391  Alert on gate lookup failures     OPEN  Ana\n  2.  GT-1392  Renew the gateway cert yearly     OPEN  Bo\n\nDescription\n\nGates failed.\n",
			"", 2, 0},
		{"what we are doing to prevent this, after measures done during the incident", "a.md",
			"# Gates stuck\n\n## 3. Immediate measures (done during incident)\n\n- Reverted the rule\n\n## 4. What we are doing to prevent this\n\n- Units in every rule parameter\n- Alert on estimated-bill spikes\n",
			"", 2, 0},
		{"a Kubernetes-style record", "a.yaml",
			"metadata:\n  name: gates-stuck\nspec:\n  title: Gates stuck\n  retrospective:\n    outcomes:\n      followups:\n        - {title: alert on stuck gates, owner: Gate Systems}\n        - {title: canary the gate firmware, owner: Gate Systems}\n",
			"", 2, 0},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if c.team != "" && pm.Team != c.team {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.team)
		}
		if c.items != 0 && len(pm.ActionItems) != c.items {
			t.Errorf("%s: %d items, want %d", c.name, len(pm.ActionItems), c.items)
		}
		if c.minutes != 0 && (pm.DurationMinutes < c.minutes*0.99 || pm.DurationMinutes > c.minutes*1.01) {
			t.Errorf("%s: duration %.0f (%s), want %.0f", c.name, pm.DurationMinutes, pm.DurationSource, c.minutes)
		}
	}
}

package ingest

import "testing"

// Shapes found on the sixteenth unseen set after its first (held-out)
// run, written afresh here for a fictional city bike-share (not the set's
// text): a possessive ownership claim, "the right team" as no team, a team
// field followed by a sentence, a Notion toggle list, Hugo shortcodes,
// "Considered and dropped", a blog's tag list, follow-ups numbered inside
// IRC messages, an Outlook sub-list indented by its margin and the
// signature after "Thanks,".
func TestShapes18(t *testing.T) {
	checkShapes(t, []shapeCase{
		{"a possessive claim names the owner; 'the right team' names none", "a.txt",
			"PIR call summary: docks refusing bikes\n\nAttendees\n  MS  Mia Sousa, Engineering Manager - chaired\n\nMS: Said up front this one is Fleet's. The firmware push started it.\n\nImpact: docks refused returns from 10:00 to 10:45 UTC on 2 July 2025.\n\nActions agreed\n  - MS: alert on refused returns. Due 9 July.\n  - MS: route dock alerts to the right team. Due 16 July.\n",
			"fleet", 2, 45},
		{"a team field followed by a sentence", "a.txt",
			"Postmortem: app map blank\n\nOwning team: Rider Apps. The map tiles and their cache are ours; the CDN was fine.\n\nImpact: the map was blank from 08:00 to 08:30 UTC on 3 July 2025.\n\nFollow-ups\n- Cache tiles on the device\n",
			"rider-apps", 1, 30},
		{"a Notion toggle list: the parked ideas under their own toggle", "a.md",
			"# Payments at docks failing\n\nOwner: Payments\n\n## Impact\n\nCard taps failed from 12:00 to 12:40 UTC on 4 July 2025.\n\n## Details\n\n- Action items\n    - [x] Retry the card reader handshake\n    - [ ] Alert on tap failures by dock\n        - per station\n- Ideas we parked\n    - A second card processor\n",
			"payments", 2, 40},
		{"Hugo shortcodes: a details block of parked ideas, a note", "a.md",
			"---\ntitle: Station list stale\nowner_team: Data Feeds\n---\n\n## Impact\n\nThe station list was stale from 07:00 to 07:50 UTC on 5 July 2025.\n\n## Follow-up actions\n\n- Alert when the feed stops\n- Replay the feed on restart\n\n{{< details \"Ideas we talked about and parked\" >}}\n- A second feed provider\n{{< /details >}}\n\n{{< note >}}\nThe restart at 07:45 was the mitigation.\n{{< /note >}}\n",
			"data-feeds", 2, 50},
		{"'Considered and dropped' is no follow-up list", "a.md",
			"# Unlock codes delayed\n\nOwning team: Access\n\n## Impact\n\nUnlock codes were late from 18:00 to 18:20 UTC on 6 July 2025.\n\n## Follow-ups\n\n- SMS provider failover\n\n### Considered and dropped\n\n- Codes by e-mail: too slow to help at a dock.\n",
			"access", 1, 20},
		{"a blog post's tag list is no follow-up", "a.html",
			`<html><body><article><h1>Why bikes could not be hired on Saturday</h1><p>Owning team: Rider Apps.</p>
			<h2>What happened</h2><p>Hires failed from 09:00 to 09:40 UTC on 7 July 2025.</p>
			<h2>What we're changing</h2><ul><li>Warm up the hire service before peak</li><li>Roll out changes to a few stations first</li></ul>
			<footer><ul class="post-tags"><li><a href="/tags/postmortem/">postmortem</a></li><li><a href="/tags/hires/">hires</a></li></ul></footer>
			</article></body></html>`,
			"rider-apps", 2, 40},
		{"follow-ups numbered inside IRC messages; an ack ends them", "a.log",
			"--- Log opened Tue Jul 08 09:00:00 2025\n09:00 <lena> docks offline in the east zone, owning team: Fleet Ops\n09:05 <lena> customer impact 09:00 -> 09:35\n09:40 <lena> summary:\n09:40 <lena> - follow-ups:\n09:40 <lena>   1. alarm on dock heartbeats (fleet ops, me)\n09:41 <lena>   2. spare gateway per zone (fleet ops, omar)\n09:41 <lena> - parked, not a follow-up: new dock firmware\n09:42 <omar> ack 2\n--- Log closed Tue Jul 08 09:45:00 2025\n",
			"fleet-ops", 2, 35},
		{"a blog post whose title heading reads like a section name", "a.html",
			`<html><head><title>What went wrong with bike hires on Saturday | Citybike blog</title></head><body><p><a href="/blog/">Incident reports</a></p><article>
			<h1>What went wrong with bike hires on Saturday</h1><p class="byline">Ana Lima, Engineering Lead, Rider Apps &middot; 14 July 2025 &middot; 4 min read</p>
			<p>On Saturday 12 July, between 9:05am and 10:15am UK time, most hires failed. Owning team: Rider Apps.</p>
			<h2>A note on Friday's slowdown</h2><p>Some of you saw slow hires on Friday too. Its impact lasted about 10 minutes and it had another cause.</p>
			<h2>What we're changing</h2><ul><li>Load test before weekends</li></ul></article></body></html>`,
			"rider-apps", 1, 70},
		{"'From <time>,' and 'returned to normal at <time>'", "a.txt",
			"Reason for outage: station feed\nDate: 13 July 2025\nOwning team: Data Feeds\n\n1. What happened\n\nA schema change shipped at 08:10 UTC. From 08:30 UTC, about a fifth of feed requests failed.\nWe deployed a fix at 09:20 UTC, and error rates returned to normal at 09:25 UTC.\n\n2. What we are doing\n\n  - Contract test for the feed schema\n",
			"data-feeds", 1, 55},
		{"a prose line after indented entries is not the last entry's continuation", "a.txt",
			"Retro notes: dock firmware push\nOwner: Fleet Ops\n\nTimeline (UTC)\n  - push started 22:00, first dock rebooted 22:05\n  - riders could not return bikes from 22:10\n  - docks accepted returns again at 23:00\nSo customer impact = 22:10 to 23:00. Nobody disagreed.\n\nActions\n  - Stage firmware pushes by zone - Omar\n",
			"fleet-ops", 1, 50},
		{"an incident bot's export: messages and a summary object with the owner and follow-ups", "a.json",
			`{"channel": {"name": "inc-1201-dock-payments"}, "users": [{"id": "U1", "name": "ana"}],
			  "messages": [{"ts": "1752400800.0", "user": "U1", "text": "Declaring a SEV2: card taps failing at docks"},
			    {"ts": "1752401100.0", "user": "U1", "text": "Customer impact started 10:00, processor returning 500s"},
			    {"ts": "1752403200.0", "user": "U1", "text": "Fixed, customer impact ended 10:40"}],
			  "summary": {"title": "Card taps failing at docks", "owning_team": {"name": "Dock Payments"},
			    "follow_ups": [{"title": "Retry taps on a 500", "status": "open"}, {"title": "Alert on tap failures", "status": "open"}],
			    "follow_ups_not_doing": [{"title": "A second processor"}]}}`,
			"dock-payments", 2, 40},
		{"a team named with '&' owns this one", "a.txt",
			"Postmortem: statements late\n\nBilling & Collections owns this one.\n\nImpact: statements were late from 06:00 to 06:45 UTC on 14 July 2025.\n\nFollow-ups\n- Alert on a late statement run\n",
			"billing-collections", 1, 45},
		{"an owner of generic words with its team in parentheses", "a.md",
			"# Policy PDFs blank\n\nOwner: Customer Comms (Documents)\n\n## Impact\n\nPDFs were blank from 13:00 to 13:50 UTC on 15 July 2025.\n\n## Follow-ups\n\n- Render check before publishing templates\n",
			"customer-comms", 1, 50},
		{"a page-properties window row outranks a window in the impact prose", "a.html",
			`<html><body><h1>Claim photos rejected</h1><table><tr><th>Owning team</th><td>Claims Apps</td></tr>
			<tr><th>Date</th><td>16 July 2025</td></tr><tr><th>Customer impact</th><td>09:20 – 10:40 BST (photo claims only)</td></tr></table>
			<h2>Impact</h2><ul><li>The contact centre took 90 extra calls between 09:50 and 11:30.</li></ul>
			<h2>Follow-ups</h2><ul><li>Raise the upload limit with a test</li></ul></body></html>`,
			"claims-apps", 1, 80},
		{"an Outlook sub-list indented by its margin; the signature after 'Thanks,'", "a.htm",
			`<html><body><p class=MsoNormal>Owning team: Payments</p><p class=MsoNormal>Impact: card taps failed from 14:00 to 14:30 UTC on 9 July 2025.</p>
			<p class=MsoNormal><b>Follow-ups</b></p>
			<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span>1.</span><![endif]>Retry taps once on a timeout</p>
			<p class=MsoListParagraph style='margin-left:72.0pt;text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span>&#183;</span><![endif]>with a 2 s budget</p>
			<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span>2.</span><![endif]>Alert on tap timeouts</p>
			<p class=MsoNormal>Thanks,</p><p class=MsoNormal>Ana</p>
			<table><tr><td>Ana Lima</td><td>Engineering Manager | Payments</td></tr></table></body></html>`,
			"payments", 2, 30},
	})
}

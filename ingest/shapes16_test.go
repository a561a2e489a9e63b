package ingest

import "testing"

// Shapes found on the fourteenth unseen set's second pass (it was held
// out once and is tuned on now), written afresh here for a fictional
// city museum (not the set's text): Pandoc grid tables, Logseq
// properties and wiki links, MDX with an exported follow-up array and
// tabs, Grafana-style labels and custom fields, a task list whose
// follow-ups carry an "FU:" mark, an investigation wrapper with its
// narrative as a list, a "Not follow-ups:" label, a Confluence macro's
// title, a chat list with nested details and a "Not doing:" label, a
// reply that quotes the list it adds to, and an owner named with its
// sub-team.
func TestShapes16(t *testing.T) {
	checkShapes(t, []shapeCase{
		{"a Pandoc grid table of fields, a grid table of follow-ups", "a.md",
			"% Ticket gates stuck\n\n# Details\n\n+--------------+---------------------------+\n| Owning team  | Ticketing --- Gate Crew   |\n+--------------+---------------------------+\n| Also helped  | Facilities, Visitor       |\n|              | Services                  |\n+--------------+---------------------------+\n\n# Impact\n\nGates refused tickets from 10:00 to 10:50 UTC on 5 May 2025.\n\n# Follow-ups\n\n+----+-----------------------------+-----------+\n| \\# | Action                      | Owner     |\n+====+=============================+===========+\n| 1  | Spare reader at the main    | Ticketing |\n|    | entrance                    |           |\n+----+-----------------------------+-----------+\n| 2  | Alert on refused scans      | Ticketing |\n+----+-----------------------------+-----------+\n",
			"ticketing", 2, 50},
		{"Logseq properties and wiki links", "a.md",
			"title:: Audio guide app crash\nowner:: [[Guide App]] (Tours squad)\nseverity:: P2\n\n- ## Impact\n\t- The app crashed from 14:00 to 14:30 UTC on 6 May 2025.\n- ## Follow-ups\n\t- Decode unknown stop types as [[Generic Stop]]\n\t- Crash alert per release\n",
			"guide-app", 2, 30},
		{"MDX: an exported array shown by a component in a tab, tabs as sections", "a.mdx",
			"---\ntitle: Donations page down\n---\n\nimport Tabs from '@theme/Tabs';\nimport ActionTable from '@site/src/ActionTable';\n\nexport const actions = [\n  {id: 'D-1', title: 'Health check on the payment form', owner: 'Web Team', state: 'open'},\n  // the second one came from the review\n  {id: 'D-2', title: \"Page the web on-call first\", owner: 'Web Team', state: 'done',},\n];\n\n<Tabs>\n  <TabItem value=\"t\" label=\"Timeline\">\n\n- 09:00 UTC 7 May 2025 donations start failing; customer impact begins\n- 09:40 UTC 7 May 2025 fixed; customer impact ends\n\n  </TabItem>\n  <TabItem value=\"a\" label=\"Follow-ups\">\n\n<ActionTable items={actions} />\n\n  </TabItem>\n</Tabs>\n\n<Admonition type=\"note\" title=\"Considered, not actioned\">\n  - A new payment provider\n</Admonition>\n",
			"web", 2, 40},
		{"an incident tool's labels and custom fields; response tasks beside FU: tasks", "a.json",
			`{"incident": {"title": "Booking API slow", "incidentStart": "2025-05-08T11:00:00Z", "incidentEnd": "2025-05-08T11:25:00Z",
			  "labels": [{"key": "team", "label": "bookings"}, {"key": "affected", "label": "web"}],
			  "fieldValues": [{"fieldUUID": "f-reported-by", "value": "Visitor Services"}],
			  "taskList": {"tasks": [{"text": "Assign a commander", "status": "done"}, {"text": "Post an update", "status": "done"},
			    {"text": "FU: cache the slot list", "status": "todo"}, {"text": "FU: load test before exhibitions", "status": "done"}]}}}`,
			"bookings", 2, 25},
		{"an investigation wrapper whose narrative is a list of sections", "a.json",
			`{"investigation": {"title": "Wrong opening hours shown", "narrative": [
			  {"heading": "Summary", "body": "The hours page showed winter hours. The CMS change, the cache and the page all belong to the Content team, and this one is ours."},
			  {"heading": "Impact", "body": "Visitors saw wrong hours from 08:00 to 09:15 UTC on 9 May 2025."}],
			  "action_items": [{"title": "Preview hours before publishing", "owner": "Content"}, {"title": "Purge the cache on publish", "owner": "Web"}]}}`,
			"content", 2, 75},
		{"HTML: a 'Not follow-ups:' label ends the list; a Confluence macro's title is a heading", "a.html",
			`<html><body><h1>Shop till outage</h1><p>Owning team: Retail Systems</p>
			<h2>Impact</h2><p>Tills were down from 12:00 to 12:45 UTC on 10 May 2025.</p>
			<h2>Follow-ups</h2><ol><li>Offline till mode</li><li>Spare router in the shop</li></ol>
			<p><strong>Not follow-ups:</strong> the router restart (done during the incident), and a new till vendor.</p>
			<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">Ideas not taken forward</ac:parameter><ac:rich-text-body><ul><li>Cash only on weekends</li></ul></ac:rich-text-body></ac:structured-macro>
			</body></html>`,
			"retail-systems", 2, 45},
		{"a chat list with nested details and a 'Not doing:' label", "a.txt",
			"5/11/2025, 12:58:00 PM - Ana Ruiz changed the topic to \"INC-7 | Owner: Collections IT | IC: Ana Ruiz\"\n5/11/2025, 1:00:00 PM - Ana Ruiz: Resolving. Customer impact was visitors from 12:10 PM to 12:40 PM UTC.\n5/11/2025, 1:05:00 PM - Ana Ruiz: Draft follow-ups for the review:\n- checksum the image sync\n- runbook for the catalogue rollback\n    - include the restore command\n    - link it from the alert\n- Facilities: label the server room UPS (Omar)\nNot doing:\n- moving the catalogue to a new host\n5/11/2025, 1:07:00 PM - Omar Haddad: Looks right.\n",
			"collections-it", 3, 30},
		{"a reply quotes the list it adds to", "a.txt",
			"Subject: Re: Lift to gallery 3 stopped\n\nOwning team: Building Systems\n\nImpact: visitors could not reach gallery 3 from 10:00 to 11:00 UTC on 12 May 2025.\n\nAction items:\n- Remote reset for the lift\n- Monthly lift test\n\n> Action items:\n> - Remote reset for the lift\n> - Monthly lift test\n",
			"building-systems", 2, 60},
		{"an owner named with its sub-team", "a.md",
			"# Membership cards not printing\n\nOwner: Fulfilment – Card Printing (Leeds)\n\n## Impact\n\nCards failed to print from 09:00 to 09:30 UTC on 13 May 2025.\n\n## Follow-ups\n\n- Printer queue alert\n",
			"fulfilment", 1, 30},
	})
}

package ingest

import "testing"

// Shapes found on the fourteenth unseen set after its first (held-out)
// run, written afresh here for a fictional ski resort (not the set's
// text): AsciiDoc and reStructuredText, a Jupyter notebook, a Trello
// board, PagerDuty-style notes, a Zenduty-style team object and a
// postmortem_data body, an ID given as a team.
func TestShapes15(t *testing.T) {
	checkShapes(t, []shapeCase{
		{"AsciiDoc: attributes, their references, a table of follow-ups", "a.adoc",
			"= Lift passes rejected\nMia Berg\n:owning-team: Ticketing (gates)\n:sectnums:\n\nOwning team: *{owning-team}*.\n\n== Impact\n\nGates rejected passes from 08:05 to 09:20 UTC on 3 February 2025.\n\n== Follow-ups\n\n|===\n|Action |Owner\n\n|Alert on gate rejections |Ticketing\n|Spare reader per lift |Lifts\n|===\n\n== What went well\n\n* Staff waved skiers through.\n",
			"ticketing", 2, 75},
		{"reStructuredText: field list, directives, a list-table", "a.rst",
			"=======================\nSnowmaking pumps stalled\n=======================\n\n:Owner: Snow Systems team\n:Date: 2025-01-12\n\n.. note::\n\n   Times are UTC.\n\nImpact\n======\n\nPumps stopped from 02:00 to 03:30 UTC on 12 January 2025.\n\nFollow-ups\n==========\n\n.. list-table::\n   :header-rows: 1\n\n   * - Action\n     - Owner\n   * - Restart pumps on power return\n     - Snow Systems\n   * - Spare PLC\n     - Procurement\n",
			"snow-systems", 2, 90},
		{"a Jupyter notebook's Markdown cells are the writeup", "a.ipynb",
			`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
			  {"cell_type": "markdown", "metadata": {}, "source": ["# Rental kiosk outage\n", "\n", "Owning team: Rentals\n"]},
			  {"cell_type": "code", "metadata": {}, "source": ["df.plot()"], "outputs": [], "execution_count": 1},
			  {"cell_type": "markdown", "metadata": {}, "source": "## Follow-ups\n\n- Retry the card reader\n- Kiosk health probe\n"}]}`,
			"rentals", 2, 0},
		{"a kanban board export: lists as sections, a parked list left out", "a.json",
			`{"name": "Gondola stop review", "desc": "This one is ours: the Lifts team owns the gondola controller.",
			  "lists": [{"id": "l1", "name": "Timeline (UTC)"}, {"id": "l2", "name": "Follow-ups: To do"}, {"id": "l3", "name": "Parked"}],
			  "cards": [{"id": "c1", "idList": "l1", "name": "10:00 UTC gondola stops; customer impact starts"},
			            {"id": "c2", "idList": "l1", "name": "10:40 UTC gondola running; customer impact ends"},
			            {"id": "c3", "idList": "l2", "name": "Watchdog on the drive", "desc": "with a page"},
			            {"id": "c4", "idList": "l2", "name": "Spare encoder"},
			            {"id": "c5", "idList": "l3", "name": "New gondola"}]}`,
			"lifts", 2, 40},
		{"an incident's long note holds the review", "a.json",
			`{"incident": {"title": "Pass scans slow", "created_at": "2025-02-03T08:20:00Z", "teams": [{"summary": "Ticketing"}]},
			  "log_entries": [{"type": "trigger_log_entry", "created_at": "2025-02-03T08:20:00Z", "summary": "Triggered"}],
			  "notes": [{"content": "Moving to Ticketing.", "created_at": "2025-02-03T08:25:00Z"},
			            {"content": "POSTMORTEM SUMMARY\n\nCustomer impact: scans failed from 8:05 AM to 9:05 AM UTC on Feb 3.\n\nFollow-ups:\n1. Probe the gate API. (Ticketing)\n2. Page Ticketing first. (SRE)\n3. Cache pass lists at the gate. (Ticketing)\n", "created_at": "2025-02-04T10:00:00Z"}]}`,
			"", 3, 60},
		{"a team given by ID, its name in a team object; the review in postmortem_data", "a.yaml",
			"incident:\n  title: Webcams offline\n  service:\n    name: webcams\n    team: 9c2f6e01-77ab-4c3d-a1e2-3f5b8d9e0a44\n  team_object:\n    name: Media Systems\npostmortem:\n  title: Webcams offline\n  postmortem_data: |\n    ## Impact\n\n    Webcams were dark from 07:00 to 07:45 UTC on 4 March 2025.\n\n    ## Follow-ups\n\n    - Alert on dark streams\n    - Second uplink\n",
			"media-systems", 2, 45},
		{"a WebVTT meeting transcript: cues as speakers' lines, a window with PM at its end", "a.vtt",
			"WEBVTT\n\nid-1\n00:00:02.000 --> 00:00:06.000\n<v Ana Silva>OK, this is the review of the lift outage.</v>\n\nid-2\n00:00:06.000 --> 00:00:09.000\n<v Ana Silva>For the record, customer impact window is 2:10 to 3:40 PM Mountain on March 4th, 2025.</v>\n\nid-3\n00:10:00.000 --> 00:10:04.000\n<v Ravi Iyer>Agreed.</v>\n",
			"", 0, 90},
	})
}

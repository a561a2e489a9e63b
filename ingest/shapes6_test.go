package ingest

import "testing"

// Shapes found on the sixth unseen set after its first (held-out) run,
// written afresh here: keys that name a group by definition, a sub-team
// beside the owning team, a signature followed by the company, and
// follow-ups under a key no tool standard names.

func TestTeamSources6(t *testing.T) {
	for _, c := range []struct {
		name, path, src, want string
	}{
		{"responsible unit in front matter", "a.md",
			"---\ntitle: Scans lost\nresponsible_unit: Depot Tools\n---\n\n# Scans lost\n\nText.\n", "depot-tools"},
		{"accountable function with a dot leader", "a.txt",
			"SCANS LOST\n\nAccountable function .... Yard Control (Gate Scanners)\n\nSUMMARY\n\nScans were lost.\n", "yard-control"},
		{"team owner key", "a.yaml",
			"incident:\n  title: Scans lost\n  team_owner: Yard Control\nsummary: Scans were lost.\n", "yard-control"},
		{"sub-team beside the team", "a.yaml",
			"title: Scans lost\nsummary: Scans were lost.\nreview:\n  owner:\n    team: Yard Control\n    sub_team: Gate Scanners\n", "yard-control"},
		{"accountable group with a sub-team", "a.json",
			`{"title": "Scans lost", "summary": "S", "ownership": {"accountable": {"group": "Yard Control", "sub_team": "Gate Scanners"}}}`, "yard-control"},
		{"signature with the company after a comma", "a.html",
			"<html><body><h1>Scans lost</h1><p>Scans were lost.</p><p>&mdash; Yard Control team, Example Freight</p></body></html>", "yard-control"},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

func TestUnnamedActionList(t *testing.T) {
	src := `{"title": "Scans lost", "summary": "S",
	 "actions_taken": [{"action": "restarted the scanner", "owner": "Jo", "state": "done"}],
	 "carry_forward": [{"task": "Alert on scan gaps", "owner": "Yard Control", "state": "open"},
	                   {"task": "Write a runbook", "owner": "Sam", "state": "done"}]}`
	pm := parseAs(t, "a.json", src, Options{})
	if len(pm.ActionItems) != 2 || pm.ActionItems[0].Text != "Alert on scan gaps" || pm.ActionItems[1].Status != "done" {
		t.Fatalf("action items %+v, want the two carry_forward items", pm.ActionItems)
	}
	// A list of people is no follow-up list.
	pm = parseAs(t, "a.json", `{"title": "Scans lost", "summary": "S", "people": [{"name": "Jo", "status": "paged"}]}`, Options{})
	if len(pm.ActionItems) != 0 {
		t.Fatalf("action items %+v from a list of people", pm.ActionItems)
	}
}

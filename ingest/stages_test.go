package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
)

func parseAs(t *testing.T, name, src string, opts Options) *model.Postmortem {
	t.Helper()
	pm, err := Parse(name, []byte(src), opts)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkInvariants(t, name, pm)
	return pm
}

func TestTeamSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Search (indexing)", "search"},
		{"Data Pipeline team", "data-pipeline"},
		{"the crates.io team", "crates-io"},
		{"The Rust Infrastructure Team", "rust-infrastructure"},
		{"Team Payments", "payments"},
		{"Checkout & Cart", "checkout-cart"},
		{"payments, search", "payments"},
		{"[Core Infra](https://wiki.example.org/core)", "core-infra"},
		{"SRE <sre@example.org>", "sre"},
		{"Équipe Données", "équipe-données"},
		{"team", "team"},
		{"TBD", ""},
		{"", ""},
		{"  mobile_apps ", "mobile-apps"},
	} {
		if got := TeamSlug(c.in); got != c.want {
			t.Errorf("TeamSlug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestResolveTeam(t *testing.T) {
	aliases := slugAliases(map[string]string{"Search Infra": "search", "dp": "Data Pipeline"})
	for _, c := range []struct{ in, want string }{
		{"search-infra", "search"}, {"dp", "data-pipeline"}, {"payments", "payments"}, {"", ""},
	} {
		if got := resolveTeam(c.in, aliases); got != c.want {
			t.Errorf("resolveTeam(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTeamFromText(t *testing.T) {
	sec := func(s string) []model.Section { return []model.Section{{Kind: model.SectionSummary, Text: s}} }
	for _, c := range []struct{ text, want string }{
		{"This review was written by the Identity team.", "identity"},
		{"The Data Platform team and the Data Platform team again; the SRE team once.", "data-platform"},
		{"The Billing team paged the Search team.", ""},         // a tie names no owner
		{"We asked the support team and the on-call team.", ""}, // generic teams
		{"Posted by the Customer Support Tools team.", "customer-support-tools"},
		{"Most of the development teams were at a conference.", ""}, // several teams
		{"The user was removed from the PyPI Organization the Team belongs to.", ""},
		{"Nothing about owners here.", ""},
		// A stated owner outweighs mentions of helpers.
		{"Billing team owns this one. Later the tax team fixed it and the tax team checked it.", "billing"},
		{"Owned by the Shipper Portal team. The Platform team and the Platform team helped.", "shipper-portal"},
		// Images maintained by another team say nothing of the writeup's owner.
		{"Images maintained by the Kubernetes team. The Cloud Platform team rolled back, then the Cloud Platform team wrote this.", "cloud-platform"},
	} {
		if got := teamFromText(sec(c.text)); got != c.want {
			t.Errorf("teamFromText(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// The team comes from, in order: --team, the path, the team field, a
// team-named author, the text; through the aliases.
func TestTeamSources(t *testing.T) {
	aliases := map[string]string{"idx": "search"}
	for _, c := range []struct {
		name, path, src string
		opts            Options
		want            string
	}{
		{"flag", "a.md", "---\nteam: Billing\n---\n# T\n\nText.\n", Options{Team: "Core Infra"}, "core-infra"},
		{"path", "teams/payments/a.md", "# T\n\n**Team:** billing\n\nText.\n", Options{TeamFromPath: "teams/{team}/*"}, "payments"},
		{"front matter", "a.md", "---\nteam: Search (indexing)\n---\n# T\n\nText.\n", Options{}, "search"},
		{"bold line", "a.md", "# T\n\n**Owning team:** Data Pipeline team\n\nText.\n", Options{}, "data-pipeline"},
		{"key/value table", "a.md", "# T\n\n| Team | Mobile Apps |\n| --- | --- |\n| Severity | SEV2 |\n\nText.\n", Options{}, "mobile-apps"},
		{"header table", "a.md", "# T\n\n| Team | Severity |\n| --- | --- |\n| Growth | SEV3 |\n\nText.\n", Options{}, "growth"},
		{"author", "a.md", "---\nauthors: [The Release Team]\n---\n# T\n\nText.\n", Options{}, "release"},
		{"phrase", "a.md", "# T\n\nWritten by the Identity team.\n", Options{}, "identity"},
		{"alias", "a.md", "---\nteam: IDX\n---\n# T\n\nText.\n", Options{TeamAliases: aliases}, "search"},
		{"none", "a.md", "# T\n\nText.\n", Options{}, ""},
	} {
		pm := parseAs(t, c.path, c.src, c.opts)
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.name, pm.Team, c.want)
		}
	}
}

func TestCutFieldTail(t *testing.T) {
	for _, c := range []struct{ in, text, owner, status, ticket, due string }{
		{"Add retries — Priya — done", "Add retries", "Priya", "done", "", ""},
		{"Make the build fail - Hiroshi - open", "Make the build fail", "Hiroshi", "open", "", ""},
		{"Rotate keys | sam | in progress | OPS-12", "Rotate keys", "sam", "in-progress", "OPS-12", ""},
		{"Fix the alert — Data Platform", "Fix the alert", "Data Platform", "", "", ""},
		{"Ship it — TBD — open", "Ship it", "", "open", "", ""},
		{"Upgrade the client — due 2025-07-01", "Upgrade the client", "", "", "", "2025-07-01"},
		{"Roll back the deploy - later", "Roll back the deploy - later", "", "", "", ""}, // a lower-case word alone is no owner
		{"Add a pre-flight check - to stop bad deploys", "Add a pre-flight check - to stop bad deploys", "", "", "", ""},
		{"Talk to Alice - Bob - Carol", "Talk to Alice - Bob - Carol", "", "", "", ""}, // two names: not fields
	} {
		text, m := cutFieldTail(c.in)
		if text != c.text || m.owner != c.owner || m.status != c.status || m.ticket != c.ticket || m.due != c.due {
			t.Errorf("cutFieldTail(%q) = %q %+v, want %q owner %q status %q ticket %q due %q",
				c.in, text, m, c.text, c.owner, c.status, c.ticket, c.due)
		}
	}
}

// Action items from each list shape.
func TestActionShapes(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		want            []model.ActionItem
	}{
		{"aligned text columns with wrapped lines", "a.txt",
			"Title\n\nACTION ITEMS\n------------\n  [ ] Make the build fail if a dependency    - Hiroshi  - open\n      raises the minimum version\n  [x] Add a device to the farm                - Amara    - done\n",
			[]model.ActionItem{{Text: "Make the build fail if a dependency raises the minimum version", Owner: "Hiroshi", Status: "open"},
				{Text: "Add a device to the farm", Owner: "Amara", Status: "done"}}},
		{"columns without dashes", "a.txt",
			"Title\n\nFOLLOW-UPS\n----------\n- Cap the log volume        Rafael     open\n- Alert on missing files    Mina       done\n",
			[]model.ActionItem{{Text: "Cap the log volume", Owner: "Rafael", Status: "open"}, {Text: "Alert on missing files", Owner: "Mina", Status: "done"}}},
		{"numbered list with trailing fields", "a.md",
			"# T\n\n## Action items\n\n1. Alert on missing partitions — Aiko — open\n2. Agree a deadline — Marcus — done — DP-311\n",
			[]model.ActionItem{{Text: "Alert on missing partitions", Owner: "Aiko", Status: "open"},
				{Text: "Agree a deadline", Owner: "Marcus", Status: "done", Ticket: "DP-311"}}},
		{"indented list", "a.md",
			"# T\n\n## Next steps\n\n  - Fix the job (owner: Wei, status: open)\n  - Test the job (owner: Dario)\n",
			[]model.ActionItem{{Text: "Fix the job", Owner: "Wei", Status: "open"}, {Text: "Test the job", Owner: "Dario"}}},
		{"remediation lines with owners", "a.md",
			"# T\n\n## Remediation\n\nAI-1: Accept unknown fields. Owner: Yusuf. Status: open.\nAI-2: Review schema changes. Owner: Lena. Status: done.\n",
			[]model.ActionItem{{Text: "AI-1: Accept unknown fields.", Owner: "Yusuf", Status: "open"},
				{Text: "AI-2: Review schema changes.", Owner: "Lena", Status: "done"}}},
		{"remediation prose is no list", "a.md",
			"# T\n\n## Remediation\n\nWe restarted the job and the queue drained.\nNothing else was needed.\n", nil},
		{"YAML next_steps", "a.yaml",
			"title: T\nsummary: S\nnext_steps:\n  - task: Throttle rebalances\n    assignee: Jonas\n    state: open\n    jira_key: BLOB-42\n  - Add a dry run\n",
			[]model.ActionItem{{Text: "Throttle rebalances", Owner: "Jonas", Status: "open", Ticket: "BLOB-42"}, {Text: "Add a dry run"}}},
		{"JSON map of lists", "a.json",
			`{"title": "T", "summary": "S", "remediations": {"now": [{"text": "Restore the pool", "done": true}], "later": ["Load test"]}}`,
			[]model.ActionItem{{Text: "Load test"}, {Text: "Restore the pool", Status: "done"}}},
		{"empty export list, items in the body", "a.json",
			`{"title": "T", "corrective_actions": [], "body": "## Summary\n\nS.\n\n## Action items\n\n- Fix it (owner: Ana, done)\n"}`,
			[]model.ActionItem{{Text: "Fix it", Owner: "Ana", Status: "done"}}},
	} {
		pm := parseAs(t, c.path, c.src, Options{})
		if len(pm.ActionItems) != len(c.want) {
			t.Errorf("%s: %d items %+v, want %d", c.name, len(pm.ActionItems), pm.ActionItems, len(c.want))
			continue
		}
		for i, a := range pm.ActionItems {
			if a != c.want[i] {
				t.Errorf("%s: item %d = %+v, want %+v", c.name, i, a, c.want[i])
			}
		}
	}
}

// The duration's sources, in order, and DurationSource.
func TestDurationSources(t *testing.T) {
	for _, c := range []struct {
		name, src string
		minutes   float64
		source    string
	}{
		{"stated field wins", "---\ndate: 2025-01-02\nduration: 1h 30m\nstarted_at: 2025-01-02T10:00:00Z\nresolved_at: 2025-01-02T10:45:00Z\n---\n# T\n\nText.\n", 90, "stated"},
		{"start and resolve fields", "---\nstarted_at: 2025-01-02T10:00:00Z\nresolved_at: 2025-01-02T10:45:00Z\n---\n# T\n\nText.\n", 45, "fields"},
		{"impact lines", "# T\n\n**Date:** 2025-01-02\n\n## Impact\n\nImpact started at 10:05 UTC and impact ended at 11:20 UTC.\n\n## Timeline\n\n- 08:00 change merged\n- 10:05 errors\n- 13:00 incident closed\n", 75, "impact"},
		{"impact began ... and ended", "# T\n\n## Impact\n\nImpact began on 2025-01-02 at 04:00 UTC and ended at 14:30 UTC.\n", 630, "impact"},
		{"impact window", "# T\n\n**Date:** 2025-01-02\n\n## Impact\n\nRequests failed between 03:45 and 05:15 UTC.\n", 90, "impact"},
		{"window with the zone once", "# T\n\n**Date:** 2025-01-02\n\n## Impact\n\nThe second send ran from 15:00 to 15:40 CEST.\n", 40, "impact"},
		{"timeline without the cause hours before", "# T\n\n**Date:** 2025-01-02\n\n## Timeline\n\n- 02:00 configuration change merged\n- 06:40 empty results\n- 06:52 alert fires\n- 07:15 results back to normal\n", 35, "timeline"},
		{"a change just before the impact counts", "# T\n\n**Date:** 2025-01-02\n\n## Timeline\n\n- 14:05 deploy restarts all replicas; cache empty\n- 14:09 latency alert fires\n- 14:50 incident resolved\n", 45, "timeline"},
		{"prose", "# T\n\n## Summary\n\nThe outage lasted 35 minutes.\n", 35, "prose"},
		{"none", "# T\n\nText.\n", 0, ""},
	} {
		pm := parseAs(t, "a.md", c.src, Options{})
		if pm.DurationMinutes != c.minutes || pm.DurationSource != c.source {
			t.Errorf("%s: %.0f min from %q, want %.0f from %q", c.name, pm.DurationMinutes, pm.DurationSource, c.minutes, c.source)
		}
	}
}

func TestImpactPhrases(t *testing.T) {
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) string { return time.Date(2025, 3, 4, h, m, 0, 0, time.UTC).Format(time.RFC3339) }
	str := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	for _, c := range []struct{ text, start, end string }{
		{"Impact started at 10:05 UTC. Impact ended at 11:20.", at(10, 5), at(11, 20)},
		{"Customer impact began around 09:00 and impact was mitigated at 09:40.", at(9, 0), at(9, 40)},
		{"Impact started at 23:30 and impact ended at 00:10.", at(23, 30), time.Date(2025, 3, 5, 0, 10, 0, 0, time.UTC).Format(time.RFC3339)},
		{"There was no impact.", "", ""},
		{"The impact was large.", "", ""},
	} {
		s, e := impactPhrases(c.text, &day, 2025, time.UTC)
		if str(s) != c.start || str(e) != c.end {
			t.Errorf("impactPhrases(%q) = %s, %s; want %s, %s", c.text, str(s), str(e), c.start, c.end)
		}
	}
}

// Title, sections, dates and identity stages on small inputs.
func TestStages(t *testing.T) {
	for _, c := range []struct {
		name, path, src string
		title, date     string
		sections        []string
		timeline        int
	}{
		{"heading title", "a.md", "# Queue stuck\n\n## Summary\n\nText.\n", "Queue stuck", "", []string{"summary"}, 0},
		{"front-matter title wins", "a.md", "---\ntitle: From front matter\n---\n# Heading\n\nText.\n", "From front matter", "", []string{"summary"}, 0},
		{"file name title", "2025-02-03-disk-full.md", "```\nkubectl get pods\n```\n", "2025-02-03 disk full", "2025-02-03", []string{"summary"}, 0},
		{"plain headings in Markdown", "a.md", "Webhooks failed\nTeam: Integrations\nDate: 2025-12-09\n\nSummary\nA library changed.\n\nTimeline\n09:10 Partners reject signatures\n10:25 Fixed\n\nAction items\n- Pin it - Eli - done\n",
			"Webhooks failed", "2025-12-09", []string{"summary", "summary", "timeline", "action-items"}, 2},
		{"date from the opening prose", "a.md", "# T\n\nWritten after the incident on 2026-08-14.\n\n## Timeline\n\n- 11:05 vendor confirms\n- 12:55 fixed\n",
			"T", "2026-08-14", []string{"summary", "timeline"}, 2},
	} {
		pm, err := Parse(c.path, []byte(c.src), Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var kinds []string
		for _, s := range pm.Sections {
			kinds = append(kinds, s.Kind)
		}
		date := ""
		if pm.Date != nil {
			date = pm.Date.Format("2006-01-02")
		}
		if pm.Title != c.title || date != c.date || strings.Join(kinds, ",") != strings.Join(c.sections, ",") || len(pm.Timeline) != c.timeline {
			t.Errorf("%s: title %q date %q sections %v timeline %d; want %q %q %v %d",
				c.name, pm.Title, date, kinds, len(pm.Timeline), c.title, c.date, c.sections, c.timeline)
		}
	}
}

func TestIdentityStage(t *testing.T) {
	for _, c := range []struct{ name, path, idPath, src, want string }{
		{"front-matter id", "a.md", "x/a.md", "---\nid: pm-42\n---\n# T\n\nText.\n", "pm-42"},
		{"identity path", "/abs/x/a.md", "x/a.md", "# T\n\nText.\n", PathID("x/a.md")},
		{"cleaned path without one", "./x/../x/a.md", "", "# T\n\nText.\n", PathID("x/a.md")},
	} {
		pm := parseAs(t, c.path, c.src, Options{IDPath: c.idPath})
		if pm.ID != c.want {
			t.Errorf("%s: id %q, want %q", c.name, pm.ID, c.want)
		}
	}
}

func TestNewIdentity(t *testing.T) {
	base := t.TempDir()
	proj := filepath.Join(base, "proj")
	dir := filepath.Join(proj, "docs", "pm")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a.md")
	if err := os.WriteFile(file, []byte("# T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without a project marker the root's own name starts the path.
	check := func(root, file, want string) {
		t.Helper()
		id, err := NewIdentity(root)
		if err != nil {
			t.Fatal(err)
		}
		if got := id.Path(file); got != want {
			t.Errorf("root %s, file %s: %q, want %q", root, file, got, want)
		}
	}
	check(dir, file, "pm/a.md")
	check(file, file, "pm/a.md")
	// A .debrief.yml marks the project: paths start there, whatever the root.
	if err := os.WriteFile(filepath.Join(proj, ConfigFile), []byte("teams: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check(dir, file, "docs/pm/a.md")
	check(filepath.Join(proj, "docs"), filepath.Join(proj, "docs", "pm", "a.md"), "docs/pm/a.md")
	check(file, file, "docs/pm/a.md")
	if _, err := NewIdentity(filepath.Join(base, "missing")); err == nil {
		t.Error("want an error for a missing root")
	}
}

func TestTeamAliasConfig(t *testing.T) {
	base := t.TempDir()
	sub := filepath.Join(base, "team-a", "2025")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(base, ConfigFile), "min_severity: warning\nteams:\n  idx: search\n  Search Infra: search\n")
	write(filepath.Join(base, "team-a", ConfigFile), "teams:\n  dp: data-pipeline\n")
	doc := filepath.Join(sub, "a.md")
	write(doc, "---\nteam: dp\n---\n# T\n\nText.\n")
	top := filepath.Join(base, "b.md")
	write(top, "---\nteam: Search Infra\n---\n# T\n\nText.\n")

	finder := NewConfigFinder()
	for _, c := range []struct {
		file, want string
		flag       map[string]string
	}{
		{doc, "data-pipeline", nil}, // the nearest config wins
		{top, "search", nil},
		{top, "core", map[string]string{"search-infra": "core"}}, // --team-alias wins over the file
	} {
		pm, err := ParseFile(c.file, Options{Configs: finder, TeamAliases: c.flag})
		if err != nil {
			t.Fatal(err)
		}
		if pm.Team != c.want {
			t.Errorf("%s: team %q, want %q", c.file, pm.Team, c.want)
		}
	}

	bad := filepath.Join(base, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(bad, ConfigFile), "teams:\n  - search\n")
	write(filepath.Join(bad, "c.md"), "# T\n\nText.\n")
	_, err := ParseFile(filepath.Join(bad, "c.md"), Options{Configs: finder})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(bad, ConfigFile)) || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("bad config: want an error naming the file and line, got %v", err)
	}
	write(filepath.Join(bad, ConfigFile), "teams:\n  x: \"\"\n")
	if _, err := LoadTeamAliases(filepath.Join(bad, ConfigFile)); err == nil {
		t.Error("an alias to an empty team should be refused")
	}
	write(filepath.Join(bad, ConfigFile), "known_teams: [store, \"\"]\n")
	if _, err := LoadTeamAliases(filepath.Join(bad, ConfigFile)); err == nil || !strings.Contains(err.Error(), "known_teams") {
		t.Errorf("an empty known team should be refused naming the key, got %v", err)
	}
}

// Known teams: a name in another spelling maps to the one known team
// whose words it contains; two that fit, or none, leave it as it is.
func TestKnownTeams(t *testing.T) {
	proj := t.TempDir()
	if err := os.WriteFile(filepath.Join(proj, ConfigFile), []byte("known_teams: [store, launcher, game-servers, data]\nteams:\n  mm: matchmaking\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	finder := NewConfigFinder()
	for _, c := range []struct{ team, want string }{
		{"Store Engineering", "store"},
		{"Launcher & Patching", "launcher"},
		{"Game Servers (fleet)", "game-servers"},
		{"MM", "matchmaking"},
		{"Data Store", "data-store"}, // both data and store fit: no guess
		{"Anti-Cheat", "anti-cheat"}, // none fits
		{"Matchmaking Core", "matchmaking"},
		{"Launcher Tech", "launcher"},
		{"Infra", "infra"}, // fits none of these known teams
		{"Game Serv", "game-servers"},
	} {
		p := filepath.Join(proj, TeamSlug(c.team)+".md")
		if err := os.WriteFile(p, []byte("---\nteam: "+c.team+"\n---\n# T\n\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		pm, err := ParseFile(p, Options{Configs: finder})
		if err != nil {
			t.Fatal(err)
		}
		if pm.Team != c.want {
			t.Errorf("%q: team %q, want %q", c.team, pm.Team, c.want)
		}
	}
}

// Which timeline entries start and resolve the incident.
func TestTimelineMoments(t *testing.T) {
	for _, c := range []struct {
		name, timeline string
		start, end     string
	}{
		{"explicit start in a preparatory entry", "- 08:54 Start of incident. New version deployed.\n- 18:45 Builds backlogged\n- 22:00 Incident resolved\n", "08:54", "22:00"},
		{"a reference to the start is no start", "- 10:00 Errors on the API\n- 11:00 Looking at the logs around the start of the outage, which began when the pool was resized and every client reconnected at once, so the hub fell over\n- 12:00 Incident resolved\n", "10:00", "12:00"},
		{"weak 'began' in a preparatory entry", "- 09:00 Upgrade began\n- 09:10 Errors\n- 10:00 All clear\n", "09:00", "10:00"},
		{"weak 'begin' in a short entry", "- 09:00 Export query started\n- 09:10 Stale reads begin\n- 09:57 Lag back under 1 s; stale reads end\n", "09:10", "09:57"},
		{"cause hours before", "- 02:00 Config change merged\n- 06:40 Empty results\n- 07:15 Results back to normal\n", "06:40", "07:15"},
		{"'...; X ends' resolves", "- 09:05 Skew begins\n- 15:00 Assignment fixed; skew ends\n", "09:05", "15:00"},
		{"'ends up' does not", "- 03:40 Broker replaced\n- 03:41 Consumer ends up with no partitions\n- 09:35 Customer reports missing listings\n- 11:05 Backlog processed, fully recovered\n", "03:40", "11:05"},
		{"a compact range is not a zone", "- ~13:30-13:45 Launch success drops to zero\n- 17:03 Issue resolved\n", "13:30", "17:03"},
		{"an approximate time after a date", "- 2025-01-02 ca. 11:20 Launches fail\n- 15:11 Back to normal\n", "11:20", "15:11"},
	} {
		pm := parseAs(t, "a.md", "# T\n\n**Date:** 2025-01-02\n\n## Timeline\n\n"+c.timeline, Options{})
		hm := func(x *time.Time) string {
			if x == nil {
				return ""
			}
			return x.Format("15:04")
		}
		if hm(pm.StartedAt) != c.start || hm(pm.ResolvedAt) != c.end {
			t.Errorf("%s: %s - %s, want %s - %s", c.name, hm(pm.StartedAt), hm(pm.ResolvedAt), c.start, c.end)
		}
	}
}

func TestOwnerTeam(t *testing.T) {
	pm := &model.Postmortem{Authors: []string{"Jonas Keller"}, Sections: []model.Section{
		{Text: "At 00:30 UTC Billing on-call paused payment matching."}}}
	for _, c := range []struct{ in, want string }{
		{"Data Platform", "data-platform"},            // an organisation word
		{"customer tracking", "customer-tracking"},    // lower case, two words: no person's name
		{"Billing", "billing"},                        // stands before "on-call" in the text
		{"Grid Forecasting team", "grid-forecasting"}, // team-shaped
		{"Jonas Keller", ""},                          // the author
		{"Amara Nwosu", ""},                           // a person
		{"felix", ""},                                 // a person in terse notes
		{"Search (indexing)", "search"},               // qualifier dropped
		{"ops@example.com", ""},                       // an address
		{"Site ops, Edison night shift", ""},          // a list: more than four words
	} {
		if got := ownerTeam([]string{c.in}, pm); got != c.want {
			t.Errorf("ownerTeam(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTeamFromPreamble(t *testing.T) {
	for _, c := range []struct{ head, want string }{
		{"Title\n\nDriver Payments team · LF-2025-079 · draft v3", "driver-payments"},
		{"Data Platform team  -  incident LF-2025-158  -  SEV3\nAuthor: Mei Chen", "data-platform"},
		{"**Owner:** Customer Tracking team\n**Severity:** SEV3", "customer-tracking"},
		{"owner: customer tracking\nsev3, writeup by felix", "customer-tracking"},
		{"owner: felix\nsev3", ""},
		{"We thank the Search team - and everyone else.", ""}, // prose, not a byline segment
	} {
		pm := &model.Postmortem{Sections: []model.Section{{Text: c.head}}}
		if got := teamFromPreamble(pm); got != c.want {
			t.Errorf("teamFromPreamble(%q) = %q, want %q", c.head, got, c.want)
		}
	}
	// Only the heading-less header counts.
	pm := &model.Postmortem{Sections: []model.Section{{Heading: "Follow-ups", Text: "Owner: Data Platform"}}}
	if got := teamFromPreamble(pm); got != "" {
		t.Errorf("teamFromPreamble(section under a heading) = %q, want \"\"", got)
	}
}

package ingest

import (
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// unseenDir holds writeups in styles ingest was not tuned on, with the
// truth a careful reader takes from each (README.md there).
const unseenDir = "../testdata/unseen"

type unseenTruth struct {
	Documents []struct {
		File string `json:"file"`
		Team string `json:"team"`
		// TeamAsWritten is the owning team as the document's main
		// statement of ownership spells it (sets from unseen-17 on).
		TeamAsWritten   string  `json:"team_as_written"`
		ActionItems     int     `json:"action_items"`
		DurationMinutes float64 `json:"duration_minutes"`
	} `json:"documents"`
}

// directoryConfig is a set's team directory as a debrief configuration
// (known_teams and teams aliases), written from the writers' brief
// before the documents were read (sets from unseen-17 on).
const directoryConfig = "directory.debrief.yml"

// Floors: the share of documents right on each measure, at what the
// extraction achieves (issue 12 targets: team 0.95, actions 0.90,
// duration 0.90). The first run, before the fixes this set revealed, gave
// team 28/32, action items 24/32, duration 17/32.
const (
	unseenTeamFloor     = 1.0
	unseenActionsFloor  = 1.0
	unseenDurationFloor = 1.0
)

// unseen2Dir is a second such set, written independently of the first
// and of the code (README.md there). The first run on it, after the fixes
// the first set revealed, gave team 30/34, action items 27/34, duration
// 23/34.
const unseen2Dir = "../testdata/unseen-2"

const (
	unseen2TeamFloor     = 1.0
	unseen2ActionsFloor  = 1.0
	unseen2DurationFloor = 1.0
)

// unseen3Dir is a third set, written independently of the code and of the
// other two, and scored once after the fixes for the second set: team
// 26/32, action items 28/32, duration 25/32, below issue 12's targets
// (95/90/90%). The parser was then fixed against its misses (team 31/32,
// action items 31/32, duration 32/32): it is no longer held out, and the
// floors below guard those figures.
const unseen3Dir = "../testdata/unseen-3"

const (
	unseen3TeamFloor     = 31.0 / 32
	unseen3ActionsFloor  = 31.0 / 32
	unseen3DurationFloor = 32.0 / 32
)

// TestUnseen scores team (exact slug), action items (count within one)
// and duration (within 10%) on the unseen set and prints the figures.
func TestUnseen(t *testing.T) {
	scoreUnseen(t, unseenDir, unseenTeamFloor, unseenActionsFloor, unseenDurationFloor)
}

// TestUnseen2 scores the second unseen set the same way.
func TestUnseen2(t *testing.T) {
	scoreUnseen(t, unseen2Dir, unseen2TeamFloor, unseen2ActionsFloor, unseen2DurationFloor)
}

// TestUnseen3 scores the held-out third set the same way.
func TestUnseen3(t *testing.T) {
	scoreUnseen(t, unseen3Dir, unseen3TeamFloor, unseen3ActionsFloor, unseen3DurationFloor)
}

// scoreUnseen scores the documents truth.json in dir lists (README.md
// and truth.json themselves are not documents) against the floors.
func scoreUnseen(t *testing.T, dir string, teamFloor, actionsFloor, durationFloor float64) (asWritten, directory int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth unseenTruth
	if err := json.Unmarshal(data, &truth); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	if len(truth.Documents) < 30 {
		t.Fatalf("only %d documents in truth.json", len(truth.Documents))
	}
	var team, actions, duration int
	for _, d := range truth.Documents {
		pm, err := ParseFile(filepath.Join(dir, d.File), Options{})
		if err != nil {
			t.Logf("%s: %v (counted wrong on every measure)", d.File, err)
			continue
		}
		if pm.Team == d.Team {
			team++
		} else {
			t.Logf("%s: team %q, want %q", d.File, pm.Team, d.Team)
		}
		if n := len(pm.ActionItems); n >= d.ActionItems-1 && n <= d.ActionItems+1 {
			actions++
		} else {
			t.Logf("%s: %d action items, want %d", d.File, n, d.ActionItems)
		}
		if math.Abs(pm.DurationMinutes-d.DurationMinutes) <= 0.1*d.DurationMinutes {
			duration++
		} else {
			t.Logf("%s: duration %.0f min (%s), want %.0f", d.File, pm.DurationMinutes, pm.DurationSource, d.DurationMinutes)
		}
	}
	n := float64(len(truth.Documents))
	t.Logf("%s, %d documents: team %d (%.1f%%), action items within one %d (%.1f%%), duration within 10%% %d (%.1f%%)",
		dir, len(truth.Documents), team, 100*float64(team)/n, actions, 100*float64(actions)/n, duration, 100*float64(duration)/n)
	// The same with the set's teams configured as known_teams (a company
	// lists its teams once; the set's README lists them): names in other
	// spellings ("Store Engineering") then map to them.
	known := map[string]string{}
	for _, d := range truth.Documents {
		known[d.Team] = d.Team
	}
	knownTeam := 0
	for _, d := range truth.Documents {
		if pm, err := ParseFile(filepath.Join(dir, d.File), Options{TeamAliases: known}); err == nil && pm.Team == d.Team {
			knownTeam++
		}
	}
	t.Logf("%s with its %d teams as known_teams: team %d (%.1f%%)", dir, len(known), knownTeam, 100*float64(knownTeam)/n)
	asWritten, directory = logTeamExtras(t, dir, truth)
	for _, c := range []struct {
		name  string
		got   int
		floor float64
	}{{"team", team, teamFloor}, {"action items", actions, actionsFloor}, {"duration", duration, durationFloor}} {
		if float64(c.got) < c.floor*n-1e-9 {
			t.Errorf("%s: %.1f%% right, below the floor of %.0f%%", c.name, 100*float64(c.got)/n, 100*c.floor)
		}
	}
	return asWritten, directory
}

// unseen4Dir is a fourth set (a fictional logistics company, 36
// documents), written independently of the code after the fixes for
// unseen-3 and scored once: team 27/36, action items within one 32/36,
// duration within 10% 27/36, below issue 12's targets (95/90/90%). The
// parser was then fixed against its misses (owners without a "team"
// suffix, bylines, stated ownership, impact fields beside ticket times,
// fenced checklists, numbered column tables, flat Google Docs lists,
// symptom and weak-resolve timeline entries): 36/36 on each measure. It
// is no longer held out; the floors guard those figures, and
// testdata/unseen-5 is the fresh set.
const unseen4Dir = "../testdata/unseen-4"

const (
	unseen4TeamFloor     = 1.0
	unseen4ActionsFloor  = 1.0
	unseen4DurationFloor = 1.0
)

// TestUnseen4 scores testdata/unseen-4 like TestUnseen.
func TestUnseen4(t *testing.T) {
	scoreUnseen(t, unseen4Dir, unseen4TeamFloor, unseen4ActionsFloor, unseen4DurationFloor)
}

// unseen5Dir is a fifth set (a fictional insurer, 36 documents), written
// by two writers independently of the code and of the other sets after
// the fixes for unseen-4. Its first run, in the commit that added it:
// team 25/36, action items within one 28/36, duration within 10% 28/36.
// The fixes for its misses (shapes5_test.go) bring it to 35/36/35; it is
// tuned on since, so the floors are a regression guard and unseen-6 is
// the held-out figure. Left: 23's owner key "keeper_of_the_service" and
// its "12:38 am — sorry, 12:38 pm" correction.
const unseen5Dir = "../testdata/unseen-5"

const (
	unseen5TeamFloor     = 35.0 / 36
	unseen5ActionsFloor  = 36.0 / 36
	unseen5DurationFloor = 35.0 / 36
)

// TestUnseen5 scores testdata/unseen-5 like TestUnseen.
func TestUnseen5(t *testing.T) {
	scoreUnseen(t, unseen5Dir, unseen5TeamFloor, unseen5ActionsFloor, unseen5DurationFloor)
}

// unseen6Dir is a sixth set (a fictional energy company, 36 documents),
// written by three writers independently of the code while the unseen-5
// fixes were made, and scored once, in the commit that added this test:
// team 25/36, action items within one 29/36, duration within 10% 27/36,
// below issue 12's targets (95/90/90%): that first run is the held-out
// figure. Fixes for its misses (shapes6_test.go, shapes7_test.go: group
// keys, signatures and roles, fenced plain-text headings, "todo N" lines,
// ordinal paragraphs, chat-thread lists, weekday stamps, dated timeline
// headings, stated impact lengths, sentences that state the impact
// around its time) bring it to 36/36 on each measure, which the floors
// guard; it is no longer held out, and testdata/unseen-7 is the fresh set.
const unseen6Dir = "../testdata/unseen-6"

const (
	unseen6TeamFloor     = 1.0
	unseen6ActionsFloor  = 1.0
	unseen6DurationFloor = 1.0
)

// TestUnseen6 scores testdata/unseen-6 like TestUnseen.
func TestUnseen6(t *testing.T) {
	scoreUnseen(t, unseen6Dir, unseen6TeamFloor, unseen6ActionsFloor, unseen6DurationFloor)
}

// unseen7Dir is a seventh set (a fictional public-transport operator, 36
// documents), written by three writers independently of the code while
// the unseen-6 fixes were made, without access to the code, the tests,
// the other sets or the corpus, and scored once, in the commit that adds
// this test: team 13/36, action items within one 21/36, duration within
// 10% 21/36, far below issue 12's targets (95/90/90%). That first run is
// the held-out figure (see its README). Fixes for its misses
// (shapes8_test.go) bring it to 29/35/35, which the floors guard; it is
// no longer held out. The seven team misses left are names only an alias
// map joins ("Identity & Access" for identity, "PIDs" for
// passenger-information) or that no line states.
const unseen7Dir = "../testdata/unseen-7"

const (
	unseen7TeamFloor     = 29.0 / 36
	unseen7ActionsFloor  = 35.0 / 36
	unseen7DurationFloor = 35.0 / 36
)

// TestUnseen7 scores testdata/unseen-7 like TestUnseen.
func TestUnseen7(t *testing.T) {
	scoreUnseen(t, unseen7Dir, unseen7TeamFloor, unseen7ActionsFloor, unseen7DurationFloor)
}

// unseen8Dir is an eighth set (a fictional clinic and telehealth group,
// 36 documents), written by three writers independently of the code
// while the unseen-7 fixes were made, without access to the code, the
// tests, the other sets or the corpus, and scored once, in the commit
// that adds this test: team 17/36, action items within one 29/36,
// duration within 10% 23/36, below issue 12's targets (95/90/90%). That
// first run is the held-out figure (see its README). Fixes for some of
// its misses (shapes9_test.go) bring it to 22/35/34, which the floors
// guard; most team misses left are names an alias map joins ("Cloud
// Platform", "Telehealth Engineering", "ePrescribing").
const unseen8Dir = "../testdata/unseen-8"

const (
	unseen8TeamFloor     = 22.0 / 36
	unseen8ActionsFloor  = 35.0 / 36
	unseen8DurationFloor = 34.0 / 36
)

// TestUnseen8 scores testdata/unseen-8 like TestUnseen.
func TestUnseen8(t *testing.T) {
	scoreUnseen(t, unseen8Dir, unseen8TeamFloor, unseen8ActionsFloor, unseen8DurationFloor)
}

// unseen9Dir is a ninth set (a fictional games studio, 36 documents),
// written by three writers independently of the code while the unseen-8
// fixes were made, without access to the code, the tests, the other sets
// or the corpus, and scored once, in the commit that adds this test:
// team 13/36, action items within one 27/36, duration within 10% 24/36,
// below issue 12's targets (95/90/90%). That first run is the held-out
// figure (see its README). Fixes for some of its misses
// (shapes10_test.go) bring it to 22/32/31, and later general fixes to
// 24/33/31, which the floors guard; of
// the fourteen team misses left, eight are names only an alias map
// joins ("Store Engineering", "Launcher & Patching", "Infra").
const unseen9Dir = "../testdata/unseen-9"

const (
	unseen9TeamFloor     = 24.0 / 36
	unseen9ActionsFloor  = 33.0 / 36
	unseen9DurationFloor = 31.0 / 36
)

// TestUnseen9 scores testdata/unseen-9 like TestUnseen.
func TestUnseen9(t *testing.T) {
	scoreUnseen(t, unseen9Dir, unseen9TeamFloor, unseen9ActionsFloor, unseen9DurationFloor)
}

// unseen10Dir is a tenth set (a fictional water utility, 36 documents),
// written by three writers independently of the code while the unseen-9
// fixes were made, without access to the code, the tests, the other sets
// or the corpus, and scored once, in the commit that adds this test:
// team 8/36 (19/36 with its teams as known_teams), action items within
// one 19/36, duration within 10% 16/36, far below issue 12's targets
// (95/90/90%). That first run is the held-out figure (see its README).
// Fixes for some of its misses (shapes11_test.go) bring it to 9/26/21
// (23/36 team with known_teams); a later fix for unseen-16 (a prose line
// after indented entries) to 10/26/21, which the floors guard.
const unseen10Dir = "../testdata/unseen-10"

const (
	unseen10TeamFloor     = 10.0 / 36
	unseen10ActionsFloor  = 26.0 / 36
	unseen10DurationFloor = 21.0 / 36
)

// TestUnseen10 scores testdata/unseen-10 like TestUnseen.
func TestUnseen10(t *testing.T) {
	scoreUnseen(t, unseen10Dir, unseen10TeamFloor, unseen10ActionsFloor, unseen10DurationFloor)
}

// unseen11Dir is an eleventh set (a fictional rail freight operator, 36
// documents), written by three writers independently of the code while
// the unseen-10 fixes were made, without access to the code, the tests,
// the other sets or the corpus, and scored once, in the commit that adds
// this test: team 14/36 (25/36 with its teams as known_teams), action
// items within one 25/36, duration within 10% 24/36, below issue 12's
// targets (95/90/90%). That first run is the held-out figure (see its
// README). Fixes for a few of its misses (shapes11_test.go: pir/rca
// wrappers, terse export keys, status pages' postmortem_body, "sits with
// us in X", dot-leader form fields, flagged timeline entries) bring it
// to 16/31/27, which the floors guard.
const unseen11Dir = "../testdata/unseen-11"

const (
	unseen11TeamFloor     = 16.0 / 36
	unseen11ActionsFloor  = 31.0 / 36
	unseen11DurationFloor = 27.0 / 36
)

// TestUnseen11 scores testdata/unseen-11 like TestUnseen.
func TestUnseen11(t *testing.T) {
	scoreUnseen(t, unseen11Dir, unseen11TeamFloor, unseen11ActionsFloor, unseen11DurationFloor)
}

// unseen12Dir is a twelfth set (a fictional energy retailer, 36
// documents), written by three writers independently of the code after
// the stop of 2026-12-07's analysis work, without access to the code, the
// tests, the other sets or the corpus, and scored once, in the commit that
// adds this test: team 12/36 (23/36 with its teams as known_teams), action
// items within one 21/36, duration within 10% 22/36, below issue 12's
// targets (95/90/90%). That first run is the held-out figure (see its
// README). Fixes for a few of its misses (shapes12_test.go: follow-ups
// under an export key of their own with "do" texts, "Things to do after"
// sections with arrow items, a chat's checklist after a lead-in without a
// colon, "X owns it." opening a chat message) bring it to 13/24/22, and a
// second pass (shapes13_test.go: front-matter follow-ups, plain-text pipe
// and boxed tables, ticket printouts' field grids and related lists,
// steward and RACI objects, JSON channel exports, chat headers) to
// 17/32/24 (33/36 team with known_teams); later passes over other sets
// bring its actions to 34, which the floors guard.
const unseen12Dir = "../testdata/unseen-12"

const (
	unseen12TeamFloor     = 17.0 / 36
	unseen12ActionsFloor  = 34.0 / 36
	unseen12DurationFloor = 25.0 / 36
)

// TestUnseen12 scores testdata/unseen-12 like TestUnseen.
func TestUnseen12(t *testing.T) {
	scoreUnseen(t, unseen12Dir, unseen12TeamFloor, unseen12ActionsFloor, unseen12DurationFloor)
}

// unseen13Dir is a thirteenth set (a fictional parcel and freight
// carrier, 36 documents), written by writers who never saw the code, the
// tests, the other sets or the corpus, while the unseen-12 second pass
// was made, and scored once, in the commit that adds this test: team
// 8/36 (19/36 with its teams as known_teams), action items within one
// 16/36, duration within 10% 18/36, far below issue 12's targets
// (95/90/90%); three of its exports were refused. That first run is the
// held-out figure (see its README). Fixes for the refused exports
// (shapes13_test.go: ServiceNow display values and problem tasks, Azure
// DevOps namespaced fields, an incident bot's event log, Jira sub-tasks)
// and a chat's follow-up list after a blank line bring it to 9/21/20
// (22/36 team with known_teams). A second pass over its misses
// (shapes14_test.go: admonitions and callouts, board cards, property
// bars, wrapped custom fields, JSON:API and Markdown-valued exports,
// replies' signatures, topic changes, Org drawers, field lines) brings it
// to 16/31/27 (32/36 with known_teams). Reading Logseq/Obsidian wiki
// links (unseen-14's second pass) turns one team from "customs" into
// "customs-declarations", the name the writeup itself uses in "the
// [[Customs Declarations]] team owns ...": 15/31/27, which the floors
// guard.
const unseen13Dir = "../testdata/unseen-13"

const (
	unseen13TeamFloor     = 15.0 / 36
	unseen13ActionsFloor  = 31.0 / 36
	unseen13DurationFloor = 27.0 / 36
)

// TestUnseen13 scores testdata/unseen-13 like TestUnseen.
func TestUnseen13(t *testing.T) {
	scoreUnseen(t, unseen13Dir, unseen13TeamFloor, unseen13ActionsFloor, unseen13DurationFloor)
}

// unseen14Dir is a fourteenth set (a fictional online grocer, 36
// documents), written by writers who never saw the code, the tests, the
// other sets or the corpus, in formats no earlier set used
// (reStructuredText, AsciiDoc, MDX, Logseq, Pandoc grid tables, Confluence
// storage format, OneNote; PagerDuty, Statuspage, Grafana IRM, Jeli,
// Zenduty, Splunk On-Call, Sentry, a Jupyter notebook, Trello, the Notion
// API, GitLab, a GitOps record; Telegram, Matrix, Zulip, a WebVTT
// transcript, SMS, a merge request, Bugzilla, a list digest, a paper form,
// an ISO-stamped shift log, a telex, a terminal typescript). It was scored
// once, in the commit that adds it: team 10/36 (18/36 with its nine teams
// as known_teams), action items within one 16/36, duration within 10%
// 21/36 (see its README). Fixes for its unread shapes (shapes15_test.go:
// AsciiDoc and reStructuredText, Jupyter notebooks, kanban boards, long
// notes of an incident, team objects and IDs, postmortem_data bodies)
// and WebVTT transcripts, with a window whose PM is written at its end,
// bring it to 12/22/26 (20/36 with known_teams). A second pass
// (shapes16_test.go: Pandoc grid tables, Logseq properties and wiki links,
// MDX arrays and tabs, labels and custom fields, FU-marked tasks,
// investigation wrappers, "Not follow-ups:" labels, Confluence macro
// titles, nested chat lists, quoted repeated lists, owners with their
// sub-team) brings it to 17/30/27 (27/36 with known_teams), and
// unseen-15's fixes to 18/30/27 (28/36), and unseen-16's (a possessive
// "This one is Payments'") to 19/30/27, which the floors guard.
const unseen14Dir = "../testdata/unseen-14"

const (
	unseen14TeamFloor     = 19.0 / 36
	unseen14ActionsFloor  = 31.0 / 36
	unseen14DurationFloor = 27.0 / 36
)

// TestUnseen14 scores testdata/unseen-14 like TestUnseen.
func TestUnseen14(t *testing.T) {
	scoreUnseen(t, unseen14Dir, unseen14TeamFloor, unseen14ActionsFloor, unseen14DurationFloor)
}

// unseen15Dir is a fifteenth set (a fictional regional airline, 36
// documents), written by three writers who never saw the code, the
// tests, the other sets or the corpus, in the shapes issue 12 names
// (Markdown with and without front matter, HTML exports, plain text,
// JSON and YAML exports of incident tools), in styles of their own. It
// was scored once, in the commit that adds it, with the code of a99d816:
// team 8/36 (24/36 with its nine teams as known_teams), action items
// within one 30/36, duration within 10% 25/36 (see its README). Fixes
// for its misses (shapes17_test.go: team handles and group references,
// fields joined on a line, tab-separated fields, "Owned by" lines, table
// API problem records, "X (my team)", fenced YAML follow-ups, JSON:API
// action items, HTML e-mail layout tables, internal-impact rows,
// "On <date>, from <time>,", lettered carry-over items, "impact was A to
// B", windows whose ends carry weekdays, "IST" read as the document's
// Irish time, "(UTC−1)" after a time, export event kinds such as
// "resolve"; a known team kept over an unknown part of its name) bring it
// to 10/35/33 (32/36 with known_teams), which the floors guard.
const unseen15Dir = "../testdata/unseen-15"

const (
	unseen15TeamFloor     = 10.0 / 36
	unseen15ActionsFloor  = 35.0 / 36
	unseen15DurationFloor = 33.0 / 36
)

// TestUnseen15 scores testdata/unseen-15 like TestUnseen.
func TestUnseen15(t *testing.T) {
	scoreUnseen(t, unseen15Dir, unseen15TeamFloor, unseen15ActionsFloor, unseen15DurationFloor)
}

// unseen16Dir is a sixteenth set (a fictional insurer, 36 documents),
// written by three writers who never saw the code, the tests, the other
// sets or the corpus, in the shapes issue 12 names with new tools and
// styles. It was scored once, in the commit that adds it, with the code
// of 99b7894: team 7/36 (27/36 with its nine teams as known_teams),
// action items within one 29/36, duration within 10% 29/36 (see its
// README). Fixes for its misses (shapes18_test.go: possessive claims,
// "the right team", a team field followed by a sentence, Notion toggle
// lists, Hugo shortcodes, "Considered and dropped", tag lists, IRC
// messages' numbered follow-ups, Outlook sub-lists and signatures, a
// title heading read as a section name, "returned to normal at", prose
// after indented entries, an incident bot's summary object, "X & Y owns
// this one", a window row of a page-properties table) bring it to 8/36/33
// (30/36 with known_teams), which the floors guard.
const unseen16Dir = "../testdata/unseen-16"

const (
	unseen16TeamFloor     = 8.0 / 36
	unseen16ActionsFloor  = 36.0 / 36
	unseen16DurationFloor = 33.0 / 36
)

// TestUnseen16 scores testdata/unseen-16 like TestUnseen.
func TestUnseen16(t *testing.T) {
	scoreUnseen(t, unseen16Dir, unseen16TeamFloor, unseen16ActionsFloor, unseen16DurationFloor)
}

// logTeamExtras logs, for sets that have them, two more team figures:
// the team as the document spells it (the slug of team_as_written, or
// the truth slug: did extraction find the owner's statement, whatever
// the spelling?) and the team with the set's directory configured.
// It returns them (-1 when the set has neither).
func logTeamExtras(t *testing.T, dir string, truth unseenTruth) (asWritten, directory int) {
	t.Helper()
	asWritten, directory = -1, -1
	n := float64(len(truth.Documents))
	if truth.Documents[0].TeamAsWritten != "" {
		asWritten = 0
		for _, d := range truth.Documents {
			pm, err := ParseFile(filepath.Join(dir, d.File), Options{})
			if err == nil && (pm.Team == d.Team || pm.Team == TeamSlug(d.TeamAsWritten)) {
				asWritten++
			} else if err == nil {
				t.Logf("%s: team %q, written %q", d.File, pm.Team, d.TeamAsWritten)
			}
		}
		t.Logf("%s: team as the document spells it %d (%.1f%%)", dir, asWritten, 100*float64(asWritten)/n)
	}
	aliases, err := LoadTeamAliases(filepath.Join(dir, directoryConfig))
	if errors.Is(err, fs.ErrNotExist) {
		return asWritten, directory
	}
	if err != nil {
		t.Fatal(err)
	}
	directory = 0
	for _, d := range truth.Documents {
		pm, err := ParseFile(filepath.Join(dir, d.File), Options{TeamAliases: aliases})
		if err == nil && pm.Team == d.Team {
			directory++
		} else if err == nil {
			t.Logf("%s: with the directory, team %q, want %q", d.File, pm.Team, d.Team)
		}
	}
	t.Logf("%s with its team directory (%s): team %d (%.1f%%)", dir, directoryConfig, directory, 100*float64(directory)/n)
	return asWritten, directory
}

// unseen17Dir is a seventeenth set (a fictional university, 36
// documents), written by three writers who never saw the code, the
// tests, the other sets or the corpus, in the shapes issue 12 names with
// new tools and styles. Its truth also gives each owning team as the
// document spells it, and the set has its team directory as a debrief
// configuration (directory.debrief.yml, written from the brief before any
// document was read). It was scored once, in the commit that adds it,
// with the code of e5fafa8: team 1/36 (11/36 with its nine teams as
// known_teams, 23/36 with its directory, 25/36 as the document spells
// it), action items within one 33/36, duration within 10% 25/36 (see its
// README). Fixes for its misses (shapes19_test.go, and
// TestKnownTeamByAliasWords) bring it to 1/35/35, with 18/36 as
// known_teams, 36/36 with its directory and 34/36 as spelt, which the
// floors guard.
const unseen17Dir = "../testdata/unseen-17"

const (
	unseen17TeamFloor      = 1.0 / 36
	unseen17ActionsFloor   = 35.0 / 36
	unseen17DurationFloor  = 35.0 / 36
	unseen17DirectoryFloor = 36
	unseen17AsWrittenFloor = 34
)

// TestUnseen17 scores testdata/unseen-17 like TestUnseen, and the team
// with its directory configured and as the documents spell it.
func TestUnseen17(t *testing.T) {
	scoreUnseenWithDirectory(t, unseen17Dir, unseen17TeamFloor, unseen17ActionsFloor, unseen17DurationFloor,
		unseen17DirectoryFloor, unseen17AsWrittenFloor)
}

// scoreUnseenWithDirectory is scoreUnseen for a set with a team directory
// and teams as written, with floors (document counts) for those too.
func scoreUnseenWithDirectory(t *testing.T, dir string, teamFloor, actionsFloor, durationFloor float64, directoryFloor, asWrittenFloor int) {
	t.Helper()
	asWritten, directory := scoreUnseen(t, dir, teamFloor, actionsFloor, durationFloor)
	if directory < directoryFloor {
		t.Errorf("%s: team with the directory: %d, below the floor of %d", dir, directory, directoryFloor)
	}
	if asWritten < asWrittenFloor {
		t.Errorf("%s: team as spelt: %d, below the floor of %d", dir, asWritten, asWrittenFloor)
	}
}

// unseen18Dir is an eighteenth set (a fictional broadcaster, 36
// documents), written like unseen-17 (three writers who never saw the
// code, the tests, the other sets or the corpus; a team directory in the
// brief, directory.debrief.yml written from it before any document was
// read; each team also as written). It was scored once, in the commit
// that adds it, with the code of 44bd198: team 0/36 (12/36 with its nine
// teams as known_teams, 29/36 with its directory, 29/36 as the document
// spells it), action items within one 31/36, duration within 10% 23/36
// (see its README). Fixes for its misses (shapes20_test.go) bring it to
// 0/36/31, with 15/36 as known_teams, 34/36 with its directory and 33/36
// as spelt, which the floors guard.
const unseen18Dir = "../testdata/unseen-18"

const (
	unseen18TeamFloor      = 0.0 / 36
	unseen18ActionsFloor   = 36.0 / 36
	unseen18DurationFloor  = 31.0 / 36
	unseen18DirectoryFloor = 34
	unseen18AsWrittenFloor = 33
)

// TestUnseen18 scores testdata/unseen-18 like TestUnseen17.
func TestUnseen18(t *testing.T) {
	scoreUnseenWithDirectory(t, unseen18Dir, unseen18TeamFloor, unseen18ActionsFloor, unseen18DurationFloor,
		unseen18DirectoryFloor, unseen18AsWrittenFloor)
}

// unseen19Dir is a nineteenth set (a fictional hotel group, 36
// documents), written like unseen-17 and -18 (three writers who never saw
// the code, the tests, the other sets or the corpus; a team directory in
// the brief, directory.debrief.yml written from it before any document
// was read; each team also as written). It was scored once, in the
// commit that adds it, with the code of 7e3a0b9 (after unseen-18's
// fixes): team 0/36 (12/36 with its nine teams as known_teams, 30/36 with
// its directory, 32/36 as the document spells it), action items within
// one 29/36, duration within 10% 29/36; one file (an Azure DevOps work
// item export) was refused as holding no known incident field. Reading
// Azure DevOps work items and JSON:API included action items
// (TestShapes21) brings it to 0/31/30, with 31/36 with its directory and
// 33/36 as spelt; a name mapped by a word only one team's aliases use
// ("the yield folks", TestKnownTeamByOneAliasWord) to 33/36 with its
// directory. A one-group Rootly "groups" list, "the X guys/folks in
// <place>" owner claims (TestShapes22) and the team whose aliases share
// most of a name's words (TestKnownTeamByMostAliasWords) bring it to
// 36/36 with its directory and 35/36 as spelt. The floors guard these.
const unseen19Dir = "../testdata/unseen-19"

const (
	unseen19TeamFloor      = 0.0 / 36
	unseen19ActionsFloor   = 32.0 / 36
	unseen19DurationFloor  = 30.0 / 36
	unseen19DirectoryFloor = 36
	unseen19AsWrittenFloor = 35
)

// TestUnseen19 scores testdata/unseen-19 like TestUnseen17.
func TestUnseen19(t *testing.T) {
	scoreUnseenWithDirectory(t, unseen19Dir, unseen19TeamFloor, unseen19ActionsFloor, unseen19DurationFloor,
		unseen19DirectoryFloor, unseen19AsWrittenFloor)
}

// unseen20Dir is a twentieth set (a fictional telecom operator in New
// Zealand and Australia, 36 documents), written like unseen-17 to -19
// (three writers who never saw the code; a team directory in the brief,
// directory.debrief.yml written from it before any document was read)
// in formats mostly new to the sets: Dendron, RFC 822 e-mail, MediaWiki,
// Freshservice, reStructuredText, YAML anchors, IRC, Outlook HTML, Org,
// Trello, AsciiDoc, Redmine, HackMD, Asana, MDX, Trac, Telegram, ClickUp,
// XWiki, Spike.sh, Instatus, Coda, YouTrack. It was scored once, in the
// commit that adds it, with the code of f4e8a5a (after unseen-19's
// fixes): team 0/36 (8/36 with its nine teams as known_teams, 25/36 with
// its directory, 25/36 as the document spells it), action items within
// one 26/36, duration within 10% 21/36. Then (TestShapes23): Asana task
// lists, printed field grids with day-first dates and child-ticket
// tables, AsciiDoc page attributes and ordered lists, the last failure
// as the impact's end, tracker pages' labels and subtask lists: 1/30/24,
// 29/36 with its directory, 28/36 as spelt. Then (TestShapes24): issue
// forms as YAML, drop-down custom fields, a regulator's responsible unit,
// owner values' first sentences, Org property ranges and task states:
// 1/32/27, 36/36 with its directory, 34/36 as spelt. Then (TestShapes25):
// YouTrack subtask links, XWiki task macros, "What we changed", a
// regulator report's lettered actions and headed times: 1/36/28. Then
// (TestShapes26): epoch front-matter dates, a timeline's stated impact
// over a part of it in prose, local and UTC columns across a clock
// change: 1/36/30; an impact section's window named by its events and a
// bold label's window among metadata lines: 1/36/32; "What customers
// saw", "From ... until" sentences apart, a time before "customer impact
// starts": 1/36/34. The floors guard these.
const unseen20Dir = "../testdata/unseen-20"

const (
	unseen20TeamFloor      = 1.0 / 36
	unseen20ActionsFloor   = 36.0 / 36
	unseen20DurationFloor  = 34.0 / 36
	unseen20DirectoryFloor = 36
	unseen20AsWrittenFloor = 34
)

// TestUnseen20 scores testdata/unseen-20 like TestUnseen17.
func TestUnseen20(t *testing.T) {
	scoreUnseenWithDirectory(t, unseen20Dir, unseen20TeamFloor, unseen20ActionsFloor, unseen20DurationFloor,
		unseen20DirectoryFloor, unseen20AsWrittenFloor)
}

// unseen21Dir is a twenty-first set (a fictional Canadian digital bank,
// 36 documents), written like unseen-17 to -20 in formats mostly new to
// the sets (MkDocs admonitions, Teams, Notion HTML and API blocks, a
// Statuspage postmortem_body, MIME multipart e-mail, a Backstage
// Incident entity, a checkbox form, Jira Service Management, Monday.com,
// a JES2 job log, Confluence leftovers, Word HTML, GitHub Discussions,
// Zenduty, a bridge transcript, a ConfigMap, Docusaurus MDX, Bugzilla,
// Signal, Gitea, incident.io, SharePoint news, Remedy, Cachet, Eleventy,
// Grafana OnCall, a z/OS console, Google Sites, Foam, Shortcut, Mad/Sad/
// Glad). It was scored once, in the commit that adds it, with the code of
// 470c959 (after unseen-20's fixes): team 1/36 (12/36 with its nine
// teams as known_teams, 30/36 with its directory, 30/36 as the document
// spells it), action items within one 25/36, duration within 10% 22/36.
// Then (TestShapes27): Monday.com boards, dot-leader forms with wrapped
// labels and ruled tables: 1/27/24, 32/36 with its directory and as
// spelt; Notion API pages and ConfigMap Markdown files: 1/29/26, 34/36
// with its directory and as spelt; preformatted tracker comments:
// 1/30/26; status-page components and North American zone names: 1/31/27;
// a heading over its indented items: 1/32/27. The floors
// guard these.
const unseen21Dir = "../testdata/unseen-21"

const (
	unseen21TeamFloor      = 1.0 / 36
	unseen21ActionsFloor   = 32.0 / 36
	unseen21DurationFloor  = 27.0 / 36
	unseen21DirectoryFloor = 34
	unseen21AsWrittenFloor = 34
)

// TestUnseen21 scores testdata/unseen-21 like TestUnseen17.
func TestUnseen21(t *testing.T) {
	scoreUnseenWithDirectory(t, unseen21Dir, unseen21TeamFloor, unseen21ActionsFloor, unseen21DurationFloor,
		unseen21DirectoryFloor, unseen21AsWrittenFloor)
}

// unseen22Dir is a twenty-second set (a fictional online games studio,
// 36 documents), written like unseen-17 to -21 in formats mostly new to
// the sets (VitePress, Discord, Confluence Cloud macros, PagerDuty log
// entries, a Perforce changelist, a Helm-values-like record, a crash
// dump, Slab, GitBook, Linear, a runbook turned log, Coda, a Reddit
// post, OpsLevel, non-native minutes, Argo Workflows, Nextra, Zendesk
// Guide, a Slack huddle, Jira Cloud, Notion Markdown, Grafana Incident, an
// e-mail digest, FireHydrant, Statuspage, Hugo TOML, Squadcast, a console
// certification report, Google Docs suggestions, Obsidian dataview, a
// GitHub issue, a partner letter, a 4Ls board). It was scored once, in the
// commit that adds it, with the ingest code of 3548683 (after unseen-21's
// fixes): team 2/36 (16/36 with its nine teams as known_teams, 30/36 with
// its directory, 32/36 as the document spells it), action items within
// one 29/36, duration within 10% 30/36. Then (TestKnownTeamByCompoundOr
// Initials): aliases run together or by initials, "Incident owned by",
// Kubernetes annotation keys: 34/36 with its directory and as spelt;
// Linear project exports (TestShapes28): 2/30/30, 35/36 with its
// directory. The floors guard these.
const unseen22Dir = "../testdata/unseen-22"

const (
	unseen22TeamFloor      = 2.0 / 36
	unseen22ActionsFloor   = 30.0 / 36
	unseen22DurationFloor  = 30.0 / 36
	unseen22DirectoryFloor = 35
	unseen22AsWrittenFloor = 34
)

// TestUnseen22 scores testdata/unseen-22 like TestUnseen17.
func TestUnseen22(t *testing.T) {
	scoreUnseenWithDirectory(t, unseen22Dir, unseen22TeamFloor, unseen22ActionsFloor, unseen22DurationFloor,
		unseen22DirectoryFloor, unseen22AsWrittenFloor)
}

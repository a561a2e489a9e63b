package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
)

func TestClassifyHeading(t *testing.T) {
	cases := map[string]string{
		"Summary":                          model.SectionSummary,
		"Executive Summary":                model.SectionSummary,
		"Issue Summary":                    model.SectionSummary,
		"What Happened":                    model.SectionSummary,
		"Overview":                         model.SectionSummary,
		"Summary of impact":                model.SectionImpact,
		"Customer impact":                  model.SectionImpact,
		"What was impacted":                model.SectionImpact,
		"Timeline":                         model.SectionTimeline,
		"Timeline (times in BST)":          model.SectionTimeline,
		"Timeline of events":               model.SectionTimeline,
		"Chain of Events":                  model.SectionTimeline,
		"## **Timeline**":                  model.SectionTimeline,
		"Root Cause":                       model.SectionRootCause,
		"Root Causes":                      model.SectionRootCause,
		"Root cause(s)":                    model.SectionRootCause,
		"Contributing Factors":             model.SectionRootCause,
		"Contributing Conditions Analysis": model.SectionRootCause,
		"What caused the incident?":        model.SectionRootCause,
		"Root cause identification: the five whys": model.SectionRootCause,
		"Trigger":                              model.SectionTrigger,
		"Trigger(s)":                           model.SectionTrigger,
		"Detection":                            model.SectionDetection,
		"Resolution":                           model.SectionResolution,
		"Resolution and recovery":              model.SectionResolution,
		"Mitigation & Resolution":              model.SectionResolution,
		"Root cause and mitigation":            model.SectionRootCause,
		"Action Items":                         model.SectionActionItems,
		"Action Items & Followups":             model.SectionActionItems,
		"Corrective and Preventative Measures": model.SectionActionItems,
		"Next steps":                           model.SectionActionItems,
		"Follow-ups":                           model.SectionActionItems,
		"What we're doing about it":            model.SectionActionItems,
		"Lessons Learned":                      model.SectionLessons,
		"Lessons learnt":                       model.SectionLessons,
		"What went well":                       model.SectionWentWell,
		"What Went Well?":                      model.SectionWentWell,
		"What went wrong":                      model.SectionWentWrong,
		"What went badly":                      model.SectionWentWrong,
		"What Didn't Go So Well?":              model.SectionWentWrong,
		"What could have gone better?":         model.SectionWentWrong,
		"Where we got lucky":                   model.SectionGotLucky,
		"Where did we get lucky":               model.SectionGotLucky,
		"2. Impact":                            model.SectionImpact,
		"14:05":                                "",
		"Appendix":                             "",
		"Stats":                                "",
		"Attendees":                            "",
		"Kubernetes ingress controller Traefik v2 configuration caused outage": "",
		"Because of the cache": "",
	}
	for h, want := range cases {
		if got := classifyHeading(h); got != want {
			t.Errorf("classifyHeading(%q) = %q, want %q", h, got, want)
		}
	}
}

// parseMD is a helper for extraction tests.
func parseMD(t *testing.T, src string) *model.Postmortem {
	t.Helper()
	pm, err := Parse("t.md", []byte(src), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkInvariants(t, "t.md", pm)
	return pm
}

func TestTimelineExtraction(t *testing.T) {
	type ev struct{ at, atText, text string }
	cases := []struct {
		name string
		src  string
		want []ev
	}{
		{"bullets with dash", "# T 2024-03-03\n\n## Timeline\n\n- 14:05 — deploy starts\n- 14:20 — errors rise\n",
			[]ev{{"2024-03-03T14:05:00Z", "14:05", "deploy starts"}, {"2024-03-03T14:20:00Z", "14:20", "errors rise"}}},
		{"dated bullets", "# T\n\n## Timeline\n\n- 2020-02-03 11:21 node drained\n- 12:02 node back\n",
			[]ev{{"2020-02-03T11:21:00Z", "2020-02-03 11:21", "node drained"}, {"2020-02-03T12:02:00Z", "12:02", "node back"}}},
		{"headings", "# 2017-09-27, Hub 403\n\n## Timeline\n\nAll times in PST\n\n### Sep 27 2017 13:06\n\nChanges deployed.\n\n### 13:35\n\nDeploy complete.\n",
			[]ev{{"2017-09-27T13:06:00-08:00", "Sep 27 2017 13:06", "Changes deployed."}, {"2017-09-27T13:35:00-08:00", "13:35", "Deploy complete."}}},
		{"table", "# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2021-06-22 10:00 | Alert fires |\n| 10:30 | Fixed |\n",
			[]ev{{"2021-06-22T10:00:00Z", "2021-06-22 10:00", "Alert fires"}, {"2021-06-22T10:30:00Z", "10:30", "Fixed"}}},
		{"midnight rollover", "# T 2024-01-01\n\n## Timeline\n\n- 23:50 load rises\n- 00:10 pager fires\n",
			[]ev{{"2024-01-01T23:50:00Z", "23:50", "load rises"}, {"2024-01-02T00:10:00Z", "00:10", "pager fires"}}},
		{"date headings", "# Incident report May 12 2025\n\n## Timeline\n\n## May 12\n\n### 20:15\n\nTicket opened\n\n## May 13\n\n### 09:00\n\nFixed\n",
			[]ev{{"2025-05-12T20:15:00Z", "20:15", "Ticket opened"}, {"2025-05-13T09:00:00Z", "09:00", "Fixed"}}},
		{"stamp inside item", "# T\n\n- **Key events**\n  - Fault occurs 2020-02-12 11:45\n  - Resolved 2020-02-12 12:07\n",
			[]ev{{"2020-02-12T11:45:00Z", "2020-02-12 11:45", "Fault occurs"}, {"2020-02-12T12:07:00Z", "2020-02-12 12:07", "Resolved"}}},
		{"no date known", "# T\n\n## Timeline\n\n- 14:05 something\n",
			[]ev{{"", "14:05", "something"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pm := parseMD(t, c.src)
			if len(pm.Timeline) != len(c.want) {
				t.Fatalf("got %d events %+v, want %d", len(pm.Timeline), pm.Timeline, len(c.want))
			}
			for i, w := range c.want {
				e := pm.Timeline[i]
				at := ""
				if e.At != nil {
					at = e.At.Format(time.RFC3339)
				}
				if at != w.at || e.AtText != w.atText || e.Text != w.text {
					t.Errorf("event %d = {%s %q %q}, want {%s %q %q}", i, at, e.AtText, e.Text, w.at, w.atText, w.text)
				}
			}
		})
	}
}

func TestPagerDutyTimeline(t *testing.T) {
	src := "Hub down\nStatus: Draft\n\n\n\nOverview                                                            OWNER OF REVIEW PROCESS\n" +
		"The hub was down.                                                   Angus\n\n" +
		"                                                                    IMPACT TIME\n" +
		"What Happened                                                       Oct 16 at 21:26 to Oct 16 at 21:51\n" +
		"Config was invalid.                                                 \n" +
		"                                                                    DURATION\n" +
		"                                                                    24m 23s\n\n" +
		"Timeline\n\nOct 16, 2025\n9:26 PM\n                      Triggered through the API.\n\n\n9:30 PM   Engineer reverted change\n"
	pm, err := Parse("pd.txt", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pm.Title != "Hub down" {
		t.Errorf("title = %q", pm.Title)
	}
	if len(pm.Authors) != 1 || pm.Authors[0] != "Angus" {
		t.Errorf("authors = %v", pm.Authors)
	}
	if pm.StartedAt == nil || pm.StartedAt.Format(time.RFC3339) != "2025-10-16T21:26:00Z" {
		t.Errorf("started = %v", pm.StartedAt)
	}
	if pm.DurationMinutes < 24 || pm.DurationMinutes > 26 {
		t.Errorf("duration = %v", pm.DurationMinutes)
	}
	if len(pm.Timeline) != 2 || pm.Timeline[0].Text != "Triggered through the API." ||
		pm.Timeline[1].At == nil || pm.Timeline[1].At.Format("15:04") != "21:30" {
		t.Errorf("timeline = %+v", pm.Timeline)
	}
	for _, s := range pm.Sections {
		if strings.Contains(s.Text, "OWNER OF REVIEW") || strings.Contains(s.Text, "Angus") {
			t.Errorf("sidebar leaked into section %q: %q", s.Heading, s.Text)
		}
	}
}

func TestActionItemExtraction(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []model.ActionItem
	}{
		{"checklist", "# T\n\n## Action items\n\n- [ ] Add alert (owner: @sam) OPS-12\n- [x] Fix config @lee\n",
			[]model.ActionItem{{Text: "Add alert", Owner: "sam", Status: "open", Ticket: "OPS-12"},
				{Text: "Fix config @lee", Owner: "lee", Status: "done"}}},
		{"table", "# T\n\n## Action Items\n\n| Action | Owner | Status | Due |\n|---|---|---|---|\n| Add retries | kim | In Progress | 2024-05-01 |\n",
			[]model.ActionItem{{Text: "Add retries", Owner: "kim", Status: "in-progress", Due: "2024-05-01"}}},
		{"owner key", "# T\n\n## Follow-ups\n\n1. Rotate keys. Owner: dana\n2. [Write runbook](https://x.example/issues/4) (done)\n",
			[]model.ActionItem{{Text: "Rotate keys.", Owner: "dana"},
				{Text: "Write runbook", Status: "done", Ticket: "https://x.example/issues/4"}}},
		{"nested under labels", "# T\n\n## Action items\n\n- High:\n  - Fix A\n- Low:\n  - Fix B\n    - detail of B\n",
			[]model.ActionItem{{Text: "Fix A"}, {Text: "Fix B"}}},
		{"annotation with ticket", "# T\n\n## Action items\n\n- Add a lag alert (owner: dana, status: open, PAY-12)\n",
			[]model.ActionItem{{Text: "Add a lag alert", Owner: "dana", Status: "open", Ticket: "PAY-12"}}},
		{"none", "# T\n\n## Action Items\n\nNo comments added\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pm := parseMD(t, c.src)
			if len(pm.ActionItems) != len(c.want) {
				t.Fatalf("got %+v, want %+v", pm.ActionItems, c.want)
			}
			for i, w := range c.want {
				if pm.ActionItems[i] != w {
					t.Errorf("item %d = %+v, want %+v", i, pm.ActionItems[i], w)
				}
			}
		})
	}
}

func TestSectionText(t *testing.T) {
	src := "# T\n\n## Summary\n\nFirst **bold** [link](https://x.example) text.\n\n- one\n  - nested\n- [x] two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\ncode  kept\n```\n"
	pm := parseMD(t, src)
	want := "First bold link text.\n\n- one\n  - nested\n- [x] two\n\nA | B\n1 | 2\n\ncode  kept"
	if len(pm.Sections) != 1 || pm.Sections[0].Text != want {
		t.Fatalf("text = %q, want %q", pm.Sections[0].Text, want)
	}
	for _, s := range pm.Sentences {
		if strings.Contains(s.Text, "code") {
			t.Errorf("code block split into sentences: %q", s.Text)
		}
	}
}

func TestPreambleIsSummary(t *testing.T) {
	pm := parseMD(t, "# Title here\n\n**Team:** core\n\nSomething broke badly.\n\n## Timeline\n\n- 10:00 a\n")
	if pm.Team != "core" {
		t.Errorf("team = %q", pm.Team)
	}
	if len(pm.Sections) == 0 || pm.Sections[0].Kind != model.SectionSummary || pm.Sections[0].Text != "Something broke badly." {
		t.Errorf("sections = %+v", pm.Sections)
	}
}

func TestTeamPrecedence(t *testing.T) {
	src := []byte("---\ntitle: x\nteam: from-doc\n---\n\nBody text here.\n")
	cases := []struct {
		opts Options
		path string
		want string
	}{
		{Options{}, "incidents/payments/a.md", "from-doc"},
		{Options{TeamFromPath: "incidents/{team}/**"}, "incidents/payments/a.md", "payments"},
		{Options{TeamFromPath: "incidents/{team}/**"}, "/abs/repo/incidents/search/2024/a.md", "search"},
		{Options{TeamFromPath: "incidents/{team}/**", Team: "cli"}, "incidents/payments/a.md", "cli"},
		{Options{TeamFromPath: "other/{team}/*"}, "incidents/payments/a.md", "from-doc"},
	}
	for _, c := range cases {
		pm, err := Parse(c.path, src, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if pm.Team != c.want {
			t.Errorf("%+v %s: team = %q, want %q", c.opts, c.path, pm.Team, c.want)
		}
	}
}

func TestPathVars(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          map[string]string
	}{
		{"incidents/{team}/**", "incidents/core/2024/x.md", map[string]string{"team": "core"}},
		{"{team}/{service}/*", "core/api/x.md", map[string]string{"team": "core", "service": "api"}},
		{"pm/{year}-*", "pm/2023-db.md", map[string]string{"year": "2023"}},
		{"incidents/{team}/*", "incidents/core/2024/x.md", nil},
	}
	for _, c := range cases {
		got, ok := pathVars(c.pattern, c.path)
		if (c.want == nil) != !ok {
			t.Errorf("pathVars(%q, %q) ok = %v", c.pattern, c.path, ok)
			continue
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("pathVars(%q, %q)[%s] = %q, want %q", c.pattern, c.path, k, got[k], v)
			}
		}
	}
}

func TestStableID(t *testing.T) {
	a, _ := Parse("./notes/a.md", []byte("# A\n\ntext one"), Options{})
	b, _ := Parse("notes/a.md", []byte("# A changed\n\ntext two"), Options{})
	c, _ := Parse("notes/b.md", []byte("# A\n\ntext one"), Options{})
	if a.ID != b.ID {
		t.Errorf("same path, different IDs: %s %s", a.ID, b.ID)
	}
	if a.ID == c.ID {
		t.Error("different paths share an ID")
	}
	if a.Version == b.Version || a.Version != c.Version {
		t.Error("version must follow content")
	}
	d, _ := Parse("x.md", []byte("---\nid: INC-7\n---\n# A\n\ntext"), Options{})
	if d.ID != "INC-7" {
		t.Errorf("front matter id ignored: %s", d.ID)
	}
}

func TestLooksLikeLog(t *testing.T) {
	cases := map[string]bool{
		"[W 2017-09-28 16:20:51.785 JupyterHub base:350] Failed login\n[W 2017-09-28 16:20:51.787 JupyterHub log:122] 403 GET": true,
		"$ kubectl get nodes\n$ kubectl describe node x":                                                                       true,
		"2024-01-02 10:00:01 ERROR x\n2024-01-02 10:00:02 ERROR y":                                                             true,
		"We restarted the pods.\nThen the errors stopped.":                                                                     false,
		"single line [W 2017-09-28 16:20:51.785] log":                                                                          false,
	}
	for in, want := range cases {
		if got := looksLikeLog(in); got != want {
			t.Errorf("looksLikeLog(%q) = %v, want %v", in, got, want)
		}
	}
	// Log paragraphs stay in the text but give no sentences.
	pm := parseMD(t, "# T\n\n## Summary\n\nIt broke.\n\n[E 2024-01-02 10:00:01 hub] Boom happened.\n[E 2024-01-02 10:00:02 hub] Boom again.\n")
	if !strings.Contains(pm.Sections[0].Text, "Boom again.") {
		t.Fatalf("log text dropped: %q", pm.Sections[0].Text)
	}
	for _, s := range pm.Sentences {
		if strings.Contains(s.Text, "Boom") {
			t.Errorf("log line became a sentence: %q", s.Text)
		}
	}
}

func TestExportFieldNames(t *testing.T) {
	src := `{"data": {"Title": "Queue stuck", "owningTeam": "infra", "Priority": "P1",
	 "startedAt": "2024-02-01T10:00:00Z", "endTime": "2024-02-01T10:45:00Z",
	 "whatHappened": "The queue stopped.", "followUps": [{"summary": "Add alert", "assignedTo": {"displayName": "Ana"}, "completed": true}],
	 "events": ["10:05 first page", {"when": "10:40", "message": "fixed"}]}}`
	pm, err := Parse("e.json", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, "e.json", pm)
	if pm.Title != "Queue stuck" || pm.Team != "infra" || pm.Severity != "P1" || pm.DurationMinutes != 45 {
		t.Errorf("meta = %q %q %q %v", pm.Title, pm.Team, pm.Severity, pm.DurationMinutes)
	}
	if len(pm.ActionItems) != 1 || pm.ActionItems[0] != (model.ActionItem{Text: "Add alert", Owner: "Ana", Status: "done"}) {
		t.Errorf("actions = %+v", pm.ActionItems)
	}
	if len(pm.Timeline) != 2 || pm.Timeline[1].At == nil || pm.Timeline[1].At.Format("15:04") != "10:40" || pm.Timeline[0].Text != "first page" {
		t.Errorf("timeline = %+v", pm.Timeline)
	}
	if len(pm.Sections) == 0 || pm.Sections[0].Kind != model.SectionSummary {
		t.Errorf("sections = %+v", pm.Sections)
	}
}

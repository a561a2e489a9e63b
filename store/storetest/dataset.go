package storetest

import (
	"fmt"
	"time"

	"github.com/debrief-dev/debrief/model"
)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func at(y int, m time.Month, d, h, min, s int) *time.Time {
	t := time.Date(y, m, d, h, min, s, 0, time.UTC)
	return &t
}

// doc builds a postmortem whose sentences are the given texts, all in one
// "summary" section, plus an "other" section with text that has no
// sentences. Findings are (sentence, kind, label) triples.
func doc(id, title, team, severity string, services []string, date *time.Time, duration float64,
	score int, themes []model.Theme, texts []string, findings [][3]any, actions []model.ActionItem, timeline int) *model.Postmortem {
	p := &model.Postmortem{
		ID: id, Version: id + "-v1", Title: title, Team: team, Severity: severity, Services: services,
		Date: date, DurationMinutes: duration, Themes: themes, ActionItems: actions,
		Source: model.Source{Path: "postmortems/" + id + ".md", Format: model.FormatMarkdown, SHA256: "sha-" + id, Bytes: int64(100 + len(id))},
	}
	text, sentences := JoinSentences(texts)
	p.Sentences = sentences
	p.Sections = []model.Section{
		{Kind: model.SectionSummary, Heading: "Summary", Text: text},
		{Kind: model.SectionOther, Heading: "Notes", Text: "- see dashboard"},
	}
	for _, f := range findings {
		p.Findings = append(p.Findings, model.Finding{
			Sentence: f[0].(int), Kind: f[1].(string), Label: f[2].(string),
			Rule: f[1].(string) + "-" + f[2].(string), Start: 0, End: 3, Match: "abc",
			Severity: model.SeverityWarning, Message: "m " + f[2].(string),
		})
	}
	if score >= 0 {
		p.Quality = &model.Quality{Score: score, Reasons: []model.QualityReason{{Code: "c", Message: "msg", Points: float64(score), Max: 100}}}
	}
	for i := 0; i < timeline; i++ {
		p.Timeline = append(p.Timeline, model.TimelineEvent{At: at(2025, 1, 1, 10, i, 0), AtText: fmt.Sprintf("10:%02d", i), Text: fmt.Sprintf("event %d", i)})
	}
	return p
}

// Corpus is the small hand-built dataset every expectation in the suite is
// computed from (by hand, not by code):
//
//	id  team      sev   services   date        dur  score themes                    sentences findings            actions timeline
//	pm-a payments SEV1  api,db     2025-07-03   90   60   config .5, deploy .25      4         blame x2, assump x1  2       3
//	pm-b payments SEV2  api        2025-08-15   30   80   config .25, (capacity .125) 3        blame, theme/config  1       1
//	pm-c search   SEV1  index      2025-10-01    0   40   capacity 1                 2         assump x2            0       0
//	pm-d search   SEV3  -          -           120   -    -                          1         -                    1       0
//	pm-e -        -     db         2024-12-31   10  100   deploy .5                  2         blame                0       0
//
// Every theme is a member (model.Theme.Member) except pm-b's capacity, in
// parentheses: counts by theme and Filter.Themes must ignore it, theme
// weights must not.
func Corpus() []*model.Postmortem {
	return []*model.Postmortem{
		doc("pm-a", "Queue backlog", "payments", "SEV1", []string{"api", "db"}, day(2025, 7, 3), 90, 60,
			[]model.Theme{{Label: "change", Weight: 0.5, Member: true}, {Label: "data", Weight: 0.25, Member: true}},
			[]string{"Bob pushed a bad config.", "The queue backed up.", "We assumed retries were safe.", "Rollback fixed it."},
			[][3]any{{0, model.KindBlame, "human-error"}, {0, model.KindBlame, "counterfactual"}, {2, model.KindAssumption, "belief"}},
			[]model.ActionItem{{Text: "Add config validation", Owner: "bob", Status: "open", Due: "2025-08-01", Ticket: "PAY-1"}, {Text: "Alert on queue depth", Status: "done"}}, 3),
		doc("pm-b", "Expired certificate", "payments", "SEV2", []string{"api"}, day(2025, 8, 15), 30, 80,
			[]model.Theme{{Label: "change", Weight: 0.25, Member: true}, {Label: "capacity", Weight: 0.125}},
			[]string{"The certificate expired.", "Operator error delayed the ROLLBACK.", "Nobody owned renewals."},
			[][3]any{{1, model.KindBlame, "human-error"}, {2, model.KindTheme, "change"}},
			[]model.ActionItem{{Text: "Automate renewal", Owner: "alice", Status: "in-progress"}}, 1),
		doc("pm-c", "Index rebuild", "search", "SEV1", []string{"index"}, day(2025, 10, 1), 0, 40,
			[]model.Theme{{Label: "capacity", Weight: 1, Member: true}},
			[]string{"We expected the rebuild to be quick.", "Surprisingly it took hours."},
			[][3]any{{0, model.KindAssumption, "belief"}, {1, model.KindAssumption, "surprise"}},
			nil, 0),
		doc("pm-d", "DNS misconfiguration", "search", "SEV3", nil, nil, 120, -1, nil,
			[]string{"DNS records were wrong."}, nil,
			[]model.ActionItem{{Text: "Review DNS changes"}}, 0),
		doc("pm-e", "Billing double charge", "", "", []string{"db"}, day(2024, 12, 31), 10, 100,
			[]model.Theme{{Label: "data", Weight: 0.5, Member: true}},
			[]string{"A deploy ran twice.", "Careless engineers skipped review."},
			[][3]any{{1, model.KindBlame, "human-error"}}, nil, 0),
	}
}

// revisedA is a new version of Corpus()[0] (pm-a) that moves it to another
// team with fewer sentences, findings and action items.
func revisedA() *model.Postmortem {
	a2 := doc("pm-a", "Queue backlog (revised)", "platform", "SEV2", []string{"queue"}, day(2025, 7, 4), 45, 90,
		[]model.Theme{{Label: "capacity", Weight: 1, Member: true}},
		[]string{"The queue backed up.", "Capacity was too low."},
		[][3]any{{1, model.KindTheme, "capacity"}}, nil, 1)
	a2.Version = "pm-a-v2"
	return a2
}

// Full is a postmortem with every field set, for the round-trip test.
func Full() *model.Postmortem {
	p := doc("pm-full", "Everything \"quoted\" — ünïcode", "core", "SEV0", []string{"api", "db", "cache"},
		day(2025, 3, 9), 42.5, 77,
		[]model.Theme{{Label: "detection", Weight: 0.125}, {Label: "change", Weight: 0.875, Member: true}},
		[]string{"Alice's change caused it; it's fine.", "We thought the cache was warm.", "Ünïcode sentence ✓."},
		[][3]any{{0, model.KindBlame, "human-error"}, {1, model.KindAssumption, "belief"}, {1, model.KindTheme, "detection"}},
		[]model.ActionItem{{Text: "Fix it", Owner: "alice", Status: "open", Due: "2025-04-01", Ticket: "CORE-9"}}, 2)
	p.Version = "sha256:abc"
	p.StartedAt = at(2025, 3, 9, 13, 0, 5)
	p.DetectedAt = at(2025, 3, 9, 13, 10, 0)
	p.ResolvedAt = at(2025, 3, 9, 13, 42, 30)
	p.Authors = []string{"alice", "bob"}
	p.Warnings = []string{"date: two dates found", "missing impact"}
	p.Timeline = append(p.Timeline, model.TimelineEvent{AtText: "later", Text: "no parseable time"})
	p.Quality.Missing = []string{model.SectionImpact, model.SectionLessons}
	p.Quality.Reasons = append(p.Quality.Reasons, model.QualityReason{Code: "timeline", Message: "has a timeline", Points: 7.5, Max: 10})
	p.Findings[0].Suggestion = "say what the system allowed"
	p.Findings[0].Severity = model.SeverityError
	p.Findings[0].Start, p.Findings[0].End, p.Findings[0].Match = 0, 14, "Alice's change"
	p.Source = model.Source{Path: "/tmp/x/full.html", Format: model.FormatHTML, SHA256: "deadbeef", Bytes: 12345}
	return p
}

// JoinSentences joins texts with single spaces into one section text and
// returns it with the sentences of section 0 that point into it, as ingest
// would produce them. Fixtures in other packages' tests use it too.
func JoinSentences(texts []string) (string, []model.Sentence) {
	text := ""
	var out []model.Sentence
	for i, s := range texts {
		if i > 0 {
			text += " "
		}
		start := len(text)
		text += s
		out = append(out, model.Sentence{Section: 0, Start: start, End: len(text), Text: s})
	}
	return text, out
}

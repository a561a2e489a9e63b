package report

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
)

// The fixture is a small, hand-counted set of postmortems over five
// quarters (2024-Q3 .. 2025-Q3), built in code so every expected number in
// the tests can be checked by reading this file.
//
// Reviewed quarter 2025-Q3 (6 postmortems, 3 teams):
//
//	id    team      sev   date        dur  themes             blame  assumptions     score
//	q3-1  payments  SEV1  2025-07-03  120  capacity, change   1 h-e  1 surprise      90
//	q3-2  payments  SEV2  2025-07-20   30  capacity           0      1 belief        70
//	q3-3  search    SEV2  2025-08-11   60  capacity,detection 0      1 surprise      85
//	q3-4  search    SEV3  2025-08-30   45  dependency         2 c-f  0               95
//	q3-5  identity  SEV1  2025-09-05  240  capacity           0      1 surprise      60
//	q3-6  identity  SEV3  2025-09-28    0  dependency         0      1 belief (dup)  50
//
// Previous quarter 2025-Q2 (4): change x3, capacity x1, dependency x1.
// 2025-Q1 (4): change x2, dependency x1. 2024-Q4 (2): change x1.
// 2024-Q3 (1, outside the 4-quarter window): capacity. One more
// postmortem (undated-1) has no date.
// Every postmortem has 20 sentences; every theme weighs 0.2 except
// detection in q3-3 (0.1).

// fsent is a fixture sentence with its tags ("blame/human-error").
type fsent struct {
	text string
	tags []string
}

type fdoc struct {
	id, team, sev, date string
	dur                 float64
	score               int
	themes              []string
	sents               []fsent
	actions             []model.ActionItem
	title               string
}

const sentencesPerDoc = 20

func (f fdoc) build() *model.Postmortem {
	d, err := time.Parse("2006-01-02", f.date)
	if err != nil {
		panic(err)
	}
	title := f.title
	if title == "" {
		title = "Incident " + f.id
	}
	sents := append([]fsent(nil), f.sents...)
	for i := len(sents); i < sentencesPerDoc; i++ {
		sents = append(sents, fsent{text: fmt.Sprintf("Filler sentence number %d of %s.", i, f.id)})
	}
	p := &model.Postmortem{
		ID: f.id, Version: "v1", Title: title, Team: f.team, Severity: f.sev,
		Date: &d, DurationMinutes: f.dur,
		Source: model.Source{Path: "fixtures/" + f.id + ".md", Format: model.FormatMarkdown},
	}
	var text strings.Builder
	for i, s := range sents {
		if i > 0 {
			text.WriteString(" ")
		}
		start := text.Len()
		text.WriteString(s.text)
		p.Sentences = append(p.Sentences, model.Sentence{Section: 0, Start: start, End: text.Len(), Text: s.text})
		for _, tag := range s.tags {
			kind, label, _ := strings.Cut(tag, "/")
			p.Findings = append(p.Findings, model.Finding{
				Sentence: i, Kind: kind, Label: label, Rule: kind + "." + label,
				Start: 0, End: len(s.text), Match: s.text, Severity: model.SeverityWarning,
			})
		}
	}
	p.Sections = []model.Section{{Kind: model.SectionRootCause, Heading: "Contributing factors", Text: text.String()}}
	for _, th := range f.themes {
		label, weight := th, 0.2
		if l, w, ok := strings.Cut(th, ":"); ok {
			label = l
			if _, err := fmt.Sscan(w, &weight); err != nil {
				panic(err)
			}
		}
		p.Themes = append(p.Themes, model.Theme{Label: label, Weight: weight, Member: true})
	}
	p.Quality = &model.Quality{Score: f.score, Reasons: []model.QualityReason{{Code: "sections", Message: "has the core sections", Points: float64(f.score), Max: 100}}}
	p.ActionItems = f.actions
	start := d.Add(9 * time.Hour)
	p.Timeline = []model.TimelineEvent{{At: &start, AtText: "09:00", Text: "Alert fired"}, {AtText: "later", Text: "Mitigated"}}
	return p
}

func fixtureDocs() []*model.Postmortem {
	open := func(text, owner string) model.ActionItem {
		return model.ActionItem{Text: text, Owner: owner, Status: "open"}
	}
	done := func(text string) model.ActionItem { return model.ActionItem{Text: text, Status: "done"} }
	docs := []fdoc{
		// 2025-Q3
		{id: "q3-1", team: "payments", sev: "SEV1", date: "2025-07-03", dur: 120, score: 90,
			themes: []string{"capacity", "change"},
			sents: []fsent{
				{text: "The outage was caused by human error during the failover.", tags: []string{"blame/human-error"}},
				{text: "We assumed the connection pool would grow with traffic, but it stayed at twenty.", tags: []string{"assumption/surprise", "theme/capacity"}},
			},
			actions: []model.ActionItem{open("Add alerting on connection pool saturation", "ana"), done("Raise the pool size")}},
		{id: "q3-2", team: "payments", sev: "SEV2", date: "2025-07-20", dur: 30, score: 70,
			themes: []string{"capacity"},
			sents: []fsent{
				{text: "The queue was expected to drain within a minute after the retry storm.", tags: []string{"assumption/belief"}},
			}},
		{id: "q3-3", team: "search", sev: "SEV2", date: "2025-08-11", dur: 60, score: 85,
			themes: []string{"capacity", "detection:0.1"},
			sents: []fsent{
				{text: "It turned out that the index rebuild doubled memory use on every node.", tags: []string{"assumption/surprise", "theme/capacity"}},
			},
			actions: []model.ActionItem{open("Add alerting for connection pool saturation.", "")}},
		{id: "q3-4", team: "search", sev: "SEV3", date: "2025-08-30", dur: 45, score: 95,
			themes: []string{"dependency"},
			sents: []fsent{
				{text: "The on-call engineer should have checked the vendor status page first.", tags: []string{"blame/counterfactual"}},
				{text: "In hindsight the team could have prevented this by reading the changelog.", tags: []string{"blame/counterfactual"}},
			}},
		{id: "q3-5", team: "identity", sev: "SEV1", date: "2025-09-05", dur: 240, score: 60,
			title:  `<script>alert("pwned")</script> & the | pipe`,
			themes: []string{"capacity"},
			sents: []fsent{
				{text: `Nobody knew the <b>token cache</b> | had a *hard* limit of 10k entries.`, tags: []string{"assumption/surprise", "theme/capacity"}},
			},
			actions: []model.ActionItem{{Text: "Document the token cache limits in the runbook"}}},
		{id: "q3-6", team: "identity", sev: "SEV3", date: "2025-09-28", score: 50,
			themes: []string{"dependency"},
			sents: []fsent{
				{text: "Short belief, too short.", tags: []string{"assumption/belief"}},
			}},
		// 2025-Q2
		{id: "q2-1", team: "payments", sev: "SEV2", date: "2025-04-10", dur: 90, score: 80, themes: []string{"change"},
			sents:   []fsent{{text: "This was human error, plain and simple, and the root cause was a typo.", tags: []string{"blame/human-error", "blame/single-root-cause"}}},
			actions: []model.ActionItem{open("Add alerting on connection pool saturation", "bo")}},
		{id: "q2-2", team: "search", sev: "SEV2", date: "2025-05-02", dur: 60, score: 75, themes: []string{"change", "capacity"}},
		{id: "q2-3", team: "search", sev: "SEV3", date: "2025-06-15", dur: 20, score: 70, themes: []string{"change"},
			actions: []model.ActionItem{done("Document the token cache limits in the runbook")}},
		{id: "q2-4", team: "payments", sev: "SEV1", date: "2025-06-30", dur: 300, score: 65, themes: []string{"dependency"}},
		// 2025-Q1
		{id: "q1-1", team: "payments", sev: "SEV2", date: "2025-01-15", dur: 50, score: 70, themes: []string{"change"}},
		{id: "q1-2", team: "search", sev: "SEV3", date: "2025-02-01", dur: 40, score: 70, themes: []string{"change"}},
		{id: "q1-3", team: "search", sev: "SEV2", date: "2025-03-01", dur: 30, score: 70, themes: []string{"dependency"}},
		{id: "q1-4", team: "identity", sev: "SEV3", date: "2025-03-31", dur: 10, score: 70},
		// 2024-Q4
		{id: "q4-1", team: "payments", sev: "SEV2", date: "2024-11-11", dur: 60, score: 70, themes: []string{"change"}},
		{id: "q4-2", team: "search", sev: "SEV3", date: "2024-12-24", dur: 60, score: 70},
		// 2024-Q3: outside the window.
		{id: "old-1", team: "payments", sev: "SEV1", date: "2024-08-01", dur: 60, score: 70, themes: []string{"capacity"},
			actions: []model.ActionItem{open("Add alerting on connection pool saturation", "")}},
	}
	out := make([]*model.Postmortem, len(docs))
	for i, d := range docs {
		out[i] = d.build()
	}
	// One undated postmortem: in no quarter, counted as undated.
	undated := fdoc{id: "undated-1", team: "payments", sev: "SEV2", date: "2025-08-01", score: 99, themes: []string{"capacity"}}.build()
	undated.Date = nil
	return append(out, undated)
}

// fixtureStore opens an in-memory DuckDB store holding the fixture.
func fixtureStore(t testing.TB) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := open.Open(ctx, "duckdb://")
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if err := st.Put(ctx, fixtureDocs()); err != nil {
		t.Fatalf("put fixture: %v", err)
	}
	return st
}

func buildFixture(t testing.TB, opts Options) *Review {
	t.Helper()
	r, err := Build(context.Background(), fixtureStore(t), Quarter{Year: 2025, Q: 3}, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return r
}

package dashboard

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/open"
	"github.com/debrief-dev/debrief/store/storetest"
)

// hostile is text a malicious document could carry.
const hostile = `<script>alert("xss")</script><img src=x onerror=alert(1)>`

// fixtureDoc builds a postmortem with one summary section made of the
// given sentences; findings are (sentence, kind, label, match) and their
// spans point at match inside the sentence.
func fixtureDoc(id, title, team, severity string, services []string, date time.Time, minutes float64, score int,
	themes []string, sentences []string, findings [][4]any) *model.Postmortem {
	d := date
	p := &model.Postmortem{
		ID: id, Version: id + "-v1", Title: title, Team: team, Severity: severity, Services: services,
		Date: &d, DurationMinutes: minutes,
		Source: model.Source{Path: "fixtures/" + id + ".md", Format: model.FormatMarkdown, SHA256: "sha-" + id, Bytes: 100},
	}
	text, sents := storetest.JoinSentences(sentences)
	p.Sentences = sents
	p.Sections = []model.Section{
		{Kind: model.SectionSummary, Heading: "Summary", Text: text},
		{Kind: model.SectionActionItems, Heading: "Action items", Text: "- add an alert"},
	}
	for _, f := range findings {
		si, kind, label, match := f[0].(int), f[1].(string), f[2].(string), f[3].(string)
		start := strings.Index(sentences[si], match)
		if start < 0 {
			panic(fmt.Sprintf("fixture %s: %q not in sentence %d", id, match, si))
		}
		p.Findings = append(p.Findings, model.Finding{
			Sentence: si, Kind: kind, Label: label, Rule: kind + "." + label, Start: start, End: start + len(match),
			Match: match, Severity: model.SeverityWarning,
			Message: "Message for " + label, Suggestion: "Suggestion for " + label,
		})
	}
	for i, t := range themes {
		p.Themes = append(p.Themes, model.Theme{Label: t, Weight: 1 / float64(i+1), Member: true})
	}
	p.Quality = &model.Quality{Score: score, Missing: []string{model.SectionTimeline},
		Reasons: []model.QualityReason{{Code: "sections", Message: "has the key sections", Points: float64(score) / 2, Max: 50},
			{Code: "blame-free", Message: "avoids blame", Points: float64(score) / 2, Max: 50}}}
	p.ActionItems = []model.ActionItem{{Text: "Add an alert for " + title, Owner: "ops", Status: "open"}}
	p.Timeline = []model.TimelineEvent{{At: &d, AtText: "10:00", Text: "Alert fired"}}
	return p
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// fixtures: three teams over four quarters (2025-Q1..Q4); "payments" uses
// blame phrasing, "search" is blame-aware. Expected values in the tests
// are counted by hand from this table.
//
//	id    team      quarter  themes              blame  assumption(label)
//	p1    payments  2025-Q1  change,network      2      -
//	p2    payments  2025-Q2  change              1      belief
//	p3    payments  2025-Q3  capacity            1      -
//	s1    search    2025-Q1  network             0      surprise
//	s2    search    2025-Q3  network,dns-free    0      surprise, belief
//	s3    search    2025-Q4  data                0      -
//	x1    identity  2025-Q4  security            1      -   (hostile title/text)
func fixtures() []*model.Postmortem {
	return []*model.Postmortem{
		fixtureDoc("p1", "Checkout errors after config push", "payments", "SEV1", []string{"checkout", "api"}, day(2025, 2, 3), 90, 40,
			[]string{"change", "network"},
			[]string{"The root cause was human error.", "The engineer should have checked the diff.", "DNS resolution failed for the gateway."},
			[][4]any{{0, "blame", "single-root-cause", "The root cause was"}, {0, "blame", "human-error", "human error"},
				{2, "theme", "network", "DNS"}}),
		fixtureDoc("p2", "Payment queue backlog", "payments", "SEV2", []string{"queue"}, day(2025, 5, 10), 45, 55,
			[]string{"change"},
			[]string{"We assumed the deploy was safe.", "Someone failed to notice the alert.", "The deploy was rolled back."},
			[][4]any{{0, "assumption", "belief", "We assumed"}, {1, "blame", "counterfactual", "failed to notice"},
				{2, "theme", "change", "deploy"}}),
		fixtureDoc("p3", "Card authorisations timed out", "payments", "SEV2", []string{"api"}, day(2025, 8, 21), 200, 60,
			[]string{"capacity"},
			[]string{"Traffic doubled in ten minutes.", "Careless tuning made it worse."},
			[][4]any{{0, "theme", "capacity", "Traffic"}, {1, "blame", "judgmental", "Careless"}}),
		fixtureDoc("s1", "Search index stale", "search", "SEV3", []string{"indexer"}, day(2025, 1, 15), 30, 85,
			[]string{"network"},
			[]string{"Unexpectedly, the DNS cache kept old records.", "The load balancer routed to a drained node."},
			[][4]any{{0, "assumption", "surprise", "Unexpectedly"}, {0, "theme", "network", "DNS"}, {1, "theme", "network", "load balancer"}}),
		fixtureDoc("s2", "Query latency spike", "search", "SEV2", []string{"query", "api"}, day(2025, 9, 2), 60, 90,
			[]string{"network"},
			[]string{"It turned out the DNS TTL was one day.", "We believed the failover was automatic."},
			[][4]any{{0, "assumption", "surprise", "turned out"}, {0, "theme", "network", "DNS TTL"}, {1, "assumption", "belief", "We believed"}}),
		fixtureDoc("s3", "Replica lag", "search", "SEV3", []string{"query"}, day(2025, 11, 30), 20, 80,
			[]string{"data"},
			[]string{"Replication lag grew to an hour.", "Backups kept running."},
			[][4]any{{0, "theme", "data", "Replication"}}),
		fixtureDoc("x1", hostile+" title", "identity", "SEV1", []string{"sso"}, day(2025, 12, 5), 15, 30,
			[]string{"security"},
			[]string{"The token leaked because of human error " + hostile + ".", "Secrets were rotated."},
			[][4]any{{0, "blame", "human-error", "human error"}, {1, "theme", "security", "Secrets"}}),
	}
}

// fixtureStore returns an in-memory DuckDB store holding docs.
func fixtureStore(t testing.TB, docs []*model.Postmortem) store.Store {
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
	if len(docs) > 0 {
		if err := st.Put(ctx, docs); err != nil {
			t.Fatalf("put fixtures: %v", err)
		}
	}
	return st
}

package patterns

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/model"
)

func day(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

func ref(doc, team, svc, date, text, status string) ActionRef {
	r := ActionRef{DocID: doc, Team: team, Date: day(date), ActionItem: model.ActionItem{Text: text, Status: status}}
	if svc != "" {
		r.Services = []string{svc}
	}
	return r
}

var actionFixture = []ActionRef{
	ref("d1", "payments", "checkout-api", "2025-01-10", "Add alerting on disk usage", "done"),
	ref("d2", "search", "search-api", "2025-03-02", "Add disk usage alerts for search-api hosts (SRCH-12)", "open"),
	ref("d3", "data", "etl", "2025-06-20", "Alert on disk utilisation", ""),
	ref("d4", "payments", "ledger", "2025-02-01", "Add alerting on memory usage", "open"),
	ref("d5", "identity", "auth-service", "2025-04-11", "Alert on memory usage for auth-service pods (IDN-77)", "done"),
	ref("d6", "platform", "ci-runners", "2024-11-30", "Update the runbook", "open"),
	ref("d6", "platform", "ci-runners", "2024-11-30", "Update the runbook.", "open"),
	ref("d7", "platform", "ci-runners", "2025-08-15", "Review and update runbooks for ci-runners", "in-progress"),
	ref("d8", "mobile", "", "2025-05-05", "Fix the flaky test", "open"),
	ref("d9", "mobile", "", "2025-05-06", "TBD", "open"),
}

type clusterSummary struct {
	Label       string
	Count, Docs int
	Open        int
	Teams       []string
	First, Last string
	Examples    []string
}

func summarise(cs []ActionCluster) []clusterSummary {
	var out []clusterSummary
	for _, c := range cs {
		s := clusterSummary{Label: c.Label, Count: c.Count, Docs: c.Docs, Open: c.Open, Teams: c.Teams}
		if c.First != nil {
			s.First, s.Last = c.First.Format("2006-01-02"), c.Last.Format("2006-01-02")
		}
		for _, e := range c.Examples {
			s.Examples = append(s.Examples, e.Text)
		}
		out = append(out, s)
	}
	return out
}

func TestRepeatedActions(t *testing.T) {
	want := []clusterSummary{
		{Label: "Alert on disk utilisation", Count: 3, Docs: 3, Open: 2, Teams: []string{"data", "payments", "search"},
			First: "2025-01-10", Last: "2025-06-20",
			Examples: []string{"Alert on disk utilisation", "Add alerting on disk usage", "Add disk usage alerts for search-api hosts (SRCH-12)"}},
		{Label: "Update the runbook", Count: 3, Docs: 2, Open: 3, Teams: []string{"platform"},
			First: "2024-11-30", Last: "2025-08-15",
			Examples: []string{"Update the runbook", "Update the runbook.", "Review and update runbooks for ci-runners"}},
		{Label: "Add alerting on memory usage", Count: 2, Docs: 2, Open: 1, Teams: []string{"identity", "payments"},
			First: "2025-02-01", Last: "2025-04-11",
			Examples: []string{"Add alerting on memory usage", "Alert on memory usage for auth-service pods (IDN-77)"}},
	}
	got := summarise(RepeatedActions(actionFixture, 2))
	if !equalSummaries(got, want) {
		t.Fatalf("clusters:\n got %+v\nwant %+v", got, want)
	}

	// Input order does not matter.
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := slices.Clone(actionFixture)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if g := summarise(RepeatedActions(shuffled, 2)); !equalSummaries(g, want) {
			t.Fatalf("shuffled input changed the clusters:\n got %+v", g)
		}
	}

	// minCount 1 keeps the singleton; "TBD" has no terms and is ignored.
	all := RepeatedActions(actionFixture, 1)
	if len(all) != 4 || all[3].Label != "Fix the flaky test" {
		t.Errorf("minCount 1: %+v", summarise(all))
	}
}

func TestClusterActionsThreshold(t *testing.T) {
	// "alert queue depth" vs "alert queue age" share 2 of 4 terms:
	// Jaccard 0.5 (the alerting concept weighs 1 like a word), merged at
	// 0.5 and kept apart at the default 0.55.
	items := []ActionRef{
		ref("a", "t", "", "2025-01-01", "Alert on queue depth", ""),
		ref("b", "t", "", "2025-01-02", "Alert on queue age", ""),
	}
	if got := ClusterActions(items, ActionOptions{MinDocs: 1}); len(got) != 2 {
		t.Errorf("default threshold merged depth and age: %+v", summarise(got))
	}
	// So do disk and memory usage alerts.
	dm := []ActionRef{
		ref("a", "t", "", "2025-01-01", "Alert on disk usage", ""),
		ref("b", "t", "", "2025-01-02", "Alert on memory usage", ""),
	}
	if got := ClusterActions(dm, ActionOptions{MinDocs: 1}); len(got) != 2 {
		t.Errorf("default threshold merged disk and memory: %+v", summarise(got))
	}
	got := ClusterActions(items, ActionOptions{MinDocs: 1, Threshold: 0.5})
	if len(got) != 1 || got[0].Count != 2 {
		t.Errorf("threshold 0.5: %+v", summarise(got))
	}
}

func TestActionTerms(t *testing.T) {
	got := ActionTerms("Add disk usage alerts for checkout-api hosts on the payments team", []string{"checkout-api", "payments"})
	// "alerts" is folded into the lexicon's alerting concept.
	want := []string{"@alerting", "disk", "host", "team", "usag"}
	if !slices.Equal(got, want) {
		t.Errorf("ActionTerms = %q, want %q", got, want)
	}
}

func equalSummaries(a, b []clusterSummary) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Label != y.Label || x.Count != y.Count || x.Docs != y.Docs || x.Open != y.Open ||
			!slices.Equal(x.Teams, y.Teams) || x.First != y.First || x.Last != y.Last || !slices.Equal(x.Examples, y.Examples) {
			return false
		}
	}
	return true
}

// Among equally common wordings, the label avoids one that names its own
// service, even when that one is shorter.
func TestActionLabelAvoidsServiceNames(t *testing.T) {
	items := []ActionRef{
		ref("a", "t", "ledger", "2025-01-01", "Alert on disk for ledger", ""),
		ref("b", "t", "search", "2025-01-02", "Add alerting on disk usage", ""),
	}
	got := RepeatedActions(items, 2)
	if len(got) != 1 || got[0].Label != "Add alerting on disk usage" {
		t.Errorf("clusters %+v", summarise(got))
	}
}

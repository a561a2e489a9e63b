package patterns

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	r := Build(simFixture, actionFixture, Options{})
	if r.Postmortems != len(simFixture) || r.ActionItems != len(actionFixture) {
		t.Errorf("counts %d/%d", r.Postmortems, r.ActionItems)
	}
	if len(r.RepeatedActions) != 3 || len(r.Recurring) != 2 {
		t.Errorf("report: %d action clusters, %d recurrences", len(r.RepeatedActions), len(r.Recurring))
	}
	// capacity+detection co-occur once only: below MinPairDocs 2.
	if len(r.ThemePairs) != 0 {
		t.Errorf("theme pairs %+v", r.ThemePairs)
	}
	if len(r.ThemeTrends) != 4 {
		t.Errorf("%d theme trends, want one per theme (capacity, detection, network, time)", len(r.ThemeTrends))
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"repeated_actions"`, `"doc_id":"d3"`, `"recurring"`, `"theme_trends"`, `"direction"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

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
	if want := len(ClusterActions(actionFixture, ActionOptions{})); len(r.FollowUps) != want || want == 0 || len(r.Recurring) != 2 {
		t.Errorf("report: %d follow-ups (want %d), %d recurrences", len(r.FollowUps), want, len(r.Recurring))
	}
	// capacity+detection co-occur once only: below MinPairDocs 2.
	if len(r.ThemePairs) != 0 {
		t.Errorf("theme pairs %+v", r.ThemePairs)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"similar_pairs":[`, `"clusters":[`, `"followups":[`, `"trends":[`, `"recurring"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

package dashboard

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/debrief-dev/debrief/analysis/patterns"
	"github.com/debrief-dev/debrief/model"
)

// patternFixtures adds three certificate-expiry writeups (two teams, two
// quarters, three wordings, each promising an expiry alert in its own
// words) to the shared fixtures.
func patternFixtures() []*model.Postmortem {
	docs := fixtures()
	certs := []struct{ id, title, team, text, action, status string }{
		{"c1", "Checkout down: TLS certificate expired", "payments", "The TLS certificate of the checkout gateway expired at 03:00.", "Alert before certificates expire", "open"},
		{"c2", "Push notifications stopped", "search", "The APNs push certificate lapsed on Sunday, so every push was rejected.", "Add expiry monitoring for certs", "done"},
		{"c3", "SSO logins failing", "identity", "A SAML signing certificate reached its end date and logins failed.", "Page when a TLS cert is within 14 days of expiry", "open"},
	}
	for i, c := range certs {
		d := fixtureDoc(c.id, c.title, c.team, "SEV2", []string{"edge-" + c.id}, day(2025, []time.Month{2, 6, 10}[i], 7), 30, 70,
			[]string{"security"}, []string{c.text, "Nobody owned the renewal."}, nil)
		d.ActionItems = []model.ActionItem{{Text: c.action, Status: c.status}}
		docs = append(docs, d)
	}
	return docs
}

func TestPatternsAPIAndPage(t *testing.T) {
	h := New(fixtureStore(t, patternFixtures()), Options{})
	var rep patterns.Report
	getJSON(t, h, "/api/v1/patterns", &rep)
	if rep.Postmortems != 10 {
		t.Errorf("postmortems = %d, want 10", rep.Postmortems)
	}
	var cert *patterns.Cluster
	for i, c := range rep.Clusters {
		if strings.Contains(c.Name, "certificate expired") {
			cert = &rep.Clusters[i]
		}
	}
	if cert == nil || strings.Join(cert.Docs, ",") != "c1,c2,c3" || cert.First != "2025-02-07" || cert.Last != "2025-10-07" {
		t.Fatalf("certificate cluster = %+v (all %+v)", cert, rep.Clusters)
	}
	var alert *patterns.FollowUp
	for i, f := range rep.FollowUps {
		if len(f.Docs) == 3 && f.Docs[0] == "c1" {
			alert = &rep.FollowUps[i]
		}
	}
	if alert == nil || alert.Open != 2 || alert.Items != 3 {
		t.Fatalf("expiry follow-up = %+v (all %+v)", alert, rep.FollowUps)
	}
	// A team filter narrows what is mined.
	var one patterns.Report
	getJSON(t, h, "/api/v1/patterns?team=payments", &one)
	if one.Postmortems != 4 || len(one.Clusters) != 0 {
		t.Errorf("team=payments: %d postmortems, clusters %+v", one.Postmortems, one.Clusters)
	}

	rec := get(t, h, "/patterns")
	body := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("/patterns: %d %s", rec.Code, body)
	}
	for _, want := range []string{"Recurring failure modes", html.EscapeString(cert.Name), "Checkout down: TLS certificate expired",
		"Follow-ups promised again", "2 of 3", "Theme surges", "binomial"} {
		if !strings.Contains(body, want) {
			t.Errorf("/patterns lacks %q", want)
		}
	}
	if strings.Contains(body, hostile) {
		t.Error("/patterns shows unescaped document text")
	}
}

func TestPatternsEmptyStore(t *testing.T) {
	h := New(fixtureStore(t, nil), Options{})
	rec := get(t, h, "/api/v1/patterns")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"clusters":[]`) {
		t.Errorf("empty store: %d %s", rec.Code, rec.Body.String())
	}
	if rec := get(t, h, "/patterns"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "No failure mode recurs") {
		t.Errorf("empty store page: %d", rec.Code)
	}
}

package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store/open"
)

// TestBuildPatterns: three writeups of expired certificates in three
// quarters and teams form a failure mode seen again in the reviewed
// quarter; two writeups of one DNS incident a day apart are a duplicate.
func TestBuildPatterns(t *testing.T) {
	docs := []fdoc{
		{id: "c1", team: "payments", sev: "SEV2", date: "2025-02-10", score: 70, title: "Checkout down: TLS certificate expired",
			sents: []fsent{{text: "The TLS certificate of the checkout gateway expired at 03:00 and nobody was warned."}}},
		{id: "c2", team: "search", sev: "SEV2", date: "2025-05-04", score: 70, title: "Push notifications stopped",
			sents: []fsent{{text: "The APNs push certificate lapsed on Sunday, so every push was rejected."}}},
		{id: "c3", team: "identity", sev: "SEV2", date: "2025-08-19", score: 70, title: "SSO logins failing",
			sents: []fsent{{text: "A SAML signing certificate reached its end date and every login failed."}}},
		{id: "d1", team: "platform", sev: "SEV1", date: "2025-09-02", score: 70, title: "Cleanup script deleted the DNS record of ledger-api",
			sents: []fsent{{text: "A zone cleanup script deleted the DNS record of ledger-api and lookups returned NXDOMAIN."}}},
		{id: "d2", team: "payments", sev: "SEV1", date: "2025-09-03", score: 70, title: "NXDOMAIN for ledger-api broke payments",
			sents: []fsent{{text: "Every lookup of ledger-api returned NXDOMAIN after a DNS cleanup script deleted its record."}}},
	}
	var pms []*model.Postmortem
	for _, d := range docs {
		p := d.build()
		if strings.HasPrefix(d.id, "d") {
			p.Services = []string{"ledger-api"}
		}
		pms = append(pms, p)
	}
	ctx := context.Background()
	st, err := open.Open(ctx, "duckdb://")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	if err := st.Put(ctx, pms); err != nil {
		t.Fatal(err)
	}
	r, err := Build(ctx, st, Quarter{Year: 2025, Q: 3}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.FailureModes) != 1 {
		t.Fatalf("failure modes %+v, want the certificate one", r.FailureModes)
	}
	f := r.FailureModes[0]
	if !strings.Contains(f.Name, "certificate expired") || f.Postmortems != 3 || f.InQuarter != 1 ||
		f.First != "2025-02-10" || f.Last != "2025-08-19" || len(f.Examples) != 3 || f.Examples[0].ID != "c3" {
		t.Errorf("failure mode %+v", f)
	}
	if len(r.Duplicates) != 1 || r.Duplicates[0].A.ID != "d1" || r.Duplicates[0].B.ID != "d2" {
		t.Errorf("duplicates %+v", r.Duplicates)
	}
	var md, html bytes.Buffer
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Recurring patterns", f.Name, "One incident, two writeups", "Surge test:"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	for _, want := range []string{`id="patterns"`, "Recurring patterns", "SSO logins failing", "One incident, two writeups"} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

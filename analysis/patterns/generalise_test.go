package patterns

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLexiconUnless: a concept's unless terms cancel its match in that
// sentence only, and leave the words free for later concepts.
func TestLexiconUnless(t *testing.T) {
	l := DefaultLexicon()
	tests := []struct {
		text    string
		concept string
		want    bool
	}{
		{"The wildcard certificate expired on Sunday.", "cert-expiry", true},
		{"The wildcard certificate was renewed automatically as planned.", "cert-expiry", false},
		{"The wildcard certificate was renewed automatically as planned. The APNs cert lapsed a week later.", "cert-expiry", true},
		{"The change went to every region at once.", "global-rollout", true},
		{"The canary caught the change before it reached every region.", "global-rollout", false},
		{"The broker disks filled up.", "disk-full", true},
		{"Disk latency grew while the brokers compacted.", "disk-full", false},
	}
	for _, tt := range tests {
		if got := slices.Contains(l.ConceptsOf(tt.text), tt.concept); got != tt.want {
			t.Errorf("%q: %s = %v, want %v (terms %v)", tt.text, tt.concept, got, tt.want, l.Terms(tt.text))
		}
	}
}

func TestParseLexiconRejectsStopWordTerms(t *testing.T) {
	yaml := "concepts:\n  - {id: x, name: y, patterns: [[[sets]]], match: [sets], no_match: [disk]}\n"
	_, err := ParseLexicon("my.yml", []byte(yaml))
	if err == nil || !strings.Contains(err.Error(), "stop words only") {
		t.Fatalf("err = %v, want a stop-word error", err)
	}
	yaml = "concepts:\n  - {id: x, name: y, patterns: [[[disk]]], unless: [\"...\"], match: [disk], no_match: [cpu]}\n"
	if _, err := ParseLexicon("my.yml", []byte(yaml)); err == nil || !strings.Contains(err.Error(), "unless term") {
		t.Fatalf("err = %v, want an unless-term error", err)
	}
}

// TestClusterActionsRemedyPairs: items that ask for the same remedy
// against the same mechanism group together although their words differ;
// the same remedy for another mechanism, or the mechanism without the
// remedy, stays apart.
func TestClusterActionsRemedyPairs(t *testing.T) {
	items := []ActionRef{
		ref("a", "web", "", "2025-01-10", "Page the web on-call three weeks before any listener certificate ends", "done"),
		ref("b", "billing", "", "2025-03-10", "Nightly job warns 30 days ahead of each keystore entry's expiry date", "open"),
		ref("c", "apps", "", "2025-05-10", "Notify the team a month before the push certificate lapses", "open"),
		ref("d", "infra", "", "2025-07-10", "Alert when broker disks pass 80% full", "open"),
		ref("e", "apps", "", "2025-09-10", "Automate renewal of the push certificate", "open"),
		ref("f", "core", "", "2025-02-10", "Send zone changes to one data centre first and wait an hour before the rest", "done"),
		ref("g", "flags", "", "2025-04-10", "Flag changes ramp through 1% and 10% of users with a soak between steps", "open"),
		ref("h", "infra", "", "2025-06-10", "Document the config service", "open"),
	}
	got := map[string][]string{}
	for _, c := range ClusterActions(items, ActionOptions{}) {
		got[c.DocIDs[0]] = c.DocIDs
	}
	want := map[string][]string{"a": {"a", "b", "c"}, "f": {"f", "g"}}
	if len(got) != len(want) || !slices.Equal(got["a"], want["a"]) || !slices.Equal(got["f"], want["f"]) {
		t.Errorf("clusters = %v, want %v", got, want)
	}
}

// TestNearDuplicatesSameDay: two teams' writeups of one outage on the
// same day share little wording but a service and a mechanism; the same
// pair a month apart is not a duplicate.
func TestNearDuplicatesSameDay(t *testing.T) {
	d := func(s string) time.Time { return *day(s) }
	docs := []DocText{
		{ID: "db", Team: "platform", Services: []string{"orders-db"}, Date: d("2025-05-28"),
			Title: "orders-db primary lost, failover promoted a stale replica",
			Text:  "The orders-db primary died at 03:10 and the failover promoted a replica that was behind; writes were refused for forty minutes."},
		{ID: "login", Team: "identity", Services: []string{"login-api"}, Date: d("2025-05-29"),
			Title: "Sign-ups and password changes failed for most of the morning",
			Text: "Customers trying to register, reset a password or update their profile saw a generic error page. " +
				"login-api could not write to orders-db after the database failed over. " +
				"Support received several hundred tickets and the mobile team paused a marketing push."},
		{ID: "cdn", Team: "edge", Services: []string{"static"}, Date: d("2025-05-28"),
			Title: "Image host returned errors", Text: "Our image host returned errors after a provider change; unrelated to databases."},
	}
	for i := 0; i < 12; i++ { // background, so that IDF means something
		docs = append(docs, DocText{ID: "bg" + string(rune('a'+i)), Team: "other", Date: d("2024-01-01").AddDate(0, i, 0),
			Title: "Unrelated incident " + string(rune('a'+i)), Text: "A queue consumer crashed on a malformed message and was restarted."})
	}
	ix := NewMechanismIndex(docs, nil)
	if s := ix.Similar("db", 1); len(s) == 0 || s[0].ID != "login" || s[0].Score >= 0.35 {
		t.Fatalf("fixture: db's nearest = %+v, want login below the shared-service score 0.35", s)
	}
	pairs := NearDuplicates(ix, DuplicateOptions{})
	if len(pairs) != 1 || pairs[0].A != "db" || pairs[0].B != "login" {
		t.Fatalf("pairs = %+v, want db-login", pairs)
	}
	docs[1].Date = d("2025-06-28")
	if pairs := NearDuplicates(NewMechanismIndex(docs, nil), DuplicateOptions{}); len(pairs) != 0 {
		t.Errorf("a month apart: pairs = %+v, want none", pairs)
	}
}

// TestLexiconParaphrases: wordings written for this test (not taken from
// any evaluation set) of how engineers name the main mechanisms, and
// hard negatives that share their words but not the mechanism.
func TestLexiconParaphrases(t *testing.T) {
	l := DefaultLexicon()
	tests := []struct {
		concept, text string
		want          bool
	}{
		{"cert-expiry", "Our TLS cert for the API gateway expired at midnight.", true},
		{"cert-expiry", "The SSL certificate on the marketing site lapsed over the weekend.", true},
		{"cert-expiry", "Clients got CERT_HAS_EXPIRED from the payment webhook endpoint.", true},
		{"cert-expiry", "The SAML signing certificate reached the end of its validity period.", true},
		{"cert-expiry", "The internal CA bundle shipped in the base image had an expired root.", true},
		{"cert-expiry", "The mTLS client certificate used by the batch jobs was not renewed in time.", true},
		{"cert-expiry", "The APNs push certificate ran out and iOS notifications stopped.", true},
		{"cert-expiry", "The keystore's certificate validity ended on Friday.", true},
		{"cert-expiry", "Renewal of the wildcard certificate was missed.", true},
		{"cert-expiry", "Nobody renewed the certificate on the VPN concentrator.", true},
		{"global-rollout", "The new rate limit config was pushed fleet-wide in one go.", true},
		{"global-rollout", "A bad feature flag was enabled for 100% of users in every region.", true},
		{"global-rollout", "The change hit all production clusters within two minutes.", true},
		{"global-rollout", "Terraform applied the security group change to all regions simultaneously.", true},
		{"global-rollout", "There was no staged rollout for configuration changes.", true},
		{"global-rollout", "The flag went to everyone at once.", true},
		{"global-rollout", "Config was deployed globally without canarying.", true},
		{"disk-full", "The Elasticsearch data nodes ran out of disk.", true},
		{"disk-full", "Postgres stopped accepting writes when the volume filled up.", true},
		{"disk-full", "The root partition hit 100% and the kubelet started evicting pods.", true},
		{"disk-full", "Write failed: No space left on device.", true},
		{"disk-full", "Log retention was unbounded and the disks filled.", true},
		{"connection-exhaustion", "The app exhausted its database connection pool.", true},
		{"connection-exhaustion", "PgBouncer hit max_connections and started rejecting clients.", true},
		{"connection-exhaustion", "Postgres returned FATAL: too many connections for role.", true},
		{"connection-exhaustion", "All connections in the pool were in use and requests queued.", true},
		{"memory-exhaustion", "The service was OOMKilled repeatedly.", true},
		{"memory-exhaustion", "A memory leak in the image resizer grew RSS until the kernel killed it.", true},
		{"memory-exhaustion", "The JVM threw OutOfMemoryError under load.", true},
		{"staged-rollout", "Roll config changes out gradually, one region at a time.", true},
		{"staged-rollout", "Canary every config push for 30 minutes before promoting it.", true},
		{"staged-rollout", "Use progressive delivery for feature flags.", true},
		{"alerting", "Page the on-call 30 days before a certificate expires.", true},
		{"alerting", "Set up notifications when disk usage crosses 80%.", true},
		{"cert-expiry", "The certificate rotation went smoothly.", false},
		{"cert-expiry", "We renewed the certificate a month early as planned.", false},
		{"global-rollout", "The canary caught the bad config before it went everywhere.", false},
		{"global-rollout", "We use a rolling update across all regions, one at a time.", false},
		{"connection-exhaustion", "Connection latency to the pool increased slightly.", false},
		{"disk-full", "The disk was replaced after a hardware fault.", false},
		{"disk-full", "Disk latency hit 40 ms during the backup.", false},
		{"memory-exhaustion", "Memory usage was normal throughout.", false},
		{"staged-rollout", "The incident started at nine.", false},
	}
	for _, tt := range tests {
		if got := slices.Contains(l.ConceptsOf(tt.text), tt.concept); got != tt.want {
			t.Errorf("%q: %s = %v, want %v (terms %v)", tt.text, tt.concept, got, tt.want, l.Terms(tt.text))
		}
	}
}

// TestClusterActionsParaphrases: two follow-ups promised five times each
// in words written for this test, beside related but different ones
// (automating renewal, a runbook, other alerts), group as two.
func TestClusterActionsParaphrases(t *testing.T) {
	texts := []string{
		"Alert 30 days before any TLS certificate expires",
		"Add certificate expiry monitoring to Prometheus for every endpoint",
		"Create a calendar reminder two months before the APNs cert lapses",
		"Dashboard and page for days until keystore expiry",
		"Notify the owning team when a cert is within 21 days of its notAfter",
		"Automate renewal of the load balancer certificate",
		"Canary all configuration changes before global rollout",
		"Roll out feature flags progressively: 1%, 10%, 50%, 100%",
		"Config pushes go to one region first and bake for an hour",
		"Require a staged rollout for every runtime config change",
		"Deploy config to a canary cluster before the rest of the fleet",
		"Add alerting on disk usage for brokers",
		"Alert on connection pool saturation",
		"Write a runbook for certificate renewal",
	}
	var items []ActionRef
	for i, text := range texts {
		items = append(items, ref(fmt.Sprintf("%02d", i), "", "", "2025-01-01", text, "open"))
	}
	var got [][]string
	for _, c := range ClusterActions(items, ActionOptions{}) {
		got = append(got, c.DocIDs)
	}
	want := [][]string{{"00", "01", "02", "03", "04"}, {"06", "07", "08", "09", "10"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("clusters = %v, want %v", got, want)
	}
}

package patterns

import (
	"fmt"
	"slices"
	"testing"
)

// TestLexiconRetryStorm: wordings written for this test of a retry storm
// or reconnect herd after a brief blip, of the follow-ups that back off
// retries, and of connection-pool follow-ups, beside hard negatives that
// share their words.
func TestLexiconRetryStorm(t *testing.T) {
	l := DefaultLexicon()
	tests := []struct {
		concept, text string
		want          bool
	}{
		{"retry-storm", "After the 30-second network blip every app instance reconnected to Redis at the same moment.", true},
		{"retry-storm", "The load balancer came back and was flattened by a thundering herd.", true},
		{"retry-storm", "Retries from three layers multiplied the traffic to the auth service.", true},
		{"retry-storm", "The mobile SDK retried in a tight loop, which overwhelmed the API.", true},
		{"retry-storm", "Retry amplification turned a brief database hiccup into an hour-long outage.", true},
		{"retry-storm", "Consumers re-established their sessions simultaneously and the brokers fell over again.", true},
		{"retry-storm", "The reconnect delay was a constant 5 seconds on every device.", true},
		{"retry-storm", "Clients used exponential backoff without jitter, so they kept retrying in step.", true},
		{"retry-storm", "A flood of reconnects hit the websocket gateway.", true},
		{"retry-storm", "Workers retried without any backoff and doubled the queue depth.", true},
		{"retry-storm", "The payment job was retried and succeeded.", false},
		{"retry-storm", "Reconnect logic worked as designed once the network returned.", false},
		{"retry-storm", "We retried the migration on Tuesday.", false},
		{"retry-storm", "Replication reconnected after the failover.", false},
		{"retry-backoff", "Give reconnects a random delay of up to 60 seconds.", true},
		{"retry-backoff", "Adopt a retry budget of 10% per client.", true},
		{"retry-backoff", "Use full jitter in the SDK's retry loop.", true},
		{"retry-backoff", "Retries should slow down exponentially after each failure.", true},
		{"retry-backoff", "Stagger worker restarts after a deploy.", true},
		{"retry-backoff", "Limit retries to two per request at the edge.", true},
		{"retry-backoff", "Retry the failed export by hand.", false},
		{"retry-backoff", "A random sample of orders was checked.", false},
		{"connection-exhaustion", "Alert when the DB pool is more than 90% in use.", true},
		{"connection-exhaustion", "Page when pgbouncer shows waiting clients for two minutes.", true},
		{"connection-exhaustion", "Dashboards for pool utilisation per service.", true},
		{"connection-exhaustion", "The connection to the vendor is in use again.", false},
	}
	for _, tt := range tests {
		if got := slices.Contains(l.ConceptsOf(tt.text), tt.concept); got != tt.want {
			t.Errorf("%q: %s = %v, want %v (terms %v)", tt.text, tt.concept, got, tt.want, l.Terms(tt.text))
		}
	}
}

// TestClusterActionsBackoffAndPools: follow-ups that back off retries,
// and follow-ups that alert on connection pools, each promised in several
// wordings, group by meaning; a circuit breaker, a manual retry, other
// alerts and an unrelated pool change stay apart.
func TestClusterActionsBackoffAndPools(t *testing.T) {
	texts := []string{
		"Add jittered exponential backoff to the mobile reconnect logic",    // 00
		"Introduce a retry budget in the gateway's HTTP client",             // 01
		"Randomise reconnect delays so devices do not come back together",   // 02
		"Cap retries at three with increasing delays",                       // 03
		"Webhook deliveries must back off instead of retrying every second", // 04
		"Alert when the Hikari pool is 90% in use for five minutes",         // 05
		"Page the owning team when pgbouncer has waiting clients",           // 06
		"Add an alert on connection pool saturation",                        // 07
		"Add a circuit breaker around the fraud scoring call",               // 08
		"Retry the failed invoice export by hand",                           // 09
		"Alert when disk usage passes 80% on the brokers",                   // 10
		"Move the reporting queries to their own read replica",              // 11
	}
	var items []ActionRef
	for i, text := range texts {
		items = append(items, ref(fmt.Sprintf("%02d", i), "", "", "2025-01-01", text, "open"))
	}
	var got [][]string
	for _, c := range ClusterActions(items, ActionOptions{}) {
		got = append(got, c.DocIDs)
	}
	want := [][]string{{"00", "01", "02", "03", "04"}, {"05", "06", "07"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		for _, text := range texts {
			t.Logf("%q -> %v", text, ActionTerms(text, nil))
		}
		t.Errorf("clusters = %v, want %v", got, want)
	}
}

// TestRemedyPairsStandalone: a standalone remedy pairs on its own, a
// generic one only with a mechanism.
func TestRemedyPairsStandalone(t *testing.T) {
	l := DefaultLexicon()
	if got := remedyPairs(l, []string{"@retry-backoff", "client"}); !slices.Equal(got, []string{"@retry-backoff|"}) {
		t.Errorf("retry-backoff alone: %v", got)
	}
	if got := remedyPairs(l, []string{"@alerting", "disk"}); len(got) != 0 {
		t.Errorf("alerting alone: %v, want none", got)
	}
	if got := remedyPairs(l, []string{"@alerting", "@retry-backoff", "@retry-storm"}); !slices.Equal(got, []string{"@alerting|@retry-storm", "@retry-backoff|", "@retry-backoff|@retry-storm"}) {
		t.Errorf("both: %v", got)
	}
	if _, err := ParseLexicon("my.yml", []byte("concepts:\n  - {id: x, name: y, standalone: true, patterns: [[[disk]]], match: [disk], no_match: [cpu]}\n")); err == nil {
		t.Error("standalone without remedy: no error")
	}
}

// TestClustersRetryStorm: three teams' writeups of a retry storm after a
// short blip, in their own words, form one recurring failure mode; the
// writeups of other failures around them do not join it.
func TestClustersRetryStorm(t *testing.T) {
	d := func(id, team, date, title, text, cause string) DocText {
		return DocText{ID: id, Team: team, Date: *day(date), Title: title, Text: text, Cause: cause}
	}
	docs := []DocText{
		d("kiosk", "retail", "2025-02-10", "Kiosks knocked the session service over twice",
			"A two-second network blip dropped every kiosk's session. When the link returned, all 8,000 kiosks reconnected at the same moment and the session service fell over again.",
			"Kiosk reconnect timers were identical, with no jitter."),
		d("auth", "identity", "2025-06-03", "Token service outage prolonged by client retries",
			"The token service paused for 20 seconds during a leader election. Callers retried immediately and in a tight loop; the retry traffic kept it down for 40 minutes.",
			"Three layers each retried three times, so retries multiplied the load 27-fold."),
		d("feeds", "mobile", "2025-11-19", "Push gateway stampede after a broker restart",
			"A planned broker restart took 15 seconds. Every phone's feed connection was re-established simultaneously and the gateway ran out of CPU.",
			"The SDK backoff was not jittered, so devices stayed in lockstep."),
		d("disk", "data", "2025-04-01", "Warehouse loads failed when the volume filled",
			"The loader volume filled up and every nightly load failed.", "Log retention was unbounded."),
		d("cert", "edge", "2025-08-12", "API gateway certificate expired",
			"The gateway's TLS certificate expired at midnight and every client handshake failed.", "Nobody owned renewal."),
		d("flag", "payments", "2025-09-09", "Checkout flag enabled everywhere at once",
			"A feature flag was enabled for every region at once and checkout broke.", "No staged rollout for flags."),
	}
	for i := 0; i < 14; i++ { // background
		docs = append(docs, d(fmt.Sprintf("bg%02d", i), "other", fmt.Sprintf("2024-%02d-15", 1+i%12),
			fmt.Sprintf("Unrelated incident %d", i), "A queue consumer crashed on a malformed message and was restarted.", "A parser bug."))
	}
	ix := NewMechanismIndex(docs, nil)
	var found []string
	for _, c := range Clusters(ix, ClusterOptions{}) {
		if slices.Contains(c.Concepts, "retry-storm") {
			found = c.Docs
		}
	}
	if !slices.Equal(found, []string{"kiosk", "auth", "feeds"}) {
		t.Errorf("retry-storm cluster = %v, want kiosk auth feeds (clusters %+v)", found, Clusters(ix, ClusterOptions{}))
	}
}

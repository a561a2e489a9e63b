package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// PlantOptions configure Plant.
type PlantOptions struct {
	// Seed selects the corpus; the same Seed gives the same documents.
	Seed int64
	// Start is the first day of the first of the eight quarters the
	// corpus spans (default 2024-01-01).
	Start time.Time
}

// Planted is a corpus of 48 postmortems (6 teams, 8 quarters) with
// patterns planted in varied wording, and the ground truth: which
// documents (indexes into Docs) form each planted pattern.
//
// Planted patterns:
//   - recurring failure modes: "cert-expiry" (five teams; TLS, APNs,
//     keystore, SAML, mTLS ... certificates that expire, lapse, pass
//     their end date), "config-everywhere" (a configuration change
//     applied to every region at once without a canary, five teams),
//     "kafka-disk" (message brokers' disks filling up, four writeups) and
//     "provider-outage" (third-party providers failing: the surge);
//   - repeated follow-ups: "cert-alert" (alert before certificates
//     expire) and "config-canary" (stage config changes through a
//     canary), each promised in five writeups in different words, with
//     mixed open and done status;
//   - near-duplicates: two incidents each written up by two teams;
//   - a "dependency" theme surge in the last two quarters.
//
// Distractors share words but not mechanisms (a certificate rotated
// early, a session token expiring, a config error caught by the canary,
// slow disks, Kafka consumer lag, a lapsed domain), and the other
// documents are one-off incidents each with a mechanism of its own. Every
// paraphrase is drawn at random from several families, so no two seeds
// word a pattern alike.
type Planted struct {
	Docs []Doc
	// Clusters and FollowUps map a planted pattern name to its documents.
	Clusters  map[string][]int
	FollowUps map[string][]int
	// Duplicates are pairs of writeups of one incident.
	Duplicates [][2]int
	// SurgeTheme surges in SurgeQuarters ("2025-Q3").
	SurgeTheme    string
	SurgeQuarters []string
}

// plantTeams are the six teams of a planted corpus and their services.
var plantTeams = []struct {
	name     string
	services []string
}{
	{"payments", []string{"checkout-api", "ledger", "billing-worker"}},
	{"identity", []string{"auth-service", "sso-gateway", "token-issuer"}},
	{"mobile", []string{"mobile-api", "push-notifier", "app-config-service"}},
	{"search", []string{"search-api", "indexer", "query-router"}},
	{"data", []string{"etl-pipeline", "warehouse-loader", "stream-processor"}},
	{"edge", []string{"cdn-edge", "ingress-gateway", "rate-limiter"}},
}

// plantKind is one kind of planted document: paraphrase families for
// each part, drawn independently. Placeholders: {svc} {team} {t} {n}
// {region} and the kind's own slots.
type plantKind struct {
	slots     map[string][]string // extra placeholders, one value drawn per document
	titles    []string
	summaries [][]string // each family is a list of sentences
	causes    [][]string
	actions   []string // one-off follow-ups (drawn without repeats in a corpus)
}

// Planted kinds.
var (
	kindCert = plantKind{
		slots: map[string][]string{
			"cert": {"TLS certificate", "APNs push certificate", "Java keystore entry", "SAML signing certificate",
				"client mTLS certificate", "intermediate CA certificate", "wildcard cert", "x509 server certificate"},
			"expired": {"expired", "lapsed", "reached its end date", "was not renewed in time", "passed its validity date",
				"ran past its expiry", "expired overnight"},
		},
		titles: []string{
			"{svc} outage: {cert} {expired}", "Handshake failures on {svc} after the {cert} {expired}",
			"{svc} rejected clients because a {cert} {expired}", "Login and API errors on {svc}: the {cert} {expired}",
			"Expired credentials on {svc} ({cert})",
		},
		summaries: [][]string{
			{"At {t} the {cert} used by {svc} {expired}, and clients started failing the handshake.", "Requests to {svc} failed for {n} minutes."},
			{"Calls to {svc} failed for {n} minutes because its {cert} {expired}.", "Nothing had changed in the code or the deploys that day."},
			{"{svc} could not authenticate to its peers once the {cert} {expired}.", "Every new connection was refused until a fresh certificate was installed."},
			{"Customers saw security warnings and failed requests on {svc}.", "The cause was a {cert} that {expired} at {t}."},
		},
		causes: [][]string{
			{"Renewal of the {cert} was a manual calendar task that nobody owned after a reorganisation.", "No alert looked at the expiry date."},
			{"The renewal job had been failing silently for weeks, so the {cert} {expired} without warning."},
			{"Nothing monitored the expiry date of the {cert}; the only reminder went to a shared mailbox nobody reads."},
			{"The {cert} was issued by hand two years earlier and never added to automated renewal."},
		},
	}
	kindConfig = plantKind{
		slots: map[string][]string{
			"change": {"configuration change", "config push", "feature-flag update", "rate-limit config change",
				"routing config update", "runtime config value"},
			"everywhere": {"was applied to every region at once", "went out to the whole fleet in one step",
				"reached all clusters simultaneously", "was rolled out globally without a canary",
				"was pushed everywhere at the same time, skipping the staged rollout", "landed on every host at once"},
		},
		titles: []string{
			"{svc} errors after a {change} hit every region", "Global {svc} outage from a {change}",
			"A {change} took down {svc} everywhere", "Fleet-wide {svc} failure after a config rollout",
			"{svc} down in all regions after a settings change",
		},
		summaries: [][]string{
			{"At {t} a {change} for {svc} {everywhere}.", "Error rates jumped to {n} percent within two minutes."},
			{"A bad value in a {change} {everywhere}, and {svc} began rejecting requests.", "Rolling it back took {n} minutes."},
			{"{svc} failed in every region for {n} minutes.", "The trigger was a {change} that {everywhere}."},
		},
		causes: [][]string{
			{"Our deploy tooling treats config as data and skips the canary stage it uses for code.", "One bad config value reached every region before any alert fired."},
			{"There was no staged rollout for config, so the {change} {everywhere}."},
			{"The config service propagates changes to every cluster within seconds by design.", "Nothing limited the blast radius of the change."},
			{"The config was not canaried: it {everywhere}, with no bake time in one region first."},
		},
	}
	kindKafka = plantKind{
		slots: map[string][]string{
			"full": {"the Kafka broker disks filled up", "the brokers ran out of disk space",
				"log segments exhausted the data volumes on the Kafka brokers", "the broker partitions outgrew their disks",
				"Kafka storage hit capacity", "the message brokers' volumes were full"},
		},
		titles: []string{
			"Kafka brokers out of disk", "{svc} event pipeline stalled: broker volumes full",
			"Message bus halted after brokers ran out of space", "Producers blocked when Kafka storage hit capacity",
		},
		summaries: [][]string{
			{"At {t} {full}, and producers for {svc} were blocked.", "Events were delayed by {n} minutes."},
			{"{svc} stopped receiving events for {n} minutes because {full}."},
			{"Writes to the event bus failed from {t}: {full}.", "Consumers of {svc} fell behind."},
		},
		causes: [][]string{
			{"Topic retention had been raised for an audit and never lowered, so {full}."},
			{"Traffic doubled after a launch and nobody resized the broker volumes; {full}."},
			{"Compaction was disabled on one large topic; over three weeks {full}."},
		},
		actions: []string{"Lower retention on the audit topic to three days", "Enable tiered storage for old segments",
			"Resize broker volumes before the next launch", "Re-enable compaction on the orders topic"},
	}
	kindProvider = plantKind{
		slots: map[string][]string{
			"vendor": {"payment processor", "SMS provider", "email delivery provider", "identity provider",
				"maps API vendor", "fraud-scoring vendor", "tax calculation provider", "address lookup vendor"},
			"broke": {"had an outage", "was down", "returned errors for two hours", "was degraded", "stopped responding",
				"timed out on most calls"},
		},
		titles: []string{
			"{vendor} outage broke {svc}", "{svc} degraded while the {vendor} {broke}",
			"Third-party failure: {vendor} took {svc} down", "{svc} errors during an upstream {vendor} incident",
		},
		summaries: [][]string{
			{"At {t} our {vendor} {broke}, and {svc} failed the requests that depend on it.", "It lasted {n} minutes."},
			{"{svc} errored for {n} minutes because the third-party {vendor} {broke}."},
			{"The external {vendor} {broke} from {t}; {svc} had no fallback."},
		},
		causes: [][]string{
			{"We depend on a single {vendor} with no fallback.", "Calls to the vendor had a sixty second timeout, so threads piled up."},
			{"There was no circuit breaker around calls to the {vendor}, and retries made the vendor's outage worse for us."},
			{"The upstream {vendor} {broke}; our integration assumed it is always available."},
		},
		actions: []string{"Add a circuit breaker around the vendor client", "Cache lookups so a vendor outage degrades gracefully",
			"Review the vendor's SLA with procurement", "Lower the vendor timeout to two seconds",
			"Queue outgoing messages while the vendor is down", "Show a clear error page when payments are unavailable",
			"Subscribe the on-call channel to the vendor status page", "Document the manual fallback for address entry"},
	}
)

// Planted follow-up paraphrases.
var (
	certAlertWordings = []string{
		"Alert before certificates expire", "Add expiry monitoring for certs",
		"Page when a TLS cert is within 14 days of expiry", "Set up warnings 30 days ahead of any certificate expiring",
		"Monitor certificate expiration dates", "Create an alarm for keystores close to expiry",
		"Notify the owning team before a certificate expires",
	}
	configCanaryWordings = []string{
		"Stage config changes through a canary", "Roll config out progressively",
		"Ship configuration one region first, with bake time", "Gate config pushes behind a canary",
		"Deploy config changes in waves", "Introduce gradual rollout for runtime config",
	}
)

// oneOff is a background incident with a mechanism of its own.
type oneOff struct {
	title          string
	summary, cause []string
	action         string
}

var oneOffs = []oneOff{
	{"Image resizer memory leak", []string{"{svc} pods were OOMKilled every few minutes from {t}."}, []string{"A memory leak in the new thumbnail library grew the heap on every request."}, "Pin the thumbnail library to the previous version"},
	{"Daylight saving change ran billing twice", []string{"The nightly billing run executed twice on the night the clocks changed."}, []string{"The scheduler used local time, and the daylight saving shift repeated the 01:00 hour."}, "Schedule jobs in UTC"},
	{"Cache flush sent every read to the database", []string{"After a cache flush at {t}, every read went to the primary and {svc} slowed to a crawl."}, []string{"The flush cleared all keys at once and the cold cache stampede overloaded the database."}, "Warm the cache before flushing it"},
	{"Schema migration locked the orders table", []string{"Writes to {svc} hung for {n} minutes during a schema migration."}, []string{"The migration rewrote the table while holding an exclusive lock."}, "Run long migrations with an online schema tool"},
	{"Cron job double-charged invoices", []string{"A cron job ran on two hosts and processed the same invoices twice."}, []string{"The leader election for the batch job failed open after a network blip."}, "Make the invoice job idempotent"},
	{"BGP route leak diverted traffic", []string{"Traffic to {svc} took a detour through another network for {n} minutes."}, []string{"A peer leaked our prefixes and route filtering did not reject them."}, "Add RPKI validation on our edge routers"},
	{"Autoscaler hit its node limit", []string{"{svc} could not scale during the Monday peak and queued requests."}, []string{"The autoscaler reached its maximum node count, which had been set years ago."}, "Raise the node pool maximum and alert near it"},
	{"Retry storm after a brief blip", []string{"A five second blip in {svc} turned into {n} minutes of overload."}, []string{"Clients retried without backoff or jitter, multiplying the load on recovery."}, "Add exponential backoff with jitter to the client"},
	{"Restore from backup took six hours", []string{"Recovering a dropped table in {svc} took six hours."}, []string{"The backups had never been tested and half the snapshots were incomplete."}, "Test restores every quarter"},
	{"Connection pool exhausted in the ledger", []string{"{svc} returned timeouts for {n} minutes."}, []string{"A slow query held connections until the pool was exhausted."}, "Set a statement timeout for reporting queries"},
	{"Clock skew broke token validation", []string{"Logins through {svc} failed intermittently for {n} minutes."}, []string{"NTP had stopped on two hosts and their clock drift made fresh tokens look invalid."}, "Alert on NTP drift above one second"},
	{"Null pointer in the new release", []string{"The {svc} release at {t} crashed on requests without a locale header."}, []string{"A code path added in the release assumed the header was always present; the tests never sent a request without it."}, "Add a contract test for requests without a locale"},
	{"CPU throttling slowed search", []string{"Latency of {svc} tripled during business hours."}, []string{"The pods' CPU limits were too low and the kernel throttled them under load."}, "Remove CPU limits on latency-critical pods"},
	{"Poison message blocked the queue", []string{"One malformed message stopped {svc} from processing its queue for {n} minutes."}, []string{"The consumer crashed on the message and retried it forever with no dead-letter queue."}, "Add a dead-letter queue"},
	{"Search index corrupted during reindex", []string{"{svc} returned empty results for some queries."}, []string{"Two reindex jobs wrote to the same index alias and left it half-built."}, "Lock the alias during reindexing"},
	{"Load test left running against production", []string{"{svc} was slow for {n} minutes."}, []string{"A load test aimed at staging had production in its target list."}, "Require a confirmation flag for load tests against production"},
	{"Subnet ran out of IP addresses", []string{"New pods of {svc} could not start for {n} minutes."}, []string{"The subnet had no free addresses left after the node pool grew."}, "Move the node pool to a larger subnet"},
	{"Build cache served stale artifacts", []string{"A release of {svc} shipped an artifact built from an old commit."}, []string{"The build cache key ignored the lock file, so a stale artifact was reused."}, "Include the lock file in the build cache key"},
	{"Websocket gateway dropped sessions on deploy", []string{"Every deploy of {svc} disconnected all live sessions."}, []string{"The gateway did not drain connections before the pods were stopped."}, "Drain websocket connections before shutdown"},
	{"Log shipping stopped silently", []string{"No logs from {svc} reached the log store for a day."}, []string{"The shipping agent crashed after an upgrade and nothing checked that logs kept arriving."}, "Check that every service has shipped logs in the last hour"},
}

// distractors share words with planted patterns but not their mechanism.
var distractors = []oneOff{
	{"Certificate rotation restarted every sidecar", []string{"We rotated the mTLS certificates a month early, as planned, and {svc} lost requests during the restarts."}, []string{"The rotation job restarted sidecars without waiting for them to become ready."}, "Make the rotation job wait for readiness"},
	{"Users logged out after five minutes", []string{"Sessions on {svc} ended after five minutes instead of five hours."}, []string{"A unit mix-up set the session token lifetime in minutes; the tokens expired as configured."}, "Validate token lifetimes in the config schema"},
	{"Bad config value stopped by the canary", []string{"A config change with a wrong timeout reached the canary region of {svc} only."}, []string{"The canary caught the errors and halted the staged rollout automatically, as designed."}, "Add the timeout range to the config linter"},
	{"Slow disks on the reporting database", []string{"Reports from {svc} took minutes instead of seconds."}, []string{"Disk latency on the database volume rose during the weekly backup, which shares the volume."}, "Move backups to a separate volume"},
	{"Kafka consumer lag from a slow deserializer", []string{"Consumer lag on the events topic reached {n} minutes for {svc}."}, []string{"A new deserializer was ten times slower than the old one, so consumers fell behind."}, "Benchmark deserializers before release"},
	{"Marketing domain lapsed", []string{"The campaign site was unreachable for a day."}, []string{"The domain registration lapsed because the card on file had been replaced."}, "Move domain registrations to the central account"},
}

// dupIncidents are incidents two teams each wrote up: the owning team
// and a team that depends on the service, each in one of several
// wordings.
var dupIncidents = []struct {
	owner, other []oneOff
}{
	{
		owner: []oneOff{
			{"Health check path change drained all {svc} targets",
				[]string{"At {t} we changed the health check path of {svc} to /ready.", "The load balancer marked every target unhealthy and drained them; {svc} was down for {n} minutes."},
				[]string{"The new /ready endpoint was not deployed yet, so every health check failed and the load balancer removed all targets."}, "Deploy health endpoints before pointing checks at them"},
			{"{svc} down after a load balancer health check change",
				[]string{"{svc} served no traffic for {n} minutes from {t}.", "We had pointed its load balancer health check at /ready before that endpoint existed."},
				[]string{"With every check failing, the load balancer took all {svc} instances out of rotation."}, "Check new health check paths against a live instance first"},
		},
		other: []oneOff{
			{"{svc} unavailable: load balancer removed every target",
				[]string{"From {t} our calls to {svc} failed for {n} minutes.", "Its owners had switched the health check to a path that did not exist yet, so all targets were drained."},
				[]string{"We had no fallback when {svc} disappeared behind its load balancer."}, "Degrade gracefully when {svc} is unavailable"},
			{"Our checkout flow failed while {svc} was out of rotation",
				[]string{"Requests from our service to {svc} returned 503 for {n} minutes starting {t}."},
				[]string{"The {svc} team changed a health check and the load balancer drained every instance; we only learned the cause from their channel."}, "Subscribe to {svc} change announcements"},
		},
	},
	{
		owner: []oneOff{
			{"Cleanup script deleted the DNS record for {svc}",
				[]string{"At {t} a zone cleanup script deleted the DNS record of {svc}.", "Lookups returned NXDOMAIN for {n} minutes until the record was restored."},
				[]string{"The cleanup script matched stale records by prefix and the {svc} record shared the prefix."}, "Require a dry run for zone cleanups"},
			{"{svc} unreachable after a DNS zone cleanup",
				[]string{"Nobody could resolve {svc} for {n} minutes from {t}."},
				[]string{"A script meant to remove stale entries from the DNS zone removed the live {svc} record as well, because it matched on a name prefix."}, "Review zone cleanup scripts with the owning teams"},
		},
		other: []oneOff{
			{"NXDOMAIN for {svc} broke our requests",
				[]string{"From {t} every lookup of {svc} returned NXDOMAIN and our service could not reach it for {n} minutes."},
				[]string{"The record of {svc} was gone from DNS after another team's cleanup job."}, "Cache resolved addresses for {svc} longer"},
			{"Our jobs failed: {svc} did not resolve",
				[]string{"Our jobs could not connect to {svc} for {n} minutes after {t}: its hostname no longer resolved."},
				[]string{"A DNS cleanup run by the platform side deleted the {svc} record by mistake."}, "Alert when a dependency stops resolving"},
		},
	},
}

// Plant builds a planted corpus. It is deterministic in Seed.
func Plant(o PlantOptions) Planted {
	start := o.Start
	if start.IsZero() {
		start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	r := rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed))
	p := Planted{Clusters: map[string][]int{}, FollowUps: map[string][]int{}, SurgeTheme: "dependency"}
	quarterStart := func(q int) time.Time { return start.AddDate(0, 3*q, 0) }
	dayIn := func(q int) time.Time {
		s := quarterStart(q)
		days := int(quarterStart(q+1).Sub(s).Hours() / 24)
		return s.AddDate(0, 0, r.IntN(days)).Add(time.Duration(6+r.IntN(14))*time.Hour + time.Duration(r.IntN(60))*time.Minute)
	}
	quarterName := func(q int) string {
		t := quarterStart(q)
		return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
	}
	p.SurgeQuarters = []string{quarterName(6), quarterName(7)}
	teamOrder := func() []int { return r.Perm(len(plantTeams)) }
	// quarters for five occurrences: distinct quarters, in random order
	spread := func(n int) []int { return r.Perm(8)[:n] }

	type spec struct {
		kind                           *plantKind
		one                            *oneOff
		team, quarter                  int
		at                             time.Time
		followUp, followUpText, status string
		svc                            string
	}
	var specs []spec
	add := func(s spec) int {
		if s.at.IsZero() {
			s.at = dayIn(s.quarter)
		}
		specs = append(specs, s)
		return len(specs) - 1
	}
	plantFamily := func(name string, k *plantKind, n int, fu string, wordings []string) {
		teams, qs := teamOrder(), spread(n)
		ws := shuffled(r, wordings)
		for i := 0; i < n; i++ {
			s := spec{kind: k, team: teams[i%len(teams)], quarter: qs[i]}
			if fu != "" {
				s.followUp, s.followUpText = fu, ws[i%len(ws)]
				s.status = []string{"open", "done", "in-progress"}[r.IntN(3)]
			}
			idx := add(s)
			p.Clusters[name] = append(p.Clusters[name], idx)
			if fu != "" {
				p.FollowUps[fu] = append(p.FollowUps[fu], idx)
			}
		}
	}
	plantFamily("cert-expiry", &kindCert, 5, "cert-alert", certAlertWordings)
	plantFamily("config-everywhere", &kindConfig, 5, "config-canary", configCanaryWordings)
	plantFamily("kafka-disk", &kindKafka, 4, "", nil)
	// The surge: provider outages in the last two quarters (four each)
	// and one in the first six.
	for _, q := range []int{6, 6, 6, 6, 7, 7, 7, 7, r.IntN(6)} {
		idx := add(spec{kind: &kindProvider, team: r.IntN(len(plantTeams)), quarter: q})
		p.Clusters["provider-outage"] = append(p.Clusters["provider-outage"], idx)
	}
	for _, d := range dupIncidents {
		teams := teamOrder()
		q := r.IntN(8)
		at := dayIn(q)
		owner, other := &d.owner[r.IntN(len(d.owner))], &d.other[r.IntN(len(d.other))]
		a := add(spec{one: owner, team: teams[0], quarter: q, at: at, svc: pick(r, plantTeams[teams[0]].services)})
		b := add(spec{one: other, team: teams[1], quarter: q, at: at.Add(time.Duration(r.IntN(30)) * time.Hour), svc: specs[a].svc})
		p.Duplicates = append(p.Duplicates, [2]int{a, b})
	}
	for i := range distractors {
		add(spec{one: &distractors[i], team: r.IntN(len(plantTeams)), quarter: r.IntN(8)})
	}
	// Fill up to 48 with one-offs, spread evenly over the quarters.
	pool := r.Perm(len(oneOffs))
	for k := 0; len(specs) < 48; k++ {
		add(spec{one: &oneOffs[pool[k]], team: r.IntN(len(plantTeams)), quarter: k % 8})
	}

	// One-off follow-ups of a kind are drawn without repeats.
	kindActions := map[*plantKind][]string{}
	for _, k := range []*plantKind{&kindKafka, &kindProvider} {
		kindActions[k] = shuffled(r, k.actions)
	}
	for i, s := range specs {
		tm := plantTeams[s.team]
		svc := s.svc
		if svc == "" {
			svc = pick(r, tm.services)
		}
		fill := map[string]string{
			"svc": svc, "team": tm.name, "t": s.at.Format("15:04"),
			"n": fmt.Sprint(10 + r.IntN(80)), "region": pick(r, []string{"eu-west-1", "us-east-1", "ap-south-1"}),
		}
		var title string
		var summary, cause, actions []string
		if s.kind != nil {
			names := make([]string, 0, len(s.kind.slots))
			for name := range s.kind.slots {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				fill[name] = pick(r, s.kind.slots[name])
			}
			title = pick(r, s.kind.titles)
			summary = pick(r, s.kind.summaries)
			cause = pick(r, s.kind.causes)
			if s.followUpText != "" {
				actions = append(actions, s.followUpText)
			}
			if acts := kindActions[s.kind]; len(acts) > 0 {
				actions = append(actions, acts[0])
				kindActions[s.kind] = acts[1:]
			}
		} else {
			title, summary, cause = s.one.title, s.one.summary, s.one.cause
			actions = []string{s.one.action}
		}
		expand := func(x string) string {
			for k, v := range fill {
				x = strings.ReplaceAll(x, "{"+k+"}", v)
			}
			return capFirst(x)
		}
		var sum, cs []string
		for _, x := range summary {
			sum = append(sum, expand(x))
		}
		for _, x := range cause {
			cs = append(cs, expand(x))
		}
		statuses := make([]string, len(actions))
		for j := range actions {
			actions[j] = expand(actions[j])
			statuses[j] = []string{"open", "done"}[r.IntN(2)]
		}
		if s.status != "" {
			statuses[0] = s.status
		}
		d := Doc{
			Team: tm.name, Format: FormatMarkdownYAML, ID: fmt.Sprintf("plant-%d-%02d", o.Seed, i),
			Title: expand(title), Date: s.at, Service: svc,
		}
		d.Path = fmt.Sprintf("%s/%s-%s-%02d.md", tm.name, s.at.Format("2006-01-02"), slug(d.Title, 6), i)
		d.Data = renderPlanted(r, d, sum, cs, actions, statuses)
		d.Actions = len(actions)
		p.Docs = append(p.Docs, d)
	}
	for _, v := range p.Clusters {
		sort.Ints(v)
	}
	for _, v := range p.FollowUps {
		sort.Ints(v)
	}
	return p
}

// plantChatter is timeline and impact prose every kind of incident shares.
var plantChatter = []string{
	"Alert fired and the on-call engineer acknowledged the page", "Incident declared and an incident channel opened",
	"Status page updated", "Mitigation confirmed by the on-call engineer", "Customer support informed",
	"Incident closed after monitoring for thirty minutes",
}

func renderPlanted(r *rand.Rand, d Doc, summary, cause, actions, statuses []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\nid: %s\ntitle: %s\nteam: %s\ndate: %s\nseverity: SEV%d\nservices: [%s]\n---\n\n",
		d.ID, yq(d.Title), d.Team, d.Date.Format("2006-01-02"), 1+r.IntN(3), yq(d.Service))
	fmt.Fprintf(&b, "# %s\n\n## %s\n\n%s\n\n", d.Title, pick(r, []string{"Summary", "Overview", "What happened"}), strings.Join(summary, " "))
	fmt.Fprintf(&b, "## %s\n\n", pick(r, []string{"Timeline", "Timeline (UTC)"}))
	t := d.Date
	for _, ev := range pickN(r, plantChatter, 3+r.IntN(3)) {
		fmt.Fprintf(&b, "- %s %s\n", t.Format("15:04"), ev)
		t = t.Add(time.Duration(3+r.IntN(20)) * time.Minute)
	}
	fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", pick(r, []string{"Root cause", "Contributing factors", "Why it happened"}), strings.Join(cause, " "))
	fmt.Fprintf(&b, "## %s\n\n", pick(r, []string{"Action items", "Follow-ups"}))
	for i, a := range actions {
		box := " "
		if statuses[i] == "done" {
			box = "x"
		}
		fmt.Fprintf(&b, "- [%s] %s\n", box, a)
	}
	return b.Bytes()
}

// WritePlanted writes the documents of Plant(o) under dir (created if
// needed) and returns how many it wrote.
func WritePlanted(dir string, o PlantOptions) (int, error) {
	if dir == "" {
		return 0, fmt.Errorf("synth: empty output directory")
	}
	p := Plant(o)
	for _, d := range p.Docs {
		path := filepath.Join(dir, filepath.FromSlash(d.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return 0, fmt.Errorf("synth: %w", err)
		}
		if err := os.WriteFile(path, d.Data, 0o644); err != nil {
			return 0, fmt.Errorf("synth: %w", err)
		}
	}
	return len(p.Docs), nil
}

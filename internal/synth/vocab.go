package synth

// This file holds the vocabulary the generator combines: teams, failure
// modes (one family of incidents each, with the facts a writeup states about
// it), repeated action items and the phrasing of both writing styles.
//
// Templates use {name} placeholders filled from a per-document context (see
// fill in generate.go). Every sentence here was written for this generator.

// team describes one synthetic team: its services, what tends to break
// there, how its writing style drifts over time and which formats it uses.
type team struct {
	name     string
	ticket   string   // ticket prefix, e.g. "PAY"
	services []string // services the team owns
	// themeWeights biases the choice of failure mode by its primary theme.
	themeWeights map[string]int
	// blameStart and blameEnd are the probability that an analytical
	// sentence is written in blame-heavy style at the start and the end of
	// the generated period; the value in between is interpolated, so some
	// teams improve and some get worse.
	blameStart, blameEnd float64
	// formatWeights biases the output format (see Formats).
	formatWeights map[string]int
	// weight is the team's share of all incidents.
	weight int
}

var teams = []team{
	{
		name: "payments", ticket: "PAY", weight: 18,
		services:     []string{"checkout-api", "ledger", "payment-gateway", "billing-worker", "refunds-service", "fraud-scorer"},
		themeWeights: map[string]int{"change": 5, "dependency": 5, "data": 4, "capacity": 2, "security": 1, "detection": 2, "time": 1, "network": 1, "automation": 1, "communication": 2},
		blameStart:   0.75, blameEnd: 0.15,
		formatWeights: map[string]int{FormatMarkdownYAML: 6, FormatJSON: 3, FormatHTML: 2, FormatMarkdownBold: 1},
	},
	{
		name: "search", ticket: "SRCH", weight: 14,
		services:     []string{"search-api", "indexer", "query-router", "ranking-service", "autocomplete", "crawler"},
		themeWeights: map[string]int{"capacity": 6, "network": 3, "change": 3, "data": 2, "detection": 2, "dependency": 1, "time": 1, "automation": 2, "security": 1, "communication": 1},
		blameStart:   0.5, blameEnd: 0.5,
		formatWeights: map[string]int{FormatMarkdownTOML: 5, FormatText: 2, FormatMarkdownYAML: 2, FormatYAML: 1},
	},
	{
		name: "identity", ticket: "IDN", weight: 12,
		services:     []string{"auth-service", "session-store", "sso-gateway", "token-issuer", "user-directory", "mfa-service"},
		themeWeights: map[string]int{"security": 6, "time": 5, "dependency": 2, "change": 2, "network": 1, "detection": 2, "data": 1, "capacity": 1, "automation": 1, "communication": 1},
		blameStart:   0.35, blameEnd: 0.1,
		formatWeights: map[string]int{FormatHTML: 5, FormatMarkdownYAML: 3, FormatJSON: 1},
	},
	{
		name: "platform", ticket: "PLAT", weight: 16,
		services:     []string{"k8s-control-plane", "ci-runners", "artifact-registry", "service-mesh", "secrets-manager", "deploy-controller"},
		themeWeights: map[string]int{"automation": 6, "change": 4, "capacity": 3, "network": 2, "dependency": 2, "detection": 2, "time": 1, "security": 1, "data": 1, "communication": 2},
		blameStart:   0.6, blameEnd: 0.25,
		formatWeights: map[string]int{FormatMarkdownYAML: 3, FormatERB: 3, FormatText: 2, FormatYAML: 2, FormatMarkdownTOML: 1},
	},
	{
		name: "data", ticket: "DATA", weight: 13,
		services:     []string{"etl-pipeline", "warehouse-loader", "kafka-cluster", "reporting-db", "stream-processor", "backup-service"},
		themeWeights: map[string]int{"data": 7, "automation": 3, "time": 3, "capacity": 2, "change": 2, "detection": 3, "dependency": 1, "network": 1, "security": 1, "communication": 1},
		blameStart:   0.35, blameEnd: 0.65,
		formatWeights: map[string]int{FormatYAML: 3, FormatJSON: 3, FormatMarkdownBold: 2, FormatText: 1},
	},
	{
		name: "mobile", ticket: "MOB", weight: 11,
		services:     []string{"mobile-api", "push-notifier", "app-config-service", "feature-flags", "image-resizer", "release-pipeline"},
		themeWeights: map[string]int{"change": 6, "communication": 4, "dependency": 4, "capacity": 2, "detection": 2, "automation": 1, "time": 1, "network": 1, "security": 1, "data": 1},
		blameStart:   0.8, blameEnd: 0.7,
		formatWeights: map[string]int{FormatMarkdownBold: 5, FormatMarkdownYAML: 2, FormatHTML: 1, FormatText: 1},
	},
	{
		name: "edge", ticket: "EDGE", weight: 12,
		services:     []string{"cdn-edge", "dns-resolver", "ingress-gateway", "waf", "rate-limiter", "tls-terminator"},
		themeWeights: map[string]int{"network": 7, "time": 3, "capacity": 3, "security": 3, "change": 2, "detection": 2, "dependency": 2, "automation": 1, "data": 1, "communication": 1},
		blameStart:   0.55, blameEnd: 0.2,
		formatWeights: map[string]int{FormatMarkdownTOML: 3, FormatERB: 2, FormatHTML: 2, FormatMarkdownYAML: 2, FormatJSON: 1},
	},
}

// failureMode is one family of incidents. The clauses are written so that
// blame-heavy and blame-aware templates can both be built from them:
//
//	belief:  what people held true ("log rotation would keep ...")
//	reality: what the system actually did ("log rotation had been disabled ...")
//	slip:    a person's action, past tense, for blame-heavy phrasing
//	check:   what the person "should have" done, bare infinitive
//	factors: systemic contributing factors, noun phrases
type failureMode struct {
	slug      string
	theme     string   // primary theme (TAXONOMY.md label)
	extra     []string // secondary themes the writeup also touches
	titles    []string
	trigger   []string
	mechanism []string
	belief    []string
	reality   []string
	slip      []string
	check     []string
	factors   []string
	detect    []string
	resolve   []string
	impact    []string
	actions   []string // keys into actionFamilies
}

var failureModes = []failureMode{
	{
		slug: "config-push", theme: "change", extra: []string{"automation"},
		titles: []string{
			"{svc} errors after config push",
			"Elevated 5xx on {svc} following a configuration change",
			"{svc} misconfiguration rolled out to all regions",
		},
		trigger: []string{
			"A configuration change to {svc} was pushed to every region at once at {t}.",
			"At {t} a config push changed the {cfg} setting of {svc} from {a} to {b}.",
		},
		mechanism: []string{
			"With the new value every request to {svc} took the slow path, and the error rate climbed to {pct}%.",
			"The new {cfg} value was rejected by half of the {svc} instances, which then crash-looped on start-up.",
		},
		belief:  []string{"the config change was backwards compatible", "the new {cfg} value had been validated in staging", "config-only changes could not take {svc} down"},
		reality: []string{"staging ran with a different {cfg} value than production", "the rollout tool ignores batch settings for config-only changes and applied it everywhere at once", "the config schema accepted a value that the service could not handle"},
		slip:    []string{"pushed the config change without waiting for a review", "typed the wrong value for {cfg}", "bypassed the staged rollout for the config change"},
		check:   []string{"double-check the value against the runbook", "wait for the canary to finish", "ask for a second reviewer"},
		factors: []string{"a config pipeline with no staged rollout", "config validation that only checked syntax", "a staging environment that had drifted from production"},
		detect:  []string{"The error-rate alert for {svc} fired {dd} minutes after the push.", "A customer support escalation reached the on-call {dd} minutes after the push."},
		resolve: []string{"We reverted the config change to the previous revision at {tr}.", "The on-call engineer rolled back the config push and restarted the affected {svc} pods."},
		impact:  []string{"{pct}% of requests to {svc} failed for {dur}.", "Roughly {users} users saw errors while {svc} was degraded."},
		actions: []string{"config-canary", "config-validation", "rollback-runbook", "staging-parity"},
	},
	{
		slug: "bad-release", theme: "change",
		titles: []string{
			"{svc} outage after release {ver}",
			"Regression in {svc} {ver} broke {feature}",
			"{feature} unavailable after {svc} deploy",
		},
		trigger: []string{
			"Release {ver} of {svc} was deployed at {t}.",
			"A deploy of {svc} {ver} reached production at {t} and changed how {feature} is handled.",
		},
		mechanism: []string{
			"The release contained a change to the {feature} code path that threw an exception for accounts created before {year}.",
			"A new database query introduced in {ver} did a full scan on every call to {feature}.",
		},
		belief:  []string{"the release had passed the integration tests, so it would be safe to roll out", "the {feature} path was covered by the canary", "the deploy would roll back by itself on errors"},
		reality: []string{"the integration tests did not exercise the {feature} path that failed in production", "the canary received almost no {feature} traffic", "automatic rollback was only wired to the health check, which kept passing"},
		slip:    []string{"deployed the release late on a Friday without watching the dashboards", "merged the change without running the full test suite", "skipped the canary to ship faster"},
		check:   []string{"watch the error-rate dashboard during the rollout", "run the full test suite", "let the canary bake for the full hour"},
		factors: []string{"a canary stage that was skipped for hotfixes", "no automatic rollback on error-rate regression", "tests that did not cover accounts with old data"},
		detect:  []string{"Users reported that {feature} was broken on social media before any alert fired.", "The {svc} error-rate alert fired {dd} minutes after the deploy."},
		resolve: []string{"We rolled {svc} back to the previous release at {tr}.", "A fix-forward release was deployed at {tr} after the rollback failed."},
		impact:  []string{"{feature} was unavailable for {dur}.", "About {users} customers could not use {feature}."},
		actions: []string{"auto-rollback", "canary-stage", "deploy-checklist", "test-coverage"},
	},
	{
		slug: "schema-migration", theme: "data", extra: []string{"change"},
		titles: []string{
			"{svc} downtime during schema migration",
			"Table lock on {table} during migration blocked {svc}",
		},
		trigger: []string{
			"A schema migration adding an index to the {table} table started at {t}.",
			"At {t} a migration altering a column of {table} began running against the primary database.",
		},
		mechanism: []string{
			"The migration took an exclusive lock on {table}, and every write from {svc} queued behind it.",
			"Connections piled up behind the lock until the {db} connection pool was exhausted.",
		},
		belief:  []string{"the migration would run online without locking the table", "the migration tool split large changes into batches", "{table} was small enough to alter in seconds"},
		reality: []string{"the migration took an exclusive lock on {table} for {dd} minutes", "batching was disabled for migrations that add indexes", "{table} had grown to {n} hundred million rows"},
		slip:    []string{"ran the migration during peak hours", "started the migration without telling the on-call", "ignored the warning printed by the migration tool"},
		check:   []string{"test the migration against a production-sized copy", "schedule the migration for a quiet period", "read the migration plan output"},
		factors: []string{"no review step for migrations on large tables", "a staging database a hundred times smaller than production", "migration tooling with unsafe defaults"},
		detect:  []string{"Database latency alerts fired {dd} minutes into the migration.", "The {svc} on-call noticed the write queue growing on the dashboard."},
		resolve: []string{"We cancelled the migration at {tr} and the lock was released.", "The migration was killed and re-run later with the online schema change tool."},
		impact:  []string{"Writes to {svc} failed for {dur}.", "Roughly {users} requests failed while {table} was locked."},
		actions: []string{"migration-review", "prod-sized-staging", "online-migrations"},
	},
	{
		slug: "disk-full", theme: "capacity", extra: []string{"detection"},
		titles: []string{
			"{svc} outage: disk full on {host}",
			"{svc} stopped writing after disk filled up",
			"Disk exhaustion on {svc} nodes",
		},
		trigger: []string{
			"Disk usage on {host} reached 100% at {t}.",
			"At {t} the data volume of {host} ran out of free space.",
		},
		mechanism: []string{
			"With a full disk, {svc} could no longer write its logs and started failing health checks.",
			"The database on {host} switched to read-only mode once the disk was full, and {svc} could not commit writes.",
		},
		belief:  []string{"log rotation would keep disk usage well under the limit", "the volume would grow automatically when it got full", "the disk usage alert covered every node"},
		reality: []string{"log rotation had been disabled on the new node image", "volume autoscaling was never enabled for this node pool", "the disk usage alert only covered the old node pool"},
		slip:    []string{"ignored the disk usage warning from the week before", "turned on debug logging and left it on", "resized the volume by hand and forgot about it"},
		check:   []string{"check disk headroom after the node image upgrade", "turn debug logging off again", "respond to the disk warning"},
		factors: []string{"no alert on disk usage", "a node image change that nobody reviewed for logging settings", "debug logging that stayed on for weeks"},
		detect:  []string{"The first sign was a customer report, {dd} minutes after the disk filled.", "A health-check alert fired at {td}, but the disk itself had no alert."},
		resolve: []string{"We deleted old log files and expanded the volume at {tr}.", "The on-call engineer rotated the logs by hand and restarted {svc}."},
		impact:  []string{"{svc} rejected writes for {dur}.", "About {pct}% of requests to {svc} failed until space was freed."},
		actions: []string{"disk-alert", "log-rotation", "capacity-review"},
	},
	{
		slug: "traffic-spike", theme: "capacity", extra: []string{"automation"},
		titles: []string{
			"{svc} degraded during traffic spike",
			"{svc} overloaded by {event} traffic",
			"Latency spike on {svc} at peak load",
		},
		trigger: []string{
			"Traffic to {svc} rose to {n} times the normal peak after {event} at {t}.",
			"At {t}, {event} sent a burst of traffic to {svc}.",
		},
		mechanism: []string{
			"CPU on every {svc} pod went to 100% and p99 latency climbed above {lat} ms.",
			"The connection pool to {db} was exhausted and requests queued until they timed out.",
		},
		belief:  []string{"the autoscaler would add capacity within a few minutes", "{svc} had twice the capacity it needed for the {event}", "the load test from last quarter still described production"},
		reality: []string{"the autoscaler was capped at {m} replicas, a limit set two years earlier", "a single hot shard took most of the load", "the load test had used a request mix that no longer matched production"},
		slip:    []string{"did not scale up ahead of the {event}", "set the replica limit too low", "dismissed the capacity warning"},
		check:   []string{"pre-scale the service before the {event}", "review the autoscaler limits", "run a load test"},
		factors: []string{"autoscaler limits nobody had reviewed", "a load test that no longer matched real traffic", "no advance notice of the {event} from marketing"},
		detect:  []string{"The latency alert fired at {td}.", "The p99 latency SLO alert paged the on-call {dd} minutes after the spike began."},
		resolve: []string{"We raised the replica limit and scaled {svc} out to {m2} pods at {tr}.", "We shed low-priority traffic at the load balancer until the spike passed."},
		impact:  []string{"p99 latency on {svc} stayed above {lat} ms for {dur}.", "About {pct}% of requests timed out during the spike."},
		actions: []string{"load-test", "autoscaler-limits", "capacity-review", "launch-comms"},
	},
	{
		slug: "memory-oom", theme: "capacity", extra: []string{"change"},
		titles: []string{
			"{svc} pods OOMKilled",
			"Memory leak in {svc} caused restarts",
			"{svc} crash loop from out-of-memory kills",
		},
		trigger: []string{
			"Memory usage of {svc} grew steadily after release {ver} until pods were OOMKilled at {t}.",
			"From {t} the {svc} pods were OOMKilled every few minutes.",
		},
		mechanism: []string{
			"Each restart dropped in-flight requests and the remaining pods took the extra load, so they ran out of memory faster.",
			"A cache introduced in {ver} was never evicted and grew with every request.",
		},
		belief:  []string{"the memory limit of {mem} left plenty of headroom", "the cache had a size bound", "memory regressions would show up in the canary"},
		reality: []string{"a cache introduced in the last release grew without bound", "the size bound was configured in entries, not bytes, and entries were large", "the canary restarted too often to run long enough for the leak to show"},
		slip:    []string{"set the memory limit too low", "shipped the cache without a size limit", "skipped the soak test"},
		check:   []string{"review the memory profile before release", "add a size limit to the cache", "run the soak test"},
		factors: []string{"no alert on memory growth", "a canary too short to reveal slow leaks", "cache settings with surprising units"},
		detect:  []string{"The pod restart alert fired at {td}.", "We noticed the restarts on the {svc} dashboard during a routine check."},
		resolve: []string{"We rolled back to the release before {ver} and raised the memory limit to {mem2}.", "A hotfix bounding the cache was deployed at {tr}."},
		impact:  []string{"{pct}% of requests to {svc} failed intermittently for {dur}.", "Users saw intermittent errors for {dur}."},
		actions: []string{"memory-alert", "load-test", "auto-rollback"},
	},
	{
		slug: "api-quota", theme: "capacity", extra: []string{"dependency"},
		titles: []string{
			"{svc} failures after hitting {dep} API quota",
			"Rate limited by {dep}",
		},
		trigger: []string{
			"{svc} hit its API rate limit at {dep} at {t}.",
			"At {t} {dep} began answering {svc} with HTTP 429.",
		},
		mechanism: []string{
			"Our client retried every rejected call immediately, which kept us over the quota.",
			"Every request that needed {dep} failed while the quota window lasted.",
		},
		belief:  []string{"our quota at {dep} was far above what we used", "the quota was per service, not per account", "the client backed off on HTTP 429"},
		reality: []string{"a batch job shared the same quota and consumed most of it", "the quota was shared by every service in the account", "the client treated 429 like any other error and retried at once"},
		slip:    []string{"scheduled the batch job during business hours", "did not read the vendor's quota documentation", "left the retry loop without backoff"},
		check:   []string{"check the quota usage before launching the batch job", "read the vendor documentation"},
		factors: []string{"no visibility into quota usage", "a quota shared across unrelated workloads", "a client library without backoff on 429"},
		detect:  []string{"Error logs full of HTTP 429 paged the on-call at {td}.", "The vendor emailed us about excessive retries before our alerts fired."},
		resolve: []string{"We paused the batch job and the quota recovered at {tr}.", "{dep} raised our quota after a support call."},
		impact:  []string{"{pct}% of {feature} requests failed for {dur}.", "Around {users} users could not complete {feature}."},
		actions: []string{"quota-alert", "retry-backoff", "capacity-review"},
	},
	{
		slug: "vendor-outage", theme: "dependency",
		titles: []string{
			"{svc} errors during {dep} outage",
			"{dep} incident took down {feature}",
			"Third-party outage at {dep} affected {svc}",
		},
		trigger: []string{
			"{dep} started returning errors at {t}.",
			"At {t} our cloud provider reported degraded service for {dep}.",
		},
		mechanism: []string{
			"Every call from {svc} to {dep} hung until the {to} second timeout, and threads ran out.",
			"{svc} had no fallback for {dep}, so {feature} failed outright.",
		},
		belief:  []string{"{dep} had a fallback we could switch to automatically", "a failure of {dep} would only degrade {feature}, not take it down", "the vendor's SLA meant this could not last long"},
		reality: []string{"the fallback had never been tested and its credentials had expired", "{svc} called {dep} synchronously on every request", "the vendor took {dd} minutes just to acknowledge the outage"},
		slip:    []string{"did not check the vendor status page", "waited too long to fail over", "never tested the fallback"},
		check:   []string{"follow the vendor failover runbook", "check the vendor status page first", "fail over at once"},
		factors: []string{"a synchronous dependency on {dep} for every request", "a fallback that had never been exercised", "no circuit breaker around {dep}"},
		detect:  []string{"Our synthetic checks failed at {td}.", "We learned about it from the vendor status page, {dd} minutes after errors began."},
		resolve: []string{"{dep} recovered at {tr}; we had no mitigation of our own.", "We switched {svc} to the secondary provider at {tr}."},
		impact:  []string{"{feature} was unavailable for {dur}.", "Roughly {users} users saw failures."},
		actions: []string{"vendor-failover-test", "circuit-breaker", "status-page-subscribe"},
	},
	{
		slug: "retry-storm", theme: "dependency", extra: []string{"capacity"},
		titles: []string{
			"Cascading failure in {svc} from {svc2} latency",
			"Retry storm between {svc} and {svc2}",
		},
		trigger: []string{
			"Latency of {svc2} rose from {lat0} ms to {lat} ms at {t}.",
			"At {t} a slow query made {svc2} respond in seconds instead of milliseconds.",
		},
		mechanism: []string{
			"{svc} retried every slow call three times, which tripled the load on {svc2} and slowed it further.",
			"The retries from {svc} filled the request queue of {svc2}, and healthy requests timed out behind them.",
		},
		belief:  []string{"client timeouts would protect {svc} from a slow upstream", "retries were limited by a retry budget", "{svc2} could absorb a burst of retries"},
		reality: []string{"retries without backoff multiplied the load on {svc2} tenfold", "the retry budget had been removed in a refactor", "{svc2} had no admission control at all"},
		slip:    []string{"configured the client with aggressive retries", "removed the retry budget in a refactor", "restarted {svc} instead of shedding load"},
		check:   []string{"review the retry settings", "keep the retry budget"},
		factors: []string{"retries without jitter or backoff", "no circuit breaker between {svc} and {svc2}", "no load shedding in {svc2}"},
		detect:  []string{"The {svc} latency SLO alert paged at {td}.", "The on-call noticed the retry rate on the {svc2} dashboard."},
		resolve: []string{"We disabled retries in {svc} with a feature flag at {tr}, and {svc2} recovered.", "We scaled {svc2} out and lowered the retry count."},
		impact:  []string{"{svc} served errors to {pct}% of requests for {dur}.", "Checkout and search were both slow for {dur}."},
		actions: []string{"circuit-breaker", "retry-backoff", "load-shedding"},
	},
	{
		slug: "package-registry", theme: "dependency", extra: []string{"automation"},
		titles: []string{
			"Builds broken by upstream {lib} release",
			"{svc} build pipeline failed after {lib} update",
		},
		trigger: []string{
			"A new version of {lib} was published upstream and picked up by our builds at {t}.",
			"At {t} the package registry stopped serving {lib}, and every build of {svc} failed.",
		},
		mechanism: []string{
			"The new {lib} version changed a default, and the {svc} image built from it crashed on start-up.",
			"Deploys stalled because no image could be built, including the fix for an unrelated bug.",
		},
		belief:  []string{"dependency versions were pinned by the lock file", "we had a mirror of the package registry", "builds were reproducible"},
		reality: []string{"the base image installed {lib} outside of the lock file", "the mirror had been switched off to save costs", "the Dockerfile fetched the latest {lib} at build time"},
		slip:    []string{"left {lib} unpinned", "merged the Dockerfile change without review", "removed the registry mirror"},
		check:   []string{"pin every dependency", "keep the mirror running"},
		factors: []string{"builds that depend on a public registry being up", "unpinned dependencies in the base image", "no cache of known-good artifacts"},
		detect:  []string{"CI went red at {td} for every branch.", "A developer asked in chat why builds were failing."},
		resolve: []string{"We pinned {lib} to the previous version and rebuilt at {tr}.", "We restored the mirror and re-ran the pipeline."},
		impact:  []string{"No deploys of {svc} were possible for {dur}.", "A security fix was delayed by {dur}."},
		actions: []string{"pin-deps", "registry-mirror"},
	},
	{
		slug: "silent-failure", theme: "detection",
		titles: []string{
			"{svc} silently dropped {things} for {hrs} hours",
			"Undetected {svc} failure lost {things}",
		},
		trigger: []string{
			"At {t} a change in {svc2} made {svc} receive empty payloads.",
			"From {t}, {svc} stopped processing {things} but kept answering health checks.",
		},
		mechanism: []string{
			"The failures were returned as HTTP 200 with an empty body, so nothing looked wrong on the dashboards.",
			"The worker logged the errors at debug level and moved on to the next item.",
		},
		belief:  []string{"the error-rate alert would fire on any failure", "a stopped worker would fail its health check", "someone watched the {things} volume dashboard every day"},
		reality: []string{"the failures were returned as HTTP 200 with an empty body, so the alert never fired", "the health check only tested that the process was alive", "the dashboard had not been opened in months"},
		slip:    []string{"missed the drop on the dashboard", "ignored the support ticket", "did not look at the logs"},
		check:   []string{"look at the dashboard during the on-call handover", "escalate the support ticket"},
		factors: []string{"alerts on errors but not on missing success", "a health check that tested liveness only", "dashboards without an owner"},
		detect:  []string{"A customer noticed missing {things} after {hrs} hours.", "An analyst found the gap in a weekly report."},
		resolve: []string{"We reverted the change in {svc2} and replayed the lost {things} from the queue.", "We restarted the workers and backfilled {things} from the audit log."},
		impact:  []string{"{n} thousand {things} were delayed for {hrs} hours.", "Some {things} were lost for good."},
		actions: []string{"success-rate-alert", "synthetic-check", "dashboard-review"},
	},
	{
		slug: "paging-misroute", theme: "detection", extra: []string{"communication"},
		titles: []string{
			"Delayed response to {svc} outage: page went to the wrong rotation",
			"{svc} outage went unanswered for {dd} minutes",
		},
		trigger: []string{
			"{svc} began failing at {t} after a node failure.",
			"At {t} the primary {db} node for {svc} crashed.",
		},
		mechanism: []string{
			"The alert fired on time but paged a rotation nobody was on.",
			"The page was sent to an escalation policy that had no one on it overnight.",
		},
		belief:  []string{"the alert would page the {team} on-call", "every alert had a tested route", "the escalation policy covered nights"},
		reality: []string{"the alert was routed to a rotation that had been deleted in the reorg", "nobody had ever tested the route of this alert", "the night shift of the escalation policy was empty"},
		slip:    []string{"ignored the page", "deleted the rotation without moving its alerts", "left the escalation policy empty"},
		check:   []string{"acknowledge the page", "move the alerts before deleting the rotation"},
		factors: []string{"no periodic test of alert routing", "a reorg that left orphaned alerts", "alert ownership not tracked anywhere"},
		detect:  []string{"A support engineer escalated by phone {dd} minutes after the failure.", "The page was only seen at {td}, {dd} minutes late."},
		resolve: []string{"Once someone was engaged, failing over to the replica took {dd2} minutes.", "We restarted {svc} and fixed the alert route."},
		impact:  []string{"{svc} was down for {dur}, most of it before anyone knew.", "About {users} users were affected."},
		actions: []string{"paging-audit", "alert-test", "handoff-template"},
	},
	{
		slug: "cert-expiry", theme: "time", extra: []string{"security", "network"},
		titles: []string{
			"{svc} TLS certificate expired",
			"Expired certificate on {domain} broke {svc}",
			"{svc} outage caused by certificate expiry",
		},
		trigger: []string{
			"The TLS certificate for {domain} expired at {t}.",
			"At {t} the client certificate {svc} uses for mutual TLS expired.",
		},
		mechanism: []string{
			"Clients refused the TLS handshake and every connection to {svc} failed.",
			"Calls between {svc} and {svc2} failed with certificate errors.",
		},
		belief:  []string{"certificates were renewed automatically by cert-manager", "the expiry reminder would reach someone", "every certificate was in the inventory"},
		reality: []string{"this certificate had been issued by hand and was not managed by cert-manager", "the reminder emails went to a former employee", "the certificate was not in the inventory at all"},
		slip:    []string{"forgot to renew the certificate", "ignored the expiry reminder", "issued the certificate by hand"},
		check:   []string{"renew the certificate when the reminder arrived", "add the certificate to the inventory"},
		factors: []string{"manually issued certificates", "expiry reminders sent to a personal mailbox", "no monitoring of certificate expiry dates"},
		detect:  []string{"Synthetic checks failed at {td} with certificate errors.", "Customers reported browser security warnings."},
		resolve: []string{"We issued a new certificate and deployed it at {tr}.", "We moved the certificate to cert-manager and restarted {svc}."},
		impact:  []string{"{svc} was unreachable for {dur}.", "All traffic to {domain} failed for {dur}."},
		actions: []string{"cert-monitoring", "cert-automation"},
	},
	{
		slug: "dst-cron", theme: "time", extra: []string{"automation"},
		titles: []string{
			"{job} ran twice during DST change",
			"Daylight saving time change broke {job}",
		},
		trigger: []string{
			"At the daylight saving time change on {dstdate}, the {job} cron job ran twice.",
			"When clocks moved at the DST change, the {job} schedule skipped a run.",
		},
		mechanism: []string{
			"The second run repeated every {things} from the first, and customers received duplicates.",
			"Without the run, the morning report was built from stale data.",
		},
		belief:  []string{"the scheduler used UTC", "{job} was idempotent", "a DST change could not affect a job scheduled at {hh}:30"},
		reality: []string{"the scheduler used the host's local timezone", "{job} wrote its output without checking for an earlier run", "{hh}:30 local time happened twice that night"},
		slip:    []string{"scheduled the job in local time", "wrote the job without an idempotency check"},
		check:   []string{"schedule the job in UTC"},
		factors: []string{"schedules in local time", "jobs that are not idempotent", "no test for DST transitions"},
		detect:  []string{"Customers reported duplicate {things} the next morning.", "A data quality check flagged duplicates at {td}."},
		resolve: []string{"We removed the duplicates and moved the schedule to UTC.", "We re-ran the job by hand at {tr}."},
		impact:  []string{"{n} thousand duplicate {things} were sent.", "Reports were wrong for one day."},
		actions: []string{"utc-cron", "idempotent-jobs"},
	},
	{
		slug: "clock-skew", theme: "time", extra: []string{"security"},
		titles: []string{
			"{svc} sessions invalidated by clock skew",
			"Token validation failures from clock drift on {host}",
		},
		trigger: []string{
			"NTP stopped syncing on {host} and its clock drifted by {n} seconds, noticed at {t}.",
			"At {t} the clock on {host} was {n} seconds ahead after a hypervisor migration.",
		},
		mechanism: []string{
			"Tokens issued by {host} looked like they came from the future and were rejected.",
			"Sessions expired immediately because the TTL check used the skewed clock.",
		},
		belief:  []string{"token expiry tolerated a few seconds of clock skew", "NTP was monitored", "hosts could not drift that far"},
		reality: []string{"the token validation had zero tolerance", "the NTP check had been removed with the old monitoring agent", "the hypervisor migration reset the clock source"},
		slip:    []string{"disabled NTP while debugging", "removed the NTP check"},
		check:   []string{"re-enable NTP"},
		factors: []string{"no alert on clock drift", "zero tolerance for skew in token validation"},
		detect:  []string{"Login failures spiked at {td}.", "Support saw a wave of users logged out."},
		resolve: []string{"We restarted NTP on {host} and drained it from the pool.", "We added a leeway of 30 seconds to the token check."},
		impact:  []string{"About {users} users were logged out.", "{pct}% of logins failed for {dur}."},
		actions: []string{"clock-drift-alert", "token-leeway"},
	},
	{
		slug: "replication-lag", theme: "data",
		titles: []string{
			"Stale reads from {db} replica",
			"Replication lag on {db} caused inconsistent {things}",
		},
		trigger: []string{
			"Replication lag on {db} grew to {dd} minutes at {t}.",
			"At {t} the {db} replica stopped applying changes from the primary.",
		},
		mechanism: []string{
			"{svc} read from the lagging replica and showed customers old {things}.",
			"Writes went to the primary but reads came from a replica {dd} minutes behind, so users saw their changes vanish.",
		},
		belief:  []string{"reads from the replica were at most a second behind", "the replica would be taken out of rotation when it lagged", "replication lag was monitored"},
		reality: []string{"a long-running analytics query blocked replay on the replica", "the lag check only ran at start-up", "the lag metric was collected but had no alert"},
		slip:    []string{"ran a heavy analytics query on the production replica", "pointed {svc} at the replica without checking"},
		check:   []string{"use the analytics replica"},
		factors: []string{"analytics and production sharing one replica", "no alert on replication lag", "read routing unaware of lag"},
		detect:  []string{"Customers reported missing {things} at {td}.", "The replication lag graph was noticed during another investigation."},
		resolve: []string{"We killed the analytics query and the replica caught up by {tr}.", "We routed reads to the primary until the lag cleared."},
		impact:  []string{"Users saw stale {things} for {dur}.", "About {users} users saw inconsistent data."},
		actions: []string{"replication-lag-alert", "separate-analytics-replica"},
	},
	{
		slug: "backup-restore", theme: "data", extra: []string{"detection"},
		titles: []string{
			"Data loss in {db} after failed restore",
			"Accidental deletion in {table} and a broken backup",
		},
		trigger: []string{
			"Rows in {table} were deleted by a maintenance command at {t}.",
			"At {t} a cleanup query ran against {table} in production instead of staging.",
		},
		mechanism: []string{
			"When we tried to restore, the latest usable backup was {n} days old.",
			"The restore from the nightly backup failed with a checksum error.",
		},
		belief:  []string{"nightly backups could be restored within an hour", "the console was connected to staging", "backups were tested every month"},
		reality: []string{"the backups had been failing silently for {n} weeks", "the console session had been switched to production earlier that day", "the restore test had been disabled after a flaky run"},
		slip:    []string{"ran the delete in the production console instead of staging", "disabled the restore test", "ran the command without a transaction"},
		check:   []string{"check which environment the console was connected to", "wrap the command in a transaction"},
		factors: []string{"backups without restore tests", "no alert on failed backups", "a console that looks the same for staging and production"},
		detect:  []string{"The engineer noticed the row count drop right away.", "Customers reported missing records at {td}."},
		resolve: []string{"We restored from an older backup and replayed events from the log.", "Data was rebuilt from the event stream by {tr}."},
		impact:  []string{"{n} thousand records were lost for {hrs} hours; some could not be recovered.", "About {users} customers lost data."},
		actions: []string{"backup-restore-test", "backup-alert", "prod-console-guard"},
	},
	{
		slug: "data-corruption", theme: "data",
		titles: []string{
			"Corrupted records in {table}",
			"Bad batch import corrupted {things}",
		},
		trigger: []string{
			"A batch import into {table} started at {t}.",
			"At {t} a new version of the importer began writing {things} with the wrong encoding.",
		},
		mechanism: []string{
			"Invalid rows were written to {table} and downstream jobs failed on them.",
			"Every consumer of {table} choked on the malformed records.",
		},
		belief:  []string{"the write path validated records", "the importer used the same schema as the API", "bad rows would be rejected by the database"},
		reality: []string{"validation was skipped for batch imports", "the importer used a schema two versions old", "the column had no constraints"},
		slip:    []string{"ran the import without a dry run", "disabled validation to speed up the import"},
		check:   []string{"do a dry run first"},
		factors: []string{"a write path that skipped validation", "schemas defined in two places", "no constraints in the database"},
		detect:  []string{"Downstream job failures alerted at {td}.", "An analyst noticed odd values in a report."},
		resolve: []string{"We deleted the bad rows and re-ran the import with validation.", "We restored {table} from a snapshot at {tr}."},
		impact:  []string{"Reports were wrong for {hrs} hours.", "{n} thousand {things} had to be repaired."},
		actions: []string{"data-validation", "backup-restore-test"},
	},
	{
		slug: "dns-change", theme: "network", extra: []string{"time"},
		titles: []string{
			"{svc} unreachable after DNS change",
			"DNS record change for {domain} broke {svc}",
		},
		trigger: []string{
			"A DNS record for {domain} was changed at {t} as part of a migration.",
			"At {t} the DNS zone for {domain} was updated and a record was dropped.",
		},
		mechanism: []string{
			"Resolvers kept the old answer, and clients sent traffic to the old load balancer.",
			"Clients got NXDOMAIN for {domain} and could not connect.",
		},
		belief:  []string{"the old record's TTL was five minutes", "the zone file change only touched one record", "the DNS provider validated the zone"},
		reality: []string{"the TTL was 24 hours, so clients kept stale answers", "the tooling rewrote the whole zone and dropped a record", "the provider accepted a zone with a missing record"},
		slip:    []string{"changed the record without lowering the TTL first", "edited the zone by hand"},
		check:   []string{"lower the TTL a day before"},
		factors: []string{"long TTLs on records that change", "zone changes without a diff review", "no synthetic DNS check"},
		detect:  []string{"Synthetic checks from outside failed at {td}.", "Users reported that {domain} did not resolve."},
		resolve: []string{"We restored the old record and waited for caches to expire.", "We pointed the old address at the new load balancer at {tr}."},
		impact:  []string{"{pct}% of clients could not reach {svc} for {dur}.", "Traffic dropped by half for {dur}."},
		actions: []string{"dns-change-review", "lower-ttl", "synthetic-check"},
	},
	{
		slug: "lb-healthcheck", theme: "network",
		titles: []string{
			"{svc} 502s from the load balancer",
			"Broken {svc} instances kept in load balancer rotation",
		},
		trigger: []string{
			"At {t} a bad node joined the {svc} pool behind the load balancer.",
			"An ingress controller upgrade at {t} changed how health checks were sent.",
		},
		mechanism: []string{
			"The load balancer kept sending traffic to instances that returned 502.",
			"Half of the backends were marked unhealthy at once and the rest were overwhelmed.",
		},
		belief:  []string{"the load balancer health check tested the application", "the ingress upgrade was a minor version with no behaviour changes", "unhealthy backends were removed within seconds"},
		reality: []string{"the health check only tested the TCP port, so broken instances stayed in rotation", "the upgrade changed the default health check path", "the removal threshold was ten failed checks, a minute apart"},
		slip:    []string{"upgraded the ingress controller without reading the changelog", "configured a TCP-only health check"},
		check:   []string{"read the changelog"},
		factors: []string{"shallow health checks", "ingress defaults changing between versions", "no test of the health check itself"},
		detect:  []string{"The 5xx alert on the load balancer fired at {td}.", "Error budget burn alerts paged the on-call."},
		resolve: []string{"We removed the bad nodes from the pool at {tr}.", "We rolled the ingress controller back."},
		impact:  []string{"{pct}% of requests to {svc} returned 502 for {dur}.", "About {users} users saw errors."},
		actions: []string{"deep-healthcheck", "changelog-review"},
	},
	{
		slug: "firewall-rule", theme: "network", extra: []string{"security", "change"},
		titles: []string{
			"{svc} cut off by firewall rule change",
			"Network policy change blocked {svc} from {db}",
		},
		trigger: []string{
			"A firewall rule change was applied at {t}.",
			"At {t} a new network policy was rolled out to the {region} cluster.",
		},
		mechanism: []string{
			"Traffic from {svc} to {db} was dropped, and every query timed out.",
			"{svc} could no longer reach {svc2}, and requests failed after the timeout.",
		},
		belief:  []string{"the new rule only affected test traffic", "the network policy had a default allow for internal traffic", "the change had been tested in another region"},
		reality: []string{"the rule matched on a CIDR that included the production subnet", "the default was deny once any policy selected the pod", "the other region had a different subnet layout"},
		slip:    []string{"applied the rule to the wrong subnet", "rolled out the policy to every cluster at once"},
		check:   []string{"check the CIDR"},
		factors: []string{"no way to test network policies before rollout", "subnets that differ between regions", "firewall changes outside the normal change process"},
		detect:  []string{"Database connection errors paged at {td}.", "{svc} timeouts alerted {dd} minutes after the change."},
		resolve: []string{"We reverted the rule at {tr}.", "We added an explicit allow for {svc} and re-applied the policy."},
		impact:  []string{"{svc} was unavailable in {region} for {dur}.", "About {users} requests failed."},
		actions: []string{"network-policy-test", "config-canary"},
	},
	{
		slug: "credential-rotation", theme: "security", extra: []string{"change"},
		titles: []string{
			"{svc} failures after credential rotation",
			"Rotated secret broke {svc}",
		},
		trigger: []string{
			"The database credentials for {svc} were rotated at {t}.",
			"At {t} an API key shared by {svc} and {svc2} was rotated after a leak report.",
		},
		mechanism: []string{
			"One consumer kept the old password and every connection it made was refused.",
			"{svc2} still used the revoked key and its calls were rejected.",
		},
		belief:  []string{"every consumer read the credential from the secrets manager", "the rotation would keep the old credential valid for an hour", "we knew every user of the key"},
		reality: []string{"one service had a copy of the old password baked into its config", "the rotation revoked the old credential at once", "the key was also used by a job nobody remembered"},
		slip:    []string{"rotated the secret without checking its consumers", "hard-coded the password"},
		check:   []string{"check the consumers of the secret"},
		factors: []string{"no inventory of secret consumers", "credentials copied into config files", "rotation without an overlap window"},
		detect:  []string{"Authentication failures alerted at {td}.", "The job owner noticed failures the next day."},
		resolve: []string{"We restored the old credential temporarily and updated the consumer.", "We redeployed {svc2} with the new secret at {tr}."},
		impact:  []string{"{svc} could not reach its database for {dur}.", "{n} thousand jobs failed."},
		actions: []string{"secret-inventory", "rotation-runbook"},
	},
	{
		slug: "credential-stuffing", theme: "security", extra: []string{"capacity"},
		titles: []string{
			"{svc} degraded by credential-stuffing attack",
			"Bot attack against {svc} login",
		},
		trigger: []string{
			"A credential-stuffing attack against {svc} began at {t}.",
			"At {t} login attempts rose to {n} times normal from a botnet.",
		},
		mechanism: []string{
			"The password hashing load saturated CPU on {svc}, and real users timed out.",
			"Account lockouts triggered for thousands of real users whose emails were in the attack list.",
		},
		belief:  []string{"the WAF rate limits would block the attack", "lockouts only affected attackers", "bot detection was enabled on the login form"},
		reality: []string{"the attack came from thousands of residential IPs, each under the rate limit", "lockouts hit the real owners of the attacked accounts", "bot detection had been turned off for a mobile client release"},
		slip:    []string{"turned off bot detection", "did not block the attacking ranges quickly"},
		check:   []string{"keep bot detection on"},
		factors: []string{"rate limits per IP only", "lockouts that punish the victims", "expensive hashing on the hot path"},
		detect:  []string{"The login latency alert fired at {td}.", "Support saw a surge of lockout complaints."},
		resolve: []string{"We enabled a challenge on the login form and blocked the worst networks at {tr}.", "We added per-account rate limits."},
		impact:  []string{"Logins were slow or failing for {dur}.", "About {users} users were locked out."},
		actions: []string{"waf-rules", "per-account-rate-limit"},
	},
	{
		slug: "broad-access", theme: "security", extra: []string{"communication"},
		titles: []string{
			"Overly broad access token issued for {svc}",
			"Service account for {svc} had admin rights",
		},
		trigger: []string{
			"A security review at {t} found a token for {svc} with write access to every project.",
			"At {t} an audit flagged that the {svc} service account could read all secrets.",
		},
		mechanism: []string{
			"The token had been shared in a chat channel with several hundred members.",
			"Any compromise of {svc} would have exposed every secret in the account.",
		},
		belief:  []string{"tokens were scoped to one project by default", "the chat channel was private", "service accounts were reviewed every quarter"},
		reality: []string{"the default scope was every project", "the channel had been made public during a reorg", "the quarterly review had not run for a year"},
		slip:    []string{"pasted the token into chat", "granted admin rights to get unblocked"},
		check:   []string{"use a scoped token"},
		factors: []string{"broad default scopes", "no owner for access reviews", "secrets shared through chat"},
		detect:  []string{"Found by the security review.", "A secret scanner flagged the token at {td}."},
		resolve: []string{"We revoked the token and issued a scoped replacement.", "We removed the admin role and audited its use."},
		impact:  []string{"No misuse was found in the audit logs.", "Exposure window: {n} weeks."},
		actions: []string{"secret-inventory", "access-review"},
	},
	{
		slug: "runaway-script", theme: "automation",
		titles: []string{
			"{svc} nodes drained by cleanup script",
			"Cleanup automation deleted production {things}",
		},
		trigger: []string{
			"A cleanup script started deleting idle {things} at {t}.",
			"At {t} the nightly cleanup job began removing resources in {region}.",
		},
		mechanism: []string{
			"The script deleted {n} production nodes before it was stopped.",
			"Resources still in use were removed, and {svc} lost capacity in {region}.",
		},
		belief:  []string{"the script only targeted nodes tagged as idle", "the cleanup job had a safety limit", "the script ran in dry-run mode by default"},
		reality: []string{"the tag filter was empty when the tag service timed out, so the script matched every node", "the safety limit was per batch, not per run", "dry-run was the default only in the old version of the script"},
		slip:    []string{"ran the script without the --dry-run flag", "changed the script without testing it"},
		check:   []string{"run it with --dry-run first"},
		factors: []string{"automation without a blast-radius limit", "an empty filter treated as match-all", "scripts without review"},
		detect:  []string{"Node count alerts fired at {td}.", "The on-call noticed pods pending for lack of nodes."},
		resolve: []string{"We stopped the job and re-provisioned the nodes by {tr}.", "The autoscaler brought capacity back over {dd} minutes."},
		impact:  []string{"{svc} ran at half capacity for {dur}.", "{pct}% of requests failed during the recovery."},
		actions: []string{"script-dry-run", "automation-safety-limits"},
	},
	{
		slug: "autoscaler-zero", theme: "automation", extra: []string{"capacity", "detection"},
		titles: []string{
			"Autoscaler scaled {svc} to zero",
			"{svc} capacity removed by autoscaler",
		},
		trigger: []string{
			"The metrics pipeline stopped delivering {svc} metrics at {t}.",
			"At {t} the autoscaler read zero load for {svc}.",
		},
		mechanism: []string{
			"The autoscaler removed {svc} replicas one by one until only {m} were left.",
			"With no metrics, the controller scaled {svc} to its minimum.",
		},
		belief:  []string{"the autoscaler had a minimum of {m2} replicas", "missing metrics would freeze the autoscaler", "the controller only acted on fresh data"},
		reality: []string{"the minimum had been set to one in a cost-saving change", "missing metrics were read as zero", "the controller used whatever value it had last cached"},
		slip:    []string{"set the minimum replicas to one", "ignored the metrics pipeline alert"},
		check:   []string{"check the minimum replica count"},
		factors: []string{"controllers that act on missing data", "cost changes without capacity review", "no alert on sudden replica drops"},
		detect:  []string{"Latency alerts fired at {td}.", "Users reported timeouts."},
		resolve: []string{"We pinned the replica count by hand at {tr}.", "We fixed the metrics pipeline and the autoscaler recovered."},
		impact:  []string{"{svc} was overloaded for {dur}.", "{pct}% of requests timed out."},
		actions: []string{"autoscaler-limits", "memory-alert"},
	},
	{
		slug: "ci-bypass", theme: "automation", extra: []string{"change"},
		titles: []string{
			"CI pipeline deployed unreviewed change to {svc}",
			"{svc} deploy skipped approval",
		},
		trigger: []string{
			"At {t} the pipeline deployed a branch of {svc} to production.",
			"A merge at {t} triggered a production deploy of {svc} without an approval.",
		},
		mechanism: []string{
			"The change was still work in progress and broke {feature}.",
			"The deploy included a debug flag that logged request bodies.",
		},
		belief:  []string{"the pipeline required an approval before production", "only the main branch could deploy", "the pipeline config was reviewed like code"},
		reality: []string{"the approval step was skipped for branches matching a legacy pattern", "a wildcard in the pipeline let any branch deploy", "pipeline config changes had no reviewers"},
		slip:    []string{"named the branch to skip the approval", "pushed straight to the release branch"},
		check:   []string{"use the normal release branch"},
		factors: []string{"legacy rules in the pipeline config", "pipeline config without review", "no audit of deploys without approval"},
		detect:  []string{"The error-rate alert fired at {td}.", "A developer noticed an unexpected deploy in the chat feed."},
		resolve: []string{"We rolled back the deploy at {tr}.", "We removed the legacy rule from the pipeline."},
		impact:  []string{"{feature} was broken for {dur}.", "Request bodies were logged for {dur}."},
		actions: []string{"pipeline-approval", "auto-rollback"},
	},
	{
		slug: "handoff", theme: "communication", extra: []string{"detection"},
		titles: []string{
			"Prolonged {svc} outage after missed handoff",
			"{svc} degradation lost in on-call handoff",
		},
		trigger: []string{
			"A degradation of {svc} began at {t}, during the on-call handoff.",
			"At {t}, shortly before the shift change, {svc} began returning errors.",
		},
		mechanism: []string{
			"The incoming on-call did not know an investigation was under way and started from scratch.",
			"Two people worked on the problem separately and undid each other's changes.",
		},
		belief:  []string{"the outgoing on-call had told the incoming on-call about the ongoing degradation", "the incident channel showed who was in charge", "everyone knew who the incident commander was"},
		reality: []string{"the handoff note never mentioned the degradation", "nobody had declared an incident, so there was no channel", "two people each believed the other was leading"},
		slip:    []string{"did not pass on the context at handoff", "did not declare an incident"},
		check:   []string{"declare an incident"},
		factors: []string{"no handoff template", "no clear rule for when to declare an incident", "knowledge of {svc} held by one person"},
		detect:  []string{"The alert fired at {td} but was acknowledged and forgotten.", "A manager asked about the error rate in chat."},
		resolve: []string{"Once an incident commander was named, the fix took {dd2} minutes.", "We restarted {svc} and wrote up the handoff."},
		impact:  []string{"{svc} was degraded for {dur}.", "About {users} users were affected."},
		actions: []string{"handoff-template", "runbook-update", "incident-declaration"},
	},
	{
		slug: "stale-runbook", theme: "communication", extra: []string{"data"},
		titles: []string{
			"Slow recovery of {svc}: runbook out of date",
			"{svc} failover delayed by outdated runbook",
		},
		trigger: []string{
			"The primary {db} node for {svc} failed at {t}.",
			"At {t} the {region} zone hosting {svc} lost power.",
		},
		mechanism: []string{
			"The failover runbook pointed at a cluster that no longer existed, and the on-call spent {dd} minutes finding the right one.",
			"Only one engineer knew the real procedure, and they were on leave.",
		},
		belief:  []string{"the runbook described the current failover procedure", "failover was automatic", "several people knew how to fail over {svc}"},
		reality: []string{"the runbook still referenced a cluster decommissioned last year", "automatic failover had been disabled during a migration", "only one engineer had ever done it"},
		slip:    []string{"did not update the runbook after the migration", "disabled automatic failover and forgot to re-enable it"},
		check:   []string{"update the runbook"},
		factors: []string{"runbooks without owners or review dates", "knowledge held by few", "failover never practised"},
		detect:  []string{"The primary down alert fired at {td}.", "Health checks failed at {td}."},
		resolve: []string{"We failed over to the replica at {tr}, {dd2} minutes later than our target.", "The engineer on leave was called and guided the failover."},
		impact:  []string{"{svc} was down for {dur}.", "Writes failed for {dur}."},
		actions: []string{"runbook-update", "knowledge-sharing", "failover-drill"},
	},
}

// actionFamilies maps an action key to paraphrases of the same follow-up,
// so repeated action items differ in wording across postmortems.
var actionFamilies = map[string][]string{
	"config-canary":              {"Roll out config changes region by region", "Add a staged rollout for configuration changes", "Stage config pushes through a canary region first", "Canary every config change for {svc}"},
	"config-validation":          {"Validate config values against the service schema", "Add semantic validation to the config pipeline", "Reject config values the service cannot load"},
	"rollback-runbook":           {"Document the rollback procedure for {svc}", "Write a runbook for rolling back config", "Add rollback steps to the {svc} runbook"},
	"staging-parity":             {"Bring staging config in line with production", "Alert on drift between staging and production config"},
	"auto-rollback":              {"Roll back automatically on error rate regression", "Add automatic rollback to the {svc} deploy pipeline", "Automate rollback when the error rate rises after a deploy"},
	"canary-stage":               {"Make the canary stage mandatory for hotfixes", "Add a canary stage to {svc} deploys", "Require a canary for every {svc} release"},
	"deploy-checklist":           {"Add a deploy checklist", "Create a release checklist for {svc}", "Write a pre-deploy checklist"},
	"test-coverage":              {"Add integration tests for {feature}", "Cover {feature} in the integration test suite", "Write tests for legacy accounts in {feature}"},
	"migration-review":           {"Require review for migrations on large tables", "Add a migration review step", "Review schema migrations before they run in production"},
	"prod-sized-staging":         {"Test migrations on a production-sized copy", "Run migrations against a production-sized staging database"},
	"online-migrations":          {"Use the online schema change tool for all migrations", "Switch to online migrations for {table}"},
	"disk-alert":                 {"Add alerting on disk usage", "Alert when disk usage exceeds {pct2}%", "Add disk usage alerts for {svc} hosts", "Set up monitoring and alerting for disk space on {svc}", "Alert on disk utilisation"},
	"log-rotation":               {"Enable log rotation on the new node image", "Fix log rotation for {svc}", "Ensure log rotation is configured on all nodes"},
	"capacity-review":            {"Review capacity for {svc}", "Do a capacity review of {svc} every quarter", "Schedule a quarterly capacity review", "Capacity planning review for {svc}"},
	"load-test":                  {"Load test {svc} before peak events", "Run a load test with the current traffic mix", "Add regular load tests for {svc}", "Schedule load testing of {svc}"},
	"autoscaler-limits":          {"Review autoscaler limits", "Raise the autoscaler maximum for {svc}", "Audit autoscaler min and max replicas", "Review the autoscaling limits of {svc}"},
	"launch-comms":               {"Notify on-call teams before marketing launches", "Share the launch calendar with SRE"},
	"memory-alert":               {"Add alerting on memory usage", "Alert on memory growth of {svc} pods", "Add memory usage alerts for {svc}", "Alert when pod memory exceeds {pct2}% of the limit"},
	"quota-alert":                {"Alert on API quota usage", "Add alerting when {dep} quota usage exceeds {pct2}%", "Monitor quota consumption for {dep}"},
	"retry-backoff":              {"Add exponential backoff to retries", "Use retries with backoff and jitter in {svc}", "Add backoff to the {svc} client retries"},
	"load-shedding":              {"Add load shedding to {svc2}", "Implement admission control in {svc2}"},
	"vendor-failover-test":       {"Test failover to the secondary provider", "Run a quarterly failover test for {dep}", "Exercise the {dep} fallback regularly"},
	"circuit-breaker":            {"Add a circuit breaker around {dep}", "Add circuit breakers to calls from {svc}", "Implement a circuit breaker for upstream calls"},
	"status-page-subscribe":      {"Subscribe the on-call channel to the {dep} status page", "Get vendor status updates into our incident channel"},
	"pin-deps":                   {"Pin all dependencies in the base image", "Pin {lib} and other dependencies", "Pin dependency versions"},
	"registry-mirror":            {"Restore the package registry mirror", "Run a mirror of the package registry", "Cache build dependencies in an internal registry"},
	"success-rate-alert":         {"Alert on drops in success volume", "Add alerting on the success rate of {svc}", "Alert when processed {things} drop below normal"},
	"synthetic-check":            {"Add a synthetic check for {svc}", "Add end-to-end synthetic monitoring", "Set up synthetic probes for {feature}"},
	"dashboard-review":           {"Review the {svc} dashboard in the weekly on-call handover", "Assign an owner to the {svc} dashboards"},
	"paging-audit":               {"Audit alert routing after reorgs", "Review paging routes for all {team} alerts", "Audit on-call escalation policies"},
	"alert-test":                 {"Test alert routing every quarter", "Send a test page for every critical alert", "Add periodic tests of alert routing"},
	"handoff-template":           {"Create an on-call handoff template", "Use a written handoff template at shift change", "Add ongoing incidents to the handoff checklist"},
	"cert-monitoring":            {"Add monitoring for certificate expiry", "Alert on TLS certificates expiring within 30 days", "Add certificate expiry alerts", "Monitor certificate expiry dates"},
	"cert-automation":            {"Move all certificates to cert-manager", "Automate certificate renewal for {domain}", "Automate renewal of manually issued certificates"},
	"utc-cron":                   {"Run all cron schedules in UTC", "Move {job} to a UTC schedule", "Schedule jobs in UTC"},
	"idempotent-jobs":            {"Make {job} idempotent", "Add an idempotency check to batch jobs"},
	"clock-drift-alert":          {"Alert on clock drift", "Add NTP sync monitoring", "Monitor clock skew on all hosts"},
	"token-leeway":               {"Allow clock skew leeway in token validation", "Add leeway to token expiry checks"},
	"replication-lag-alert":      {"Add alerting on replication lag", "Alert on {db} replica lag", "Alert when replication lag exceeds one minute"},
	"separate-analytics-replica": {"Move analytics queries to a dedicated replica", "Separate analytics from production replicas"},
	"backup-restore-test":        {"Test backup restores every month", "Automate restore tests for {db} backups", "Run regular backup restore drills"},
	"backup-alert":               {"Alert on failed backups", "Add alerting on backup failures", "Monitor backup jobs"},
	"prod-console-guard":         {"Make production consoles visually distinct", "Require confirmation for destructive commands in production"},
	"data-validation":            {"Validate records in the batch import path", "Add schema validation to the importer", "Add constraints to {table}"},
	"dns-change-review":          {"Review DNS changes with a zone diff", "Add a diff review for DNS zone changes"},
	"lower-ttl":                  {"Lower DNS TTLs before migrations", "Reduce the TTL of {domain} records"},
	"deep-healthcheck":           {"Make health checks exercise the application", "Replace TCP health checks with HTTP checks for {svc}", "Use deep health checks on the load balancer"},
	"changelog-review":           {"Review changelogs before ingress upgrades", "Read upstream release notes before upgrades"},
	"network-policy-test":        {"Test network policies in staging before rollout", "Add a dry run for firewall changes"},
	"secret-inventory":           {"Build an inventory of secrets and their consumers", "Track consumers of every secret", "Inventory all service credentials"},
	"rotation-runbook":           {"Write a secret rotation runbook", "Rotate credentials with an overlap window"},
	"waf-rules":                  {"Add WAF rules for credential stuffing", "Enable bot challenge on the login form"},
	"per-account-rate-limit":     {"Rate limit login attempts per account", "Add per-account rate limits to {svc}"},
	"access-review":              {"Run quarterly access reviews", "Review service account permissions every quarter", "Scope tokens to one project by default"},
	"script-dry-run":             {"Make dry-run the default for cleanup scripts", "Add a --dry-run default to the cleanup script", "Require dry-run before running cleanup scripts"},
	"automation-safety-limits":   {"Add a blast-radius limit to cleanup automation", "Cap deletions per run in automation", "Treat an empty filter as an error in scripts"},
	"pipeline-approval":          {"Require approval for every production deploy", "Remove legacy branch rules from the pipeline", "Review pipeline config changes like code"},
	"runbook-update":             {"Update the runbook", "Update the {svc} runbook", "Review and update runbooks for {svc}", "Bring the {svc} failover runbook up to date"},
	"knowledge-sharing":          {"Pair on failover so more people know it", "Share knowledge of {svc} beyond one engineer", "Run a knowledge-sharing session on {svc}"},
	"failover-drill":             {"Run a failover drill every quarter", "Practise {db} failover", "Schedule regular failover drills"},
	"incident-declaration":       {"Define when to declare an incident", "Write guidance on declaring incidents early"},
}

// Blame-heavy templates. {slip}, {check} and {symptom} come from the
// failure mode; {person} is a first name.
var blameTemplates = []string{
	"The root cause was human error: {person} {slip}.",
	"The root cause of the outage was that the engineer {slip}.",
	"This incident was caused by operator error when {person} {slip}.",
	"{person} should have taken the time to {check}.",
	"The on-call engineer failed to notice the problem for {dd} minutes.",
	"Had the runbook been followed, this would not have happened.",
	"Engineers need to be more careful when working on {svc}.",
	"It was careless to make this change without a second pair of eyes.",
	"The engineer simply forgot to {check}.",
	"This was a mistake by the engineer, who {slip}.",
	"Obviously, it was a mistake that {person} {slip}.",
	"The incident was the result of a lack of attention during a routine change.",
	"{person} neglected to {check}, which could have prevented the outage.",
	"Root cause: human error.",
	"If only the team had been more careful, the outage could have been avoided.",
	"The team did not follow the procedure and {slip}.",
}

// Blame-aware templates: stated assumptions, surprises and systemic factors.
var awareTemplates = []string{
	"We assumed that {belief}.",
	"It was our understanding that {belief}.",
	"The team believed that {belief}.",
	"We were under the impression that {belief}.",
	"It turned out that {reality}.",
	"Unexpectedly, {reality}.",
	"We did not know that {reality}.",
	"We were surprised to find that {reality}.",
	"No one realised that {reality}.",
	"Contrary to what the documentation said, {reality}.",
	"At the time it was not clear to anyone that {reality}.",
	"Contributing factors included {factor}, {factor2} and {factor3}.",
	"The change looked safe because {belief}; in fact {reality}.",
	"Nobody on the team was aware that {reality}.",
}

// Neutral connective sentences used by both styles.
var neutralTemplates = []string{
	"The incident started at {t} and was resolved at {tr}.",
	"The {team} team owns {svc}.",
	"This was a {sev} incident.",
	"{svc} serves {feature} for all of our customers.",
}

var recurrenceNotes = []string{
	"This is not the first time {svc} has failed this way.",
	"A similar incident affected {svc} earlier this year.",
	"We have seen this failure mode on {svc} before.",
}

var wentWell = []string{
	"The rollback was fast once we decided to do it.",
	"The incident channel was opened quickly and stayed focused.",
	"The on-call engineer escalated early.",
	"Customer support kept users informed throughout.",
	"Dashboards for {svc} made the impact easy to see.",
	"Feature flags let us turn off {feature} in seconds.",
	"People from three teams joined within minutes.",
	"Status page updates went out every thirty minutes.",
}

var wentWrong = []string{
	"It took too long to find the right runbook.",
	"Nobody knew who owned {svc2}.",
	"The alert that fired did not say what was broken.",
	"Several people made changes at the same time without telling each other.",
	"The status page was updated late.",
	"We lost time debugging the wrong service.",
	"The first responder did not have access to production.",
	"The rollback tooling was slow.",
}

var gotLucky = []string{
	"The incident happened outside peak hours.",
	"An engineer who knew {svc} well happened to be online.",
	"A large customer launch had been postponed to the following week.",
	"The backup from the night before happened to be intact.",
	"The problem surfaced in one region before the rollout reached the others.",
	"Traffic was low because of a public holiday.",
}

var peopleNames = []string{
	"Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Gustav", "Hana", "Ivan", "Jules",
	"Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
	"Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe",
}

var surnames = []string{
	"Ahmed", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
	"Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Novak",
}

var dependencies = []string{
	"the payment processor", "the SMS vendor", "the email delivery provider", "the object storage service",
	"the managed Postgres service", "the maps API", "the fraud-scoring vendor", "the CDN provider",
	"the identity provider", "the push notification service",
}

var features = []string{
	"checkout", "login", "search", "password reset", "order history", "notifications", "image upload",
	"invoices", "profile pages", "the mobile home feed", "report exports", "sign-up",
}

var thingsList = []string{"events", "orders", "emails", "invoices", "notifications", "messages", "records", "payments"}

var jobs = []string{"nightly-billing", "invoice-export", "report-builder", "cleanup-sessions", "usage-rollup", "reminder-mailer"}

var libs = []string{"left-pad-ng", "yaml-parser", "grpc-core", "openssl", "protobuf", "http-client", "tzdata"}

var events = []string{"a marketing email", "a TV advert", "a product launch", "a partner integration going live", "a flash sale", "a viral post"}

var regions = []string{"eu-west", "us-east", "us-west", "ap-south", "eu-central"}

var configKeys = []string{"max_connections", "request_timeout", "pool_size", "cache_ttl", "feature.rollout_percent", "worker_threads"}

var tables = []string{"orders", "users", "sessions", "ledger_entries", "events", "invoices", "search_docs"}

var severities = []string{"SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3", "SEV4"}

// Section heading variants per canonical section. The first list is used by
// blame-aware writers, the second by blame-heavy ones where they differ.
var (
	headSummary    = []string{"Summary", "Overview", "What happened", "Incident summary"}
	headImpact     = []string{"Impact", "Customer impact", "Impact & scope"}
	headTimeline   = []string{"Timeline", "Timeline of events", "Incident timeline"}
	headFactorsA   = []string{"Contributing factors", "Contributing Factors", "Contributing factors and causes"}
	headFactorsB   = []string{"Root cause", "Root Cause Analysis", "Root cause and contributing factors"}
	headTrigger    = []string{"Trigger", "The trigger", "What triggered it"}
	headDetection  = []string{"Detection", "How we found out"}
	headResolution = []string{"Resolution", "Mitigation and resolution", "Recovery"}
	headActions    = []string{"Action items", "Follow-up actions", "Corrective actions", "Action Items"}
	headLessons    = []string{"Lessons learned", "Lessons", "Learnings"}
	headWell       = []string{"What went well", "Went well", "Things that went well"}
	headWrong      = []string{"What went wrong", "Went wrong", "Things that went poorly"}
	headLucky      = []string{"Where we got lucky", "Got lucky", "Where we were lucky"}
)

// themeSentences are contributing-factor sentences for a theme, used for
// a failure mode's secondary themes so that the writeup carries them.
var themeSentences = map[string][]string{
	"change":        {"The deploy that preceded the incident had gone out an hour earlier.", "A release of {svc2} the day before changed the behaviour {svc} relied on.", "The upgrade of {svc} to the new version had not been rolled out everywhere yet."},
	"capacity":      {"The {svc} cluster was already running at {pct2}% CPU before the incident.", "Connection pool limits were reached on {db}.", "Memory on the {svc} nodes was close to its limit."},
	"dependency":    {"{svc} depends on {dep} for every request.", "The upstream {svc2} service was slow at the same time.", "Our cloud provider had a partial outage in {region} that day."},
	"detection":     {"No alert fired for this condition; monitoring did not cover it.", "The dashboard for {svc} did not show the failing metric.", "The page reached the on-call {dd} minutes after the problem began."},
	"time":          {"The job runs on a cron schedule at {hh}:00 UTC.", "The cache TTL of one hour kept the bad value around.", "The timezone of the scheduler was not UTC."},
	"data":          {"The {db} database was under heavy write load.", "Replication to the {db} replica fell behind during the incident.", "The backup of {table} was several hours old."},
	"network":       {"The load balancer in front of {svc} kept routing traffic to bad instances.", "DNS answers for {domain} were cached by clients.", "A TLS handshake timeout between {svc} and {svc2} added latency."},
	"security":      {"The service account used by {svc} had more access than it needed.", "The credentials for {db} were shared by several services.", "The secret was stored in plain text in the config repository."},
	"automation":    {"A cron job restarted {svc} while we were debugging it.", "The CI/CD pipeline kept redeploying the broken version.", "The autoscaler removed capacity in the middle of the incident."},
	"communication": {"The runbook for {svc} was out of date.", "Knowledge of {svc} was held by one engineer.", "The status page was not updated for an hour, and the handoff between teams was unclear."},
}

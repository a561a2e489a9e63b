// Package taxonomy is the one home of debrief's tag vocabulary
// (/work/shared/TAXONOMY.md): the finding kinds, the built-in labels of each
// kind, and everything the rest of debrief says about a label (display
// name, short description, colour, whether it is good news or blame).
//
// The names are a public contract (API, JSON output, ClickHouse columns,
// dashboard filters): analysis validates rules against Valid, dashboard and
// report take names and colours from here, and the generators in
// internal/synth and store/storetest draw their labels from Labels. A test
// in this package scans the repository for kind/label pairs and fails on
// any label defined nowhere here.
//
// The package is a leaf: it imports nothing of debrief.
package taxonomy

import "strings"

// Finding kinds.
const (
	Blame      = "blame"      // phrasing that stops at a person or a single cause
	Assumption = "assumption" // beliefs about the system versus what it did
	Theme      = "theme"      // contributing-factor themes
)

// Built-in labels, by kind.
const (
	HumanError      = "human-error"
	Counterfactual  = "counterfactual"
	Judgmental      = "judgmental"
	SingleRootCause = "single-root-cause"

	Belief   = "belief"
	Surprise = "surprise"

	Change        = "change"
	Capacity      = "capacity"
	Dependency    = "dependency"
	Detection     = "detection"
	Time          = "time"
	Data          = "data"
	Network       = "network"
	Security      = "security"
	Automation    = "automation"
	Communication = "communication"
)

// ExtensionPrefix starts the labels users may add in rules of their own
// ("x-runbook-gap"); such labels are outside the built-in vocabulary.
const ExtensionPrefix = "x-"

// Tone says how a label reads in a writeup.
type Tone int

const (
	// ToneNeutral labels (themes) name a factor area, neither good nor bad.
	ToneNeutral Tone = iota
	// ToneBlame labels are phrasing a blameless review wants less of.
	ToneBlame
	// ToneGoodNews labels (beliefs and surprises) are where the learning
	// is: more of them in a writeup is better.
	ToneGoodNews
)

// Label is one built-in label and what debrief says about it.
type Label struct {
	Kind        string // Blame, Assumption or Theme
	Name        string // the contract name, e.g. "human-error"
	Display     string // for people, e.g. "Human error"
	Description string // one line: what the label marks
	Color       string // CSS hex colour, readable on white
	Tone        Tone
}

// GoodNews reports whether the label is good news (an assumption label).
func (l Label) GoodNews() bool { return l.Tone == ToneGoodNews }

// IsBlame reports whether the label is blame phrasing.
func (l Label) IsBlame() bool { return l.Tone == ToneBlame }

// labels is the vocabulary in TAXONOMY.md order. Colours: blame is a warm
// family (reds and oranges), the good-news assumption labels a cool
// green/teal family, and themes a ten-colour categorical palette readable
// on white (the same order as the dashboard's series palette, so a theme
// keeps its colour in every chart).
var labels = []Label{
	{Blame, HumanError, "Human error", "names human, operator or user error, a mistake or a slip as the explanation", "#c92a2a", ToneBlame},
	{Blame, Counterfactual, "Counterfactual", "hindsight about what someone should or could have done, or failed to do", "#e8590c", ToneBlame},
	{Blame, Judgmental, "Judgmental", "judges a person's care, attention or competence", "#f08c00", ToneBlame},
	{Blame, SingleRootCause, "Single root cause", "frames the incident as having one root cause", "#a61e4d", ToneBlame},

	{Assumption, Belief, "Belief", "a stated assumption, belief or expectation people held", "#0c8599", ToneGoodNews},
	{Assumption, Surprise, "Surprise", "a belief that turned out wrong: surprise, the unexpected, the unknown", "#2b8a3e", ToneGoodNews},

	{Theme, Change, "Change", "deploys, releases, config pushes, upgrades, migrations, rollbacks", "#4263eb", ToneNeutral},
	{Theme, Capacity, "Capacity", "load, traffic spikes, resource exhaustion, quotas, rate limits, scaling", "#f59f00", ToneNeutral},
	{Theme, Dependency, "Dependency", "third-party, cloud provider, upstream service, vendor or library failures", "#37b24d", ToneNeutral},
	{Theme, Detection, "Detection", "monitoring, alerting, dashboards, paging, noticing late or by users", "#f03e3e", ToneNeutral},
	{Theme, Time, "Time", "certificates expiring, clocks, timezones, DST, leap seconds, schedules, TTLs", "#7048e8", ToneNeutral},
	{Theme, Data, "Data", "databases, storage, replication, backups, corruption, data loss, schema migrations", "#1098ad", ToneNeutral},
	{Theme, Network, "Network", "DNS, load balancers, ingress, routing, TLS handshakes, firewalls, CDN", "#e8590c", ToneNeutral},
	{Theme, Security, "Security", "credentials, tokens, secrets, access control, attacks, vulnerabilities", "#ae3ec9", ToneNeutral},
	{Theme, Automation, "Automation", "scripts, cron jobs, bots, CI/CD pipelines, autoscalers and controllers", "#74b816", ToneNeutral},
	{Theme, Communication, "Communication", "coordination, handoffs, documentation, runbooks, status updates", "#868e96", ToneNeutral},
}

var (
	kinds   = []string{Blame, Assumption, Theme}
	byName  = map[string]Label{}
	byKind  = map[string][]string{}
	allName []string
)

func init() {
	for _, l := range labels {
		byName[l.Name] = l
		byKind[l.Kind] = append(byKind[l.Kind], l.Name)
		allName = append(allName, l.Name)
	}
}

// Kinds returns the finding kinds in TAXONOMY.md order (a fresh slice).
func Kinds() []string { return append([]string(nil), kinds...) }

// ValidKind reports whether kind is a finding kind.
func ValidKind(kind string) bool { _, ok := byKind[kind]; return ok }

// Labels returns the built-in labels of kind in TAXONOMY.md order (a fresh
// slice; nil for an unknown kind).
func Labels(kind string) []string { return append([]string(nil), byKind[kind]...) }

// AllLabels returns every built-in label, kinds in Kinds order.
func AllLabels() []string { return append([]string(nil), allName...) }

// All returns every built-in label with its attributes, in TAXONOMY.md order.
func All() []Label { return append([]Label(nil), labels...) }

// Lookup returns the built-in label called name (label names are unique
// across kinds).
func Lookup(name string) (Label, bool) {
	l, ok := byName[name]
	return l, ok
}

// Valid reports whether label is a built-in label of kind.
func Valid(kind, label string) bool {
	l, ok := byName[label]
	return ok && l.Kind == kind
}

// KindOf returns the kind of a built-in label ("" when not built in).
func KindOf(label string) string { return byName[label].Kind }

// IsExtension reports whether label is a user extension ("x-...").
func IsExtension(label string) bool {
	return strings.HasPrefix(label, ExtensionPrefix) && len(label) > len(ExtensionPrefix)
}

// Display returns the name people read for a label: the built-in display
// name ("single-root-cause" -> "Single root cause"), else the label with
// hyphens as spaces and its first letter upper-cased ("x-runbook-gap" ->
// "X runbook gap").
func Display(label string) string {
	if l, ok := byName[label]; ok {
		return l.Display
	}
	s := strings.ReplaceAll(label, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Description returns the one-line description of a built-in label ("" for
// others).
func Description(label string) string { return byName[label].Description }

// Color returns the colour of a built-in label ("" for others, so callers
// fall back to their palette).
func Color(label string) string { return byName[label].Color }

// GoodNews reports whether label is a built-in good-news label.
func GoodNews(label string) bool { return byName[label].Tone == ToneGoodNews }

// IsBlame reports whether label is a built-in blame label.
func IsBlame(label string) bool { return byName[label].Tone == ToneBlame }

package analysis

import (
	"strings"
	"unicode/utf8"

	"github.com/debrief-dev/debrief/nlp"
)

// Context checks of context rules. Each works on the tokens of one sentence
// and the token range [ms, me) of a match.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// personWords are subjects that are people.
var personWords = set("we", "i", "he", "she", "they", "you", "someone", "somebody", "nobody",
	"anyone", "anybody", "everyone", "everybody", "engineer", "engineers", "operator", "operators",
	"developer", "developers", "dev", "devs", "admin", "admins", "administrator", "administrators",
	"sre", "sres", "team", "teams", "on-call", "oncall", "on-caller", "responder", "responders",
	"reviewer", "reviewers", "author", "authors", "staff", "person", "people", "human", "humans",
	"individual", "employee", "employees", "member", "members", "owner", "owners", "lead", "manager",
	"contractor", "maintainer", "maintainers", "colleague", "colleagues", "sysadmin", "technician", "analyst", "intern", "newcomer", "teammate", "teammates",
	"us", "me")

// systemWords are subjects that are systems, not people.
var systemWords = set("it", "this", "that", "job", "jobs", "pod", "pods", "service", "services",
	"server", "servers", "node", "nodes", "process", "processes", "script", "scripts", "deploy",
	"deploys", "deployment", "deployments", "build", "builds", "pipeline", "pipelines", "controller",
	"controllers", "cluster", "clusters", "request", "requests", "system", "systems", "container",
	"containers", "check", "checks", "test", "tests", "alert", "alerts", "monitor", "monitoring",
	"query", "queries", "migration", "migrations", "update", "updates", "cron", "cronjob", "task",
	"tasks", "worker", "workers", "app", "application", "applications", "database", "databases", "db",
	"instance", "instances", "balancer", "probe", "probes", "image", "images", "binary", "command",
	"tool", "tools", "hook", "webhook", "autoscaler", "daemon", "daemonset", "agent", "agents", "bot",
	"bots", "api", "endpoint", "client", "clients", "proxy", "upgrade", "release", "rollout", "backup",
	"backups", "restore", "replica", "replicas", "disk", "volume", "certificate", "cert", "dns",
	"network", "firewall", "queue", "consumer", "producer", "installer", "compiler", "plugin",
	"function", "lambda", "vm", "vms", "host", "hosts", "machine", "machines", "component", "module",
	"library", "package", "config", "configuration", "hub", "scheduler", "kubelet", "subsystem", "subsystems", "checker", "checkers", "ingress",
	"cache", "page", "site", "website", "route", "router", "load", "traffic", "connection",
	"connections", "user", "users", "customer", "customers", "browser", "pull", "pr", "commit", "change",
	"step", "stage", "workflow", "action", "runner", "runners", "which", "terraform", "kubernetes",
	"k8s", "helm", "github", "gitlab", "travis", "jenkins", "prometheus", "grafana", "nginx", "docker",
	"kubectl", "ansible", "aws", "gcp", "azure", "argo", "argocd", "flux", "prow", "jupyterhub",
	"binderhub", "kubespawner", "reflector", "spawner", "kiam", "coredns", "etcd", "elasticsearch",
	"plank", "tide", "hook", "crier", "sinker", "branchprotector", "statuses", "status", "code", "change", "postgres", "mysql", "redis", "linux", "ubuntu", "debian", "windows",
	"chrome", "cargo", "npm", "pip", "pypi", "git", "it's", "everything", "nothing", "something")

// participles that do not end in -ed/-en.
var irregularParticiples = set("been", "done", "known", "seen", "caught", "made", "taken", "given",
	"gone", "run", "put", "set", "sent", "built", "kept", "found", "told", "thought", "brought",
	"bought", "held", "left", "led", "lost", "meant", "met", "paid", "read", "said", "shut", "spent",
	"split", "spread", "stood", "struck", "taught", "understood", "won", "written", "rolled", "hit",
	"cut", "let", "felt", "heard", "got", "gotten", "become", "come", "begun", "drawn", "grown",
	"shown", "thrown", "withdrawn", "overseen", "foreseen", "forgotten", "chosen", "spotted", "be", "had")

// nonParticiples end in -ed/-en but are not participles after "have".
var nonParticiples = set("need", "seen", "red", "bed", "shed", "feed", "speed", "seed", "often",
	"even", "open", "token", "tokens", "kitchen", "garden", "hidden", "children", "screen", "green",
	"ten", "when", "then", "than", "between", "eleven", "seven", "dozen", "citizen", "ed", "en")

// isParticiple guesses whether w is a past participle.
func isParticiple(w string) bool {
	if irregularParticiples[w] {
		return true
	}
	if nonParticiples[w] && w != "seen" {
		return false
	}
	return len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || strings.HasSuffix(w, "wn"))
}

// maxScan bounds every look-back over tokens, so that context checks cost
// O(1) per match even in a pathological sentence of a million tokens.
const maxScan = 48

// quoteWindow bounds the bytes searched for quotation marks around a match.
const quoteWindow = 300

var negators = set("not", "no", "never", "nor", "without", "nobody", "nothing", "neither", "none", "hardly", "rather", "rarely", "seldom",
	// Rejecting a framing negates it too: "we reject the framing of this
	// as human error", "attributing the incident to operator error would
	// obscure ...".
	"reject", "rejects", "rejected", "rejecting", "attributing", "blaming", "instead")

// framingVerbs say how an incident is framed: "easy to say / call /
// blame / write this up as".
var framingVerbs = set("say", "call", "blame", "write", "conclude", "frame", "label", "dismiss", "put", "pin")

// beVerbs for "X was not ..." negation after the match.
var beVerbs = set("is", "was", "are", "were", "'s", "be", "been", "being")

// clauseBreak reports whether a token closes a clause for context windows.
func clauseBreak(t nlp.Token) bool {
	if t.Kind == nlp.Punct {
		switch t.Norm {
		case ",", ";", ":", "(", ")", "[", "]", ".", "!", "?", "—", "–":
			return true
		}
		return false
	}
	switch t.Norm {
	case "but", "however", "although", "though", "whereas", "because", "since", "while":
		return true
	}
	return false
}

// negated reports whether the match [ms,me) is negated: a negator within
// eight words before it in the same clause ("this was not human error",
// "not a mistake", "no one made a mistake"), a framing set up to be
// rejected ("it would be easy to say ..."), or a negated copula right
// after it ("human error was not a factor", "... was ruled out").
func negated(toks []nlp.Token, ms, me int) bool {
	if wordBefore(toks, ms, 8, func(k int) bool { return negators[toks[k].Norm] && !insteadOfThing(toks, k) }) {
		return true
	}
	// A match that opens with its own negation: "nobody's fault".
	if (toks[ms].Norm == "nobody" || toks[ms].Norm == "noone") && ms+1 < me && toks[ms+1].Norm == "'s" {
		return true
	}
	if framedToReject(toks, ms) {
		return true
	}
	// After: "<match> was not|never ...", "<match> played no role",
	// "<match> was ruled out".
	var next []string
	for k := me; k < len(toks) && len(next) < 3 && k < me+maxScan; k++ {
		if clauseBreak(toks[k]) {
			break
		}
		if toks[k].Kind == nlp.Word {
			next = append(next, toks[k].Norm)
		}
	}
	if len(next) >= 2 && (beVerbs[next[0]] || next[0] == "played" || next[0] == "had" || next[0] == "has") {
		// "human error was not a factor", "... was really not"; not "the
		// root cause was us not reading".
		if negators[next[1]] || len(next) == 3 && negators[next[2]] && (strings.HasSuffix(next[1], "ly") || next[1] == "also" || next[1] == "still") {
			return true
		}
		if next[1] == "ruled" || len(next) == 3 && next[2] == "ruled" {
			return true
		}
	}
	return rejectedLater(toks, me)
}

// insteadOfThing reports an "instead of" that names a thing, not an act
// ("deployed to staging instead of production by mistake"): only "instead
// of blaming" negates what follows.
func insteadOfThing(toks []nlp.Token, k int) bool {
	if toks[k].Norm != "instead" {
		return false
	}
	j := k + 1
	for j < len(toks) && toks[j].Kind != nlp.Word {
		j++
	}
	if j >= len(toks) || toks[j].Norm != "of" {
		return false
	}
	for j++; j < len(toks) && toks[j].Kind != nlp.Word; j++ {
	}
	return j < len(toks) && !strings.HasSuffix(toks[j].Norm, "ing")
}

// framedToReject reports a framing set up to be rejected: "it would be
// easy to say the engineer should have tested", "it is tempting to call
// this a slip".
func framedToReject(toks []nlp.Token, ms int) bool {
	return wordBefore(toks, ms, 14, func(k int) bool {
		return (toks[k].Norm == "easy" || toks[k].Norm == "tempting") && k+2 < ms && toks[k+1].Norm == "to" &&
			framingVerbs[toks[k+2].Norm]
	})
}

// rejected reports a match the sentence sets up to reject or rejects
// after it (framedToReject, rejectedLater), for rules whose own words
// are negations ("should not have", "nobody checked") and so cannot use
// the negator scan of negated.
func rejected(toks []nlp.Token, ms, me int) bool {
	return framedToReject(toks, ms) || rejectedLater(toks, me)
}

// rejectedLater reports a sentence that goes on to reject what the match
// says: "... put it down to his carelessness, and we do not agree", "...
// called the step careless, and he was wrong", "we disagree".
func rejectedLater(toks []nlp.Token, me int) bool {
	var w []string
	for k := me; k < len(toks) && k < me+maxScan; k++ {
		if toks[k].Kind == nlp.Word {
			w = append(w, toks[k].Norm)
		}
	}
	// "we do not agree" closes the sentence or takes "that" or "it": "we
	// do not agree with how it was handled" rejects something else.
	ends := func(j int) bool {
		return j == len(w) || j+1 == len(w) && (w[j] == "that" || w[j] == "it" || w[j] == "this") ||
			j+2 <= len(w) && w[j] == "with" && (w[j+1] == "that" || w[j+1] == "it" || w[j+1] == "this") && j+2 == len(w)
	}
	for i := range w {
		switch {
		case (w[i] == "we" || w[i] == "i") && i+1 < len(w) && w[i+1] == "disagree" && ends(i+2):
			return true
		case (w[i] == "we" || w[i] == "i") && i+3 < len(w) && (w[i+1] == "do" || w[i+1] == "did") &&
			(w[i+2] == "not" || w[i+2] == "n't") && (w[i+3] == "agree" || w[i+3] == "accept") && ends(i+4):
			return true
		case (w[i] == "we" || w[i] == "i") && i+2 < len(w) && w[i+1] == "don't" && (w[i+2] == "agree" || w[i+2] == "accept") && ends(i+3):
			return true
		case (w[i] == "he" || w[i] == "she" || w[i] == "they") && i+2 < len(w) && (w[i+1] == "was" || w[i+1] == "were") &&
			w[i+2] == "wrong":
			return true
		case w[i] == "would" && i+1 < len(w) && w[i+1] == "be":
			// "calling this human error would be easy and wrong".
			for j := i + 2; j < len(w) && j < i+5; j++ {
				if unfairWords[w[j]] {
					return true
				}
			}
		case (w[i] == "which" || w[i] == "and") && i+2 < len(w) && w[i+1] == "i" && w[i+2] == "regret":
			// "... I said this was human error, which I regret".
			return true
		case (w[i] == "miss" || w[i] == "misses" || w[i] == "missed") && i+2 < len(w) && w[i+1] == "the" && w[i+2] == "point":
			// "calling this operator error would miss the point".
			return true
		case w[i] == "not" && i+2 < len(w) && w[i+1] == "a" && (w[i+2] == "criticism" || w[i+2] == "judgement" || w[i+2] == "judgment"):
			// "nobody had thought about the timers, and that is not a criticism".
			return true
		}
	}
	return false
}

// unfairWords after "would be" reject what came before: "calling this a
// slip would be unfair".
var unfairWords = set("wrong", "unfair", "unjust", "misleading", "inaccurate")

// exhortWords report an exhortation up to three words before a match that
// opens with or follows "to": "asking people to be more careful", "telling
// the engineers to be vigilant".
var exhortWords = set("asking", "ask", "asked", "telling", "tell", "told", "urging", "urge", "reminding", "remind")

// mentionWords before a match mark it as talked about, not used.
var mentionWords = set("phrase", "phrases", "term", "terms", "word", "words", "wording", "label",
	"labels", "language", "saying", "called", "so-called", "notion", "concept", "vocabulary")

// quoted reports whether the match is inside quotation marks (straight,
// curly, backticks) or introduced as a mention ("the term root cause", "the
// phrase human error", "language like").
func quoted(text string, toks []nlp.Token, ms, me int) bool {
	start, end := toks[ms].Start, toks[me-1].End
	if insideQuotes(text, start, end) {
		return true
	}
	words := 0
	for k := ms - 1; k >= 0 && words < 3 && k >= ms-maxScan; k-- {
		t := toks[k]
		if t.Kind != nlp.Word {
			if t.Norm == "." || t.Norm == ";" {
				break
			}
			continue
		}
		words++
		if mentionWords[t.Norm] && !inPlainTerms(toks, k) {
			return true
		}
		if words <= 3 && exhortWords[t.Norm] && (toks[ms].Norm == "to" || ms > 0 && toks[ms-1].Norm == "to") {
			// "asking people to be more vigilant won't change it": the
			// exhortation talked about, not made.
			return true
		}
		if t.Norm == "like" && k > 0 && mentionWords[toks[k-1].Norm] {
			return true
		}
	}
	return false
}

// plainTermsWords make "in plain terms", "in other words" an idiom that
// uses what follows, not a mention of it.
var plainTermsWords = set("plain", "simple", "simpler", "short", "other", "real", "practical", "blunt", "everyday",
	"broad", "general", "concrete")

// inPlainTerms reports "in <plain> terms" or "in <other> words" ending at
// toks[k].
func inPlainTerms(toks []nlp.Token, k int) bool {
	if toks[k].Norm != "terms" && toks[k].Norm != "words" || k < 2 {
		return false
	}
	return plainTermsWords[toks[k-1].Norm] && toks[k-2].Norm == "in"
}

// insideQuotes reports whether text[start:end] is enclosed in a quote pair:
// an opening mark before start with no close in between, and a closing
// mark after end, both within quoteWindow bytes of the match.
func insideQuotes(text string, start, end int) bool {
	lo := max(0, start-quoteWindow)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	hi := min(len(text), end+quoteWindow)
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	text, start, end = text[lo:hi], start-lo, end-lo
	if !hasQuoteByte(text) {
		return false
	}
	type pair struct{ open, close string }
	for _, q := range []pair{{`"`, `"`}, {"“", "”"}, {"`", "`"}, {"‘", "’"}, {"'", "'"}, {"«", "»"}} {
		before := text[:start]
		o := lastQuote(before, q.open, q.open == "'")
		if o < 0 {
			continue
		}
		// Same-character quotes: count must be odd before start.
		if q.open == q.close && countQuotes(before, q.open, q.open == "'")%2 == 0 {
			continue
		}
		if q.open != q.close && strings.LastIndex(before, q.close) > o {
			continue
		}
		after := text[end:]
		if c := firstQuote(after, q.close, q.close == "'" || q.close == "’"); c >= 0 {
			if !strings.ContainsAny(after[:c], ".!?") || c < 40 {
				// A quote of a sentence's worth of words is reported
				// speech ("the verdict was that 'IT just weren't paying
				// attention to their queues'"): its words are used, not
				// mentioned.
				return len(strings.Fields(text[o:end+c])) < speechWords
			}
		}
	}
	return false
}

// speechWords is the length in words from which a quotation is reported
// speech rather than a mention of a term.
const speechWords = 6

// hasQuoteByte reports whether s may hold a quotation mark: an ASCII
// quote or backtick, or the lead byte of the curly quotes and guillemets
// (U+2018/U+201C... start with 0xE2, « and » with 0xC2).
func hasQuoteByte(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'', '`', 0xE2, 0xC2:
			return true
		}
	}
	return false
}

// isApostrophe reports whether the quote at text[i] sits between letters
// (don't, team's) and so is not a quotation mark.
func isApostrophe(text string, i, size int) bool {
	if i == 0 || i+size >= len(text) {
		return i > 0 && isAlnum(text[i-1])
	}
	return isAlnum(text[i-1]) && isAlnum(text[i+size])
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func lastQuote(s, q string, apos bool) int {
	for i := len(s); i > 0; {
		k := strings.LastIndex(s[:i], q)
		if k < 0 {
			return -1
		}
		if !apos || !isApostrophe(s, k, len(q)) {
			return k
		}
		i = k
	}
	return -1
}

func firstQuote(s, q string, apos bool) int {
	off := 0
	for off < len(s) {
		k := strings.Index(s[off:], q)
		if k < 0 {
			return -1
		}
		k += off
		if !apos || !isApostrophe(s, k, len(q)) {
			return k
		}
		off = k + len(q)
	}
	return -1
}

func countQuotes(s, q string, apos bool) int {
	n := 0
	off := 0
	for {
		k := strings.Index(s[off:], q)
		if k < 0 {
			return n
		}
		k += off
		if !apos || !isApostrophe(s, k, len(q)) {
			n++
		}
		off = k + len(q)
	}
}

// planMarkers before a match in its clause make it a plan or future
// action, not a judgement about the past.
var planMarkers = set("will", "'ll", "going", "plan", "plans", "planning", "todo", "future",
	"forward", "next", "let's", "shall", "propose", "proposed", "recommend", "recommendation", "ensure")

// modalsOfPlan with a base verb after them express a plan ("we should add").
var modalsOfPlan = set("should", "must", "need", "needs", "could", "might", "would", "ought")

// plan reports whether the match is part of a plan rather than hindsight:
// a modal perfect ("should have") not followed by a past participle
// ("we should have alerting", "should have a runbook"), a future/plan
// marker earlier in the clause ("in the future, we will ..."), or
// "should"/"must" with a base verb earlier in it ("we should be more aware
// of unintended changes").
func plan(toks []nlp.Token, ms, me int) bool {
	if me-1 >= 0 && toks[me-1].Norm == "have" && me-2 >= ms && modalsOfPlan[toks[me-2].Norm] {
		// Modal perfect at the end of the match: look at the next word.
		k := me
		for k < len(toks) && k < me+maxScan && toks[k].Kind == nlp.Word && (strings.HasSuffix(toks[k].Norm, "ly") || toks[k].Norm == "also" || toks[k].Norm == "not") {
			k++
		}
		if k >= len(toks) || toks[k].Kind != nlp.Word || !isParticiple(toks[k].Norm) {
			return true
		}
	}
	for k := ms - 1; k >= 0 && k >= ms-maxScan; k-- {
		t := toks[k]
		if t.Kind == nlp.Punct && (t.Norm == "." || t.Norm == ";" || t.Norm == "!" || t.Norm == "?") {
			break
		}
		if planMarkers[t.Norm] {
			if t.Norm == "going" && !(k+1 < len(toks) && (toks[k+1].Norm == "to" || toks[k+1].Norm == "forward")) {
				continue
			}
			return true
		}
		// "we should be more aware of ...", "we must enhance logging to
		// find the root cause": a modal with a base verb, not a perfect.
		if (t.Norm == "should" || t.Norm == "must") && k+1 < ms && toks[k+1].Norm != "have" && toks[k+1].Norm != "not" {
			return true
		}
	}
	return false
}

// skipWords between a subject and its verb ("we also failed to", "the
// engineer had not noticed").
var subjectSkip = set("also", "then", "again", "still", "just", "initially", "unfortunately",
	"had", "has", "have", "did", "does", "do", "was", "were", "is", "are", "had", "repeatedly",
	"completely", "simply", "clearly", "apparently", "originally", "first", "later", "subsequently",
	"therefore", "thus", "both", "all", "however", "ultimately", "eventually", "not", "never", "'d")

// subject classifies the subject of the match from the words before it in
// its clause. It returns "" when the match starts its clause (bullet
// fragments: "- Failed to follow the runbook"), else "system" when the
// nearest word (skipping adverbs and auxiliaries) is a system ("the job
// failed to"), "person" when a person word is among the four nearest words
// ("the engineer on call failed to") or the nearest word is a capitalised
// name ("Alice failed to"), and "other" otherwise. Of the four nearest
// words the first that is a person or system word decides.
func subject(toks []nlp.Token, text string, ms int) string {
	if ms < len(toks) && (targetPrepositions[toks[ms].Norm] || toks[ms].Norm == "without") {
		ms = actingVerb(toks, ms)
	}
	if relativePerson(toks, text, ms) {
		return "person" // "the engineer who approved the upgrade should have read"
	}
	nearest := -1
	seen := 0
	for k := ms - 1; k >= 0 && seen < 4 && k >= ms-maxScan; k-- {
		t := toks[k]
		if t.Kind != nlp.Word {
			if clauseBreak(t) || t.Norm == "-" || t.Norm == "*" || t.Norm == "|" || t.Norm == ">" || t.Norm == "#" {
				break
			}
			continue
		}
		// A conjunction starts the clause ("..., but did not test"); the
		// subject before it belongs to another verb, unless the clause has
		// none of its own: "the script attempted but failed to remove",
		// "we deployed it but did not test it" share the subject of the
		// clause before "but".
		if clauseBreak(t) && t.Norm != "however" {
			if seen == 0 && (t.Norm == "but" || t.Norm == "yet") {
				return sharedSubject(toks, k)
			}
			break
		}
		if subjectSkip[t.Norm] || strings.HasSuffix(t.Norm, "ly") && len(t.Norm) > 4 {
			continue
		}
		switch t.Norm {
		case "and", "or", "who", "that", "the", "a", "an", "our", "their", "his", "her", "its", "of", "on", "in":
			continue
		}
		seen++
		if nearest < 0 {
			nearest = k
			if passiveAt(toks, k) {
				// "the change was applied to the wrong environment": the
				// noun before a passive is what was acted on; who acted
				// is not said.
				return ""
			}
		}
		if systemWords[t.Norm] {
			return "system"
		}
		if personWords[t.Norm] {
			return "person"
		}
	}
	if nearest < 0 {
		return ""
	}
	// A capitalised word: a person's name ("Alice failed to ...") unless
	// it is a known system or product name (caught above) or looks like
	// an identifier.
	w := text[toks[nearest].Start:toks[nearest].End]
	if len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && strings.ToLower(w[1:]) == w[1:] && !strings.ContainsAny(w, "-._/0123456789") {
		return "person"
	}
	return "other"
}

// targetPrepositions open a match that names where an action went ("in
// the wrong environment", "against production instead of staging").
var targetPrepositions = set("to", "in", "on", "against", "into", "onto", "from")

// actingVerbs are the verbs of acting on a target: the subject of "ran
// the script in the wrong environment" is before "ran", not "script".
var actingVerbs = set("ran", "run", "executed", "applied", "deployed", "pushed", "pointed", "sent", "typed",
	"pasted", "copied", "clicked", "selected", "connected", "logged", "started", "restarted", "triggered",
	"launched", "submitted", "uploaded", "issued", "invoked", "targeted", "released", "rolled", "kicked")

// pastVerb reports a word that reads as a verb in the past tense: the
// verb before "without checking" ("raised the ceiling without any check").
func pastVerb(w string) bool {
	return irregularParticiples[w] && w != "been" && w != "be" || len(w) > 4 && strings.HasSuffix(w, "ed") && !nonParticiples[w]
}

// actingVerb is the index of the acting verb (actingVerbs) within a few
// words before a match that opens with a target preposition, in the same
// clause, so that the subject is read before the verb and its object;
// else ms.
func actingVerb(toks []nlp.Token, ms int) int {
	words := 0
	for k := ms - 1; k >= 0 && words < 6; k-- {
		t := toks[k]
		if t.Kind != nlp.Word {
			if clauseBreak(t) {
				break
			}
			continue
		}
		if clauseBreak(t) {
			break
		}
		if actingVerbs[t.Norm] || toks[ms].Norm == "without" && pastVerb(t.Norm) {
			if passiveAt(toks, k) {
				return ms // "the change was applied to the wrong environment"
			}
			return k
		}
		words++
	}
	return ms
}

// relativePerson reports a subject that a relative clause follows: "the
// engineer who approved the upgrade" before the match, a person word or
// name right before "who", within the clause and eight words.
func relativePerson(toks []nlp.Token, text string, ms int) bool {
	words := 0
	for k := ms - 1; k > 0 && words < 8; k-- {
		t := toks[k]
		if t.Kind != nlp.Word {
			if clauseBreak(t) {
				return false
			}
			continue
		}
		words++
		if t.Norm != "who" {
			continue
		}
		p := toks[k-1]
		if p.Kind != nlp.Word {
			return false
		}
		w := text[p.Start:p.End]
		return personWords[p.Norm] || len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && strings.ToLower(w[1:]) == w[1:]
	}
	return false
}

// passiveAt reports whether token k is a past participle right after a
// form of "be" or "get" (adverbs and "not" between): "was applied", "were
// not properly reviewed", "got deleted".
func passiveAt(toks []nlp.Token, k int) bool {
	if toks[k].Kind != nlp.Word || !isParticiple(toks[k].Norm) || beVerbs[toks[k].Norm] {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		n := toks[j].Norm
		if toks[j].Kind != nlp.Word {
			return false
		}
		if beVerbs[n] || n == "got" || n == "get" || n == "gets" {
			return true
		}
		if n != "not" && n != "never" && !(strings.HasSuffix(n, "ly") && len(n) > 4) {
			return false
		}
	}
	return false
}

// sharedSubject classifies the subject of the clause that ends before the
// conjunction at token c (an elliptical "..., but failed to"): the first
// person or system word among the four words that open that clause. It
// returns "" when there is none (the old answer for a clause without a
// subject).
func sharedSubject(toks []nlp.Token, c int) string {
	k := c - 1
	if k >= 0 && toks[k].Norm == "," {
		k--
	}
	start := k + 1
	for ; k >= 0 && k >= c-maxScan; k-- {
		t := toks[k]
		if clauseBreak(t) || t.Norm == "-" || t.Norm == "*" || t.Norm == "|" || t.Norm == ">" || t.Norm == "#" {
			break
		}
		start = k
	}
	if k < c-maxScan {
		return ""
	}
	seen := 0
	for j := start; j < c && seen < 4; j++ {
		t := toks[j]
		if t.Kind != nlp.Word || subjectSkip[t.Norm] {
			continue
		}
		switch t.Norm {
		case "the", "a", "an", "our", "their", "his", "her", "its", "this", "that", "these", "those":
			continue
		}
		seen++
		if authoredWords[t.Norm] {
			// "the pull request added tests, but did not test ...": what
			// a change did not do, its authors did not do.
			return ""
		}
		if systemWords[t.Norm] {
			return "system"
		}
		if personWords[t.Norm] {
			return "person"
		}
	}
	return ""
}

// authoredWords are systems that stand for the people who wrote them (a
// pull request, a commit, a change) when they are the shared subject of an
// elliptical clause.
var authoredWords = set("pull", "pr", "prs", "mr", "commit", "commits", "change", "changes", "patch",
	"patches", "diff", "review", "merge")

// hypotheticalMarkers before a match in its clause make it hypothetical
// or generic rather than a statement about what happened: "in case of
// unexpected load", "if an operator error occurs", "any operator error is
// a symptom", "to guard against human error", "to avoid mistakes".
var hypotheticalMarkers = set("if", "unless", "whenever", "any", "every", "against", "avoid",
	"avoids", "avoiding", "prevent", "prevents", "preventing", "tolerate", "tolerates", "handle",
	"handles", "handling", "reduce", "reduces", "minimise", "minimize", "potential", "possible",
	"possibly", "hypothetical", "hypothetically", "whether")

// hypothetical reports whether the match starting at token ms is in a
// hypothetical or generic clause: a marker among the twelve words before it
// in its clause, or "in case of" / "in the event of" right before it.
func hypothetical(toks []nlp.Token, ms int) bool {
	return wordBefore(toks, ms, 12, func(k int) bool {
		if hypotheticalMarkers[toks[k].Norm] {
			return true
		}
		n := toks[k].Norm
		return (n == "case" || n == "event") && k >= 1 && (toks[k-1].Norm == "in" || toks[k-1].Norm == "the")
	})
}

// wordBefore reports whether is(k) holds for one of the limit words before
// token ms in its clause (a clause break stops the look-back, and so does
// maxScan tokens).
func wordBefore(toks []nlp.Token, ms, limit int, is func(k int) bool) bool {
	words := 0
	for k := ms - 1; k >= 0 && words < limit && k >= ms-maxScan; k-- {
		t := toks[k]
		if clauseBreak(t) {
			break
		}
		if t.Kind != nlp.Word {
			continue
		}
		words++
		if is(k) {
			return true
		}
	}
	return false
}

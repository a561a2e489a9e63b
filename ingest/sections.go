package ingest

import (
	"regexp"
	"strings"

	"github.com/debrief-dev/debrief/model"
)

// sectionRule maps heading spellings to a canonical section kind.
// exact lists normalised headings that map as a whole; words lists
// phrases that, found at a word boundary anywhere in the heading, map it.
// Rules are tried in order: all exact phrases first, then word phrases rule
// by rule, so the more specific kinds (got-lucky, went-wrong, impact) come
// before the broad ones (summary, lessons).
type sectionRule struct {
	kind  string
	exact []string
	words []string
}

// sectionRules is the single table of heading spellings. It covers the
// headings of the public templates (Google SRE book, Azure, Elastic,
// Real-world SRE, The Cloud Book, Michael Kehoe, PagerDuty) and of real
// postmortems (moj, dfds, mybinder, 2i2c, Prow, PyPI, Rust, Homebrew).
var sectionRules = []sectionRule{
	{kind: model.SectionGotLucky,
		exact: []string{"where we got lucky", "where did we get lucky", "we got lucky", "got lucky", "lucky"},
		words: []string{"lucky"}},
	{kind: model.SectionWentWrong,
		exact: []string{"what went wrong", "what went poorly", "what went badly", "what didn't go so well",
			"what didnt go so well", "what did not go well", "what didn't go well", "what could have gone better",
			"things that went wrong", "where we could improve", "what could be improved", "challenges"},
		words: []string{"went wrong", "went poorly", "went badly", "didn't go", "didnt go", "did not go",
			"could have gone better", "could have been better", "go so well", "went less well"}},
	{kind: model.SectionWentWell,
		exact: []string{"what went well", "things that went well", "went well", "what worked", "what worked well"},
		words: []string{"went well", "worked well", "go well", "went good"}},
	{kind: model.SectionTimeline,
		exact: []string{"timeline", "timeline of events", "chain of events", "sequence of events", "key events",
			"incident timeline", "events", "chronology", "detailed timeline", "timeline and response",
			"how we responded", "incident timing", "log of events", "event log", "events log", "log",
			"course of events", "order of events", "pager log", "ops log", "incident log", "on-call log",
			"oncall log", "operator log", "shift log", "war room log", "bridge log", "channel log", "how we got there",
			"how it unfolded", "how it played out", "what happened when"},
		words: []string{"timeline", "chain of events", "sequence of events", "chronology", "key events",
			"log of events", "event log", "course of events"}},
	// Ideas discussed and not taken up are no follow-ups: "Discussed, not
	// actioned", "Things we talked about and aren't doing".
	{kind: model.SectionOther,
		exact: []string{"not doing", "rejected", "parked", "out of scope", "ideas", "rejected ideas",
			"considered and rejected", "considered but rejected", "won't do", "wont do",
			// Links beside the review and what it offers customers.
			"related", "related pages", "related links", "quick links", "see also", "further reading",
			"putting it right", "making it right", "how we will put it right", "how we'll put it right",
			"service credit", "service credits", "compensation", "make-goods", "make goods"},
		words: []string{"not doing", "aren't doing", "are not doing", "not actioned", "won't do", "will not do",
			"not pursuing", "not taking forward", "not taken forward", "considered and rejected",
			"considered but rejected", "considered but not", "rejected ideas", "rejected suggestions",
			"not committed", "haven't committed", "parked ideas", "parked items", "decided against",
			"not adopted", "considered and not", "not taken up", "parked", "not pursued", "aren't pursuing",
			"are not pursuing", "not follow-ups", "not follow ups", "not followups", "not action items",
			"not actions", "not follow-up items", "considered and dropped", "discussed and dropped", "dropped ideas",
			"ideas dropped",
			// A digest's other incidents: "Also this week (minor, no review needed)".
			"also this week", "other incidents", "recent incidents", "minor incidents", "elsewhere this week"}},
	// Steps taken while the incident ran are its resolution, not
	// follow-ups: "Remedial actions taken during the incident".
	{kind: model.SectionResolution,
		words: []string{"actions taken", "action taken", "taken during", "during the incident", "during the outage",
			"on the night", "on the day", "at the time", "during incident", "immediate measures"}},
	{kind: model.SectionActionItems,
		exact: []string{"action items", "action items & followups", "actions", "follow ups", "followups",
			"follow-ups", "follow up actions", "follow-up actions", "next steps", "corrective actions", "ais", "ai list",
			"sub tasks", "subtasks", "sub-tasks", "problem tasks", "child tasks", "linked actions",
			"ais and owners", "aps", "fus",
			"corrective and preventative measures", "corrective and preventive measures", "preventative measures",
			"preventive measures", "future actions", "future measures", "remediation items", "review actions",
			"actions following review", "todo", "to do", "recommendations", "what we're doing about it",
			"what we are doing about it", "improvements", "action plan", "repair items", "what we will do",
			"what we changed", "what we have changed", "what we've changed", "what we are changing", "what we're changing",
			"what we will change", "what we'll change", "changes we made", "changes we are making",
			"what we'll do", "what we are changing", "what we're changing", "what we will change",
			"what we'll change", "what's next", "whats next", "what is next", "preventing recurrence",
			"prevention", "next actions", "followup items", "follow-up items", "follow up items", "tasks",
			"work items", "fixes", "going forward", "to-do", "todos", "action list", "remediation tasks",
			"improvement items", "agreed actions", "what we do now", "what we are doing now", "what we do next",
			"what we're doing now", "what we are doing", "what we're doing", "what we will do now",
			"what happens next", "what we'll do next", "what we will do next", "where we go from here",
			"what we're doing next", "what we are doing next", "commitments", "our commitments",
			"what we're committing to", "what we are committing to", "preventing a repeat",
			"preventing this from happening again", "how we'll prevent this", "how we will prevent this"},
		words: []string{"action item", "follow-up", "followup", "follow up", "next step", "corrective",
			"preventative", "preventive", "future action", "doing about it", "action plan", "repair item",
			"doing next", "go from here", "prevent recurrence", "happening again", "remedial", "improvement action",
			"recommended action", "preventive action", "preventative action", "going to do", "going to change",
			"going to fix", "we will do", "we'll do", "we will change", "we'll change", "agreed to do",
			"to prevent this", "prevent this", "measures to prevent", "doing to prevent", "to prevent it",
			"to prevent a repeat", "prevention measures", "preventive steps", "preventative steps",
			"agreed to change", "we agreed", "we've agreed", "we have agreed", "committed to doing", "we're committing",
			"things to do", "to do after", "still to do", "further action", "actions committed", "committed action",
			"actions agreed", "agreed action", "outstanding action", "actions arising", "remaining action",
			"tracked action", "open action", "actions tracked", "actions from", "actions out of", "our actions"}},
	{kind: model.SectionTrigger,
		exact: []string{"trigger", "triggers", "the trigger", "what triggered it", "what triggered the incident"},
		words: []string{"trigger", "triggered"}},
	{kind: model.SectionDetection,
		exact: []string{"detection", "identified", "how was it detected", "how we found out", "discovery",
			"how was the event detected", "how it was detected"},
		words: []string{"detection", "detected", "how we found out"}},
	{kind: model.SectionImpact,
		exact: []string{"impact", "customer impact", "user impact", "what was impacted", "impact on users",
			"summary of impact", "affected users", "affected crates", "affected services", "blast radius",
			"scope", "who was affected", "what customers saw", "what users saw", "what members saw",
			"what our customers saw", "what customers experienced", "what users experienced", "what guests saw"},
		words: []string{"impact", "affected", "blast radius"}},
	{kind: model.SectionRootCause,
		exact: []string{"root cause", "root causes", "root cause analysis", "contributing factors", "causes",
			"cause", "context", "analysis", "the underlying issue", "problem", "what caused the incident",
			"why the event happened", "why it happened", "how did this happen", "how did it happen",
			"contributing conditions analysis", "process breakdown", "fault", "investigation", "findings",
			"what went into it", "what broke", "what went wrong technically"},
		words: []string{"root cause", "contributing", "cause", "five whys", "why the", "why did", "why it",
			"underlying", "how did this happen"}},
	{kind: model.SectionResolution,
		exact: []string{"resolution", "resolution and recovery", "mitigation", "mitigation & resolution",
			"mitigation and resolution", "recovery", "response", "fix", "how we fixed it", "actions taken",
			"action taken", "what we did", "repair", "remediation", "mitigations", "workaround", "the fix"},
		words: []string{"resolution", "recovery", "mitigation", "remediation", "resolved", "how we fixed",
			"actions taken", "action taken", "workaround"}},
	{kind: model.SectionLessons,
		exact: []string{"lessons learned", "lessons learnt", "lessons", "takeaways", "learnings", "conclusion",
			"conclusions", "reflections", "what we learned", "what we learnt", "thoughts", "retrospective"},
		words: []string{"lesson", "learned", "learnt", "learning", "learn from", "takeaway", "conclusion",
			"reflection"}},
	{kind: model.SectionSummary,
		exact: []string{"summary", "overview", "executive summary", "issue summary", "incident summary",
			"what happened", "description", "outage description", "background", "tl;dr", "tldr",
			"introduction", "abstract", "incident report", "details", "incident description", "leadup", "lead-up"},
		words: []string{"summary", "what happened", "overview", "background", "description", "tl;dr"}},
}

// exactSection and the word rules are derived from sectionRules once.
var exactSection = func() map[string]string {
	m := map[string]string{}
	for _, r := range sectionRules {
		for _, p := range r.exact {
			if _, dup := m[p]; !dup {
				m[p] = r.kind
			}
		}
	}
	return m
}()

// reItemNumberPrefix matches an agenda item's or part's number before a
// heading's name, with the dash or colon after it (lower case).
var reItemNumberPrefix = regexp.MustCompile(`^(?:top|item|agenda item|part|section|chapter|step|point|punkt)\s+\d{1,2}(?:\.\d{1,2})?\s*[-–—:.]\s*`)

// normalizeHeading lower-cases a heading and strips numbering ("1.",
// "A)"), decoration (**, #, trailing ":" "?"), parenthesised asides
// ("Timeline (times in BST)") and "(s)" plurals.
func normalizeHeading(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.ReplaceAll(h, "(s)", "s")
	h = strings.ReplaceAll(h, "’", "'")
	// Drop parenthesised asides.
	for {
		i := strings.IndexByte(h, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(h[i:], ')')
		if j < 0 {
			h = h[:i]
			break
		}
		h = h[:i] + " " + h[i+j+1:]
	}
	h = strings.Trim(h, " \t*_#:?.!-–—=`")
	// An agenda or part number: "TOP 4 — Actions", "Item 3: Follow-ups",
	// "Part 2 - Timeline".
	if m := reItemNumberPrefix.FindStringIndex(h); m != nil && m[1] < len(h) {
		h = h[m[1]:]
	}
	// Leading numbering: "1.", "1)", "a)", "iv.".
	if i := strings.IndexAny(h, ".)"); i > 0 && i <= 4 {
		num := true
		for _, c := range h[:i] {
			if !(c >= '0' && c <= '9') && !(i <= 2 && c >= 'a' && c <= 'z') && !strings.ContainsRune("ivx", c) {
				num = false
				break
			}
		}
		if num && i+1 < len(h) && h[i+1] == ' ' {
			h = strings.TrimSpace(h[i+1:])
		}
	}
	// pdftotext numbering without a dot: "4 Actions", "4.1 Scope".
	if i := strings.IndexByte(h, ' '); i > 0 && i <= 5 && strings.Trim(h[:i], "0123456789.") == "" && isDigitByte(h[0]) {
		h = strings.TrimSpace(h[i+1:])
	}
	h = strings.ReplaceAll(h, "&amp;", "&")
	return collapseSpace(strings.Trim(h, " \t*_#:?.!"))
}

// classifyHeading returns the canonical section kind for a heading, or ""
// when the heading names no known kind (a timestamp, a component name...).
func classifyHeading(h string) string { return headingKinds.get(h) }

// headingKinds caches classifyHeading: documents repeat the same few
// headings, and every format classifies many candidate lines.
var headingKinds = &memo{limit: 2048, maxIn: 64, f: classifyHeadingUncached}

func classifyHeadingUncached(h string) string {
	// "Immediate corrective actions (completed during the incident)":
	// the aside says they were the resolution.
	if i := strings.IndexByte(h, '('); i > 0 {
		aside := strings.ToLower(h[i:])
		for _, w := range []string{"during the incident", "during the outage", "completed during", "taken during",
			"on the night", "on the day", "during incident", "done during"} {
			if strings.Contains(aside, w) {
				return model.SectionResolution
			}
		}
	}
	n := normalizeHeading(h)
	if n == "" {
		return ""
	}
	if k, ok := exactSection[n]; ok {
		return k
	}
	if len(n) > 80 {
		return ""
	}
	for _, r := range sectionRules {
		for _, w := range r.words {
			if containsWord(n, w) {
				return r.kind
			}
		}
	}
	// "CHILD TICKETS (FOLLOW-UP)": a heading of no known kind whose aside
	// names the follow-ups.
	if i := strings.IndexByte(h, '('); i > 0 && strings.HasSuffix(strings.TrimSpace(h), ")") {
		aside := strings.TrimSuffix(strings.TrimSpace(h[i+1:]), ")")
		l := " " + strings.ToLower(aside) + " "
		negative := strings.Contains(l, " no ") || strings.Contains(l, " not ") || strings.Contains(l, " none ")
		if k := classifyHeadingUncached(aside); k == model.SectionActionItems && !negative {
			return k
		}
	}
	return ""
}

// containsWord reports whether phrase occurs in s as whole words, an "s"
// plural allowed ("cause" matches "root causes" but not "because" or
// "caused").
func containsWord(s, phrase string) bool {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(phrase)
		if end < len(s) && s[end] == 's' {
			end++ // plural: "lessons", "triggers"
		}
		if (i == 0 || !isWordByte(s[i-1])) && (end >= len(s) || !isWordByte(s[end]) || !isWordByte(phrase[len(phrase)-1])) {
			return true
		}
		off = i + 1
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

package ingest

import (
	"testing"

	"github.com/debrief-dev/debrief/model"
)

// Metadata written at the end of an action item is read into its fields
// and removed from its text; the wording of the action stays.
func TestActionTail(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		links []string
		want  model.ActionItem
	}{
		{"dash owner status ticket", "Share knowledge of ci-runners beyond one engineer - owner: hana, status: open, PLAT-6946", nil,
			model.ActionItem{Text: "Share knowledge of ci-runners beyond one engineer", Owner: "hana", Status: "open", Ticket: "PLAT-6946"}},
		{"dash owner with full name", "Roll back automatically on error rate regression - owner: Viktor Costa, status: in-progress, DATA-3595", nil,
			model.ActionItem{Text: "Roll back automatically on error rate regression", Owner: "Viktor Costa", Status: "in-progress", Ticket: "DATA-3595"}},
		{"em dash owner", "Pin dependency versions — owner: ximena", nil,
			model.ActionItem{Text: "Pin dependency versions", Owner: "ximena"}},
		{"paren owner", "Add alert (owner: @sam)", nil,
			model.ActionItem{Text: "Add alert", Owner: "sam"}},
		{"paren handle and ticket", "Rate limit login attempts per account (@gustav, EDGE-618)", nil,
			model.ActionItem{Text: "Rate limit login attempts per account", Owner: "gustav", Ticket: "EDGE-618"}},
		{"paren handle", "Pair on failover so more people know it (@farah)", nil,
			model.ActionItem{Text: "Pair on failover so more people know it", Owner: "farah"}},
		{"paren ticket", "Add schema validation to the importer (DATA-1500)", nil,
			model.ActionItem{Text: "Add schema validation to the importer", Ticket: "DATA-1500"}},
		{"bracket status", "Monitor clock skew [done]", nil,
			model.ActionItem{Text: "Monitor clock skew", Status: "done"}},
		{"sentences", "Rotate keys. Owner: dana. Status: open", nil,
			model.ActionItem{Text: "Rotate keys.", Owner: "dana", Status: "open"}},
		{"bare ticket key", "Add the new intermediate to the trust store PAY-1412", nil,
			model.ActionItem{Text: "Add the new intermediate to the trust store", Ticket: "PAY-1412"}},
		{"trailing url", "Document how to reach the nodes https://example.org/issues/17", nil,
			model.ActionItem{Text: "Document how to reach the nodes", Ticket: "https://example.org/issues/17"}},
		{"labelled url", "Move the cluster to zone A GitHub issue: https://example.org/issues/9", nil,
			model.ActionItem{Text: "Move the cluster to zone A", Ticket: "https://example.org/issues/9"}},
		{"due item", "Alert on handshake errors, due 2024-04-15", nil,
			model.ActionItem{Text: "Alert on handshake errors", Due: "2024-04-15"}},
		{"linked issue number", "Automate deploys (#11957)", []string{"https://example.org/repo/issues/11957"},
			model.ActionItem{Text: "Automate deploys", Ticket: "https://example.org/repo/issues/11957"}},
		{"ticket label and number", "Add a smoke test. Ticket #2973", []string{"https://example.org/repo/issues/2973"},
			model.ActionItem{Text: "Add a smoke test.", Ticket: "https://example.org/repo/issues/2973"}},
		{"link label", "Fix the culler (pull request)", []string{"https://example.org/repo/pull/4"},
			model.ActionItem{Text: "Fix the culler", Ticket: "https://example.org/repo/pull/4"}},

		// Wording that looks like metadata stays.
		{"bare url only", "https://example.org/issues/5", nil,
			model.ActionItem{Text: "https://example.org/issues/5", Ticket: "https://example.org/issues/5"}},
		{"handle in wording", "Fix config @lee", nil,
			model.ActionItem{Text: "Fix config @lee", Owner: "lee"}},
		{"status sentence", "Write the runbook. Status: the draft is being reviewed by the whole platform team", nil,
			model.ActionItem{Text: "Write the runbook. Status: the draft is being reviewed by the whole platform team"}},
		{"example url", "Set up an inventory (for example https://example.org/tool)", nil,
			model.ActionItem{Text: "Set up an inventory (for example https://example.org/tool)", Ticket: "https://example.org/tool"}},
		{"issue in wording", "Uptime and alerting issue: https://example.org/issues/611", nil,
			model.ActionItem{Text: "Uptime and alerting issue", Ticket: "https://example.org/issues/611"}},
		{"number after preposition", "Canary should page after 2 minutes. DONE in PR #5126", []string{"https://example.org/pull/5126"},
			model.ActionItem{Text: "Canary should page after 2 minutes. DONE in PR #5126", Ticket: "https://example.org/pull/5126"}},
		{"label word kept", "Fix the bug: https://example.org/issues/3", nil,
			model.ActionItem{Text: "Fix the bug", Ticket: "https://example.org/issues/3"}},
		{"unlinked number", "Announce rotations in #payments-ops", nil,
			model.ActionItem{Text: "Announce rotations in #payments-ops"}},
		{"not a ticket", "Patch the parser for CVE-2024-1234", nil,
			model.ActionItem{Text: "Patch the parser for CVE-2024-1234"}},
		{"parenthesised wording", "Avoid sending requests for stopped pods (which may overwhelm the hub)", nil,
			model.ActionItem{Text: "Avoid sending requests for stopped pods (which may overwhelm the hub)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := actionFromText(c.text, -1, c.links); got != c.want {
				t.Errorf("actionFromText(%q)\n got  %+v\n want %+v", c.text, got, c.want)
			}
		})
	}
}

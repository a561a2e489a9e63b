package devset

import "testing"

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "The cache filled up.", "The cache filled up."},
		{"whitespace and newlines", "The cache\n  filled\tup.\r\n", "The cache filled up."},
		{"strong", "**Impact:** users saw 502s.", "Impact: users saw 502s."},
		{"strong underscores", "__Note__ the pager was silent.", "Note the pager was silent."},
		{"emphasis", "It was *not* the proxy, it was _the disk_.", "It was not the proxy, it was the disk."},
		{"snake_case kept", "The max_conn_count setting was low.", "The max_conn_count setting was low."},
		{"inline code", "We ran `kubectl drain node_a` twice.", "We ran kubectl drain node_a twice."},
		{"code with stars", "Matched `*.example.org` only.", "Matched *.example.org only."},
		{"link", "See [the runbook](https://example.org/rb?a=(1)) first.", "See the runbook first."},
		{"reference link", "Reported by [Jo][jo] today.", "Reported by Jo today."},
		{"image", "![graph of load](img/load.png) shows the spike.", "graph of load shows the spike."},
		{"autolink", "Status at <https://status.example.org>.", "Status at https://status.example.org."},
		{"email autolink", "Mail <security@example.org> now.", "Mail security@example.org now."},
		{"less-than kept", "Fires when lag < 30s or load <2.", "Fires when lag < 30s or load <2."},
		{"html tags", "Load <b>doubled</b> at<br/>noon.", "Load doubled at noon."},
		{"html comment", "Fixed <!-- todo: check --> quickly.", "Fixed quickly."},
		{"entities", "Q&amp;A &lt;draft&gt; &nbsp;done&#39;s", "Q&A <draft> done's"},
		{"escapes", `Use \*only\* the \_new\_ pool.`, "Use *only* the _new_ pool."},
		{"heading marker", "## Root cause", "Root cause"},
		{"closing heading marks", "### Lessons ###", "Lessons"},
		{"list marker", "- Restarted the pod", "Restarted the pod"},
		{"numbered list", "12. Rolled back the release", "Rolled back the release"},
		{"checkbox", "- [x] Add an alert", "Add an alert"},
		{"quote continuation", "> The disk\n> was full.", "The disk was full."},
		{"math-like stars kept inside words", "a*b was fine", "a*b was fine"},
		{"empty", "  \n ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clean(tc.in); got != tc.want {
				t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

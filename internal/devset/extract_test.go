package devset

import (
	"reflect"
	"strings"
	"testing"
)

func TestCandidatesMarkdown(t *testing.T) {
	doc := strings.Join([]string{
		"+++",
		`title = "front matter is skipped"`,
		"+++",
		"",
		"# Disk full on the build node",
		"",
		"<!-- a comment",
		"over two lines -->",
		"The build node ran out of disk. Jobs **failed** for an hour.",
		"The alert fired late,",
		"because the threshold was high.",
		"",
		"```",
		"df -h shows nothing useful here.",
		"```",
		"",
		"- Clean up old images",
		"- Add a disk alert at 80%",
		"  for every node",
		"",
		"| Time | Event |",
		"| --- | --- |",
		"| 10:00 | Paged the on-call engineer |",
		"",
		"> We assumed the cleanup cron ran daily.",
		"",
		"---",
		"[runbook]: https://example.org/runbook",
		"[The runbook](https://example.org/runbook)",
		"https://example.org/bare",
		"<div>",
		"Done.",
		"</div>",
	}, "\n")
	want := []string{
		"Disk full on the build node",
		"The build node ran out of disk.",
		"Jobs failed for an hour.",
		"The alert fired late, because the threshold was high.",
		"Clean up old images",
		"Add a disk alert at 80% for every node",
		"Time", "Event", "Paged the on-call engineer",
		"We assumed the cleanup cron ran daily.",
		"Done.",
	}
	cands := Candidates("postmortems/x.md", []byte(doc))
	var got []string
	for _, c := range cands {
		if doc[c.Start:c.End] != c.Raw {
			t.Errorf("candidate %q: raw span %d-%d is %q", c.Text, c.Start, c.End, doc[c.Start:c.End])
		}
		if Clean(c.Raw) != c.Text {
			t.Errorf("candidate text %q != Clean(raw) %q", c.Text, Clean(c.Raw))
		}
		if c.File != "postmortems/x.md" {
			t.Errorf("file %q", c.File)
		}
		got = append(got, c.Text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("candidates:\n got %q\nwant %q", got, want)
	}
}

func TestCandidatesPDFText(t *testing.T) {
	doc := strings.Join([]string{
		"Quota enforcer crashed after a config push",
		"",
		"Overview                                  OWNER",
		"A bad config was deployed to prod        Sam",
		"",
		"What Happened",
		"The enforcer failed to load its config and restarted in a loop until the",
		"change was reverted. Users saw no impact.",
		"",
		"9:26 PM",
		"                      Triggered through the API.",
	}, "\n")
	want := []string{
		"Quota enforcer crashed after a config push",
		"Overview", "OWNER",
		"A bad config was deployed to prod", "Sam",
		"What Happened",
		"The enforcer failed to load its config and restarted in a loop until the change was reverted.",
		"Users saw no impact.",
		"9:26 PM",
		"Triggered through the API.",
	}
	var got []string
	for _, c := range Candidates("postmortems-pdf-text/x.txt", []byte(doc)) {
		if doc[c.Start:c.End] != c.Raw {
			t.Errorf("candidate %q: raw span mismatch", c.Text)
		}
		got = append(got, c.Text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("candidates:\n got %q\nwant %q", got, want)
	}
}

package dashboard

import (
	"strconv"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

func render(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Mark != nil {
			b.WriteString("[" + p.Mark.Rule + ":" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	f := func(rule, kind, sev string, s, e int) model.Finding {
		return model.Finding{Rule: rule, Kind: kind, Severity: sev, Start: s, End: e}
	}
	text := "We assumed the café was open."
	tests := []struct {
		name     string
		findings []model.Finding
		want     string
	}{
		{"none", nil, text},
		{"one", []model.Finding{f("a", "assumption", "info", 3, 10)}, "We [a:assumed] the café was open."},
		{"whole", []model.Finding{f("a", "theme", "info", 0, len(text))}, "[a:" + text + "]"},
		{"overlap: blame wins the overlap", []model.Finding{f("t", "theme", "info", 0, 10), f("b", "blame", "warning", 3, 14)},
			"[t:We ][b:assumed][b: the]" + text[14:]},
		{"out of range ignored", []model.Finding{f("x", "blame", "", 5, 500), f("y", "blame", "", -1, 2), f("z", "blame", "", 4, 4)}, text},
		{"mid-rune span ignored", []model.Finding{f("x", "blame", "", 19, 20)}, text},
		{"multibyte span", []model.Finding{f("c", "theme", "", 15, 20)}, "We assumed the [c:café] was open."},
	}
	for _, tc := range tests {
		got := render(highlight(text, tc.findings))
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
	// The overlap run lists both findings in its tooltip.
	ps := highlight(text, []model.Finding{f("t", "theme", "info", 0, 10), f("b", "blame", "warning", 3, 14)})
	if !strings.Contains(ps[1].Mark.Title, "(t)") || !strings.Contains(ps[1].Mark.Title, "(b)") {
		t.Errorf("overlap title %q should name both rules", ps[1].Mark.Title)
	}
}

func TestDocSections(t *testing.T) {
	doc := fixtures()[0] // p1: three sentences in one summary section
	secs := docSections(doc)
	if len(secs) != 2 {
		t.Fatalf("%d sections", len(secs))
	}
	var joined strings.Builder
	for _, p := range secs[0].Pieces {
		joined.WriteString(p.Text)
	}
	if joined.String() != doc.Sections[0].Text {
		t.Errorf("pieces do not rebuild the section text:\n%q\n%q", joined.String(), doc.Sections[0].Text)
	}
	got := render(secs[0].Pieces)
	want := "[blame.single-root-cause:The root cause was] [blame.human-error:human error]. The engineer should have checked the diff. [theme.network:DNS] resolution failed for the gateway."
	if got != want {
		t.Errorf("highlighted:\n got %s\nwant %s", got, want)
	}
	// A sentence whose span does not match its section is shown unhighlighted.
	doc.Sentences[0].Text = "something else"
	got = render(docSections(doc)[0].Pieces)
	if strings.Contains(got, "[blame.human-error") || !strings.HasPrefix(got, "The root cause was human error.") {
		t.Errorf("inconsistent sentence: %s", got)
	}
}

func TestTextBlocks(t *testing.T) {
	mark := &markView{Finding: model.Finding{Rule: "blame.x"}}
	ps := []piece{
		{Text: "Follow-ups:\nAction | Owner | Status\nAdd an "}, {Text: "alert", Mark: mark},
		{Text: " | ops | open\nFix it | dev | done\nThanks | all\nPlain text"},
	}
	bs := textBlocks(ps)
	if len(bs) != 3 || bs[0].Table || !bs[1].Table || bs[2].Table {
		t.Fatalf("blocks %+v, want text, table, text", bs)
	}
	if got := render(bs[0].Pieces); got != "Follow-ups:\n" {
		t.Errorf("text before the table %q", got)
	}
	tb := bs[1]
	if len(tb.Head) != 3 || render(tb.Head[0]) != "Action" || len(tb.Rows) != 2 {
		t.Fatalf("table head %v rows %d", tb.Head, len(tb.Rows))
	}
	if got := render(tb.Rows[0][0]); got != "Add an [blame.x:alert]" {
		t.Errorf("a finding inside a cell must stay highlighted: %q", got)
	}
	// A lone line with a separator after the table is text.
	if got := render(bs[2].Pieces); got != "Thanks | all\nPlain text" {
		t.Errorf("trailing lines %q", got)
	}
	if one := textBlocks([]piece{{Text: "a | b"}}); len(one) != 1 || one[0].Table {
		t.Errorf("a single line with a pipe is text: %+v", one)
	}
}

func TestThemeSentences(t *testing.T) {
	docs := fixtures()
	hits := themeSentences(docs, []string{"network"}, 3)
	var got []string
	for _, h := range hits {
		got = append(got, h.PostmortemID+":"+h.Text)
	}
	// p1 has one network sentence, s1 two; the limit of 3 stops there.
	want := []string{
		"p1:DNS resolution failed for the gateway.",
		"s1:Unexpectedly, the DNS cache kept old records.",
		"s1:The load balancer routed to a drained node.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if hits[1].Section != "summary" || len(hits[1].Findings) != 2 {
		t.Errorf("hit carries section %q and %d findings, want summary and both findings of the sentence", hits[1].Section, len(hits[1].Findings))
	}
}

func TestDedupeHits(t *testing.T) {
	h := func(doc string, idx int, text string) store.SentenceHit {
		return store.SentenceHit{PostmortemID: doc, Index: idx, Text: text}
	}
	got := dedupeHits([]store.SentenceHit{
		h("a", 1, "The cache expired."), h("a", 1, "The cache expired."), // same sentence twice
		h("a", 7, "The  cache expired."), // same text again in the document
		h("b", 1, "The cache expired."),  // another document: kept
		h("a", 2, "Then it recovered."),
	})
	var keys []string
	for _, x := range got {
		keys = append(keys, x.PostmortemID+strconv.Itoa(x.Index))
	}
	if strings.Join(keys, ",") != "a1,b1,a2" {
		t.Errorf("deduped hits %v, want a1,b1,a2", keys)
	}
}

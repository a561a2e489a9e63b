package nlp

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"simple", "The disk filled up. We paged the on-call.", []string{"The disk filled up.", "We paged the on-call."}},
		{"question and exclamation", "Why did it fail? Nobody knew! Then it recovered.", []string{"Why did it fail?", "Nobody knew!", "Then it recovered."}},
		{"abbreviations", "We saw errors, e.g. timeouts and resets. Dr. Smith approved it.", []string{"We saw errors, e.g. timeouts and resets.", "Dr. Smith approved it."}},
		{"decimals and versions", "Version 1.2.3 used 3.5 GB. It was fine.", []string{"Version 1.2.3 used 3.5 GB.", "It was fine."}},
		{"urls and hosts", "See https://example.com/a.b for details. Then crates.io was down.", []string{"See https://example.com/a.b for details.", "Then crates.io was down."}},
		{"closing quotes", `He said "restart it." Then we did.`, []string{`He said "restart it."`, "Then we did."}},
		{"lower-case start after long word", "Service restored. kubectl showed all pods ready.", []string{"Service restored.", "kubectl showed all pods ready."}},
		{"lower-case after short word stays", "It is approx. five minutes.", []string{"It is approx. five minutes."}},
		{"blank line", "First paragraph without a period\n\nSecond one", []string{"First paragraph without a period", "Second one"}},
		{"list items", "Causes:\n- a stale cache\n- a missing alert\n* an old runbook", []string{"Causes:", "- a stale cache", "- a missing alert", "* an old runbook"}},
		{"numbered list", "1. Deploy\n2. Verify", []string{"1. Deploy", "2. Verify"}},
		{"table rows", "| 14:02 | Deploy |\n| 14:09 | Alert |", []string{"| 14:02 | Deploy |", "| 14:09 | Alert |"}},
		{"timestamps", "14:02 deploy started\n14:09 alert fired", []string{"14:02 deploy started", "14:09 alert fired"}},
		{"wrapped line joins", "The deploy started at noon and\ncontinued for an hour.", []string{"The deploy started at noon and\ncontinued for an hour."}},
		{"initials", "J. R. Smith wrote it. Fine.", []string{"J. R. Smith wrote it.", "Fine."}},
		{"ellipsis", "We waited... Nothing happened.", []string{"We waited...", "Nothing happened."}},
		{"unicode", "Le déploiement a échoué. Ça arrive.", []string{"Le déploiement a échoué.", "Ça arrive."}},
		{"whitespace only", " \n\t ", nil},
		{"empty", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(c.text) {
				got = append(got, c.text[s.Start:s.End])
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Sentences(%q)\n got  %q\n want %q", c.text, got, c.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	cases := []struct {
		text string
		want []string // Norm of each token
	}{
		{"The job failed.", []string{"the", "job", "failed", "."}},
		{"We didn't know.", []string{"we", "did", "not", "know", "."}},
		{"It can't, won't.", []string{"it", "can", "not", ",", "will", "not", "."}},
		{"We should've checked; they're sure we'll see.", []string{"we", "should", "have", "checked", ";", "they", "are", "sure", "we", "will", "see", "."}},
		{"The team’s “root cause”", []string{"the", "team", "'s", `"`, "root", "cause", `"`}},
		{"fat-fingered v1.2.3 error_rate 14:05 a@b.io", []string{"fat-fingered", "v1.2.3", "error_rate", "14:05", "a@b.io"}},
		{"See https://x.io/a?b=1.", []string{"see", "https://x.io/a?b=1", "."}},
		{"HUMAN Error", []string{"human", "error"}},
		{"ends-", []string{"ends", "-"}},
		{"\xff bad", []string{"\ufffd", "bad"}},
	}
	for _, c := range cases {
		var got []string
		for _, tok := range Tokens(c.text) {
			got = append(got, tok.Norm)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokens(%q)\n got  %q\n want %q", c.text, got, c.want)
		}
	}
	// Offsets: "didn't" splits at the clitic.
	toks := Tokens("didn’t")
	if len(toks) != 2 || toks[0].End != 3 || toks[1].Start != 3 || toks[1].End != len("didn’t") {
		t.Errorf("offsets %+v", toks)
	}
}

// checkSpans asserts the Sentences and Tokens invariants on text.
func checkSpans(t *testing.T, text string) {
	prev := 0
	for _, s := range Sentences(text) {
		if s.Start < prev || s.Start >= s.End || s.End > len(text) {
			t.Fatalf("bad sentence span %+v (prev end %d, len %d) in %q", s, prev, len(text), text)
		}
		r, _ := utf8.DecodeRuneInString(text[s.Start:])
		l, _ := utf8.DecodeLastRuneInString(text[:s.End])
		if unicode.IsSpace(r) || unicode.IsSpace(l) {
			t.Fatalf("untrimmed sentence %q", text[s.Start:s.End])
		}
		prev = s.End
	}
	prev = 0
	covered := make([]bool, len(text))
	for _, tok := range Tokens(text) {
		if tok.Start < prev || tok.Start >= tok.End || tok.End > len(text) {
			t.Fatalf("bad token span %+v (prev end %d) in %q", tok, prev, text)
		}
		if tok.Norm == "" || strings.ContainsFunc(tok.Norm, unicode.IsSpace) {
			t.Fatalf("bad norm %q", tok.Norm)
		}
		for i := tok.Start; i < tok.End; i++ {
			covered[i] = true
		}
		prev = tok.End
	}
	for i, r := range text {
		if !unicode.IsSpace(r) && !covered[i] {
			t.Fatalf("rune %q at %d not in any token of %q", r, i, text)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"The disk filled up. We paged the on-call.", "e.g. x. Y", "| a | b |\n- c\n1. d", "didn’t can't",
		"https://x.io/a. b", "\xff\xfe.", "...\n\n..", "“quoted.” Next", "a.b.c. D",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text)
	})
}

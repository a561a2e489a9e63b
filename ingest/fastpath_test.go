package ingest

import (
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// The fast paths give what the straightforward code gives.

func TestIsInstructionAny(t *testing.T) {
	for _, s := range []string{
		"", "Describe what happened", "DESCRIBE: the impact", "describer of things", "List", "Listing",
		"Template from the SRE book", "Use this template", "see THIS TEMPLATE below", "e.g. a link",
		"Note: times are UTC", "Notes on the fix", "Ünicode: describe", "describe ünicode", "write",
	} {
		if got, want := isInstructionAny(s), isInstruction(strings.ToLower(s)); got != want {
			t.Errorf("isInstructionAny(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestZoneSentenceFast(t *testing.T) {
	reference := func(s string) (*time.Location, bool) {
		low := strings.ToLower(s)
		i := strings.Index(low, "times")
		if i < 0 || i > 200 {
			return nil, false
		}
		return findZoneHint(s[i:min(len(s), i+120)])
	}
	for _, s := range []string{
		"All times in CET", "ALL TIMES ARE UTC.", "(times in BST)", "no zone here",
		strings.Repeat("x", 199) + " times in PST", strings.Repeat("x", 205) + " times in PST",
		"Ωmega: all times in EST", strings.Repeat("ẞ", 66) + "times in CET", "Sometimes we page",
	} {
		gl, gok := zoneSentence(s)
		wl, wok := reference(s)
		if gok != wok || (gok && gl.String() != wl.String()) {
			t.Errorf("zoneSentence(%q) = %v %v, want %v %v", s, gl, gok, wl, wok)
		}
	}
}

func TestMemo(t *testing.T) {
	calls := 0
	var mu sync.Mutex
	c := &memo{limit: 2, maxIn: 10, f: func(s string) string {
		mu.Lock()
		calls++
		mu.Unlock()
		return strings.ToUpper(s)
	}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range []string{"a", "b", "c", "a", "long input here"} {
				if got := c.get(s); got != strings.ToUpper(s) {
					t.Errorf("get(%q) = %q", s, got)
				}
			}
		}()
	}
	wg.Wait()
	if n := c.n.Load(); n > 2 {
		t.Errorf("memo holds %d entries, limit 2", n)
	}
	if calls < 4+2 { // "c" and the long input are never cached
		t.Errorf("f called %d times; uncached inputs must be computed", calls)
	}
}

func TestBlankAndNonItemFast(t *testing.T) {
	refBlank := func(v string) bool {
		switch strings.ToLower(strings.Trim(v, " .-?!*_()[]")) {
		case "", "tbd", "tba", "n/a", "na", "none", "unknown", "todo", "null", "nil", "-", "?", "xx", "yyyy-mm-dd":
			return true
		}
		return false
	}
	refNonItem := func(text string) bool {
		t := strings.ToLower(strings.Trim(text, " .!*_"))
		return refBlank(t) || t == "no comments added" || t == "no action items" || t == "nothing" ||
			strings.HasPrefix(t, "no action items")
	}
	for _, s := range []string{"", "None", "N/A", "((((((((((((none))))))))))))", "UNKNOWN", "un\u212anown",
		"No action items were identified", "NO ACTION ITEMS", "Nothing.", "Add retries to the client please",
		"TBD - to be decided later on", "yyyy-mm-dd", "[[[[[[[[[[[[[[[[[[[[[[tbd]]]]]]]]]]]]]]]]]]]]]"} {
		if got, want := isBlankValue(s), refBlank(s); got != want {
			t.Errorf("isBlankValue(%q) = %v, want %v", s, got, want)
		}
		if got, want := isNonItem(s), refNonItem(s); got != want {
			t.Errorf("isNonItem(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"at 14:05", "AT 9", "At", "ät 5", "ca. 14:00", "CA. 9", "cat"} {
		if got, want := hasPrefixFold(s, "at "), strings.HasPrefix(strings.ToLower(s), "at "); got != want {
			t.Errorf("hasPrefixFold(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"Mar", "MAR", "mar", "Foo", "\xe2\x80\x99", "SEP"} {
		if got, want := monthNum3(s), monthNum[strings.ToLower(s)]; got != want {
			t.Errorf("monthNum3(%q) = %v, want %v", s, got, want)
		}
	}
}

// The cheap tests in actionFromText are necessary conditions for the
// patterns they guard.
func TestActionPatternGates(t *testing.T) {
	for _, s := range []string{
		"Fix it by Friday 2024-05-01", "beyond 2024", "BY: 2024-01-01", "(due 2024)", "ETA 3pm", "beta 3",
		"deadline:5", "_by 5", "éby 5", "Due", "xdue 1", "owner: bob", "Assignee=x", "OWNER : y", "who: z",
		"ABC-12", "abc-12", "A-1", "1-2", "x-", "-1", "OPS-12)", "status: open", "(done)", "[WIP]", "DONE: x",
	} {
		if reDue.MatchString(s) && !hasWordStartFold(s, "due", "eta", "deadline", "by") {
			t.Errorf("reDue matches %q but the gate says no", s)
		}
		if reOwnerKV.MatchString(s) && !(containsFold(s, "owner") || containsFold(s, "assign")) {
			t.Errorf("reOwnerKV matches %q but the gate says no", s)
		}
		if reTicketKey.MatchString(s) && !hasKeyShape(s) {
			t.Errorf("reTicketKey matches %q but the gate says no", s)
		}
		if reStatusKV.MatchString(s) && !containsFold(s, "status") {
			t.Errorf("reStatusKV matches %q but the gate says no", s)
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\nb", "a\tb", "caf\u00e9 au lait",
		"caf\u00e9\u00a0au", "x\u2003y", "\u00e9", "a \u00e9  b", "\xff\xfe a", "a\u3000", "\u0085a", "no-op text here."} {
		got, want := collapseSpace(s), strings.Join(strings.Fields(s), " ")
		if got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
	clean := "caf\u00e9 au lait"
	if got := collapseSpace(clean); unsafeData(got) != unsafeData(clean) {
		t.Error("clean text with multi-byte letters was copied")
	}
}

func unsafeData(s string) *byte { return unsafe.StringData(s) }

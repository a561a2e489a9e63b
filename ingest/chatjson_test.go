package ingest

import (
	"strings"
	"testing"
)

// TestChatTime reads message times in the encodings chat exports use.
func TestChatTime(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
		ok   bool
	}{
		{"1735725600.000100", "2025-01-01 10:00:00", true},
		{"1735725600000", "2025-01-01 10:00:00", true},
		{"2025-01-01T11:00:00+01:00", "2025-01-01 10:00:00", true},
		{"yesterday", "", false},
		{"42", "", false},
	} {
		got, ok := chatTime(map[string]any{"ts": c.v})
		if got != c.want || ok != c.ok {
			t.Errorf("chatTime(%v) = %q, %v; want %q, %v", c.v, got, ok, c.want, c.ok)
		}
	}
}

// TestChatTranscript writes a channel export as a transcript, and leaves
// exports with too few timed messages to the incident-record reader.
func TestChatTranscript(t *testing.T) {
	msg := func(ts, user, text string) any { return map[string]any{"ts": ts, "user name": user, "text": text} }
	m := map[string]any{"channel": map[string]any{"name": "inc-1", "topic": "Owner: Gates"},
		"messages": []any{msg("1735725600", "ana", "gates down"), msg("1735725660", "bo", "on it\nrolling back"),
			msg("1735725720", "ana", "fixed")}}
	text, ok := chatTranscript(m)
	if !ok {
		t.Fatal("not read as a chat export")
	}
	for _, want := range []string{"#inc-1 (chat export)\n", "Topic: Owner: Gates\n", "[2025-01-01 10:01:00] bo: on it\n    rolling back\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("transcript lacks %q:\n%s", want, text)
		}
	}
	m["messages"] = []any{msg("1735725600", "ana", "a"), msg("", "bo", "b"), msg("", "cy", "c")}
	if _, ok := chatTranscript(m); ok {
		t.Error("a list with one timed message read as a chat export")
	}
}

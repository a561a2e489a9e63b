package ingest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A chat tool's JSON channel export (Slack, Mattermost, Teams: a
// "messages" list of {ts, user, text}) is a conversation, not an incident
// record: it is written out as the plain-text transcript the text parser
// reads ("[2025-03-18 14:33:05] dami.ade: This one is ours"), after the
// channel's name, topic and purpose.

// chatListKeys name the message list of a channel export.
var chatListKeys = []string{"messages", "posts", "history", "conversation", "chat", "chat messages"}

// chatTextKeys, chatTimeKeys and chatUserKeys name a message's fields.
var (
	chatTextKeys = []string{"text", "message", "body", "content", "msg"}
	chatTimeKeys = []string{"ts", "timestamp", "time", "created at", "create at", "date", "sent at", "posted at"}
	chatUserKeys = []string{"user name", "username", "user", "author", "from", "sender", "display name", "name"}
)

// chatTranscript writes a normalised export holding a channel's messages
// as a transcript. ok is false unless the export has a message list of
// which at least three messages, and most, have a text and a time.
func chatTranscript(m map[string]any) (string, bool) {
	var msgs []any
	for _, k := range chatListKeys {
		if l, isList := m[k].([]any); isList {
			msgs = l
			break
		}
	}
	if len(msgs) < 3 {
		return "", false
	}
	users := chatUsers(m)
	var sb strings.Builder
	channel, _ := m["channel"].(map[string]any)
	if channel == nil {
		channel = m
	}
	// The first line is the title: the export's title, else the channel.
	name := strings.TrimPrefix(firstString(channel, "name", "channel name", "display name"), "#")
	title := firstString(m, "title", "subject", "incident title")
	if title == "" {
		title = "#" + name + " (chat export)"
	}
	fmt.Fprintf(&sb, "%s\n\n", title)
	if name != "" {
		fmt.Fprintf(&sb, "Channel: #%s\n", name)
	}
	for _, k := range []string{"topic", "header", "purpose", "description"} {
		if v := chatValue(channel[k]); v != "" {
			fmt.Fprintf(&sb, "%s: %s\n", strings.ToUpper(k[:1])+k[1:], v)
		}
	}
	sb.WriteString("All timestamps below are UTC.\n\n")
	read := 0
	for _, e := range msgs {
		msg, isMap := e.(map[string]any)
		if !isMap {
			continue
		}
		text := firstString(msg, chatTextKeys...)
		if text == "" {
			text = eventText(msg) // a bot's event: {type, payload}
		}
		stamp, ok := chatTime(msg)
		if text == "" || !ok {
			continue
		}
		read++
		user := firstString(msg, chatUserKeys...)
		if name, known := users[user]; known {
			user = name
		}
		if user == "" {
			user = "unknown"
		}
		lines := strings.Split(strings.TrimSpace(text), "\n")
		fmt.Fprintf(&sb, "[%s] %s: %s\n", stamp, user, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(&sb, "    %s\n", l)
		}
	}
	if read < 3 || read*2 < len(msgs) {
		return "", false
	}
	return sb.String(), true
}

// chatValue is a channel field's text: a string or {value: ...}.
func chatValue(v any) string {
	if mm, ok := v.(map[string]any); ok {
		return firstString(mm, "value", "text")
	}
	return scalarString(v)
}

// chatUsers maps user IDs to names from the export's user list.
func chatUsers(m map[string]any) map[string]string {
	out := map[string]string{}
	list, _ := m["users"].([]any)
	for _, e := range list {
		if u, ok := e.(map[string]any); ok {
			id, name := firstString(u, "id", "user id"), firstString(u, "name", "username", "display name", "real name")
			if id != "" && name != "" {
				out[id] = name
			}
		}
	}
	return out
}

// chatTime is a message's time in UTC as "2006-01-02 15:04:05": from Unix
// seconds ("1742308385.000100") or milliseconds, or a time string the
// export wrote with its zone.
func chatTime(msg map[string]any) (string, bool) {
	for _, k := range chatTimeKeys {
		v, ok := msg[k]
		if !ok {
			continue
		}
		if t, isTime := v.(time.Time); isTime {
			return t.UTC().Format("2006-01-02 15:04:05"), true
		}
		s := scalarString(v)
		if x, err := strconv.ParseFloat(s, 64); err == nil {
			if t, ok := unixTime(x); ok {
				return t.Format("2006-01-02 15:04:05"), true
			}
			continue
		}
		for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC().Format("2006-01-02 15:04:05"), true
			}
		}
	}
	return "", false
}

// eventText writes an incident bot's event without a message text as its
// type and its payload's fields, one per line ("channel topic set\ntopic:
// SEV-3 | Owner: Booking"), or "" for an object with neither.
func eventText(msg map[string]any) string {
	kind := firstString(msg, "type", "event", "kind", "action")
	if kind == "" {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(strings.NewReplacer(".", " ", "_", " ").Replace(kind))
	payload, _ := msg["payload"].(map[string]any)
	if payload == nil {
		payload, _ = msg["data"].(map[string]any)
	}
	keys := make([]string, 0, len(payload))
	for k := range payload {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	topic := strings.Contains(kind, "topic") || strings.Contains(kind, "header")
	for _, k := range keys {
		if v := scalarString(payload[k]); v != "" {
			switch {
			case topic && (k == "old" || k == "from" || k == "previous"):
				continue // the topic it replaced
			case topic && (k == "new" || k == "to" || k == "value"):
				k = "topic" // "channel.topic_changed": {old, new}
			}
			fmt.Fprintf(&sb, "\n%s: %s", k, v)
		} else if l, ok := payload[k].([]any); ok {
			for i, e := range l {
				if t := chatValue(e); t != "" {
					fmt.Fprintf(&sb, "\n%s %d: %s", k, i+1, t)
				} else if em, ok := e.(map[string]any); ok {
					fmt.Fprintf(&sb, "\n%s %d: %s", k, i+1, firstString(em, "title", "text", "summary", "name", "description"))
				}
			}
		}
	}
	return sb.String()
}

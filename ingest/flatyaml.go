package ingest

import (
	"strings"
	"time"
)

// decodeFlatYAML decodes the common shape of YAML front matter without
// the general YAML decoder: one "key: value" per line, where a value is a
// quoted string, a plain word-like scalar, a timestamp, or a flow list of
// such strings ("[a, "b c"]"). It gives exactly what yaml.v3 gives for
// these documents (strings, time.Time, []any) and reports ok=false for
// anything else (nesting, numbers, booleans, escapes, comments after
// values, block lists...), which the caller then hands to yaml.v3.
func decodeFlatYAML(src string) (map[string]any, bool) {
	m := make(map[string]any, 16)
	for len(src) > 0 {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		line = strings.TrimRight(line, " ")
		if line == "" {
			continue
		}
		if line[0] == '#' {
			if !isPrintableASCII(line) {
				return nil, false
			}
			continue
		}
		k := 0
		for k < len(line) && (line[k] >= 'a' && line[k] <= 'z' || line[k] >= 'A' && line[k] <= 'Z' || line[k] == '_' ||
			k > 0 && (line[k] >= '0' && line[k] <= '9' || line[k] == '-')) {
			k++
		}
		// (YAML caps implicit keys at 1024 characters; keys here are short.)
		if k == 0 || k > 128 || k >= len(line) || line[k] != ':' || (k+1 < len(line) && line[k+1] != ' ') {
			return nil, false
		}
		key := line[:k]
		if _, dup := m[key]; dup {
			return nil, false
		}
		v, ok := flatYAMLValue(strings.TrimLeft(line[k+1:], " "))
		if !ok {
			return nil, false
		}
		m[key] = v
	}
	return m, true
}

// flatYAMLValue decodes one value of decodeFlatYAML.
func flatYAMLValue(s string) (any, bool) {
	if s == "" {
		return nil, false // a nested block or null
	}
	switch s[0] {
	case '"', '\'':
		if len(s) < 2 || s[len(s)-1] != s[0] {
			return nil, false
		}
		inner := s[1 : len(s)-1]
		if strings.IndexByte(inner, s[0]) >= 0 || strings.IndexByte(inner, '\\') >= 0 || !isFlatText(inner) {
			return nil, false
		}
		return inner, true
	case '[':
		if s[len(s)-1] != ']' {
			return nil, false
		}
		inner := strings.TrimSpace(s[1 : len(s)-1])
		list := []any{}
		if inner == "" {
			return list, true
		}
		for _, item := range strings.Split(inner, ",") {
			item = strings.TrimSpace(item)
			if item == "" || strings.ContainsAny(item, "[]{}") {
				return nil, false
			}
			v, ok := flatYAMLValue(item)
			if !ok {
				return nil, false
			}
			str, isStr := v.(string)
			if !isStr || (item[0] != '"' && item[0] != '\'' && strings.ContainsAny(str, ":#")) {
				return nil, false
			}
			list = append(list, str)
		}
		return list, true
	}
	if s[0] >= '0' && s[0] <= '9' {
		if t, ok := yamlTimestamp(s); ok {
			return t, true
		}
		return nil, false // numbers and the like
	}
	if !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') || !isFlatText(s) ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return nil, false
	}
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return nil, false
	}
	return s, true
}

// isFlatText reports text of printable ASCII without YAML indicators that
// would change its meaning.
func isFlatText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f {
			return false
		}
		switch c {
		case '{', '}', '[', ']', '&', '*', '!', '|', '>', '%', '@', '`':
			return false
		}
	}
	return true
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// yamlTimestampFormats are the formats yaml.v3 resolves plain scalars
// with, in its order.
var yamlTimestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// yamlTimestamp resolves a plain scalar as yaml.v3 does: four digits and a
// "-", then one of its timestamp formats. Anything else is not handled here.
func yamlTimestamp(s string) (time.Time, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' || !isFlatText(s) || strings.Contains(s, " #") {
		return time.Time{}, false
	}
	for _, f := range yamlTimestampFormats {
		if t, err := time.Parse(f, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

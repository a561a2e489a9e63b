package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteFormats(t *testing.T) {
	r := buildFixture(t, Options{})
	for _, tc := range []struct{ format, prefix string }{
		{"html", "<!DOCTYPE html>"},
		{"HTML", "<!DOCTYPE html>"},
		{"md", "# Learning review, Q3 2025"},
		{"markdown", "# Learning review, Q3 2025"},
	} {
		var buf bytes.Buffer
		if err := r.Write(&buf, tc.format); err != nil {
			t.Fatalf("%s: %v", tc.format, err)
		}
		if !strings.HasPrefix(buf.String(), tc.prefix) {
			t.Errorf("%s output starts %q", tc.format, buf.String()[:min(40, buf.Len())])
		}
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, "pdf"); err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("pdf: error %v, want one naming the format", err)
	}
	if buf.Len() != 0 {
		t.Error("wrote output for an unknown format")
	}
	if name, err := FileName(Quarter{Year: 2025, Q: 3}, "markdown"); err != nil || name != "quarterly-review-2025-Q3.md" {
		t.Errorf("FileName = %q, %v", name, err)
	}
}

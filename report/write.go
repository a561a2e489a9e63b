package report

import (
	"fmt"
	"io"
	"strings"
)

// Output formats accepted by Write.
const (
	FormatHTML     = "html"
	FormatMarkdown = "md"
)

// NormalizeFormat maps a user-given format name ("html", "md",
// "markdown", any case) to FormatHTML or FormatMarkdown.
func NormalizeFormat(format string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "html", "htm":
		return FormatHTML, nil
	case "md", "markdown":
		return FormatMarkdown, nil
	}
	return "", fmt.Errorf("report format %q: want html or md", format)
}

// Write renders the review in the named format (see NormalizeFormat).
func (r *Review) Write(w io.Writer, format string) error {
	f, err := NormalizeFormat(format)
	if err != nil {
		return err
	}
	if f == FormatHTML {
		return r.WriteHTML(w)
	}
	return r.WriteMarkdown(w)
}

// FileName is the conventional file name of a review of q in format:
// "quarterly-review-2025-Q3.html" or "quarterly-review-2025-Q3.md".
func FileName(q Quarter, format string) (string, error) {
	f, err := NormalizeFormat(format)
	if err != nil {
		return "", err
	}
	return "quarterly-review-" + q.String() + "." + f, nil
}

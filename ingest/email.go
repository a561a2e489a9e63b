package ingest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// emailText turns a raw e-mail (an .eml file: RFC 5322 headers, then a
// body that may be MIME multipart, quoted-printable or base64) into the
// plain text the text parser reads: the From, Date and Subject headers as
// "Key: value" lines, a blank line, then the first text/plain part (else
// the first text/html part, its tags dropped). ok is false when src is
// no e-mail; the text is then returned as it is.
func emailText(src string) (string, bool) {
	msg, err := mail.ReadMessage(strings.NewReader(src))
	if err != nil || msg.Header.Get("From") == "" && msg.Header.Get("Subject") == "" {
		return src, false
	}
	body, err := mailBody(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, 0)
	if err != nil {
		return src, false
	}
	var sb strings.Builder
	dec := new(mime.WordDecoder)
	for _, k := range []string{"From", "To", "Cc", "Date", "Subject"} {
		v := msg.Header.Get(k)
		if v == "" {
			continue
		}
		if d, err := dec.DecodeHeader(v); err == nil {
			v = d
		}
		sb.WriteString(k + ": " + strings.Join(strings.Fields(v), " ") + "\n")
	}
	sb.WriteString("\n")
	sb.WriteString(body)
	return sb.String(), true
}

// mailBody decodes one MIME entity's body: a text part is decoded from
// its transfer encoding; a multipart one yields its first text/plain part
// (else its first text/html part, as text), up to three levels deep.
func mailBody(ctype, encoding string, r io.Reader, depth int) (string, error) {
	media, params, mErr := mime.ParseMediaType(ctype)
	if ctype == "" || mErr != nil {
		media, params = "text/plain", nil // no or a broken type: plain text
	}
	if strings.HasPrefix(media, "multipart/") && depth < 3 {
		mr := multipart.NewReader(r, params["boundary"])
		var html string
		// Up to io.EOF, or a broken part: what was read is kept.
		for p, perr := mr.NextPart(); perr == nil; p, perr = mr.NextPart() {
			t, err := mailBody(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, depth+1)
			if err != nil || t == "" {
				continue
			}
			pm, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
			if pm == "text/html" {
				if html == "" {
					html = t
				}
				continue
			}
			return t, nil
		}
		return html, nil
	}
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(io.LimitReader(r, 32<<20))
	if err != nil {
		return "", err
	}
	if media == "text/html" {
		return htmlToText(string(b)), nil
	}
	if !strings.HasPrefix(media, "text/") {
		return "", nil
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), nil
}

// htmlToText is the text of an HTML part: its blocks, one paragraph each.
func htmlToText(src string) string {
	doc := parseHTML(src)
	var sb strings.Builder
	for _, b := range doc.blocks {
		sb.WriteString(b.text)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

// looksEmail reports text that opens with e-mail headers ("Return-Path:",
// "Received:", "From: ... <...@...>" with "Subject:" or "Message-ID:").
func looksEmail(t string) bool {
	head := t[:min(len(t), 2000)]
	if i := strings.Index(head, "\n\n"); i > 0 {
		head = head[:i]
	}
	low := strings.ToLower(head)
	return (strings.HasPrefix(low, "return-path:") || strings.HasPrefix(low, "received:") ||
		strings.HasPrefix(low, "from:") || strings.HasPrefix(low, "delivered-to:")) &&
		(strings.Contains(low, "\nmessage-id:") || strings.Contains(low, "\nmime-version:") ||
			strings.Contains(low, "\nreceived:"))
}

package dashboard

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/debrief-dev/debrief/ingest"
	"github.com/debrief-dev/debrief/model"
)

// Ingest API defaults (Options overrides them).
const (
	defaultMaxIngestBytes = 64 << 20
	defaultWriteBatchDocs = 128
	defaultIngestParallel = 2
	maxFilenameBytes      = 1024
)

// Content types of a JSON Lines batch.
var jsonLinesTypes = map[string]bool{
	"application/x-ndjson": true, "application/jsonl": true, "application/x-jsonlines": true,
	"application/json-lines": true, "application/jsonlines": true,
}

// rawTypes maps the content type of a one-document body to the extension
// ingest sniffs the format from ("" = sniff the content).
var rawTypes = map[string]string{
	"text/markdown": ".md", "text/x-markdown": ".md",
	"text/html": ".html", "application/xhtml+xml": ".html",
	"text/plain":       ".txt",
	"application/json": ".json",
	"application/yaml": ".yaml", "application/x-yaml": ".yaml", "text/yaml": ".yaml", "text/x-yaml": ".yaml",
	"application/octet-stream": "",
}

// formatExt maps the ?format= values of a one-document body to extensions.
var formatExt = map[string]string{
	"markdown": ".md", "md": ".md", "html": ".html", "text": ".txt", "txt": ".txt",
	"json": ".json", "yaml": ".yaml", "yml": ".yaml",
}

// knownExt are the extensions ingest picks a format by.
var knownExt = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mdx": true,
	".html": true, ".htm": true, ".xhtml": true, ".txt": true, ".text": true, ".json": true, ".yaml": true, ".yml": true, ".erb": true}

// ingestItem is one document of a request before parsing: raw bytes with a
// path (Doc nil), or an already parsed model document.
type ingestItem struct {
	name string // how errors name it: "line 3 (a.md)", "part b.md", "body"
	path string
	data []byte
	doc  *model.Postmortem
}

// docError is one rejected document.
type docError struct {
	Document string `json:"document"`
	Error    string `json:"error"`
}

// storedDoc is one document the request stored.
type storedDoc struct {
	ID        string `json:"id"`
	Version   string `json:"version"`
	Path      string `json:"path"`
	Sentences int    `json:"sentences"`
	Findings  int    `json:"findings"`
}

// ingestResult is the body of a successful POST /api/v1/postmortems.
type ingestResult struct {
	Status    string      `json:"status"`
	Received  int         `json:"received"`
	Stored    int         `json:"stored"`
	Templates []docError  `json:"templates"`
	Documents []storedDoc `json:"documents"`
}

// ingestFail is the body of a failed POST: the message, every rejected
// document, and how many documents were stored before a store failure.
type ingestFail struct {
	Status    string     `json:"status"`
	Error     string     `json:"error"`
	Documents []docError `json:"documents,omitempty"`
	Stored    int        `json:"stored"`
}

// httpErr is an ingest failure with its status code.
type httpErr struct {
	code int
	msg  string
	docs []docError
}

func (e *httpErr) Error() string { return e.msg }

func ingestErrf(code int, format string, args ...any) *httpErr {
	return &httpErr{code: code, msg: fmt.Sprintf(format, args...)}
}

// apiIngest is POST /api/v1/postmortems: one document (raw body), a JSON
// Lines batch (model documents or {"path","content"} objects) or
// multipart/form-data files. Either every document is valid and all are
// stored, or the answer is a 4xx naming each bad document and nothing is
// stored. Writes go to the store in batches of at most WriteBatchDocs.
// Storing is an upsert by document id, so sending a request again is safe.
func (s *Server) apiIngest(c *gin.Context) {
	select {
	case s.ingestSlots <- struct{}{}:
		defer func() { <-s.ingestSlots }()
	case <-c.Request.Context().Done():
		s.ingestFailed(c, ingestErrf(http.StatusServiceUnavailable, "server busy: too many concurrent ingest requests"), 0)
		return
	}
	body := &countingReader{r: c.Request.Body}
	c.Request.Body = io.NopCloser(body)
	items, err := s.readItems(c)
	s.metrics.ingestBytes.Add(float64(body.n))
	if err != nil {
		s.ingestFailed(c, err, 0)
		return
	}
	docs, templates, errs := s.parseItems(items)
	s.metrics.ingestDocs.WithLabelValues("template").Add(float64(len(templates)))
	if len(errs) > 0 {
		s.metrics.ingestDocs.WithLabelValues("rejected").Add(float64(len(errs)))
		e := ingestErrf(http.StatusUnprocessableEntity, "%d of %d documents rejected, nothing stored: %s: %s",
			len(errs), len(items), errs[0].Document, errs[0].Error)
		e.docs = errs
		s.ingestFailed(c, e, 0)
		return
	}
	stored, err := s.writeDocs(c, docs)
	if err != nil {
		s.ingestFailed(c, err, stored)
		return
	}
	res := ingestResult{Status: "ok", Received: len(items), Stored: len(docs), Templates: templates,
		Documents: make([]storedDoc, len(docs))}
	if res.Templates == nil {
		res.Templates = []docError{}
	}
	for i, d := range docs {
		res.Documents[i] = storedDoc{ID: d.ID, Version: d.Version, Path: d.Source.Path,
			Sentences: len(d.Sentences), Findings: len(d.Findings)}
	}
	c.JSON(http.StatusOK, res)
}

func (s *Server) ingestFailed(c *gin.Context, err error, stored int) {
	var he *httpErr
	if !errors.As(err, &he) {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			he = ingestErrf(http.StatusRequestEntityTooLarge, "request body larger than %d bytes", mb.Limit)
		} else {
			he = ingestErrf(http.StatusBadRequest, "%v", err)
		}
	}
	if he.code == http.StatusServiceUnavailable {
		c.Header("Retry-After", "5")
	}
	s.metrics.ingestErrs.WithLabelValues(fmt.Sprint(he.code)).Inc()
	c.AbortWithStatusJSON(he.code, ingestFail{Status: "error", Error: he.msg, Documents: he.docs, Stored: stored})
}

// readItems splits the request body into documents by its content type.
func (s *Server) readItems(c *gin.Context) ([]ingestItem, error) {
	ct := c.GetHeader("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" {
		mt, err = "application/octet-stream", nil
	}
	if err != nil {
		return nil, ingestErrf(http.StatusUnsupportedMediaType, "Content-Type %q: %v", ct, err)
	}
	switch {
	case jsonLinesTypes[mt]:
		return s.readJSONLines(c.Request.Body)
	case mt == "multipart/form-data":
		return s.readMultipart(c.Request.Body, params["boundary"])
	}
	ext, known := rawTypes[mt]
	if !known {
		return nil, ingestErrf(http.StatusUnsupportedMediaType,
			"Content-Type %q: send a document (text/markdown, text/html, text/plain, application/json, application/yaml), "+
				"a JSON Lines batch (application/x-ndjson) or multipart/form-data", mt)
	}
	q := c.Request.URL.Query()
	if f := q.Get("format"); f != "" {
		e, ok := formatExt[strings.ToLower(f)]
		if !ok {
			return nil, ingestErrf(http.StatusBadRequest, "parameter format=%q: want markdown, html, text, json or yaml", f)
		}
		ext = e
	}
	data, err := s.readDoc(c.Request.Body, "body")
	if err != nil {
		return nil, err
	}
	name := q.Get("filename")
	if name == "" {
		name = q.Get("path")
	}
	if name != "" {
		if err := checkFilename(name); err != nil {
			return nil, ingestErrf(http.StatusBadRequest, "parameter filename: %v", err)
		}
		if ext != "" && !strings.EqualFold(path.Ext(name), ext) && (q.Get("format") != "" || !knownExt[strings.ToLower(path.Ext(name))]) {
			// ?format=, or a Content-Type for a name without a known
			// extension, picks the format: ingest sniffs it from the name.
			name += ext
		}
	} else {
		// No name: the content names the document, so sending the same
		// bytes twice stores one document.
		sum := sha256.Sum256(data)
		name = "api/" + hex.EncodeToString(sum[:8]) + ext
	}
	return []ingestItem{{name: "body (" + name + ")", path: name, data: data}}, nil
}

// readDoc reads one document, at most MaxDocBytes.
func (s *Server) readDoc(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, s.opts.MaxDocBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > s.opts.MaxDocBytes {
		return nil, ingestErrf(http.StatusRequestEntityTooLarge, "%s: document larger than %d bytes", name, s.opts.MaxDocBytes)
	}
	return data, nil
}

func checkFilename(name string) error {
	switch {
	case len(name) > maxFilenameBytes:
		return fmt.Errorf("longer than %d bytes", maxFilenameBytes)
	case !utf8.ValidString(name):
		return errors.New("not valid UTF-8")
	case strings.ContainsAny(name, "\x00\r\n"):
		return errors.New("contains a control character")
	}
	return nil
}

// lineItem is a JSON Lines entry: {"path","content"} or a model document.
type lineItem struct {
	Path    string  `json:"path"`
	Content *string `json:"content"`
}

func (s *Server) readJSONLines(r io.Reader) ([]ingestItem, error) {
	sc := bufio.NewScanner(r)
	// A line is one document as JSON; escaping can double its size.
	sc.Buffer(make([]byte, 0, 64<<10), int(2*s.opts.MaxDocBytes+1024))
	var items []ingestItem
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		name := fmt.Sprintf("line %d", n)
		if !utf8.Valid(line) {
			return nil, &httpErr{code: http.StatusUnprocessableEntity, msg: name + ": invalid UTF-8",
				docs: []docError{{name, "invalid UTF-8 at byte " + fmt.Sprint(ingest.FirstInvalidUTF8(line))}}}
		}
		var li lineItem
		if err := json.Unmarshal(line, &li); err != nil {
			return nil, &httpErr{code: http.StatusBadRequest, msg: name + ": not a JSON object: " + err.Error(),
				docs: []docError{{name, err.Error()}}}
		}
		if li.Content != nil {
			if li.Path == "" {
				return nil, ingestErrf(http.StatusUnprocessableEntity, "%s: {\"path\",\"content\"} needs a path", name)
			}
			if err := checkFilename(li.Path); err != nil {
				return nil, ingestErrf(http.StatusUnprocessableEntity, "%s: path: %v", name, err)
			}
			if int64(len(*li.Content)) > s.opts.MaxDocBytes {
				return nil, ingestErrf(http.StatusRequestEntityTooLarge, "%s (%s): document larger than %d bytes", name, li.Path, s.opts.MaxDocBytes)
			}
			items = append(items, ingestItem{name: name + " (" + li.Path + ")", path: li.Path, data: []byte(*li.Content)})
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var doc model.Postmortem
		if err := dec.Decode(&doc); err != nil {
			return nil, &httpErr{code: http.StatusUnprocessableEntity, msg: name + ": not a postmortem document: " + err.Error(),
				docs: []docError{{name, err.Error()}}}
		}
		items = append(items, ingestItem{name: name + " (" + doc.ID + ")", path: doc.Source.Path, doc: &doc})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, ingestErrf(http.StatusRequestEntityTooLarge, "line %d: longer than the per-document limit (%d bytes)", n+1, s.opts.MaxDocBytes)
		}
		return nil, err
	}
	if len(items) == 0 {
		return nil, ingestErrf(http.StatusBadRequest, "empty batch: no JSON Lines")
	}
	return items, nil
}

func (s *Server) readMultipart(r io.Reader, boundary string) ([]ingestItem, error) {
	if boundary == "" {
		return nil, ingestErrf(http.StatusBadRequest, "multipart/form-data without a boundary")
	}
	mr := multipart.NewReader(r, boundary)
	var items []ingestItem
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, ingestErrf(http.StatusBadRequest, "multipart body: %v", err)
		}
		name := p.FileName()
		if name == "" {
			_ = p.Close()
			continue // a form field, not a file
		}
		if err := checkFilename(name); err != nil {
			return nil, ingestErrf(http.StatusUnprocessableEntity, "part %q: file name: %v", name, err)
		}
		data, err := s.readDoc(p, "part "+name)
		_ = p.Close()
		if err != nil {
			return nil, err
		}
		items = append(items, ingestItem{name: "part " + name, path: name, data: data})
	}
	if len(items) == 0 {
		return nil, ingestErrf(http.StatusBadRequest, "multipart body has no files")
	}
	return items, nil
}

// parseItems parses and analyses raw items and validates model documents.
func (s *Server) parseItems(items []ingestItem) (docs []*model.Postmortem, templates, errs []docError) {
	opts := ingest.Options{MaxBytes: s.opts.MaxDocBytes}
	for _, it := range items {
		doc := it.doc
		if doc == nil {
			if !utf8.Valid(it.data) {
				errs = append(errs, docError{it.name, fmt.Sprintf("invalid UTF-8 at byte %d", ingest.FirstInvalidUTF8(it.data))})
				continue
			}
			var err error
			doc, err = ingest.Parse(it.path, it.data, opts)
			if errors.Is(err, ingest.ErrTemplate) {
				templates = append(templates, docError{it.name, err.Error()})
				continue
			}
			if err != nil {
				errs = append(errs, docError{it.name, err.Error()})
				continue
			}
			if len(doc.Sentences) == 0 {
				errs = append(errs, docError{it.name, "no prose found (no sentences to store)"})
				continue
			}
			s.opts.Analyzer.AnalyzeDocument(doc)
		} else if err := validateDoc(doc); err != nil {
			errs = append(errs, docError{it.name, err.Error()})
			continue
		}
		docs = append(docs, doc)
	}
	return docs, templates, errs
}

// validateDoc checks what the store relies on in a document sent already
// parsed: an id and version, and spans that point inside the document.
func validateDoc(d *model.Postmortem) error {
	switch {
	case strings.TrimSpace(d.ID) == "":
		return errors.New("empty id")
	case len(d.ID) > maxFilenameBytes:
		return fmt.Errorf("id longer than %d bytes", maxFilenameBytes)
	case d.Version == "":
		return errors.New("empty version")
	}
	for i, st := range d.Sentences {
		if st.Section < 0 || st.Section >= len(d.Sections) {
			return fmt.Errorf("sentence %d: section %d of %d", i, st.Section, len(d.Sections))
		}
		if st.Start < 0 || st.Start > st.End || st.End > len(d.Sections[st.Section].Text) {
			return fmt.Errorf("sentence %d: span %d-%d outside its section", i, st.Start, st.End)
		}
	}
	for i, f := range d.Findings {
		if f.Sentence < 0 || f.Sentence >= len(d.Sentences) {
			return fmt.Errorf("finding %d: sentence %d of %d", i, f.Sentence, len(d.Sentences))
		}
	}
	return nil
}

// writeDocs stores docs in batches of WriteBatchDocs (so a long ingest
// never holds the store's writer for long) and returns how many were
// stored. A store failure is a 503: the client should send the request
// again, which is safe.
func (s *Server) writeDocs(c *gin.Context, docs []*model.Postmortem) (int, error) {
	stored := 0
	for len(docs) > 0 {
		n := min(len(docs), s.opts.WriteBatchDocs)
		start := time.Now()
		err := s.st.Put(c.Request.Context(), docs[:n])
		s.metrics.storeWrite.Observe(time.Since(start).Seconds())
		if err != nil {
			s.metrics.storeErrs.Inc()
			s.log.Error("ingest API: store write failed", "stored", stored, "of", stored+len(docs), "err", err)
			return stored, ingestErrf(http.StatusServiceUnavailable,
				"store write failed after %d of %d documents: %v; sending the request again is safe", stored, stored+len(docs), err)
		}
		s.metrics.ingestDocs.WithLabelValues("stored").Add(float64(n))
		stored += n
		docs = docs[n:]
	}
	return stored, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/debrief-dev/debrief/auth"
	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
)

// testTokens returns a keyring with a reader and a writer token.
func testTokens(t *testing.T) (k *auth.Keyring, read, write string) {
	t.Helper()
	read, re, err := auth.NewToken("reader", auth.Read)
	if err != nil {
		t.Fatal(err)
	}
	write, we, err := auth.NewToken("writer", auth.Read, auth.Write)
	if err != nil {
		t.Fatal(err)
	}
	return auth.NewKeyring(re, we), read, write
}

func post(t *testing.T, h http.Handler, target, token, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// writeup is a small Markdown postmortem of our own.
func writeup(id, title string) string {
	return fmt.Sprintf(`---
id: %s
title: %s
team: payments
date: 2025-04-02
severity: SEV2
---
# %s

## Summary
The checkout service returned errors for twenty minutes after a config push.
We assumed the canary would catch a bad flag.

## Root cause
A flag default changed and the cache kept the old value.

## Action items
- Add a check for flag defaults (owner: ops)
`, id, title, title)
}

func stats(t *testing.T, st store.Store) store.Stats {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIngestAPI(t *testing.T) {
	st := fixtureStore(t, nil)
	k, read, write := testTokens(t)
	h := New(st, Options{Keyring: k})
	const target = "/api/v1/postmortems"

	// Auth: 401 without or with a wrong token, 403 with a read-only one.
	for _, tt := range []struct {
		token string
		code  int
	}{{"", 401}, {"dbf_wrong", 401}, {read, 403}} {
		rec := post(t, h, target, tt.token, "text/markdown", []byte(writeup("a1", "First")))
		if rec.Code != tt.code || !strings.Contains(rec.Body.String(), `"status":"error"`) {
			t.Errorf("token %q: %d %s, want %d JSON error", tt.token, rec.Code, rec.Body.String(), tt.code)
		}
	}
	if n := stats(t, st).Postmortems; n != 0 {
		t.Fatalf("unauthorised requests stored %d documents", n)
	}

	// One document, twice: one document stored.
	for i := 0; i < 2; i++ {
		rec := post(t, h, target+"?filename=pm/a1.md", write, "text/markdown; charset=utf-8", []byte(writeup("a1", "First")))
		if rec.Code != 200 {
			t.Fatalf("POST one: %d %s", rec.Code, rec.Body.String())
		}
		var res ingestResult
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.Stored != 1 || res.Documents[0].ID != "a1" {
			t.Fatalf("POST one: %+v %v", res, err)
		}
	}
	if n := stats(t, st).Postmortems; n != 1 {
		t.Errorf("same document twice: %d postmortems, want 1", n)
	}

	// A raw body without a name is named by its content: idempotent too.
	body := []byte(strings.Replace(writeup("", "Nameless"), "id: \n", "", 1))
	for i := 0; i < 2; i++ {
		if rec := post(t, h, target+"?format=markdown", write, "application/octet-stream", body); rec.Code != 200 {
			t.Fatalf("POST nameless: %d %s", rec.Code, rec.Body.String())
		}
	}
	if n := stats(t, st).Postmortems; n != 2 {
		t.Errorf("nameless document twice: %d postmortems, want 2", n)
	}

	// A name without an extension: the Content-Type picks the format.
	html := "<html><body><h1>DNS outage</h1><h2>Summary</h2><p>Resolvers timed out for ten minutes.</p></body></html>"
	rec0 := post(t, h, target+"?filename=wiki/incident-42", write, "text/html", []byte(html))
	var res0 ingestResult
	if err := json.Unmarshal(rec0.Body.Bytes(), &res0); rec0.Code != 200 || err != nil {
		t.Fatalf("POST html without extension: %d %s", rec0.Code, rec0.Body.String())
	}
	if got, err := st.Get(context.Background(), res0.Documents[0].ID); err != nil || got.Source.Format != model.FormatHTML {
		t.Errorf("text/html body named wiki/incident-42: %+v %v, want format html", got, err)
	}

	// JSON Lines: a {path,content} object and a parsed model document.
	doc := fixtures()[0]
	docLine, _ := json.Marshal(doc)
	raw, _ := json.Marshal(map[string]string{"path": "pm/b2.md", "content": writeup("b2", "Second")})
	rec := post(t, h, target, write, "application/x-ndjson", []byte(string(raw)+"\n\n"+string(docLine)+"\n"))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"stored":2`) {
		t.Fatalf("POST jsonl: %d %s", rec.Code, rec.Body.String())
	}
	got, err := st.Get(context.Background(), "p1")
	if err != nil || got.Title != doc.Title || len(got.Findings) != len(doc.Findings) {
		t.Errorf("model document stored as %+v, %v", got, err)
	}

	// Multipart: two files.
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("note", "ignored form field")
	for _, id := range []string{"c3", "c4"} {
		fw, _ := mw.CreateFormFile("file", "pm/"+id+".md")
		_, _ = fw.Write([]byte(writeup(id, "Multi "+id)))
	}
	_ = mw.Close()
	rec = post(t, h, target, write, mw.FormDataContentType(), mp.Bytes())
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"stored":2`) {
		t.Fatalf("POST multipart: %d %s", rec.Code, rec.Body.String())
	}
	if n := stats(t, st).Postmortems; n != 7 {
		t.Errorf("after all posts: %d postmortems, want 7", n)
	}

	// Reads stay open without RequireReadToken.
	if rec := get(t, h, "/api/v1/stats"); rec.Code != 200 {
		t.Errorf("open read: %d", rec.Code)
	}
	m := get(t, h, "/metrics").Body.String()
	for _, want := range []string{`debrief_ingest_api_documents_total{result="stored"} 9`,
		`debrief_http_requests_total{code="401",method="POST",route="/api/v1/postmortems"} 2`,
		`debrief_http_requests_total{code="403",method="POST",route="/api/v1/postmortems"} 1`,
		`debrief_ingest_api_errors_total{code="401"} 2`, `debrief_ingest_api_errors_total{code="403"} 1`,
		"debrief_store_write_duration_seconds_count", "debrief_ingest_api_bytes_total", "go_goroutines", "process_resident_memory_bytes",
		`debrief_http_requests_total{code="200",method="POST",route="/api/v1/postmortems"} 7`} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestReadToken(t *testing.T) {
	k, read, write := testTokens(t)
	h := New(fixtureStore(t, fixtures()), Options{Keyring: k, RequireReadToken: true})
	for _, path := range []string{"/", "/api/v1/stats", "/metrics", "/postmortems/p1"} {
		rec := get(t, h, path)
		if rec.Code != 401 || rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("%s without token: %d (WWW-Authenticate %q), want 401", path, rec.Code, rec.Header().Get("WWW-Authenticate"))
		}
		for _, tok := range []string{read, write} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				t.Errorf("%s with token: %d", path, rec.Code)
			}
		}
	}
	if rec := get(t, h, "/healthz"); rec.Code != 200 {
		t.Errorf("healthz needs no token: %d", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.SetBasicAuth("me", read)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("browser basic auth: %d", rec.Code)
	}
}

func TestIngestAPINoWriteToken(t *testing.T) {
	h := New(fixtureStore(t, nil), Options{})
	rec := post(t, h, "/api/v1/postmortems", "dbf_x", "text/markdown", []byte(writeup("a", "A")))
	if rec.Code != 401 || !strings.Contains(rec.Body.String(), "no token with the write scope is configured") {
		t.Errorf("no tokens configured: %d %s", rec.Code, rec.Body.String())
	}
}

// TestIngestAPIHostile sends bodies a hostile or broken client could send:
// each gets the expected 4xx with a message naming the problem, and
// nothing is stored.
func TestIngestAPIHostile(t *testing.T) {
	st := fixtureStore(t, nil)
	k, _, write := testTokens(t)
	h := New(st, Options{Keyring: k, MaxIngestBytes: 1 << 20, MaxDocBytes: 64 << 10})
	deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	deepObj := `{"id":"d","version":"v","title":` + strings.Repeat(`{"a":`, 20_000) + "1" + strings.Repeat("}", 20_000) + "}"
	good, _ := json.Marshal(map[string]string{"path": "ok.md", "content": writeup("ok", "Fine")})
	badSpan, _ := json.Marshal(&model.Postmortem{ID: "x", Version: "v", Sentences: []model.Sentence{{Section: 3, Start: 0, End: 5}}})
	badFinding, _ := json.Marshal(&model.Postmortem{ID: "y", Version: "v", Findings: []model.Finding{{Sentence: 9}}})
	tests := []struct {
		name, target, ctype string
		body                []byte
		code                int
		msg                 string
	}{
		{"huge body", "", "text/markdown", bytes.Repeat([]byte("a"), 2<<20), 413, "larger than 1048576 bytes"},
		{"huge document", "", "text/markdown", bytes.Repeat([]byte("word "), 20<<10), 413, "document larger than 65536 bytes"},
		{"huge line", "", "application/x-ndjson", []byte(`{"path":"a.md","content":"` + strings.Repeat("b", 200<<10) + `"}`), 413, "per-document limit"},
		{"deep JSON document", "?filename=deep.json", "application/json", []byte(deep), 413, "larger than"},
		{"deep JSON line", "", "application/x-ndjson", []byte(deepObj), 400, "line 1: not a JSON object: invalid character '{' exceeded max depth"},
		{"invalid UTF-8 body", "?filename=bad.md", "text/markdown", []byte("# Title\n\nbad \xff\xfe bytes here.\n"), 422, "invalid UTF-8 at byte 13"},
		{"invalid UTF-8 line", "", "application/x-ndjson", append(append([]byte{}, good...), []byte("\n{\"path\":\"b.md\",\"content\":\"\xc3\x28\"}")...), 422, "line 2: invalid UTF-8"},
		{"not JSON", "", "application/x-ndjson", []byte("hello"), 400, "line 1: not a JSON object"},
		{"unknown field", "", "application/x-ndjson", []byte(`{"id":"a","version":"v","tilte":"x"}`), 422, `unknown field "tilte"`},
		{"empty id", "", "application/x-ndjson", []byte(`{"version":"v"}`), 422, "empty id"},
		{"span outside", "", "application/x-ndjson", badSpan, 422, "sentence 0: section 3 of 0"},
		{"finding outside", "", "application/x-ndjson", badFinding, 422, "finding 0: sentence 9 of 0"},
		{"one bad in batch", "", "application/x-ndjson", append(append([]byte{}, good...), []byte("\n{\"path\":\"e.md\",\"content\":\"   \"}")...), 422, "1 of 2 documents rejected, nothing stored: line 2 (e.md): empty file"},
		{"binary", "?filename=x.md", "text/markdown", []byte("abc\x00def"), 422, "binary file"},
		{"unsupported type", "", "image/png", []byte("x"), 415, "Content-Type"},
		{"bad content type", "", "text/;;", []byte("x"), 415, "Content-Type"},
		{"bad format", "?format=exe", "text/plain", []byte("x"), 400, "format"},
		{"empty batch", "", "application/x-ndjson", []byte("\n\n"), 400, "empty batch"},
		{"multipart no files", "", "multipart/form-data; boundary=zz", []byte("--zz--\r\n"), 400, "no files"},
		{"multipart no boundary", "", "multipart/form-data", []byte("x"), 400, "boundary"},
		{"control chars in name", "?filename=" + url.QueryEscape("a\x00b.md"), "text/markdown", []byte(writeup("n", "N")), 400, "control character"},
		{"script-only HTML", "?filename=evil.html", "text/html", []byte("<html><body><script>alert(1)</script></body></html>"), 422, "evil.html): no prose found"},
	}
	for _, tt := range tests {
		rec := post(t, h, "/api/v1/postmortems"+tt.target, write, tt.ctype, tt.body)
		var res ingestFail
		err := json.Unmarshal(rec.Body.Bytes(), &res)
		if rec.Code != tt.code || err != nil || res.Status != "error" || !strings.Contains(res.Error+fmt.Sprint(res.Documents), tt.msg) {
			t.Errorf("%s: %d %.300s, want %d with %q", tt.name, rec.Code, rec.Body.String(), tt.code, tt.msg)
		}
	}
	if n := stats(t, st).Postmortems; n != 0 {
		t.Errorf("hostile bodies stored %d documents", n)
	}

	// Script-laden HTML that is a real writeup is stored without its scripts.
	html := `<html><head><script>alert("head")</script><title>Cache outage</title></head><body>
<h1>Cache outage</h1><h2>Summary</h2><p>The cache <script>document.cookie</script>went down for ten minutes.</p>
<p onclick="alert(2)">We restarted the nodes and traffic recovered.</p>
<h2>Action items</h2><ul><li>Alert on cache evictions</li></ul></body></html>`
	rec := post(t, h, "/api/v1/postmortems?filename=outage.html", write, "text/html", []byte(html))
	if rec.Code != 200 {
		t.Fatalf("script-laden HTML: %d %s", rec.Code, rec.Body.String())
	}
	var res ingestResult
	_ = json.Unmarshal(rec.Body.Bytes(), &res)
	got, err := st.Get(context.Background(), res.Documents[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := json.Marshal(got)
	for _, bad := range []string{"alert(", "cookie", "<script", "onclick"} {
		if strings.Contains(string(all), bad) {
			t.Errorf("stored document keeps %q: %s", bad, all)
		}
	}
}

// injections are values that would break a query built by string splicing.
var injections = []string{
	`'`, `"`, `'; DROP TABLE postmortems; --`, `' OR '1'='1`, `%00`, "\x00", `\`, `%27`, `) OR 1=1 --`,
	strings.Repeat("x", 5000), "ünïcødé 🚒 漢字", "\u202e\u200b", `<script>alert(1)</script>`, `2025-Q9`, `-1`, `99999999999999999999`,
}

// getEndpoints are every GET API route with an id filled in.
var getEndpoints = []string{
	"/api/v1/filters", "/api/v1/stats", "/api/v1/charts", "/api/v1/charts/postmortems-by-quarter", "/api/v1/aggregate",
	"/api/v1/postmortems", "/api/v1/postmortems/p1", "/api/v1/postmortems/p1/similar", "/api/v1/search",
	"/api/v1/action-items", "/api/v1/teams", "/api/v1/teams/compare", "/api/v1/quality/rules", "/api/v1/quality/best", "/api/v1/patterns",
	"/", "/teams", "/themes", "/quality", "/patterns", "/postmortems", "/postmortems/p1", "/search",
}

// injectParams are every filter and endpoint parameter.
var injectParams = []string{"team", "severity", "service", "theme", "quarter", "from", "to", "q", "kind", "label",
	"sort", "limit", "offset", "page", "measure", "group_by", "quantile", "status", "format", "a", "b"}

// TestInjection sends hostile strings in every parameter of every GET
// endpoint: no 5xx, and the stored data is unchanged afterwards.
func TestInjection(t *testing.T) {
	st := fixtureStore(t, fixtures())
	h := New(st, Options{CacheTTL: -1})
	before := stats(t, st)
	n := 0
	for e, ep := range getEndpoints {
		params, stride := injectParams, 3
		if !strings.HasPrefix(ep, "/api/") {
			// Pages share the API's parameter parsing and render slowly:
			// the filter parameters with fewer values keep this short.
			params, stride = filterParams, 5
		}
		if testing.Short() {
			stride *= 4 // -short (the race run): a quarter of the requests
		}
		for i, p := range params {
			for j, v := range injections {
				// Every (parameter, value) pair is sent to a third of
				// the endpoints (a fifth of the pages), rotating, so
				// each value reaches each parameter of every kind of
				// endpoint while the test stays a few seconds long.
				if (e+i+j)%stride != 0 {
					continue
				}
				target := ep + "?" + url.Values{p: {v}}.Encode()
				rec := get(t, h, target)
				n++
				if rec.Code >= 500 {
					t.Errorf("GET %s: %d %.200s", target, rec.Code, rec.Body.String())
				}
			}
		}
		for _, v := range injections[:4] { // as a path segment too
			rec := get(t, h, strings.Replace(ep, "p1", url.PathEscape(v), 1))
			if rec.Code >= 500 {
				t.Errorf("GET %s with id %q: %d", ep, v, rec.Code)
			}
		}
	}
	if after := stats(t, st); after != before {
		t.Errorf("stored data changed by %d GETs: %+v -> %+v", n, before, after)
	}
	if _, err := st.Get(context.Background(), "p1"); err != nil {
		t.Errorf("p1 after injections: %v", err)
	}
}

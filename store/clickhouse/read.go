package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

var dialect = sqlutil.Dialect{
	HasAny: func(col string, n int) string {
		return fmt.Sprintf("hasAny(%s, [%s])", col, sqlutil.Placeholders(n))
	},
	DateCmp: func(prefix, op string) string {
		return fmt.Sprintf("(%shas_date = 1 AND %sdate %s toDateTime(?))", prefix, prefix, op)
	},
	// Unix seconds: clickhouse-go would bind a time.Time as DateTime64,
	// which ClickHouse 18 lacks. DateTime starts at 1970.
	TimeArg: func(t time.Time) any { return max(t.Unix(), 0) },
}

// lightCols are the postmortems columns reads filter, sort and aggregate
// on: everything but the large text columns (sections, quality).
const lightCols = "id, seq, title, team, severity, services, themes, theme_weights, member_themes, date, has_date, duration_minutes, " +
	"scored, score, n_sentences, n_findings, n_blame, n_assumptions, n_action_items, n_timeline_events, source_path"

// currentDocs is a subquery of the current version of every document: the
// row with the highest seq per id, which is what FINAL returns from the
// ReplacingMergeTree(seq) ordered by id. Filters go outside it: inside, an
// automatic PREWHERE could drop a newer version before FINAL collapses and
// expose an older one. With local set it reads the node's local table (the
// right side of a JOIN whose left side is Distributed; see the package
// comment on clusters).
func (s *Store) currentDocs(local bool) string {
	table := "postmortems"
	if local {
		table = s.cfg.localQ("postmortems")
	}
	return "(SELECT " + lightCols + " FROM " + table + " FINAL)"
}

// docs returns a subquery over the current, filtered postmortems that
// exposes id as doc_id, seq and cols, plus its arguments; extra are more
// conditions. With joined set it reads the local table (see currentDocs).
func (s *Store) docs(joined bool, f store.Filter, cols string, extra ...string) (string, []any) {
	where, args := sqlutil.Where(dialect, f, "")
	conds := append([]string{where}, extra...)
	return fmt.Sprintf("(SELECT id AS doc_id, seq, %s FROM %s WHERE %s)", cols, s.currentDocs(joined), strings.Join(conds, " AND ")), args
}

func datePtr(t time.Time, has uint8) *time.Time {
	if has == 0 {
		return nil
	}
	u := t.UTC()
	return &u
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// each runs query and calls fn for every row.
func (s *Store) each(ctx context.Context, query string, args []any, fn func(driver.Rows) error) error {
	rows, err := s.conn.Query(ctx, query, args...)
	return sqlutil.EachRow(rows, err, fn)
}

// Get returns the current version of a postmortem with its child rows.
func (s *Store) Get(ctx context.Context, id string) (*model.Postmortem, error) {
	docs, err := s.getMany(ctx, []string{id}, nil, "get "+id)
	if err != nil {
		return nil, err
	}
	p := docs[id]
	if p == nil {
		return nil, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	return p, nil
}

// scanBatch is how many postmortems Scan reads per round of queries.
const scanBatch = 500

// Scan streams the postmortems matching f, fully loaded, in List's "date"
// order (see store.Scanner): one query for the matching IDs and their
// current seqs, then one query per table for each batch of scanBatch.
// A document replaced since the ID query comes back at the version the
// ID query saw when that version's rows are still there (ReplacingMergeTree
// keeps them until a merge), else at its newest version.
func (s *Store) Scan(ctx context.Context, f store.Filter, fn func(*model.Postmortem) error) error {
	where, args := sqlutil.Where(dialect, f, "")
	var ids []string
	seqs := map[string]uint64{}
	err := s.each(ctx, "SELECT id, seq FROM "+s.currentDocs(false)+" WHERE "+where+" ORDER BY "+listOrder["date"], args,
		func(r driver.Rows) error {
			var id string
			var seq uint64
			err := r.Scan(&id, &seq)
			ids, seqs[id] = append(ids, id), seq
			return err
		})
	if err != nil {
		return wrap("scan", err)
	}
	return sqlutil.ScanBatches(ids, scanBatch, func(batch []string) (map[string]*model.Postmortem, error) {
		return s.getMany(ctx, batch, seqs, "scan")
	}, fn)
}

// getMany reads the postmortems with the given IDs and their child rows,
// one query per table (the child tables concurrently). Each document is
// read at the version seqs names, falling back to its highest seq when
// seqs has no entry or that version is gone. IDs not stored are absent
// from the result. op names the operation in errors.
func (s *Store) getMany(ctx context.Context, ids []string, seqs map[string]uint64, op string) (map[string]*model.Postmortem, error) {
	in := " IN (" + sqlutil.Placeholders(len(ids)) + ")"
	args := sqlutil.Args(ids)
	docs := make(map[string]*model.Postmortem, len(ids))
	seqOf := make(map[string]uint64, len(ids))
	err := s.each(ctx, `SELECT id, version, seq, title, team, severity, services, date, has_date,
		started_at, detected_at, resolved_at, duration_minutes, authors,
		source_path, source_format, source_sha256, source_bytes, sections, warnings, quality
		FROM postmortems WHERE id`+in, args, func(r driver.Rows) error {
		p := &model.Postmortem{}
		var seq uint64
		var date time.Time
		var hasDate uint8
		var started, detected, resolved *time.Time
		var sections, quality string
		var services, authors, warnings []string
		err := r.Scan(&p.ID, &p.Version, &seq, &p.Title, &p.Team, &p.Severity, &services, &date, &hasDate,
			&started, &detected, &resolved, &p.DurationMinutes, &authors,
			&p.Source.Path, &p.Source.Format, &p.Source.SHA256, &p.Source.Bytes, &sections, &warnings, &quality)
		if err != nil {
			return err
		}
		// Keep the wanted version: the one seqs names, else the newest.
		if have, ok := seqOf[p.ID]; ok {
			want, named := seqs[p.ID]
			switch {
			case named && have == want:
				return nil // already holding the named version
			case named && seq == want:
				// the named version replaces whatever was held
			case seq < have:
				return nil // keep the newest
			}
		}
		p.Services = sqlutil.EmptyToNil(services)
		p.Authors = sqlutil.EmptyToNil(authors)
		p.Warnings = sqlutil.NilToEmpty(warnings)
		p.Date = datePtr(date, hasDate)
		p.StartedAt, p.DetectedAt, p.ResolvedAt = utc(started), utc(detected), utc(resolved)
		if p.Sections, err = sqlutil.DecodeSections(p.ID, sections); err != nil {
			return err
		}
		if p.Quality, err = sqlutil.DecodeQuality(p.ID, quality); err != nil {
			return err
		}
		p.Sentences, p.ActionItems, p.Timeline = []model.Sentence{}, []model.ActionItem{}, []model.TimelineEvent{}
		docs[p.ID], seqOf[p.ID] = p, seq
		return nil
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	if len(docs) == 0 {
		return docs, nil
	}

	// The child tables are independent: read them concurrently (one
	// round trip of latency instead of five). Each loader scans
	// (doc_id, seq, columns...) and returns the document's appender; rows
	// of other versions are dropped.
	type appender func(*model.Postmortem)
	loads := []struct {
		what, query string
		row         func(driver.Rows, *string, *uint64) (appender, error)
	}{
		{"sentences", `SELECT doc_id, seq, section_idx, start_off, end_off, text FROM sentences`,
			func(r driver.Rows, id *string, seq *uint64) (appender, error) {
				var sec int32
				var start, end uint32
				var x model.Sentence
				err := r.Scan(id, seq, &sec, &start, &end, &x.Text)
				x.Section, x.Start, x.End = int(sec), int(start), int(end)
				return func(p *model.Postmortem) { p.Sentences = append(p.Sentences, x) }, err
			}},
		{"findings", `SELECT doc_id, seq, sentence_idx, kind, label, rule, start_off, end_off, match, message, suggestion, severity FROM findings`,
			func(r driver.Rows, id *string, seq *uint64) (appender, error) {
				f, err := scanFinding(r, []any{id, seq})
				return func(p *model.Postmortem) { p.Findings = append(p.Findings, f) }, err
			}},
		{"themes", `SELECT doc_id, seq, label, weight, member FROM doc_themes`,
			func(r driver.Rows, id *string, seq *uint64) (appender, error) {
				var t model.Theme
				var member uint8
				err := r.Scan(id, seq, &t.Label, &t.Weight, &member)
				t.Member = member == 1
				return func(p *model.Postmortem) { p.Themes = append(p.Themes, t) }, err
			}},
		{"action items", `SELECT doc_id, seq, text, owner, status, due, ticket FROM action_items`,
			func(r driver.Rows, id *string, seq *uint64) (appender, error) {
				var a model.ActionItem
				err := r.Scan(id, seq, &a.Text, &a.Owner, &a.Status, &a.Due, &a.Ticket)
				return func(p *model.Postmortem) { p.ActionItems = append(p.ActionItems, a) }, err
			}},
		{"timeline", `SELECT doc_id, seq, at_time, at_text, text FROM timeline_events`,
			func(r driver.Rows, id *string, seq *uint64) (appender, error) {
				var e model.TimelineEvent
				var at *time.Time
				err := r.Scan(id, seq, &at, &e.AtText, &e.Text)
				e.At = utc(at)
				return func(p *model.Postmortem) { p.Timeline = append(p.Timeline, e) }, err
			}},
	}
	// Each loader collects its rows first and appends after all have
	// finished, so no two goroutines touch one postmortem.
	type row struct {
		id  string
		add appender
	}
	got := make([][]row, len(loads))
	errs := make([]error, len(loads))
	var wg sync.WaitGroup
	for i, l := range loads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.each(ctx, l.query+" WHERE doc_id"+in+" ORDER BY doc_id, idx", args, func(r driver.Rows) error {
				var id string
				var seq uint64
				add, err := l.row(r, &id, &seq)
				if err == nil && seqOf[id] == seq {
					got[i] = append(got[i], row{id, add})
				}
				return err
			})
			if err != nil {
				errs[i] = wrap(op+" "+l.what, err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, rows := range got {
		for _, r := range rows {
			if p := docs[r.id]; p != nil {
				r.add(p)
			}
		}
	}
	return docs, nil
}

// scanFinding scans (sentence_idx, kind, label, rule, start_off, end_off,
// match, message, suggestion, severity), after the destinations in lead.
func scanFinding(r driver.Rows, lead []any) (model.Finding, error) {
	var f model.Finding
	var sent, start, end uint32
	dest := append(append([]any{}, lead...), &sent, &f.Kind, &f.Label, &f.Rule, &start, &end, &f.Match, &f.Message, &f.Suggestion, &f.Severity)
	err := r.Scan(dest...)
	f.Sentence, f.Start, f.End = int(sent), int(start), int(end)
	return f, err
}

var listOrder = map[string]string{
	"date":   "has_date DESC, date DESC, id",
	"score":  "scored DESC, score ASC, id",
	"-score": "scored DESC, score DESC, id",
	"title":  "title, id",
	"team":   "team, has_date DESC, date DESC, id",
	"blame":  "n_blame DESC, id",
}

// List returns one page of summaries and the number of matches.
func (s *Store) List(ctx context.Context, q store.ListQuery) ([]store.Summary, int, error) {
	sortKey, limit, offset, err := sqlutil.CheckList(q)
	if err != nil {
		return nil, 0, err
	}
	// ClickHouse 18 carries every selected column through ORDER BY ...
	// LIMIT, so the page is picked on the sort and filter columns alone
	// (7x faster at 100k documents), then its summaries are read by ID and
	// matched to the page's seqs.
	where, args := sqlutil.Where(dialect, q.Filter, "")
	from := " FROM (SELECT id, seq, title, team, severity, services, themes, member_themes, date, has_date, scored, score, n_blame FROM postmortems FINAL) WHERE " + where
	// The total and the page's IDs are independent: run them concurrently.
	var total uint64
	var countErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		countErr = s.conn.QueryRow(ctx, "SELECT count()"+from, args...).Scan(&total)
	}()
	var ids []string
	pos := map[string]int{}
	seqOf := map[string]uint64{}
	err = s.each(ctx, "SELECT id, seq"+from+" ORDER BY "+listOrder[sortKey]+" LIMIT ?, ?", append(append([]any{}, args...), offset, limit),
		func(r driver.Rows) error {
			var id string
			var seq uint64
			err := r.Scan(&id, &seq)
			pos[id], seqOf[id] = len(ids), seq
			ids = append(ids, id)
			return err
		})
	wg.Wait()
	if err := errors.Join(countErr, err); err != nil {
		return nil, 0, wrap("list", err)
	}
	out := []store.Summary{}
	if len(ids) == 0 {
		return out, int(total), nil
	}
	page := make([]*store.Summary, len(ids))
	err = s.each(ctx, `SELECT id, seq, title, team, severity, services, date, has_date, duration_minutes, score,
		n_sentences, n_blame, n_assumptions, member_themes, source_path FROM postmortems WHERE id IN (`+sqlutil.Placeholders(len(ids))+")",
		sqlutil.Args(ids), func(r driver.Rows) error {
			var x store.Summary
			var seq uint64
			var date time.Time
			var hasDate uint8
			var score int32
			var sentences, blame, assumptions uint32
			err := r.Scan(&x.ID, &seq, &x.Title, &x.Team, &x.Severity, &x.Services, &date, &hasDate, &x.DurationMinutes, &score,
				&sentences, &blame, &assumptions, &x.Themes, &x.Path)
			if err != nil || seq != seqOf[x.ID] {
				return err
			}
			x.Services = sqlutil.NilToEmpty(x.Services)
			x.Themes = sqlutil.NilToEmpty(x.Themes)
			x.Date = datePtr(date, hasDate)
			x.Score, x.Sentences, x.Blame, x.Assumptions = int(score), int(sentences), int(blame), int(assumptions)
			page[pos[x.ID]] = &x
			return nil
		})
	if err != nil {
		return nil, 0, wrap("list", err)
	}
	for _, x := range page {
		if x != nil {
			out = append(out, *x)
		}
	}
	return out, int(total), nil
}

// ActionItems lists the action items of matching postmortems, newest
// postmortem first, in document order.
func (s *Store) ActionItems(ctx context.Context, f store.Filter) ([]store.ActionItemRow, error) {
	docs, args := s.docs(true, f, "title, team, date, has_date")
	out := []store.ActionItemRow{}
	err := s.each(ctx, `SELECT doc_id, title, team, date, has_date, text, owner, status, due, ticket
		FROM action_items ALL INNER JOIN `+docs+` USING (doc_id, seq)
		ORDER BY has_date DESC, date DESC, doc_id, idx`, args, func(r driver.Rows) error {
		var x store.ActionItemRow
		var date time.Time
		var hasDate uint8
		err := r.Scan(&x.PostmortemID, &x.Title, &x.Team, &date, &hasDate, &x.Text, &x.Owner, &x.Status, &x.Due, &x.Ticket)
		x.Date = datePtr(date, hasDate)
		out = append(out, x)
		return err
	})
	if err != nil {
		return nil, wrap("action items", err)
	}
	return out, nil
}

// SearchSentences finds sentences by substring and findings. A key query
// yields (doc_id, seq, idx, date) of the matches; the total (up to
// q.MaxTotal) and the page's keys come from it, concurrently, the page
// looked for among the newest documents first (see searchPage). Then the
// page's sentences, postmortems and findings are loaded by document and
// matched on (doc_id, seq), so every hit is one whole version. Without
// Text, the findings table alone finds the sentences (no scan of every
// sentence's text); with it, the term masks skip most sentences that
// cannot match.
func (s *Store) SearchSentences(ctx context.Context, q store.SentenceQuery) ([]store.SentenceHit, int, error) {
	limit, offset, err := sqlutil.Page(q.Limit, q.Offset)
	if err != nil {
		return nil, 0, err
	}
	docs, docArgs := s.docs(true, q.Filter, "date, has_date")
	fconds, fargs := sqlutil.FindingConds("", q.Kinds, q.Labels)
	// keysIn is the key query over the documents in list (nil: every
	// current, matching document), with columns doc_id, seq, idx and those
	// of its sort order, and that order. Conditions on the scanned table's
	// own columns go to PREWHERE: they run while its rows are read, before
	// the JOIN (which 18.16 runs before WHERE), and the doc_id IN list lets
	// the primary key skip other documents' rows.
	//
	// With a list the JOIN's right side is that list as constants, not a
	// subquery of the current versions: ClickHouse picks the scanned
	// table's parts when a query starts and runs a JOIN's subquery after
	// that, so a Put landing in between (child rows first, its postmortems
	// row last) would make a new seq current while its sentences are not
	// in the parts read, and the document would drop out of the page. The
	// list's seqs were read before this query started, so their rows are
	// in (child rows of a version are never deleted). Without a list (a
	// match set too large to list) a concurrent Put can still hide a
	// document from that one page.
	keysIn := func(list *docList) (string, []any, string) {
		right, rightArgs := docs, docArgs
		sk := "has_date DESC, date DESC, doc_id"
		cols := "has_date, date"
		var pre []string
		var preArgs []any
		if list != nil {
			right, rightArgs = list.constants()
			sk, cols = "rk", "rk"
			pre = append(pre, "doc_id IN ("+sqlutil.Placeholders(len(list.ids))+")")
			preArgs = append(preArgs, sqlutil.Args(list.ids)...)
		}
		if len(fconds) > 0 && q.Text == "" {
			pre = append(pre, fconds...)
			preArgs = append(preArgs, fargs...)
			return "SELECT DISTINCT doc_id, seq, sentence_idx AS idx, " + cols + " FROM findings ALL INNER JOIN " + right +
					" USING (doc_id, seq) PREWHERE " + strings.Join(pre, " AND "),
				append(append([]any{}, rightArgs...), preArgs...), sk + ", idx"
		}
		if q.Text != "" {
			// The term mask (sqlutil.TermMask) rules out sentences
			// without the query's whole words.
			if m := sqlutil.QueryTermMask(q.Text); m != 0 {
				pre = append(pre, "(terms = 0 OR bitAnd(terms, ?) = ?)")
				preArgs = append(preArgs, m, m)
			}
			pre = append(pre, "positionCaseInsensitiveUTF8(text, ?) > 0")
			preArgs = append(preArgs, q.Text)
		}
		keys := "SELECT doc_id, seq, idx, " + cols + " FROM sentences ALL INNER JOIN " + right + " USING (doc_id, seq)"
		if len(pre) > 0 {
			keys += " PREWHERE " + strings.Join(pre, " AND ")
		}
		args := append(append([]any{}, rightArgs...), preArgs...)
		if len(fconds) > 0 {
			keys += " WHERE (seq, idx) IN (SELECT seq, sentence_idx FROM " + s.cfg.localQ("findings") +
				" WHERE " + strings.Join(fconds, " AND ") + ")"
			args = append(args, fargs...)
		}
		return keys, args, sk + ", idx"
	}
	countQ, countArgs, err := sqlutil.CountQuery(s.searchMatches(q, fconds, fargs))
	if err != nil {
		return nil, 0, err
	}
	// The total and the page are independent: run them concurrently.
	var total uint64
	var page []hitKey
	var countErr, pageErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		countErr = s.conn.QueryRow(ctx, countQ, countArgs...).Scan(&total)
	}()
	page, pageErr = s.searchPage(ctx, q.Filter, keysIn, limit, offset)
	wg.Wait()
	if err := errors.Join(countErr, pageErr); err != nil {
		return nil, 0, wrap("search sentences", err)
	}
	total = atLeastPage(total, offset, len(page), q.MaxTotal)
	hits := []store.SentenceHit{}
	if len(page) == 0 {
		return hits, int(total), nil
	}
	var ids []string
	seqOf := map[string]uint64{}
	for _, k := range page {
		if _, ok := seqOf[k.doc]; !ok {
			ids = append(ids, k.doc)
		}
		seqOf[k.doc] = k.seq
	}
	ph, idArgs := sqlutil.Placeholders(len(ids)), sqlutil.Args(ids)
	type docInfo struct {
		title, team string
		date        *time.Time
	}
	type docFinding struct {
		doc string
		f   model.Finding
	}
	// The page's postmortems, sentences and findings: three independent
	// reads by document ID, run concurrently; rows of other versions than
	// the page's are skipped.
	info := map[string]docInfo{}
	byKey := map[hitKey]store.SentenceHit{}
	var findings []docFinding
	loads := []struct {
		what, query string
		row         func(driver.Rows) error
	}{
		{"postmortems", "SELECT id, seq, title, team, date, has_date FROM postmortems WHERE id IN (" + ph + ")", func(r driver.Rows) error {
			var id, title, team string
			var seq uint64
			var date time.Time
			var hasDate uint8
			if err := r.Scan(&id, &seq, &title, &team, &date, &hasDate); err != nil {
				return err
			}
			if seq == seqOf[id] {
				info[id] = docInfo{title, team, datePtr(date, hasDate)}
			}
			return nil
		}},
		{"sentences", "SELECT doc_id, seq, idx, section_kind, text FROM sentences WHERE doc_id IN (" + ph + ")", func(r driver.Rows) error {
			var h store.SentenceHit
			var seq uint64
			var idx uint32
			if err := r.Scan(&h.PostmortemID, &seq, &idx, &h.Section, &h.Text); err != nil {
				return err
			}
			if seq == seqOf[h.PostmortemID] {
				h.Index = int(idx)
				byKey[hitKey{h.PostmortemID, seq, h.Index}] = h
			}
			return nil
		}},
		{"findings", `SELECT doc_id, seq, sentence_idx, kind, label, rule, start_off, end_off, match, message, suggestion, severity
			FROM findings WHERE doc_id IN (` + ph + `) ORDER BY doc_id, idx`, func(r driver.Rows) error {
			var doc string
			var seq uint64
			f, err := scanFinding(r, []any{&doc, &seq})
			if err == nil && seq == seqOf[doc] {
				findings = append(findings, docFinding{doc, f})
			}
			return err
		}},
	}
	errs := make([]error, len(loads))
	for i, l := range loads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.each(ctx, l.query, idArgs, l.row); err != nil {
				errs[i] = wrap("search sentences: "+l.what, err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	for _, k := range page {
		h, ok := byKey[k]
		if !ok {
			continue
		}
		d := info[k.doc]
		h.Title, h.Team, h.Date = d.title, d.team, d.date
		hits = append(hits, h)
	}
	idx := sqlutil.NewHitIndex(hits)
	for _, f := range findings {
		idx.Add(hits, f.doc, f.f)
	}
	return hits, int(total), nil
}

// atLeastPage is a search's total given the page it found: at least
// offset+pageLen (at most maxTotal, for a capped count). The count has no
// snapshot in common with the page: it picks the sentences' parts when it
// starts and the current seqs after that, so a Put landing in between
// makes it count a new version whose sentences it does not read (zero,
// for a search of that document alone), and a page of hits would be
// dropped as past the end.
func atLeastPage(total uint64, offset, pageLen, maxTotal int) uint64 {
	if pageLen == 0 {
		return total
	}
	n := uint64(offset + pageLen)
	if maxTotal > 0 && n > uint64(maxTotal) {
		n = uint64(maxTotal)
	}
	return max(total, n)
}

// searchMatches is a query with one row per match of q, for counting:
// unlike the key query it needs no dates, so instead of a JOIN with the
// current documents it tests each row's seq against theirs (a set of
// integers; bitOr(seq, 0) keeps ClickHouse from trying that set against
// the primary key), and only the term mask goes to PREWHERE, so the text
// is matched on the rows the mask lets through (20-30% faster at 100k
// documents). It returns the query, its arguments and q.MaxTotal.
func (s *Store) searchMatches(q store.SentenceQuery, fconds []string, fargs []any) (string, []any, int) {
	where, args := sqlutil.Where(dialect, q.Filter, "")
	current := "bitOr(seq, 0) IN (SELECT seq FROM " + s.currentDocs(true) + " WHERE " + where + ")"
	if len(fconds) > 0 && q.Text == "" {
		return "SELECT DISTINCT doc_id, seq, sentence_idx FROM findings PREWHERE " + strings.Join(fconds, " AND ") +
			" WHERE " + current, append(append([]any{}, fargs...), args...), q.MaxTotal
	}
	query := "SELECT 1 FROM sentences"
	var qargs []any
	conds := []string{current}
	if q.Text != "" {
		if m := sqlutil.QueryTermMask(q.Text); m != 0 {
			query += " PREWHERE (terms = 0 OR bitAnd(terms, ?) = ?)"
			qargs = append(qargs, m, m)
		}
		conds = append(conds, "positionCaseInsensitiveUTF8(text, ?) > 0")
	}
	qargs = append(qargs, args...)
	if q.Text != "" {
		qargs = append(qargs, q.Text)
	}
	if len(fconds) > 0 {
		conds = append(conds, "(seq, idx) IN (SELECT seq, sentence_idx FROM "+s.cfg.localQ("findings")+
			" WHERE "+strings.Join(fconds, " AND ")+")")
		qargs = append(qargs, fargs...)
	}
	return query + " WHERE " + strings.Join(conds, " AND "), qargs, q.MaxTotal
}

// hitKey identifies a sentence of one document version.
type hitKey struct {
	doc      string
	seq      uint64
	sentence int
}

// searchChunk is the number of newest documents the first page query
// looks at; each retry doubles it.
var searchChunk = 1000

// docList is current documents in page order (newest first): their IDs
// and the seqs of their current versions.
type docList struct {
	ids  []string
	seqs []uint64
}

// constants is the list as a subquery of constants with the columns
// doc_id, seq and rk (the rank in page order), and its arguments.
func (l *docList) constants() (string, []any) {
	n := len(l.ids)
	args := make([]any, 0, 3*n)
	for _, id := range l.ids {
		args = append(args, id)
	}
	for _, seq := range l.seqs {
		args = append(args, seq)
	}
	for i := range l.ids {
		args = append(args, uint32(i))
	}
	ph := sqlutil.Placeholders(n)
	return "(SELECT d AS doc_id, toUInt64(q) AS seq, toUInt32(r) AS rk FROM system.one ARRAY JOIN [" + ph + "] AS d, [" + ph + "] AS q, [" + ph + "] AS r)", args
}

// searchPage returns the keys of hits offset..offset+limit, ordered newest
// document first. Hits come in document order (date, then ID), so the
// first hits of all are the first hits among the newest documents: the
// page is looked for in the newest searchChunk matching documents first
// (listed, so the primary key reads only their rows, with the seqs read
// here; see keysIn), with twice as many documents on each retry, then in
// all of them listed once the chunk holds every matching document, or
// unlisted when the list would make too long a query. keysIn builds the
// key query over a list of documents (nil: all).
func (s *Store) searchPage(ctx context.Context, f store.Filter, keysIn func(*docList) (string, []any, string), limit, offset int) ([]hitKey, error) {
	where, fargs := sqlutil.Where(dialect, f, "")
	for chunk := searchChunk; ; chunk *= 2 {
		list := &docList{}
		err := s.each(ctx, "SELECT id, seq FROM "+s.currentDocs(false)+" WHERE "+where+" ORDER BY has_date DESC, date DESC, id LIMIT ?",
			append(append([]any{}, fargs...), chunk), func(r driver.Rows) error {
				var id string
				var seq uint64
				err := r.Scan(&id, &seq)
				list.ids, list.seqs = append(list.ids, id), append(list.seqs, seq)
				return err
			})
		if err != nil {
			return nil, err
		}
		if listBytes(list.ids) > maxListBytes {
			break // too long a query
		}
		if len(list.ids) == 0 {
			return nil, nil
		}
		keys, args, order := keysIn(list)
		page, err := s.pageKeys(ctx, keys, args, order, limit, offset)
		if err != nil || len(page) == limit || len(list.ids) < chunk {
			return page, err // a full page, or the list is every matching document
		}
	}
	keys, args, order := keysIn(nil)
	return s.pageKeys(ctx, keys, args, order, limit, offset)
}

// maxListBytes bounds the lists a key query carries, well under
// ClickHouse's default max_query_size (256 KiB).
const maxListBytes = 96 << 10

// listBytes is what listing ids takes in a key query: each ID twice (the
// PREWHERE list and the constants) with its seq and rank.
func listBytes(ids []string) int {
	n := 0
	for _, id := range ids {
		n += 2*(len(id)+4) + 24 + 8
	}
	return n
}

// pageKeys runs a key query in order (newest document first) and returns
// its rows offset..offset+limit.
func (s *Store) pageKeys(ctx context.Context, keys string, args []any, order string, limit, offset int) ([]hitKey, error) {
	var page []hitKey
	err := s.each(ctx, "SELECT doc_id, seq, idx FROM ("+keys+") ORDER BY "+order+" LIMIT ?, ?",
		append(args, offset, limit), func(r driver.Rows) error {
			var k hitKey
			var idx uint32
			err := r.Scan(&k.doc, &k.seq, &idx)
			k.sentence = int(idx)
			page = append(page, k)
			return err
		})
	return page, err
}

// Stats counts the current versions' rows. Child row counts come from the
// counts stored with each postmortems row: Put writes a version's child
// rows before its postmortems row, so a visible version's children are all
// in, and one scan of postmortems answers instead of six.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var v [6]uint64
	err := s.conn.QueryRow(ctx, `SELECT count(), uniqExactIf(team, team != ''), sum(n_sentences), sum(n_findings),
		sum(n_action_items), sum(n_timeline_events) FROM `+s.currentDocs(false)).Scan(&v[0], &v[1], &v[2], &v[3], &v[4], &v[5])
	if err != nil {
		return store.Stats{}, wrap("stats", err)
	}
	return store.Stats{Postmortems: int64(v[0]), Teams: int64(v[1]), Sentences: int64(v[2]),
		Findings: int64(v[3]), ActionItems: int64(v[4]), TimelineEvents: int64(v[5])}, nil
}

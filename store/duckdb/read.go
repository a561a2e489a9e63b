package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

var dialect = sqlutil.Dialect{
	// list_contains per value is an order of magnitude faster than
	// list_has_any, which builds a list per row.
	HasAny: func(col string, n int) string {
		ors := make([]string, n)
		for i := range ors {
			ors[i] = fmt.Sprintf("list_contains(%s, ?::VARCHAR)", col)
		}
		return "(" + strings.Join(ors, " OR ") + ")"
	},
	DateCmp: func(prefix, op string) string { return fmt.Sprintf("%sdate %s ?", prefix, op) },
	TimeArg: func(t time.Time) any { return t },
}

// strs converts a scanned LIST value into []string.
func strs(v any) []string {
	switch l := v.(type) {
	case []any:
		out := make([]string, 0, len(l))
		for _, e := range l {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return l
	}
	return nil
}

// Get returns the postmortem with all its child rows, read from one
// snapshot.
func (s *Store) Get(ctx context.Context, id string) (p *model.Postmortem, err error) {
	err = s.snapshot(ctx, func(db queryer) error {
		docs, err := getMany(ctx, db, []string{id}, "get "+id)
		if err != nil {
			return err
		}
		if p = docs[id]; p == nil {
			return fmt.Errorf("%w: %s", store.ErrNotFound, id)
		}
		return nil
	})
	return p, err
}

// scanBatch is how many postmortems Scan reads per round of queries.
const scanBatch = 256

// Scan streams the postmortems matching f, fully loaded, in List's "date"
// order (see store.Scanner). Each batch of scanBatch documents is read
// from one snapshot with one query per table.
func (s *Store) Scan(ctx context.Context, f store.Filter, fn func(*model.Postmortem) error) error {
	where, args := sqlutil.Where(dialect, f, "p")
	var ids []string
	err := each(ctx, s.db, `SELECT p.id FROM postmortems p WHERE `+where+` ORDER BY `+listOrder["date"], args, func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	})
	if err != nil {
		return wrap("scan", err)
	}
	return sqlutil.ScanBatches(ids, scanBatch, func(batch []string) (docs map[string]*model.Postmortem, err error) {
		err = s.snapshot(ctx, func(db queryer) error {
			docs, err = getMany(ctx, db, batch, "scan")
			return err
		})
		return docs, err
	}, fn)
}

// getMany reads the postmortems with the given IDs and all their child
// rows, one query per table; IDs not stored are absent from the result. op
// names the operation in errors.
func getMany(ctx context.Context, db queryer, ids []string, op string) (map[string]*model.Postmortem, error) {
	in := " IN (" + sqlutil.Placeholders(len(ids)) + ")"
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	docs := make(map[string]*model.Postmortem, len(ids))
	err := each(ctx, db, `SELECT id, version, title, team, severity, services,
		date, started_at, detected_at, resolved_at, duration_minutes, authors,
		source_path, source_format, source_sha256, source_bytes, sections, warnings, quality
		FROM postmortems WHERE id`+in, args, func(r *sql.Rows) error {
		p := &model.Postmortem{}
		var services, authors, warnings any
		var date, started, detected, resolved sql.NullTime
		var sections, quality string
		err := r.Scan(&p.ID, &p.Version, &p.Title, &p.Team, &p.Severity, &services,
			&date, &started, &detected, &resolved, &p.DurationMinutes, &authors,
			&p.Source.Path, &p.Source.Format, &p.Source.SHA256, &p.Source.Bytes, &sections, &warnings, &quality)
		if err != nil {
			return err
		}
		p.Services = sqlutil.EmptyToNil(strs(services))
		p.Authors = sqlutil.EmptyToNil(strs(authors))
		p.Warnings = sqlutil.NilToEmpty(strs(warnings))
		p.Date = sqlutil.UTCPtr(date.Time, date.Valid)
		p.StartedAt = sqlutil.UTCPtr(started.Time, started.Valid)
		p.DetectedAt = sqlutil.UTCPtr(detected.Time, detected.Valid)
		p.ResolvedAt = sqlutil.UTCPtr(resolved.Time, resolved.Valid)
		if p.Sections, err = sqlutil.DecodeSections(p.ID, sections); err != nil {
			return err
		}
		if p.Quality, err = sqlutil.DecodeQuality(p.ID, quality); err != nil {
			return err
		}
		p.Sentences, p.ActionItems, p.Timeline = []model.Sentence{}, []model.ActionItem{}, []model.TimelineEvent{}
		docs[p.ID] = p
		return nil
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	if len(docs) == 0 {
		return docs, nil
	}
	// Child rows come ordered by document and index; rows of documents
	// not in docs cannot occur (same IDs, same snapshot) but are skipped.
	children := []struct {
		what, query string
		row         func(r *sql.Rows) (string, func(*model.Postmortem), error)
	}{
		{"sentences", `SELECT doc_id, section_idx, start_off, end_off, text FROM sentences`, func(r *sql.Rows) (string, func(*model.Postmortem), error) {
			var id string
			var x model.Sentence
			err := r.Scan(&id, &x.Section, &x.Start, &x.End, &x.Text)
			return id, func(p *model.Postmortem) { p.Sentences = append(p.Sentences, x) }, err
		}},
		{"findings", `SELECT doc_id, sentence_idx, kind, label, rule, start_off, end_off, match, message, suggestion, severity FROM findings`, func(r *sql.Rows) (string, func(*model.Postmortem), error) {
			var id string
			var f model.Finding
			err := r.Scan(&id, &f.Sentence, &f.Kind, &f.Label, &f.Rule, &f.Start, &f.End, &f.Match, &f.Message, &f.Suggestion, &f.Severity)
			return id, func(p *model.Postmortem) { p.Findings = append(p.Findings, f) }, err
		}},
		{"themes", `SELECT doc_id, label, weight, member FROM doc_themes`, func(r *sql.Rows) (string, func(*model.Postmortem), error) {
			var id string
			var t model.Theme
			err := r.Scan(&id, &t.Label, &t.Weight, &t.Member)
			return id, func(p *model.Postmortem) { p.Themes = append(p.Themes, t) }, err
		}},
		{"action items", `SELECT doc_id, text, owner, status, due, ticket FROM action_items`, func(r *sql.Rows) (string, func(*model.Postmortem), error) {
			var id string
			var a model.ActionItem
			err := r.Scan(&id, &a.Text, &a.Owner, &a.Status, &a.Due, &a.Ticket)
			return id, func(p *model.Postmortem) { p.ActionItems = append(p.ActionItems, a) }, err
		}},
		{"timeline", `SELECT doc_id, at_time, at_text, text FROM timeline_events`, func(r *sql.Rows) (string, func(*model.Postmortem), error) {
			var id string
			var e model.TimelineEvent
			var at sql.NullTime
			err := r.Scan(&id, &at, &e.AtText, &e.Text)
			e.At = sqlutil.UTCPtr(at.Time, at.Valid)
			return id, func(p *model.Postmortem) { p.Timeline = append(p.Timeline, e) }, err
		}},
	}
	for _, c := range children {
		err := each(ctx, db, c.query+" WHERE doc_id"+in+" ORDER BY doc_id, idx", args, func(r *sql.Rows) error {
			id, add, err := c.row(r)
			if err != nil {
				return err
			}
			if p := docs[id]; p != nil {
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, wrap(op+" "+c.what, err)
		}
	}
	return docs, nil
}

// queryer is *sql.DB or *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// snapshot runs fn in a transaction, so that its queries read one
// consistent state even while Puts commit.
func (s *Store) snapshot(ctx context.Context, fn func(queryer) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return wrap("begin read", err)
	}
	defer func() { _ = tx.Rollback() }()
	return fn(tx)
}

// each runs query and calls fn for every row.
func each(ctx context.Context, db queryer, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	return sqlutil.EachRow(rows, err, fn)
}

var listOrder = map[string]string{
	"date":   "p.date DESC NULLS LAST, p.id",
	"score":  "p.scored DESC, p.score ASC, p.id",
	"-score": "p.scored DESC, p.score DESC, p.id",
	"title":  "p.title, p.id",
	"team":   "p.team, p.date DESC NULLS LAST, p.id",
	"blame":  "p.n_blame DESC, p.id",
}

// List returns one page of summaries and the number of matches, read from
// one snapshot.
func (s *Store) List(ctx context.Context, q store.ListQuery) (out []store.Summary, total int, err error) {
	err = s.snapshot(ctx, func(db queryer) error {
		out, total, err = list(ctx, db, q)
		return err
	})
	return out, total, err
}

func list(ctx context.Context, db queryer, q store.ListQuery) ([]store.Summary, int, error) {
	sortKey, limit, offset, err := sqlutil.CheckList(q)
	if err != nil {
		return nil, 0, err
	}
	where, args := sqlutil.Where(dialect, q.Filter, "p")
	var total int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM postmortems p WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, wrap("list", err)
	}
	out := []store.Summary{}
	if total == 0 || offset >= total {
		return out, total, nil
	}
	query := `SELECT p.id, p.title, p.team, p.severity, p.services, p.date, p.duration_minutes, p.score,
		p.n_sentences, p.n_blame, p.n_assumptions, p.member_themes, p.source_path
		FROM postmortems p WHERE ` + where + ` ORDER BY ` + listOrder[sortKey] + ` LIMIT ? OFFSET ?`
	err = each(ctx, db, query, append(args, limit, offset), func(r *sql.Rows) error {
		var x store.Summary
		var services, themes any
		var date sql.NullTime
		err := r.Scan(&x.ID, &x.Title, &x.Team, &x.Severity, &services, &date, &x.DurationMinutes, &x.Score,
			&x.Sentences, &x.Blame, &x.Assumptions, &themes, &x.Path)
		x.Services = sqlutil.NilToEmpty(strs(services))
		x.Themes = sqlutil.NilToEmpty(strs(themes))
		x.Date = sqlutil.UTCPtr(date.Time, date.Valid)
		out = append(out, x)
		return err
	})
	if err != nil {
		return nil, 0, wrap("list", err)
	}
	return out, total, nil
}

// ActionItems lists the action items of matching postmortems, newest
// postmortem first, in document order.
func (s *Store) ActionItems(ctx context.Context, f store.Filter) ([]store.ActionItemRow, error) {
	db := s.db
	where, args := sqlutil.Where(dialect, f, "p")
	out := []store.ActionItemRow{}
	err := each(ctx, db, `SELECT p.id, p.title, p.team, p.date, a.text, a.owner, a.status, a.due, a.ticket
		FROM postmortems p JOIN action_items a ON a.doc_id = p.id
		WHERE `+where+` ORDER BY p.date DESC NULLS LAST, p.id, a.idx`, args, func(r *sql.Rows) error {
		var x store.ActionItemRow
		var date sql.NullTime
		err := r.Scan(&x.PostmortemID, &x.Title, &x.Team, &date, &x.Text, &x.Owner, &x.Status, &x.Due, &x.Ticket)
		x.Date = sqlutil.UTCPtr(date.Time, date.Valid)
		out = append(out, x)
		return err
	})
	if err != nil {
		return nil, wrap("action items", err)
	}
	return out, nil
}

// SearchSentences finds sentences by substring and findings, reading one
// snapshot.
func (s *Store) SearchSentences(ctx context.Context, q store.SentenceQuery) (hits []store.SentenceHit, total int, err error) {
	err = s.snapshot(ctx, func(db queryer) error {
		hits, total, err = search(ctx, db, q)
		return err
	})
	return hits, total, err
}

func search(ctx context.Context, db queryer, q store.SentenceQuery) ([]store.SentenceHit, int, error) {
	limit, offset, err := sqlutil.Page(q.Limit, q.Offset)
	if err != nil {
		return nil, 0, err
	}
	where, args := sqlutil.Where(dialect, q.Filter, "p")
	// A key query yields (doc_id, idx, date) of the matching sentences; the
	// count and the page's keys come from it, then the page's sentences are
	// loaded by document. Without Text, sentences with findings are found
	// from the findings table alone (no scan of every sentence).
	fconds, fargs := sqlutil.FindingConds("f.", q.Kinds, q.Labels)
	var keys, countQ string
	var keyArgs, countArgs []any
	if len(fconds) > 0 && q.Text == "" {
		keys = "SELECT DISTINCT f.doc_id, f.sentence_idx AS idx, p.date, p.title, p.team FROM findings f JOIN postmortems p ON p.id = f.doc_id WHERE " +
			where + " AND " + strings.Join(fconds, " AND ")
		keyArgs = append(append(keyArgs, args...), fargs...)
		// The count needs no dates: a semi-join on the filtered IDs.
		countQ = "SELECT DISTINCT f.doc_id, f.sentence_idx FROM findings f WHERE " + strings.Join(fconds, " AND ")
		countArgs = fargs
		if !sqlutil.FilterIsZero(q.Filter) {
			countQ += " AND f.doc_id IN (SELECT id FROM postmortems p WHERE " + where + ")"
			countArgs = append(append([]any{}, fargs...), args...)
		}
	} else {
		from := "sentences s"
		if len(fconds) > 0 {
			from = "(SELECT DISTINCT doc_id, sentence_idx FROM findings f WHERE " + strings.Join(fconds, " AND ") +
				") f JOIN sentences s ON s.doc_id = f.doc_id AND s.idx = f.sentence_idx"
		}
		textCond := ""
		var textArgs []any
		if q.Text != "" {
			// The term mask (sqlutil.TermMask) rules out most sentences
			// with an integer test before the substring match runs.
			if m := sqlutil.QueryTermMask(q.Text); m != 0 {
				textCond = " AND (s.terms = 0 OR s.terms & ? = ?)"
				textArgs = []any{int64(m), int64(m)}
			}
			textCond += " AND contains(lower(s.text), lower(?))"
			textArgs = append(textArgs, q.Text)
		}
		keys = "SELECT s.doc_id, s.idx, p.date, p.title, p.team FROM " + from + " JOIN postmortems p ON p.id = s.doc_id WHERE " + where + textCond
		keyArgs = append(append(append(keyArgs, fargs...), args...), textArgs...)
		countQ, countArgs = keys, keyArgs
		if sqlutil.FilterIsZero(q.Filter) { // every sentence's postmortem matches: skip the join
			countQ = "SELECT 1 FROM " + from + " WHERE 1 = 1" + textCond
			countArgs = append(append([]any{}, fargs...), textArgs...)
		}
	}
	countQ, countArgs, err = sqlutil.CountQuery(countQ, countArgs, q.MaxTotal)
	if err != nil {
		return nil, 0, err
	}
	// Two queries (count, then the page's keys by top-N) beat one with a
	// window count, which makes DuckDB materialise and sort every match.
	var total int
	if err := db.QueryRowContext(ctx, countQ, countArgs...).Scan(&total); err != nil {
		return nil, 0, wrap("search sentences", err)
	}
	hits := []store.SentenceHit{}
	if sqlutil.PastEnd(total, offset, q.MaxTotal) {
		return hits, total, nil
	}
	// The page's keys come with their postmortem's title, team and date
	// (the key query joins postmortems anyway); its sentences are then
	// read by document ID alone, which the index on sentences answers.
	type key struct {
		doc string
		idx int
	}
	var page []store.SentenceHit
	docs := map[string]bool{}
	var ids []string
	err = each(ctx, db, "SELECT doc_id, idx, title, team, date FROM ("+keys+") k ORDER BY date DESC NULLS LAST, doc_id, idx LIMIT ? OFFSET ?",
		append(keyArgs, limit, offset), func(r *sql.Rows) error {
			var h store.SentenceHit
			var date sql.NullTime
			err := r.Scan(&h.PostmortemID, &h.Index, &h.Title, &h.Team, &date)
			h.Date = sqlutil.UTCPtr(date.Time, date.Valid)
			page = append(page, h)
			if !docs[h.PostmortemID] {
				docs[h.PostmortemID] = true
				ids = append(ids, h.PostmortemID)
			}
			return err
		})
	if err != nil {
		return nil, 0, wrap("search sentences", err)
	}
	if len(page) == 0 { // past the end of a capped total
		return hits, total, nil
	}
	type text struct{ section, text string }
	byKey := map[key]text{}
	err = each(ctx, db, "SELECT s.doc_id, s.idx, s.section_kind, s.text FROM sentences s WHERE s.doc_id IN ("+
		sqlutil.Placeholders(len(ids))+")", sqlutil.Args(ids), func(r *sql.Rows) error {
		var k key
		var t text
		err := r.Scan(&k.doc, &k.idx, &t.section, &t.text)
		byKey[k] = t
		return err
	})
	if err != nil {
		return nil, 0, wrap("search sentences", err)
	}
	for _, h := range page {
		if t, ok := byKey[key{h.PostmortemID, h.Index}]; ok {
			h.Section, h.Text = t.section, t.text
			hits = append(hits, h)
		}
	}
	if err := attachFindings(ctx, db, hits); err != nil {
		return nil, 0, wrap("search sentences", err)
	}
	return hits, total, nil
}

// attachFindings loads the findings of each hit's sentence.
func attachFindings(ctx context.Context, db queryer, hits []store.SentenceHit) error {
	idx := sqlutil.NewHitIndex(hits)
	return each(ctx, db, `SELECT doc_id, sentence_idx, kind, label, rule, start_off, end_off, match, message, suggestion, severity
		FROM findings WHERE doc_id IN (`+sqlutil.Placeholders(len(idx.IDs))+`) ORDER BY doc_id, idx`, sqlutil.Args(idx.IDs),
		func(r *sql.Rows) error {
			var f model.Finding
			var doc string
			if err := r.Scan(&doc, &f.Sentence, &f.Kind, &f.Label, &f.Rule, &f.Start, &f.End, &f.Match, &f.Message, &f.Suggestion, &f.Severity); err != nil {
				return err
			}
			idx.Add(hits, doc, f)
			return nil
		})
}

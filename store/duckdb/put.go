package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	duck "github.com/duckdb/duckdb-go/v2"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

// childTables are the tables keyed by doc_id.
var childTables = []string{"sentences", "findings", "doc_themes", "action_items", "timeline_events"}

// deleteChunk bounds the number of IDs in one DELETE ... IN (...). Each
// DELETE scans its table, so fewer, larger chunks are faster (re-putting
// 5000 documents in batches of 1000: 3.2 s with 5000, 8.1 s with 500).
const deleteChunk = 5000

// Put replaces the given postmortems in one transaction: all of them are
// written, or (on error) none.
func (s *Store) Put(ctx context.Context, docs []*model.Postmortem) error {
	flat, err := sqlutil.Prepare(docs, time.Now())
	if err != nil {
		return err
	}
	if len(flat) == 0 {
		return ctx.Err()
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return wrap("put", err)
	}
	defer func() { _ = conn.Close() }() // returns the connection to the pool
	// BEGIN and COMMIT run without ctx: an interrupted BEGIN or COMMIT
	// could leave the pooled connection inside a transaction. ctx is checked
	// just before COMMIT instead.
	if _, err := conn.ExecContext(context.Background(), "BEGIN TRANSACTION"); err != nil {
		return wrap("put: begin", err)
	}
	committed := false
	defer func() {
		if !committed {
			rollback(conn)
		}
	}()

	// Delete the rows of IDs that exist already.
	ids := make([]string, len(flat))
	for i, d := range flat {
		ids[i] = d.P.ID
	}
	for start := 0; start < len(ids); start += deleteChunk {
		chunk := ids[start:min(start+deleteChunk, len(ids))]
		existing, err := s.existing(ctx, conn, chunk)
		if err != nil {
			return wrap("put", err)
		}
		if len(existing) == 0 {
			continue
		}
		ph := sqlutil.Placeholders(len(existing))
		args := sqlutil.Args(existing)
		if _, err := conn.ExecContext(ctx, "DELETE FROM postmortems WHERE id IN ("+ph+")", args...); err != nil {
			return wrap("put: delete postmortems", err)
		}
		for _, t := range childTables {
			if _, err := conn.ExecContext(ctx, "DELETE FROM "+t+" WHERE doc_id IN ("+ph+")", args...); err != nil {
				return wrap("put: delete "+t, err)
			}
		}
	}

	err = conn.Raw(func(dc any) error {
		return appendDocs(ctx, dc.(driver.Conn), flat)
	})
	if err != nil {
		return wrap("put", err)
	}
	if err := ctx.Err(); err != nil {
		return wrap("put", err)
	}
	if _, err := conn.ExecContext(context.Background(), "COMMIT"); err != nil {
		return wrap("put: commit", err)
	}
	committed = true
	return nil
}

// rollback aborts conn's transaction. A cancelled context interrupts the
// connection, and the interrupt can also hit the next statement, so
// ROLLBACK is tried twice; if the connection still has a transaction open
// it is discarded rather than returned to the pool.
func rollback(conn *sql.Conn) {
	for i := 0; i < 2; i++ {
		if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err == nil {
			return
		}
	}
	_ = conn.Raw(func(any) error { return driver.ErrBadConn })
}

// existing returns the IDs among ids that have a postmortems row.
func (s *Store) existing(ctx context.Context, conn *sql.Conn, ids []string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT id FROM postmortems WHERE id IN ("+sqlutil.Placeholders(len(ids))+")", sqlutil.Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// appendDocs writes the rows of docs through one appender per table.
func appendDocs(ctx context.Context, dc driver.Conn, docs []*sqlutil.Doc) error {
	tables := append([]string{"postmortems"}, childTables...)
	apps := make(map[string]*duck.Appender, len(tables))
	closeAll := func() error {
		var first error
		for _, t := range tables {
			if a := apps[t]; a != nil {
				if err := a.Close(); err != nil && first == nil {
					first = fmt.Errorf("append %s: %w", t, err)
				}
				delete(apps, t)
			}
		}
		return first
	}
	// On an early return the appenders are closed and the error that
	// caused the return is the one reported.
	defer func() { _ = closeAll() }()
	for _, t := range tables {
		a, err := duck.NewAppenderFromConn(dc, "", t)
		if err != nil {
			return fmt.Errorf("appender %s: %w", t, err)
		}
		apps[t] = a
	}
	for n, d := range docs {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := appendDoc(apps, d); err != nil {
			return fmt.Errorf("postmortem %s: %w", d.P.ID, err)
		}
	}
	return closeAll()
}

func tv(t *time.Time) driver.Value {
	if t == nil {
		return nil
	}
	return *t
}

func appendDoc(apps map[string]*duck.Appender, d *sqlutil.Doc) error {
	p := d.P
	if err := apps["postmortems"].AppendRow(
		p.ID, p.Version, p.Title, p.Team, p.Severity, d.ServicesOrNil,
		tv(d.Date), tv(d.StartedAt), tv(d.DetectedAt), tv(d.ResolvedAt),
		p.DurationMinutes, d.AuthorsOrNil,
		p.Source.Path, p.Source.Format, p.Source.SHA256, p.Source.Bytes,
		d.SectionsJSON, d.WarningsOrNil, d.Themes, d.Scored, int32(d.Score), d.QualityJSON,
		int32(d.Sentences), int32(d.FindingCount), int32(d.Blame), int32(d.Assumptions),
		int32(d.ActionCount), int32(d.TimelineCount), d.IngestedAtUTC, d.ThemeWeights, d.MemberThemes,
	); err != nil {
		return fmt.Errorf("postmortems row: %w", err)
	}
	for i, s := range p.Sentences {
		if err := apps["sentences"].AppendRow(p.ID, p.Version, int32(i), int32(s.Section), d.SentenceKinds[i],
			int32(s.Start), int32(s.End), s.Text, int64(d.SentenceTerms[i])); err != nil {
			return fmt.Errorf("sentence %d: %w", i, err)
		}
	}
	for i, f := range p.Findings {
		if err := apps["findings"].AppendRow(p.ID, p.Version, int32(i), int32(f.Sentence), f.Kind, f.Label, f.Rule,
			int32(f.Start), int32(f.End), f.Match, f.Message, f.Suggestion, f.Severity); err != nil {
			return fmt.Errorf("finding %d: %w", i, err)
		}
	}
	for i, t := range p.Themes {
		if err := apps["doc_themes"].AppendRow(p.ID, p.Version, int32(i), t.Label, t.Weight, t.Member); err != nil {
			return fmt.Errorf("theme %d: %w", i, err)
		}
	}
	for i, a := range p.ActionItems {
		if err := apps["action_items"].AppendRow(p.ID, p.Version, int32(i), a.Text, a.Owner, a.Status, a.Due, a.Ticket); err != nil {
			return fmt.Errorf("action item %d: %w", i, err)
		}
	}
	for i, e := range p.Timeline {
		if err := apps["timeline_events"].AppendRow(p.ID, p.Version, int32(i), tv(d.TimelineAtUTC[i]), e.AtText, e.Text); err != nil {
			return fmt.Errorf("timeline event %d: %w", i, err)
		}
	}
	return nil
}

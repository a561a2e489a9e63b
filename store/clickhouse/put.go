package clickhouse

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/debrief-dev/debrief/model"
	"github.com/debrief-dev/debrief/store/internal/sqlutil"
)

// Put writes a new version of every document: child rows first, then the
// postmortems rows in one block, each document's rows tagged with a new
// seq of its own. Until the last block is in, reads keep seeing the
// previous versions.
func (s *Store) Put(ctx context.Context, docs []*model.Postmortem) error {
	flat, err := sqlutil.Prepare(docs, time.Now())
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil || len(flat) == 0 {
		return err
	}
	for _, d := range flat {
		if err := checkTimes(d); err != nil {
			return err
		}
	}
	seqs := s.nextSeqs(len(flat))

	err = s.insert(ctx, "sentences (doc_id, version, seq, idx, section_idx, section_kind, start_off, end_off, text, terms)", flat,
		func(b driver.Batch, n int, d *sqlutil.Doc) error {
			seq := seqs[n]
			for i, x := range d.P.Sentences {
				if err := b.Append(d.P.ID, d.P.Version, seq, uint32(i), int32(x.Section), d.SentenceKinds[i],
					uint32(x.Start), uint32(x.End), x.Text, d.SentenceTerms[i]); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	err = s.insert(ctx, "findings (doc_id, version, seq, idx, sentence_idx, kind, label, rule, start_off, end_off, match, message, suggestion, severity)", flat,
		func(b driver.Batch, n int, d *sqlutil.Doc) error {
			seq := seqs[n]
			for i, f := range d.P.Findings {
				if err := b.Append(d.P.ID, d.P.Version, seq, uint32(i), uint32(f.Sentence), f.Kind, f.Label, f.Rule,
					uint32(f.Start), uint32(f.End), f.Match, f.Message, f.Suggestion, f.Severity); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	err = s.insert(ctx, "doc_themes (doc_id, version, seq, idx, label, weight, member)", flat,
		func(b driver.Batch, n int, d *sqlutil.Doc) error {
			seq := seqs[n]
			for i, t := range d.P.Themes {
				if err := b.Append(d.P.ID, d.P.Version, seq, uint32(i), t.Label, t.Weight, boolU8(t.Member)); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	err = s.insert(ctx, "action_items (doc_id, version, seq, idx, text, owner, status, due, ticket)", flat,
		func(b driver.Batch, n int, d *sqlutil.Doc) error {
			seq := seqs[n]
			for i, a := range d.P.ActionItems {
				if err := b.Append(d.P.ID, d.P.Version, seq, uint32(i), a.Text, a.Owner, a.Status, a.Due, a.Ticket); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	err = s.insert(ctx, "timeline_events (doc_id, version, seq, idx, at_time, at_text, text)", flat,
		func(b driver.Batch, n int, d *sqlutil.Doc) error {
			seq := seqs[n]
			for i, e := range d.P.Timeline {
				if err := b.Append(d.P.ID, d.P.Version, seq, uint32(i), d.TimelineAtUTC[i], e.AtText, e.Text); err != nil {
					return err
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.insert(ctx, `postmortems (id, version, seq, title, team, severity, services, date, has_date,
		started_at, detected_at, resolved_at, duration_minutes, authors,
		source_path, source_format, source_sha256, source_bytes, sections, warnings, themes, theme_weights, member_themes,
		scored, score, quality, n_sentences, n_findings, n_blame, n_assumptions, n_action_items, n_timeline_events, ingested_at)`, flat,
		func(b driver.Batch, n int, d *sqlutil.Doc) error {
			seq := seqs[n]
			p := d.P
			date, hasDate := time.Unix(0, 0).UTC(), uint8(0)
			if d.Date != nil {
				date, hasDate = *d.Date, 1
			}
			return b.Append(p.ID, p.Version, seq, p.Title, p.Team, p.Severity, d.ServicesOrNil, date, hasDate,
				d.StartedAt, d.DetectedAt, d.ResolvedAt, p.DurationMinutes, d.AuthorsOrNil,
				p.Source.Path, p.Source.Format, p.Source.SHA256, p.Source.Bytes, d.SectionsJSON, d.WarningsOrNil,
				d.Themes, d.ThemeWeights, d.MemberThemes, boolU8(d.Scored), int32(d.Score), d.QualityJSON,
				uint32(d.Sentences), uint32(d.FindingCount), uint32(d.Blame), uint32(d.Assumptions),
				uint32(d.ActionCount), uint32(d.TimelineCount), d.IngestedAtUTC)
		})
}

func boolU8(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// insert sends one batch "INSERT INTO <into>" with the rows fill appends
// for each document; tables without rows are skipped.
func (s *Store) insert(ctx context.Context, into string, docs []*sqlutil.Doc, fill func(b driver.Batch, n int, d *sqlutil.Doc) error) error {
	b, err := s.conn.PrepareBatch(ctx, "INSERT INTO "+into)
	if err != nil {
		return wrap("put: prepare "+into, err)
	}
	for n, d := range docs {
		if err := fill(b, n, d); err != nil {
			_ = b.Abort()
			return wrap(fmt.Sprintf("put: postmortem %s", d.P.ID), err)
		}
	}
	if b.Rows() == 0 {
		_ = b.Abort()
		return nil
	}
	if err := b.Send(); err != nil {
		return wrap("put: insert "+into, err)
	}
	return nil
}

// DateTime holds 1970-01-01 to 2106-02-07 (UTC).
var (
	minDateTime = time.Unix(0, 0).UTC()
	maxDateTime = time.Unix(1<<32-1, 0).UTC()
)

// checkTimes rejects times a ClickHouse DateTime cannot hold, naming the
// document and the field.
func checkTimes(d *sqlutil.Doc) error {
	check := func(field string, t *time.Time) error {
		if t != nil && (t.Before(minDateTime) || t.After(maxDateTime)) {
			return fmt.Errorf("clickhouse store: postmortem %s (%s): %s %s is outside the range ClickHouse DateTime holds (1970 to 2106)",
				d.P.ID, d.P.Source.Path, field, t.Format(time.RFC3339))
		}
		return nil
	}
	for _, f := range []struct {
		name string
		t    *time.Time
	}{{"date", d.Date}, {"started_at", d.StartedAt}, {"detected_at", d.DetectedAt}, {"resolved_at", d.ResolvedAt}} {
		if err := check(f.name, f.t); err != nil {
			return err
		}
	}
	for i, t := range d.TimelineAtUTC {
		if err := check(fmt.Sprintf("timeline event %d", i), t); err != nil {
			return err
		}
	}
	return nil
}

-- Document theme membership (model.Theme.Member: the document's 1-4
-- dominant themes, decided by analysis.DefaultDocThemes). doc_themes gets
-- the flag for Get; postmortems gets member_themes, the member labels in
-- theme order, which Filter.Themes and the theme dimension count (theme
-- weights stay in themes/theme_weights for MeasureThemeWeight).
-- Backfill of rows stored before membership existed, which have weights
-- only: a theme is a member when it is the document's heaviest (idx 0,
-- themes are stored by weight, heaviest first) or among its four heaviest
-- with weight >= 0.14 (analysis.BackfillWeight, the best single weight cut
-- on the labelled dev documents). Re-ingesting recomputes the real flags.
-- As in 0002, the indexes on the altered tables are dropped and created
-- again under new names.
DROP INDEX postmortems_by_id;
DROP INDEX postmortems_by_team_date;
DROP INDEX doc_themes_doc;
ALTER TABLE doc_themes ADD COLUMN member BOOLEAN DEFAULT false;
UPDATE doc_themes SET member = (idx = 0 OR (idx < 4 AND weight >= 0.14));
ALTER TABLE postmortems ADD COLUMN member_themes VARCHAR[];
UPDATE postmortems SET member_themes = coalesce(
    (SELECT list(t.label ORDER BY t.idx) FROM doc_themes t WHERE t.doc_id = postmortems.id AND t.member), []);
CREATE INDEX postmortems_id_v4 ON postmortems (id);
CREATE INDEX postmortems_team_date_v4 ON postmortems (team, date);
CREATE INDEX doc_themes_by_doc ON doc_themes (doc_id);

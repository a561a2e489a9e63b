-- Document theme membership (model.Theme.Member: the document's 1-4
-- dominant themes, decided by analysis.DefaultDocThemes). doc_themes gets
-- the flag for Get; postmortems gets member_themes, the member labels in
-- theme order, which Filter.Themes and the theme dimension count (theme
-- weights stay in themes/theme_weights for MeasureThemeWeight). Put writes
-- both columns.
-- Rows stored before this migration have weights only: their flags are the
-- columns' DEFAULT expressions, computed when read (and written out when
-- parts merge): a theme is a member when it is the document's heaviest
-- (idx 0 / first, themes are stored by weight, heaviest first) or among its
-- four heaviest with weight >= 0.14 (analysis.BackfillWeight, the best
-- single weight cut on the labelled dev documents). Re-ingesting recomputes
-- the real flags.
-- Migrate skips an ADD COLUMN whose column exists already, so this file can
-- run again.
ALTER TABLE {{local "doc_themes"}} {{onCluster}} ADD COLUMN member UInt8 DEFAULT toUInt8(idx = 0 OR (idx < 4 AND weight >= 0.14));

{{alterDistributed "doc_themes" "ADD COLUMN member UInt8 DEFAULT toUInt8(idx = 0 OR (idx < 4 AND weight >= 0.14))"}};

ALTER TABLE {{local "postmortems"}} {{onCluster}} ADD COLUMN member_themes Array(String) DEFAULT arrayFilter((t, w, i) -> i = 1 OR (i <= 4 AND w >= 0.14), themes, theme_weights, arrayEnumerate(themes));

{{alterDistributed "postmortems" "ADD COLUMN member_themes Array(String) DEFAULT arrayFilter((t, w, i) -> i = 1 OR (i <= 4 AND w >= 0.14), themes, theme_weights, arrayEnumerate(themes))"}};

-- debrief schema for DuckDB. One row per postmortem ID (Put deletes the old
-- version's rows and inserts the new ones in one transaction), so reads need
-- no version collapsing. Child rows keep the version they belong to.

CREATE TABLE postmortems (
    id                VARCHAR NOT NULL,
    version           VARCHAR NOT NULL,
    title             VARCHAR NOT NULL,
    team              VARCHAR NOT NULL,
    severity          VARCHAR NOT NULL,
    services          VARCHAR[] NOT NULL,
    date              TIMESTAMP,
    started_at        TIMESTAMP,
    detected_at       TIMESTAMP,
    resolved_at       TIMESTAMP,
    duration_minutes  DOUBLE NOT NULL,
    authors           VARCHAR[] NOT NULL,
    source_path       VARCHAR NOT NULL,
    source_format     VARCHAR NOT NULL,
    source_sha256     VARCHAR NOT NULL,
    source_bytes      BIGINT NOT NULL,
    sections          VARCHAR NOT NULL, -- JSON array of model.Section
    warnings          VARCHAR[] NOT NULL,
    themes            VARCHAR[] NOT NULL, -- theme labels, for filters
    scored            BOOLEAN NOT NULL,
    score             INTEGER NOT NULL,
    quality           VARCHAR NOT NULL, -- JSON model.Quality, '' when unscored
    n_sentences       INTEGER NOT NULL,
    n_findings        INTEGER NOT NULL,
    n_blame           INTEGER NOT NULL,
    n_assumptions     INTEGER NOT NULL,
    n_action_items    INTEGER NOT NULL,
    n_timeline_events INTEGER NOT NULL,
    ingested_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX postmortems_id ON postmortems (id);
CREATE INDEX postmortems_team_date ON postmortems (team, date);

CREATE TABLE sentences (
    doc_id       VARCHAR NOT NULL,
    version      VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    section_idx  INTEGER NOT NULL,
    section_kind VARCHAR NOT NULL,
    start_off    INTEGER NOT NULL,
    end_off      INTEGER NOT NULL,
    text         VARCHAR NOT NULL
);
CREATE INDEX sentences_doc ON sentences (doc_id);

CREATE TABLE findings (
    doc_id       VARCHAR NOT NULL,
    version      VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    sentence_idx INTEGER NOT NULL,
    kind         VARCHAR NOT NULL,
    label        VARCHAR NOT NULL,
    rule         VARCHAR NOT NULL,
    start_off    INTEGER NOT NULL,
    end_off      INTEGER NOT NULL,
    match        VARCHAR NOT NULL,
    message      VARCHAR NOT NULL,
    suggestion   VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL
);
CREATE INDEX findings_doc ON findings (doc_id);

CREATE TABLE doc_themes (
    doc_id  VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    label   VARCHAR NOT NULL,
    weight  DOUBLE NOT NULL
);
CREATE INDEX doc_themes_doc ON doc_themes (doc_id);

CREATE TABLE action_items (
    doc_id  VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    text    VARCHAR NOT NULL,
    owner   VARCHAR NOT NULL,
    status  VARCHAR NOT NULL,
    due     VARCHAR NOT NULL,
    ticket  VARCHAR NOT NULL
);
CREATE INDEX action_items_doc ON action_items (doc_id);

CREATE TABLE timeline_events (
    doc_id  VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    at_time TIMESTAMP,
    at_text VARCHAR NOT NULL,
    text    VARCHAR NOT NULL
);
CREATE INDEX timeline_events_doc ON timeline_events (doc_id);

-- debrief schema for ClickHouse, a text/template rendered per deployment:
--   {{onCluster}}            "ON CLUSTER name" in cluster mode with ON CLUSTER DDL, else empty
--   {{local "t"}}            the table that holds the rows: t, or t_local in cluster mode
--   {{engine "Kind" "t" ...}} Kind (MergeTree family) with its arguments; Replicated<Kind>
--                            with a ZooKeeper path in replicated cluster mode
--   {{distributed "t" "key"}} in cluster mode, the Distributed table t over t_local sharded
--                            by key (every table shards by document id, so a document and
--                            its child rows live on one shard); empty on a single node
-- Written for ClickHouse 18.16 and later: no DateTime64, Map, JSON, LowCardinality,
-- codecs, TTL or skip indexes.
--
-- Versioning: every Put tags its rows with seq, an increasing ingest sequence.
-- The current version of a document is its postmortems row with the highest
-- seq; child rows belong to it when they carry the same (doc_id, seq). Every
-- read collapses to that at query time (FROM postmortems FINAL), so re-ingests
-- never double count and rows of a half-written Put (children are written
-- first, the postmortems row last) stay invisible.
--
-- Sorting keys: postmortems is ordered by id alone, not (team, date, id). A
-- ReplacingMergeTree collapses rows with equal sorting keys only, and a
-- document's team or date may change between versions; keyed by id, FINAL
-- collapses versions in one pass (8 ms for 100k documents against 60 ms for
-- an IN (SELECT id, max(seq) ... GROUP BY id) on ClickHouse 18.16), and the
-- whole table is small enough to scan. The large tables (sentences, findings,
-- ...) are ordered by (doc_id, seq, idx): the reads join them to current
-- documents by (doc_id, seq). A small index_granularity keeps Get from
-- decompressing thousands of other documents' sections.

CREATE TABLE IF NOT EXISTS {{local "postmortems"}} {{onCluster}} (
    id                String,
    version           String,
    seq               UInt64,
    title             String,
    team              String,
    severity          String,
    services          Array(String),
    date              DateTime('UTC'),
    has_date          UInt8,
    started_at        Nullable(DateTime('UTC')),
    detected_at       Nullable(DateTime('UTC')),
    resolved_at       Nullable(DateTime('UTC')),
    duration_minutes  Float64,
    authors           Array(String),
    source_path       String,
    source_format     String,
    source_sha256     String,
    source_bytes      Int64,
    sections          String,
    warnings          Array(String),
    themes            Array(String),
    theme_weights     Array(Float64),
    scored            UInt8,
    score             Int32,
    quality           String,
    n_sentences       UInt32,
    n_findings        UInt32,
    n_blame           UInt32,
    n_assumptions     UInt32,
    n_action_items    UInt32,
    n_timeline_events UInt32,
    ingested_at       DateTime('UTC')
) ENGINE = {{engine "ReplacingMergeTree" "postmortems" "seq"}}
ORDER BY id
SETTINGS index_granularity = 256;

{{distributed "postmortems" "cityHash64(id)"}};

CREATE TABLE IF NOT EXISTS {{local "sentences"}} {{onCluster}} (
    doc_id       String,
    version      String,
    seq          UInt64,
    idx          UInt32,
    section_idx  Int32,
    section_kind String,
    start_off    UInt32,
    end_off      UInt32,
    text         String
) ENGINE = {{engine "MergeTree" "sentences"}}
ORDER BY (doc_id, seq, idx);

{{distributed "sentences" "cityHash64(doc_id)"}};

CREATE TABLE IF NOT EXISTS {{local "findings"}} {{onCluster}} (
    doc_id       String,
    version      String,
    seq          UInt64,
    idx          UInt32,
    sentence_idx UInt32,
    kind         String,
    label        String,
    rule         String,
    start_off    UInt32,
    end_off      UInt32,
    match        String,
    message      String,
    suggestion   String,
    severity     String
) ENGINE = {{engine "MergeTree" "findings"}}
ORDER BY (doc_id, seq, idx);

{{distributed "findings" "cityHash64(doc_id)"}};

CREATE TABLE IF NOT EXISTS {{local "doc_themes"}} {{onCluster}} (
    doc_id  String,
    version String,
    seq     UInt64,
    idx     UInt32,
    label   String,
    weight  Float64
) ENGINE = {{engine "MergeTree" "doc_themes"}}
ORDER BY (doc_id, seq, idx);

{{distributed "doc_themes" "cityHash64(doc_id)"}};

CREATE TABLE IF NOT EXISTS {{local "action_items"}} {{onCluster}} (
    doc_id  String,
    version String,
    seq     UInt64,
    idx     UInt32,
    text    String,
    owner   String,
    status  String,
    due     String,
    ticket  String
) ENGINE = {{engine "MergeTree" "action_items"}}
ORDER BY (doc_id, seq, idx);

{{distributed "action_items" "cityHash64(doc_id)"}};

CREATE TABLE IF NOT EXISTS {{local "timeline_events"}} {{onCluster}} (
    doc_id  String,
    version String,
    seq     UInt64,
    idx     UInt32,
    at_time Nullable(DateTime('UTC')),
    at_text String,
    text    String
) ENGINE = {{engine "MergeTree" "timeline_events"}}
ORDER BY (doc_id, seq, idx);

{{distributed "timeline_events" "cityHash64(doc_id)"}};

-- Term masks for text search (see store/internal/sqlutil/terms.go): a
-- 63-bit Bloom filter of each sentence's words, so SearchSentences runs the
-- substring match only on sentences that can contain the query's whole
-- words. Backfilled here with the SQL form of sqlutil.TermMask; Put writes
-- the mask computed in Go. 0 means "no words (or unknown)" and is always a
-- candidate. As in 0002, the index on the altered table is dropped and
-- created again under a new name.
DROP INDEX sentences_doc;
ALTER TABLE sentences ADD COLUMN terms BIGINT;
UPDATE sentences SET terms = CASE
    WHEN contains(text, chr(304)) OR contains(text, chr(8490)) OR contains(text, chr(383)) THEN 0
    ELSE coalesce(list_aggregate(list_transform(regexp_extract_all(lower(text), '[a-z0-9]+'),
        w -> (1::BIGINT << (('0x' || substr(md5(w), 1, 2))::INTEGER % 63))), 'bit_or'), 0)
    END;
CREATE INDEX sentences_by_doc ON sentences (doc_id);

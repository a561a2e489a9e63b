-- Term masks for text search (see store/internal/sqlutil/terms.go): a
-- 63-bit Bloom filter of each sentence's words. SearchSentences tests it in
-- PREWHERE, so the text of sentences that cannot contain the query's whole
-- words is never matched, and only matching sentences reach the JOIN with
-- the current documents. Put writes the mask computed in Go; sentences stored
-- before this migration are backfilled by a mutation with the SQL form of
-- sqlutil.TermMask (it runs in the background; until it has, their mask is 0,
-- "unknown", which the search treats as a candidate).
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS: Migrate skips an ADD
-- COLUMN whose column exists already, so this file can run again.
ALTER TABLE {{local "sentences"}} {{onCluster}} ADD COLUMN terms UInt64 DEFAULT 0;

{{alterDistributed "sentences" "ADD COLUMN terms UInt64 DEFAULT 0"}};

ALTER TABLE {{local "sentences"}} {{onCluster}} UPDATE terms = if(
    position(text, '\xC4\xB0') > 0 OR position(text, '\xE2\x84\xAA') > 0 OR position(text, '\xC5\xBF') > 0, toUInt64(0),
    arrayReduce('groupBitOr', arrayMap(
        w -> bitShiftLeft(toUInt64(1), reinterpretAsUInt8(substring(MD5(w), 1, 1)) % 63),
        extractAll(lowerUTF8(text), '[a-z0-9]+')))) WHERE terms = 0;

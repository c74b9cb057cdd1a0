-- The quote search index (V8) under bulk writes: a CSV import adds quotes 5,000 to a
-- transaction, and with FTS5's defaults (a 1 MB in-memory buffer of terms, merging as soon as
-- 4 segments share a level) every chunk was written as several small segments that were then
-- merged again and again: about 140 µs per imported quote, more than all the rest of the
-- import. A 32 MB buffer (one chunk's trigrams fit; only the writing connection holds it)
-- and merging at 16 segments per level cut that by two thirds; searches read a few more
-- segments, which the queue benchmark (bench/run queue) does not notice.
INSERT INTO quote_fts (quote_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO quote_fts (quote_fts, rank) VALUES ('automerge', 16);

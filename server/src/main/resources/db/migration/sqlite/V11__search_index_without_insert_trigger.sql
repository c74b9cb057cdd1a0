-- New quotes reach the search index (V8) from the code that inserts them, in one statement
-- per chunk (curation/SearchIndex), not from a trigger: FTS5 flushes its buffered terms at the
-- end of every statement a trigger runs in, so the insert trigger wrote each imported quote
-- as a segment of its own and merged them over and over (~130 µs per quote against ~6 µs).
-- Edits and deletes stay with V8's update and delete triggers.
DROP TRIGGER quote_fts_insert;

-- The queue's search index (V8) moves out of this file into a file of its own next to it
-- (loopboard-search.db, attached to every connection as "search"), written by a thread of its
-- own (curation/SearchIndex). SQLite allows one writer per file: kept here, the index's ~70
-- trigrams per quote were written by the same single writer as the feedback and quote rows,
-- about a third of an import's commit time. In a file of its own it is written on the other
-- core while the rows commit here.
--
-- The index is derived data: the indexer reads new quotes from this file by id (every quote
-- up to its watermark is indexed) and re-indexes the quotes named in search_dirty, which the
-- triggers below fill in the same transaction as any edit or deletion (moderation, a pending
-- quote refreshed by a re-import, erasure). Only ids are logged here, never text. A lost or
-- foreign search file is rebuilt from this one (store_identity tells them apart).
DROP TRIGGER quote_fts_delete;
DROP TRIGGER quote_fts_update;
DROP TABLE quote_fts;

CREATE TABLE search_dirty (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    quote_id INTEGER NOT NULL
);

CREATE TRIGGER quote_search_update AFTER UPDATE OF display_text, original_text ON quote BEGIN
    INSERT INTO search_dirty (quote_id) VALUES (new.id);
END;

CREATE TRIGGER quote_search_delete AFTER DELETE ON quote BEGIN
    INSERT INTO search_dirty (quote_id) VALUES (old.id);
END;

-- Which store this is: the search file records it, so a search file copied from another
-- store (or left over from a restored backup) is recognised and rebuilt.
CREATE TABLE store_identity (
    id TEXT NOT NULL
);
INSERT INTO store_identity (id) VALUES (lower(hex(randomblob(16))));

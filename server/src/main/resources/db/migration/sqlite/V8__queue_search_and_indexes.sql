-- Issue 3, the queue at a million feedback rows: the orders the queue walks when no status
-- is chosen, and a full-text index for its free-text filter. Every query of the queue was
-- checked with EXPLAIN QUERY PLAN on a file of 1,000,000 feedback rows (docs/moderation.md).

-- Newest first and most quotable first across all statuses (the per-status orders are V4's).
CREATE INDEX quote_created ON quote (created_at DESC, id DESC);
CREATE INDEX quote_quotability ON quote (quotability DESC, id DESC);
-- The quotes on air, most recently decided first: what every analysis compares against for
-- near-duplicates, reloaded after each decision (it sorted every approved quote before).
CREATE INDEX quote_status_decided ON quote (status, decided_at DESC);

-- Free text: substring search, case-insensitive for every alphabet (SQLite's own LIKE and
-- lower() fold only ASCII, so "ÅSA" would not find "åsa"). The trigram tokenizer folds case
-- by Unicode and matches any substring of 3 or more characters. Contentless: the texts stay
-- in quote only; the index keeps trigrams. The rowid is the quote's id. original_text is
-- indexed only when it differs from display_text (as it usually does not), which halves the
-- index; the triggers below must compute the same values on delete as on insert.
-- jOOQ's code generation skips this table and its shadow tables (server/pom.xml): queries
-- reach it as plain SQL in QuoteService.
CREATE VIRTUAL TABLE quote_fts USING fts5(display_text, original_text, content='', tokenize='trigram');

INSERT INTO quote_fts (rowid, display_text, original_text)
SELECT id, display_text, CASE WHEN original_text = display_text THEN NULL ELSE original_text END FROM quote;

-- Kept in step by triggers, so every writer (the service, the batched CSV import, erasure)
-- updates the index in its own transaction.
CREATE TRIGGER quote_fts_insert AFTER INSERT ON quote BEGIN
    INSERT INTO quote_fts (rowid, display_text, original_text)
    VALUES (new.id, new.display_text, CASE WHEN new.original_text = new.display_text THEN NULL ELSE new.original_text END);
END;

CREATE TRIGGER quote_fts_delete AFTER DELETE ON quote BEGIN
    INSERT INTO quote_fts (quote_fts, rowid, display_text, original_text)
    VALUES ('delete', old.id, old.display_text, CASE WHEN old.original_text = old.display_text THEN NULL ELSE old.original_text END);
END;

CREATE TRIGGER quote_fts_update AFTER UPDATE OF display_text, original_text ON quote BEGIN
    INSERT INTO quote_fts (quote_fts, rowid, display_text, original_text)
    VALUES ('delete', old.id, old.display_text, CASE WHEN old.original_text = old.display_text THEN NULL ELSE old.original_text END);
    INSERT INTO quote_fts (rowid, display_text, original_text)
    VALUES (new.id, new.display_text, CASE WHEN new.original_text = new.display_text THEN NULL ELSE new.original_text END);
END;

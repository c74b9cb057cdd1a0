package io.loopboard.curation;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;

/**
 * Puts new quotes into the SQLite full-text index of the queue's search ({@code quote_fts},
 * V8). Every writer that inserts quotes calls it in its own transaction; edits and deletes
 * are kept in step by V8's triggers. (PostgreSQL searches its trigram indexes on the quote
 * table itself, so there is nothing to do there.)
 *
 * <p>Not a trigger, because FTS5 flushes its buffered terms at the end of every statement a
 * trigger runs in: an insert trigger made each imported quote a segment of its own, merged
 * again and again, ~130 µs per quote. One {@code INSERT … SELECT} per chunk indexes the same
 * quotes in ~6 µs each (V11 drops the trigger).
 */
public final class SearchIndex {

    private static final String INDEX = "INSERT INTO quote_fts (rowid, display_text, original_text) "
            + "SELECT id, display_text, CASE WHEN original_text = display_text THEN NULL ELSE original_text END "
            + "FROM quote WHERE id > ? AND id <= ?";

    private SearchIndex() {
    }

    /** The highest quote id now; quotes inserted after this call have higher ids. */
    public static long lastQuoteId(DSLContext tx) {
        Record r = tx.fetchOne("SELECT coalesce(max(id), 0) FROM quote");
        return r == null ? 0 : r.get(0, Long.class);
    }

    /** Indexes the quotes inserted since {@code before} was read by {@link #lastQuoteId}, in this transaction. */
    public static void indexInsertedSince(DSLContext tx, long before) {
        if (tx.dialect() != SQLDialect.SQLITE) {
            return;
        }
        tx.execute(INDEX, before, lastQuoteId(tx));
    }
}

package io.loopboard.curation;

import io.loopboard.core.Worker;
import io.loopboard.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's full-text index on SQLite, kept in a file of its own ({@code loopboard-search.db},
 * attached to every connection as {@code search}; V15) and written by a thread of its own.
 *
 * <p>Why a file and a thread: SQLite allows one writer per file. In the store's own file the
 * index's ~70 trigrams per quote were written by the same single writer as the feedback and
 * quote rows, about a third of an import's commit time; in a file of its own they are written
 * by a thread of their own: at once for a quote that arrives alone or is edited, and after an
 * import's rows for the import's quotes ({@link #deferNewQuotes}), so that on two cores the
 * import's reading and committing threads have a core each.
 *
 * <p>How it stays right: every quote with an id up to the index's watermark
 * ({@code search.search_state.indexed_upto}) is indexed, and ids only grow in commit order (one
 * writer). Edits and deletions of quotes are logged by id in the store's {@code search_dirty}
 * (V15's triggers, in the same transaction as the change); the indexer re-indexes those from the
 * quote's current text. Each step reads the new quotes and the logged ids from one snapshot of the
 * store and commits the index and its watermarks together, so a crash anywhere leaves an index
 * that is behind, never wrong. The index is derived data: a missing search file, or one that
 * belongs to another store ({@code store_identity}), is rebuilt from the quotes.
 *
 * <p>A query that needs the index asks {@link #awaitCurrent} first; while the index is behind
 * (during a large import or a rebuild) the queue searches the texts themselves instead
 * (QuoteService), slower but complete. Deletions purge the quote's trigrams from the index's
 * pages (FTS5 {@code secure-delete}), not only from its answers.
 *
 * <p>PostgreSQL searches its trigram indexes on the quote table itself: no file, no thread.
 */
public final class SearchIndex implements Worker {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    /** New quotes indexed per step: one step's index work is about 50 ms, so an edit waits at most that long. */
    static final int NEW_PER_STEP = 5_000;
    /** Logged edits and deletions handled per step. */
    static final int DIRTY_PER_STEP = 2_000;
    /** How often an idle indexer looks for work it was not woken for (edits, another process's writes). */
    private static final long IDLE_POLL_MS = 200;

    /** The virtual table, for queries: {@code search.quote_fts}. */
    public static final String TABLE = "quote_fts";

    private static final String CREATE_STATE = "CREATE TABLE IF NOT EXISTS search.search_state ("
            + "store_id TEXT NOT NULL, indexed_upto INTEGER NOT NULL, dirty_upto INTEGER NOT NULL)";
    // contentless (the texts stay in quote), trigram (substrings in any alphabet, case folded by
    // Unicode); original_text only where it differs from display_text, as it usually does not
    private static final String CREATE_FTS = "CREATE VIRTUAL TABLE search.quote_fts USING fts5(display_text, original_text, "
            + "content='', contentless_delete=1, tokenize='trigram')";
    private static final String SELECT_TEXTS = "SELECT id, display_text, "
            + "CASE WHEN original_text = display_text THEN NULL ELSE original_text END FROM main.quote ";
    private static final String INSERT_RANGE = "INSERT INTO search.quote_fts (rowid, display_text, original_text) "
            + SELECT_TEXTS + "WHERE id > ? AND id <= ?";
    private static final String INSERT_ONE = "INSERT INTO search.quote_fts (rowid, display_text, original_text) "
            + SELECT_TEXTS + "WHERE id = ?";
    private static final String CURRENT = "SELECT (SELECT indexed_upto FROM search.search_state), "
            + "(SELECT dirty_upto FROM search.search_state), "
            + "(SELECT coalesce(max(id), 0) FROM main.quote), (SELECT coalesce(max(seq), 0) FROM main.search_dirty)";

    private final Database db;
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean running = true;
    /** Test hook: while true the indexer does no work, as if it were far behind. */
    private volatile boolean held;
    /** Bulk writes (imports) running in this process: while there are any, new quotes wait (see {@link #deferNewQuotes}). */
    private final java.util.concurrent.atomic.AtomicInteger bulkWrites = new java.util.concurrent.atomic.AtomicInteger();
    private boolean woken;
    private long purgedUpTo;
    private Connection connection;

    private SearchIndex(Database db, boolean start) {
        this.db = db;
        if (!start) {
            this.thread = null;
            return;
        }
        try {
            this.connection = db.openConnection();
            try (Statement s = connection.createStatement()) {
                // the indexer's own page cache for the index's pages; FTS5 keeps its term buffer per connection
                s.execute("PRAGMA search.cache_size = -65536");
            }
            connection.setAutoCommit(false);
            prepare();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the search index: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::loop, "search-indexer");
        this.thread.setDaemon(true);
    }

    /** The indexer of a SQLite store with a search file, to be {@link #start() started}; for other stores, an index that is never used. */
    public static SearchIndex open(Database db) {
        return new SearchIndex(db, db.searchFile().isPresent());
    }

    /** Starts the indexer's thread (none for a store without a search file). */
    @Override
    public void start() {
        if (thread != null) {
            thread.start();
        }
    }

    /** Whether queries can use {@code search.quote_fts} at all (SQLite with a search file). */
    public boolean available() {
        return thread != null;
    }

    /**
     * Creates the search file's tables, or rebuilds them when they belong to another store or
     * are incomplete: the index then starts empty and catches up from the quotes.
     */
    private void prepare() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(CREATE_STATE);
            String store = string(s, "SELECT id FROM main.store_identity");
            String recorded = null;
            try (ResultSet rs = s.executeQuery("SELECT store_id FROM search.search_state")) {
                if (rs.next()) {
                    recorded = rs.getString(1);
                }
            }
            boolean hasTable = number(s, "SELECT count(*) FROM search.sqlite_schema WHERE name = 'quote_fts'") > 0;
            if (store.equals(recorded) && hasTable) {
                connection.commit();
                return;
            }
            if (recorded != null || hasTable) {
                log.warn("the search index in {} belongs to another store or is incomplete: rebuilding it",
                        db.searchFile().orElseThrow());
            }
            s.execute("DROP TABLE IF EXISTS search.quote_fts");
            s.execute(CREATE_FTS);
            // a 32 MB term buffer and merging at 16 segments per level suit chunks of thousands of
            // quotes (V10); secure-delete removes an erased quote's trigrams from the pages themselves
            s.execute("INSERT INTO search.quote_fts (quote_fts, rank) VALUES ('hashsize', 33554432)");
            s.execute("INSERT INTO search.quote_fts (quote_fts, rank) VALUES ('automerge', 16)");
            s.execute("INSERT INTO search.quote_fts (quote_fts, rank) VALUES ('secure-delete', 1)");
            s.execute("DELETE FROM search.search_state");
            // every quote will be read afresh, so the edits logged so far are already covered
            long dirty = number(s, "SELECT coalesce(max(seq), 0) FROM main.search_dirty");
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO search.search_state (store_id, indexed_upto, dirty_upto) VALUES (?, 0, ?)")) {
                p.setString(1, store);
                p.setLong(2, dirty);
                p.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                if (!held && !current()) {
                    more = step();
                }
                if (!more) {
                    purge();
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("search index: {}; trying again in a second", e.getMessage());
                    pause(1_000);
                }
            }
            synchronized (signal) {
                signal.notifyAll();
                if (!more && running && !woken) {
                    try {
                        signal.wait(IDLE_POLL_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /**
     * One transaction on the search file: the edits logged since the last step, then up to
     * {@value #NEW_PER_STEP} new quotes, and both watermarks. True when there is more to do.
     */
    private boolean step() throws SQLException {
        try (Statement s = connection.createStatement()) {
            // the search file's write lock first: another process's indexer waits here, and the
            // watermarks read next cannot change under this step
            s.executeUpdate("UPDATE search.search_state SET indexed_upto = indexed_upto");
            long indexed;
            long handled;
            try (ResultSet rs = s.executeQuery("SELECT indexed_upto, dirty_upto FROM search.search_state")) {
                rs.next();
                indexed = rs.getLong(1);
                handled = rs.getLong(2);
            }
            // from here on one snapshot of the store: the logged edits and the texts agree
            Set<Long> dirty = new LinkedHashSet<>();
            long lastSeq = handled;
            int logged = 0;
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT seq, quote_id FROM main.search_dirty WHERE seq > ? ORDER BY seq LIMIT " + DIRTY_PER_STEP)) {
                p.setLong(1, handled);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        lastSeq = rs.getLong(1);
                        dirty.add(rs.getLong(2));
                        logged++;
                    }
                }
            }
            long newest = number(s, "SELECT coalesce(max(id), 0) FROM main.quote");
            // a logged quote above the watermark is indexed below with the text it has now
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM search.quote_fts WHERE rowid = ?");
                 PreparedStatement insert = connection.prepareStatement(INSERT_ONE)) {
                for (long id : dirty) {
                    if (id <= indexed) {
                        delete.setLong(1, id);
                        delete.executeUpdate();
                        insert.setLong(1, id);
                        insert.executeUpdate();
                    }
                }
            }
            // while an import runs its new quotes wait: the edits above are still handled at once
            long upTo = deferring() ? indexed : Math.max(indexed, Math.min(newest, indexed + NEW_PER_STEP));
            if (upTo > indexed) {
                try (PreparedStatement p = connection.prepareStatement(INSERT_RANGE)) {
                    p.setLong(1, indexed);
                    p.setLong(2, upTo);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE search.search_state SET indexed_upto = ?, dirty_upto = ?")) {
                p.setLong(1, upTo);
                p.setLong(2, lastSeq);
                p.executeUpdate();
            }
            connection.commit();
            return (upTo < newest && !deferring()) || logged == DIRTY_PER_STEP;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Deletes the handled rows of the store's edit log (when the indexer is idle), in a short write of the store. */
    private void purge() throws SQLException {
        long handled;
        try (Statement s = connection.createStatement()) {
            handled = number(s, "SELECT dirty_upto FROM search.search_state");
            connection.commit();
        }
        if (handled > purgedUpTo) {
            long upTo = handled;
            db.write(cfg -> org.jooq.impl.DSL.using(cfg).execute("DELETE FROM search_dirty WHERE seq <= ?", upTo));
            purgedUpTo = upTo;
        }
    }

    /** Whether every quote and every logged edit of the store is in the index, from the indexer's connection. */
    private boolean current() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(CURRENT)) {
            rs.next();
            return rs.getLong(1) >= rs.getLong(3) && rs.getLong(2) >= rs.getLong(4);
        } finally {
            connection.commit();
        }
    }

    /** How far the index is behind the store now: quotes not yet indexed plus logged edits not yet handled. */
    public long lag() {
        if (!available()) {
            return Long.MAX_VALUE;
        }
        Record r = db.dsl().fetchOne(CURRENT);
        return Math.max(0, r.get(2, Long.class) - r.get(0, Long.class)) + Math.max(0, r.get(3, Long.class) - r.get(1, Long.class));
    }

    /**
     * Lets new quotes wait until the returned handle is closed (and every other such handle):
     * an import's rows commit sooner when the indexer does not take the other core from the
     * import's reading thread. The indexer catches up after the import, in steps; meanwhile the
     * queue searches the texts themselves ({@link #readyForQuery}), and edits and deletions of
     * indexed quotes (an erasure) are still handled at once.
     */
    public Deferral deferNewQuotes() {
        bulkWrites.incrementAndGet();
        return new Deferral();
    }

    /** Ends a {@link #deferNewQuotes} (once, however often it is closed). */
    public final class Deferral implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);

        private Deferral() {
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                bulkWrites.decrementAndGet();
                synchronized (signal) {
                    woken = true;
                    signal.notifyAll();
                }
            }
        }
    }

    private boolean deferring() {
        return bulkWrites.get() > 0;
    }

    /**
     * Waits until the index has handled every edit and deletion logged before this call (not new
     * quotes), at most {@code timeout}; false when it did not get there in time (or there is no index).
     * An erasure waits for this: the erased texts' trigrams leave the index's pages, even while an
     * import defers new quotes.
     */
    public boolean awaitEdits(Duration timeout) {
        if (!available()) {
            return false;
        }
        long edits = db.dsl().fetchOne(CURRENT).get(3, Long.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (db.dsl().fetchOne(CURRENT).get(1, Long.class) >= edits) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !running || !wake(left)) {
                return false;
            }
        }
    }

    /** Wakes the indexer and waits for its next step, at most 50 ms or {@code leftNanos}; false when interrupted. */
    private boolean wake(long leftNanos) {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
            try {
                signal.wait(Math.max(1, Math.min(leftNanos / 1_000_000, 50)));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Waits until the index holds every quote and edit committed before this call, at most
     * {@code timeout}; false when it did not get there in time (or there is no index). Writes
     * committed after the call are not waited for, so a running import does not keep it waiting.
     */
    public boolean awaitCurrent(Duration timeout) {
        if (!available()) {
            return false;
        }
        Record target = db.dsl().fetchOne(CURRENT);
        long quotes = target.get(2, Long.class);
        long edits = target.get(3, Long.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Record now = db.dsl().fetchOne(CURRENT);
            if (now.get(0, Long.class) >= quotes && now.get(1, Long.class) >= edits) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !running || !wake(left)) {
                return false;
            }
        }
    }

    /**
     * Whether a query may use the index now: it is current, or close enough to catch up within
     * a second (an edit a moment ago; the last chunk of an import). Far behind (a rebuild, another
     * process's import) or while an import defers new quotes, false at once: the caller searches
     * the texts themselves instead.
     */
    public boolean readyForQuery() {
        if (!available()) {
            return false;
        }
        long lag = lag();
        return lag == 0 || (!deferring() && lag <= 2L * NEW_PER_STEP && awaitCurrent(Duration.ofSeconds(1)));
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        running = false;
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the search index: {}", e.getMessage());
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long number(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String string(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("the store has no identity (migration V15)");
            }
            return rs.getString(1);
        }
    }

    /** Test hook: holds the indexer back (true) or lets it go on (false). */
    void hold(boolean hold) {
        held = hold;
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Test hook: the ids of the quotes the index finds for an FTS5 query, read from the search file. */
    List<Long> matches(String ftsQuery) {
        List<Long> ids = new ArrayList<>();
        for (Record r : db.dsl().fetch("SELECT rowid FROM search.quote_fts WHERE quote_fts MATCH ? ORDER BY rowid", ftsQuery)) {
            ids.add(r.get(0, Long.class));
        }
        return ids;
    }
}

package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import io.loopboard.store.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The queries of the quote tables ({@code quote}, {@code quote_channel}) that other features
 * need, each named for what it answers. Only the curation feature touches these tables; others
 * call here or {@link QuoteService}. Each method runs in the caller's transaction or context.
 */
public final class QuoteStore {

    private static final int SLICE = 500;

    private QuoteStore() {
    }

    /** A quote as ingest needs to know it: is it still pending, and with which words. */
    public record Current(int id, String status, String originalText) {
        boolean pending() {
            return "pending".equals(status);
        }
    }

    /** The quotes of these feedback rows, by feedback id (a row has at most one). */
    static Map<Long, Current> byFeedback(DSLContext tx, List<Long> feedbackIds) {
        Map<Long, Current> found = new HashMap<>();
        for (int from = 0; from < feedbackIds.size(); from += SLICE) {
            List<Long> slice = feedbackIds.subList(from, Math.min(feedbackIds.size(), from + SLICE));
            tx.select(QUOTE.FEEDBACK_ID, QUOTE.ID, QUOTE.STATUS, QUOTE.ORIGINAL_TEXT).from(QUOTE)
                    .where(QUOTE.FEEDBACK_ID.in(slice.stream().map(Long::intValue).toList()))
                    .forEach(r -> found.put(r.value1().longValue(), new Current(r.value2(), r.value3(), r.value4())));
        }
        return found;
    }

    private static final String INSERT_PENDING = "INSERT INTO quote (status, original_text, display_text, "
            + "attribution, sentiment, created_at, updated_at, quotability, quotability_reasons, pii_count, flagged_words, "
            + "feedback_id) VALUES ('pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String REFRESH_PENDING = "UPDATE quote SET original_text = ?, display_text = ?, updated_at = ?, "
            + "quotability = ?, quotability_reasons = ?, pii_count = ?, flagged_words = ? WHERE id = ? AND status = 'pending'";

    /**
     * New and refreshed pending quotes of a bulk write, as JDBC statement batches (not a query
     * per row): a million-row import makes its quotes at the speed of its feedback rows.
     */
    static final class PendingWrites implements AutoCloseable {
        private final PreparedStatement insert;
        private final PreparedStatement refresh;
        private boolean inserts;
        private boolean refreshes;

        PendingWrites(Connection c) throws SQLException {
            this.insert = c.prepareStatement(INSERT_PENDING);
            this.refresh = c.prepareStatement(REFRESH_PENDING);
        }

        void add(long feedbackId, String text, String attribution, String sentiment, QuoteService.Assessment a, long now)
                throws SQLException {
            insert.setString(1, text);
            insert.setString(2, text);
            setNullable(insert, 3, attribution);
            setNullable(insert, 4, sentiment);
            insert.setLong(5, now);
            insert.setLong(6, now);
            bindAnalysis(insert, 7, a);
            insert.setLong(11, feedbackId);
            insert.addBatch();
            inserts = true;
        }

        /** New words for a quote nobody decided yet; a decided quote keeps its moderated text. */
        void refresh(int quoteId, String text, QuoteService.Assessment a, long now) throws SQLException {
            refresh.setString(1, text);
            refresh.setString(2, text);
            refresh.setLong(3, now);
            bindAnalysis(refresh, 4, a);
            refresh.setInt(8, quoteId);
            refresh.addBatch();
            refreshes = true;
        }

        void execute() throws SQLException {
            if (inserts) {
                insert.executeBatch();
            }
            if (refreshes) {
                refresh.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            try (insert; refresh) {
                // both statements close, the second also when the first fails to
            }
        }

        private static void bindAnalysis(PreparedStatement ps, int first, QuoteService.Assessment a) throws SQLException {
            ps.setFloat(first, a.quotability());
            ps.setString(first + 1, a.reasons());
            ps.setInt(first + 2, a.piiCount());
            setNullable(ps, first + 3, a.flaggedWords());
        }

        private static void setNullable(PreparedStatement ps, int at, String value) throws SQLException {
            if (value == null) {
                ps.setNull(at, Types.VARCHAR);
            } else {
                ps.setString(at, value);
            }
        }
    }

    /**
     * Removes the still pending quotes among these (their customers took the words back) and
     * says so in the audit log. A decided quote stays as it was decided.
     */
    static void withdrawPending(DSLContext tx, Collection<Integer> quoteIds, String reason, long now) {
        if (quoteIds.isEmpty()) {
            return;
        }
        List<Integer> pending = tx.select(QUOTE.ID).from(QUOTE)
                .where(QUOTE.ID.in(quoteIds).and(QUOTE.STATUS.eq("pending"))).fetch(QUOTE.ID);
        if (pending.isEmpty()) {
            return;
        }
        tx.deleteFrom(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.in(pending)).execute();
        tx.deleteFrom(QUOTE).where(QUOTE.ID.in(pending)).execute();
        for (int id : pending) {
            AuditLog.record(tx, now, "ingest", "quote.withdrawn", "quote", id, null, Map.of("reason", reason));
        }
    }
}

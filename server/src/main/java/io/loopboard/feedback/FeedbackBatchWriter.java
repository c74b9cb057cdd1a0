package io.loopboard.feedback;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import io.loopboard.curation.QuoteService;
import io.loopboard.curation.Suggestions;
import io.loopboard.store.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;

/**
 * The one write path of ingest, for the API and webhooks ({@link FeedbackService#store}) and
 * for CSV imports of up to millions of rows: upsert on (source, external_id); a comment makes
 * a pending quote, and refreshes its text while it is still pending; decided quotes keep
 * their moderated text. Rows are offered as new first and the unique key turns away those
 * already stored; only those are looked up, 500 to a query. JDBC statement batches, not a
 * query per row. Rows identical to what is stored are not written at all, so re-importing a
 * file or replaying a webhook changes nothing.
 *
 * <p>Each new or refreshed quote is stored with its analysis (personal data found, flagged
 * words, quotability and its reasons), which the caller computes beforehand, off the
 * transaction ({@link QuoteService#assess}); where an auto-approve rule matches, the rules run
 * on that quote inside the transaction as they do for a single item, audited.
 *
 * <p>Runs inside the caller's write transaction ({@code db.write}), so a chunk commits whole
 * or not at all.
 */
public final class FeedbackBatchWriter {

    private static final int LOOKUP_SLICE = 500;

    /** What a write did; {@code channels} were given auto-approved quotes (announce them after the commit). */
    public record Counts(int created, int updated, int unchanged, Set<Integer> channels) {
    }

    /** Told about every write inside its transaction, after the rows are stored (follow-up cases open there). */
    @FunctionalInterface
    public interface Listener {
        void written(DSLContext tx, List<FeedbackInput> items, long now);
    }

    private final QuoteService quotes;
    private final Listener listener;

    public FeedbackBatchWriter(QuoteService quotes) {
        this(quotes, (tx, items, now) -> { });
    }

    public FeedbackBatchWriter(QuoteService quotes, Listener listener) {
        this.quotes = quotes;
        this.listener = listener;
    }

    /** The analysis of an item's comment as a quote, to compute before the write transaction. */
    public QuoteService.Assessment assess(FeedbackInput in) {
        return quotes.assess(in.comment().strip(), in.language(), in.customerName(), in.customerEmail(), in.score(),
                in.scoreType() == null ? null : in.scoreType().name());
    }

    private record Existing(int id, Object[] values, Integer quoteId, String quoteStatus, String quoteText) {
    }

    private static final String INSERT_FEEDBACK = "INSERT INTO feedback (id, source, external_id, received_at, updated_at, "
            + "responded_at, score, score_type, comment, language, touchpoint, location, customer_name, customer_email, "
            + "customer_segment, consent_to_publish, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (source, external_id) DO NOTHING";
    private static final String UPDATE_FEEDBACK = "UPDATE feedback SET updated_at = ?, responded_at = ?, score = ?, "
            + "score_type = ?, comment = ?, language = ?, touchpoint = ?, location = ?, customer_name = ?, "
            + "customer_email = ?, customer_segment = ?, consent_to_publish = ?, payload = ? WHERE id = ?";
    private static final String INSERT_QUOTE = "INSERT INTO quote (status, original_text, display_text, "
            + "attribution, sentiment, created_at, updated_at, quotability, quotability_reasons, pii_count, flagged_words, "
            + "feedback_id) VALUES ('pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String REFRESH_QUOTE = "UPDATE quote SET original_text = ?, display_text = ?, updated_at = ?, "
            + "quotability = ?, quotability_reasons = ?, pii_count = ?, flagged_words = ? WHERE id = ? AND status = 'pending'";

    /**
     * Stores the items (the last one wins where a source and external id repeat);
     * {@code assessed} gives the analysis of an item's comment as its quote's text.
     */
    public Counts write(DSLContext tx, List<FeedbackInput> items, Function<FeedbackInput, QuoteService.Assessment> assessed,
                        long now) {
        Map<String, Map<String, FeedbackInput>> bySource = new LinkedHashMap<>();
        for (FeedbackInput in : items) {
            bySource.computeIfAbsent(in.source(), s -> new LinkedHashMap<>()).put(in.externalId(), in);
        }
        int[] counts = new int[3];
        List<Long> ruled = new ArrayList<>();
        List<Integer> withdrawn = new ArrayList<>();
        for (var entry : bySource.entrySet()) {
            List<FeedbackInput> rows = new ArrayList<>(entry.getValue().values());
            // Every row is first offered as new, with an id drawn up front (so its quote names it
            // without a look-up): the unique key turns away the rows already stored, and only those
            // are looked up and compared, which on a first import is none of them.
            long[] ids = newIds(tx, rows.size());
            boolean[] inserted = tx.connectionResult(c -> insertNew(c, rows, ids, now));
            List<String> stored = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!inserted[i]) {
                    stored.add(rows.get(i).externalId());
                }
            }
            Map<String, Existing> existing = stored.isEmpty() ? Map.of() : lookUp(tx, entry.getKey(), stored);
            tx.connection(c -> writeSource(c, rows, inserted, ids, existing, assessed, now, counts, ruled, withdrawn));
        }
        withdraw(tx, withdrawn, now);
        // the new quotes reach the queue's search index from its own thread and file (curation/SearchIndex)
        Set<Integer> channels = new TreeSet<>();
        for (long feedbackId : ruled) {
            channels.addAll(quotes.autoApprove(tx, (int) feedbackId, now));
        }
        listener.written(tx, items, now);
        return new Counts(counts[0], counts[1], counts[2], channels);
    }

    /**
     * Ids for {@code n} new feedback rows. SQLite: after the highest id ever issued (ids are not
     * reused, also after an erasure), safe because this runs in the write transaction. PostgreSQL:
     * from the table's sequence, which other nodes draw from too.
     */
    private static long[] newIds(DSLContext tx, int n) {
        long[] ids = new long[n];
        if (n == 0) {
            return ids;
        }
        if (tx.dialect() == SQLDialect.SQLITE) {
            long next = Math.max(longOf(tx, "SELECT max(id) FROM feedback"),
                    longOf(tx, "SELECT seq FROM sqlite_sequence WHERE name = 'feedback'")) + 1;
            for (int i = 0; i < n; i++) {
                ids[i] = next + i;
            }
        } else {
            List<Long> drawn = tx.fetch("SELECT nextval('feedback_id_seq') FROM generate_series(1, ?)", n)
                    .getValues(0, Long.class);
            for (int i = 0; i < n; i++) {
                ids[i] = drawn.get(i);
            }
        }
        return ids;
    }

    private static long longOf(DSLContext tx, String sql) {
        Record r = tx.fetchOne(sql);
        Long v = r == null ? null : r.get(0, Long.class);
        return v == null ? 0 : v;
    }

    private static Map<String, Existing> lookUp(DSLContext tx, String source, List<String> ids) {
        Map<String, Existing> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_SLICE) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + LOOKUP_SLICE));
            for (Record r : tx.select(FEEDBACK.ID, FEEDBACK.EXTERNAL_ID, FEEDBACK.RESPONDED_AT, FEEDBACK.SCORE,
                            FEEDBACK.SCORE_TYPE, FEEDBACK.COMMENT, FEEDBACK.LANGUAGE, FEEDBACK.TOUCHPOINT,
                            FEEDBACK.LOCATION, FEEDBACK.CUSTOMER_NAME, FEEDBACK.CUSTOMER_EMAIL,
                            FEEDBACK.CUSTOMER_SEGMENT, FEEDBACK.CONSENT_TO_PUBLISH, FEEDBACK.PAYLOAD,
                            QUOTE.ID, QUOTE.STATUS, QUOTE.ORIGINAL_TEXT)
                    .from(FEEDBACK).leftJoin(QUOTE).on(QUOTE.FEEDBACK_ID.eq(FEEDBACK.ID))
                    .where(FEEDBACK.SOURCE.eq(source).and(FEEDBACK.EXTERNAL_ID.in(slice)))
                    .fetch()) {
                Object[] values = {r.get(FEEDBACK.RESPONDED_AT), r.get(FEEDBACK.SCORE), r.get(FEEDBACK.SCORE_TYPE),
                        r.get(FEEDBACK.COMMENT), r.get(FEEDBACK.LANGUAGE), r.get(FEEDBACK.TOUCHPOINT),
                        r.get(FEEDBACK.LOCATION), r.get(FEEDBACK.CUSTOMER_NAME), r.get(FEEDBACK.CUSTOMER_EMAIL),
                        r.get(FEEDBACK.CUSTOMER_SEGMENT), r.get(FEEDBACK.CONSENT_TO_PUBLISH), r.get(FEEDBACK.PAYLOAD)};
                found.put(r.get(FEEDBACK.EXTERNAL_ID), new Existing(r.get(FEEDBACK.ID), values, r.get(QUOTE.ID),
                        r.get(QUOTE.STATUS), r.get(QUOTE.ORIGINAL_TEXT)));
            }
        }
        return found;
    }

    /** The stored columns of an item, in the order of {@link Existing#values}. */
    private static Object[] values(FeedbackInput in) {
        return new Object[] {in.respondedAt(), in.score(), in.scoreType() == null ? null : in.scoreType().name(),
                in.comment(), in.language(), in.touchpoint(), in.location(), in.customerName(), in.customerEmail(),
                in.customerSegment(), in.consentToPublish() ? 1 : 0, in.payload()};
    }

    /** Inserts the rows not stored yet; true for each row inserted, false where the unique key turned it away. */
    private static boolean[] insertNew(Connection c, List<FeedbackInput> rows, long[] ids, long now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_FEEDBACK)) {
            for (int i = 0; i < rows.size(); i++) {
                FeedbackInput in = rows.get(i);
                insert.setLong(1, ids[i]);
                insert.setString(2, in.source());
                insert.setString(3, in.externalId());
                insert.setLong(4, now);
                insert.setLong(5, now);
                bind(insert, 6, values(in));
                insert.addBatch();
            }
            int[] done = insert.executeBatch();
            boolean[] inserted = new boolean[rows.size()];
            for (int i = 0; i < done.length; i++) {
                if (done[i] < 0) {
                    throw new IllegalStateException("the JDBC driver did not say which rows it inserted (" + done[i] + ")");
                }
                inserted[i] = done[i] > 0;
            }
            return inserted;
        }
    }

    private static void writeSource(Connection c, List<FeedbackInput> rows, boolean[] inserted, long[] ids,
                                    Map<String, Existing> existing, Function<FeedbackInput, QuoteService.Assessment> assessed,
                                    long now, int[] counts, List<Long> ruled, List<Integer> withdrawn) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE_FEEDBACK);
             PreparedStatement newQuote = c.prepareStatement(INSERT_QUOTE);
             PreparedStatement refresh = c.prepareStatement(REFRESH_QUOTE)) {
            boolean updates = false;
            boolean newQuotes = false;
            boolean refreshes = false;
            for (int i = 0; i < rows.size(); i++) {
                FeedbackInput in = rows.get(i);
                Object[] values = values(in);
                Existing old = null;
                long feedbackId;
                if (inserted[i]) {
                    feedbackId = ids[i];
                    counts[0]++;
                } else {
                    old = existing.get(in.externalId());
                    if (old == null) {
                        // turned away by the key, then gone before the look-up (another node's erasure): it stays gone
                        counts[2]++;
                        continue;
                    }
                    feedbackId = old.id;
                    if (!java.util.Arrays.equals(values, old.values)) {
                        update.setLong(1, now);
                        bind(update, 2, values);
                        update.setInt(2 + values.length, old.id);
                        update.addBatch();
                        updates = true;
                        counts[1]++;
                    } else {
                        counts[2]++;
                    }
                }
                if (!in.hasComment()) {
                    // a newer version of the answer without its comment: the customer took it back,
                    // and the queue does not keep offering the old words for the wall
                    if (old != null && old.quoteId != null && "pending".equals(old.quoteStatus)) {
                        withdrawn.add(old.quoteId);
                    }
                    continue;
                }
                String text = in.comment().strip();
                boolean fresh = old == null || old.quoteId == null;
                if (!fresh && !("pending".equals(old.quoteStatus) && !Objects.equals(text, old.quoteText))) {
                    continue; // its quote is decided, or its text is what is stored
                }
                QuoteService.Assessment a = assessed.apply(in);
                if (a.ruleMatches()) {
                    ruled.add(feedbackId);
                }
                if (fresh) {
                    newQuote.setString(1, text);
                    newQuote.setString(2, text);
                    setNullable(newQuote, 3, Suggestions.attribution(in.language(), in.location()));
                    setNullable(newQuote, 4, Suggestions.sentiment(in.score(), values[2] == null ? null : (String) values[2]));
                    newQuote.setLong(5, now);
                    newQuote.setLong(6, now);
                    bindAnalysis(newQuote, 7, a);
                    newQuote.setLong(11, feedbackId);
                    newQuote.addBatch();
                    newQuotes = true;
                } else {
                    refresh.setString(1, text);
                    refresh.setString(2, text);
                    refresh.setLong(3, now);
                    bindAnalysis(refresh, 4, a);
                    refresh.setInt(8, old.quoteId);
                    refresh.addBatch();
                    refreshes = true;
                }
            }
            // order matters: quotes refer to their feedback rows (inserted before this method)
            if (updates) {
                update.executeBatch();
            }
            if (newQuotes) {
                newQuote.executeBatch();
            }
            if (refreshes) {
                refresh.executeBatch();
            }
        }
    }

    /**
     * Removes the pending quotes whose answers came again without a comment (a survey tool's
     * later version of the answer, the customer having cleared it), and says so in the audit log.
     * A decided quote stays as it was decided; only a pending one has words nobody chose yet.
     */
    private static void withdraw(DSLContext tx, List<Integer> quoteIds, long now) {
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
            AuditLog.record(tx, now, "ingest", "quote.withdrawn", "quote", id, null,
                    Map.of("reason", "a newer version of the answer has no comment"));
        }
    }

    private static void bind(PreparedStatement ps, int first, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int at = first + i;
            if (v == null) {
                ps.setNull(at, i == 0 ? Types.BIGINT : (i == 1 || i == 10) ? Types.INTEGER : Types.VARCHAR);
            } else if (v instanceof Long l) {
                ps.setLong(at, l);
            } else if (v instanceof Integer n) {
                ps.setInt(at, n);
            } else {
                ps.setString(at, (String) v);
            }
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

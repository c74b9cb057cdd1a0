package io.loopboard.feedback;

import static io.loopboard.store.generated.Tables.FEEDBACK;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;

/**
 * The one write path of ingest, for the API and webhooks ({@link FeedbackService#store}) and
 * for CSV imports of up to millions of rows: upsert on (source, external_id). Rows are offered
 * as new first and the unique key turns away those already stored; only those are looked up,
 * 500 to a query. JDBC statement batches, not a query per row. Rows identical to what is stored
 * are not written at all, so re-importing a file or replaying a webhook changes nothing.
 *
 * <p>What becomes of the comments is the {@link CommentIntake}'s business (a pending quote,
 * with its analysis worked out beforehand, off the transaction: {@link #prepare}); it acts
 * inside the same transaction, after the rows are written.
 *
 * <p>Runs inside the caller's write transaction ({@code db.write}), so a chunk commits whole
 * or not at all.
 */
public final class FeedbackBatchWriter {

    private static final int LOOKUP_SLICE = 500;

    /** What a write did; {@code channels} changed content (announce them after the commit). */
    public record Counts(int created, int updated, int unchanged, Set<Integer> channels) {
    }

    /** Told about every write inside its transaction, after the rows are stored (follow-up cases open there). */
    @FunctionalInterface
    public interface Listener {
        void written(DSLContext tx, List<FeedbackInput> items, long now);
    }

    private final CommentIntake comments;
    private final Listener listener;

    public FeedbackBatchWriter(CommentIntake comments) {
        this(comments, (tx, items, now) -> { });
    }

    public FeedbackBatchWriter(CommentIntake comments, Listener listener) {
        this.comments = comments;
        this.listener = listener;
    }

    /** What an item's comment needs, to work out before the write transaction. */
    public CommentIntake.Prepared prepare(FeedbackInput in) {
        return comments.prepare(in);
    }

    private record Existing(int id, Object[] values) {
    }

    private static final String INSERT_FEEDBACK = "INSERT INTO feedback (id, source, external_id, received_at, updated_at, "
            + "responded_at, score, score_type, comment, language, touchpoint, location, customer_name, customer_email, "
            + "customer_segment, consent_to_publish, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (source, external_id) DO NOTHING";
    private static final String UPDATE_FEEDBACK = "UPDATE feedback SET updated_at = ?, responded_at = ?, score = ?, "
            + "score_type = ?, comment = ?, language = ?, touchpoint = ?, location = ?, customer_name = ?, "
            + "customer_email = ?, customer_segment = ?, consent_to_publish = ?, payload = ? WHERE id = ?";
    /**
     * Stores the items (the last one wins where a source and external id repeat);
     * {@code prepared} gives what {@link #prepare} worked out for an item.
     */
    public Counts write(DSLContext tx, List<FeedbackInput> items, Function<FeedbackInput, CommentIntake.Prepared> prepared,
                        long now) {
        Map<String, Map<String, FeedbackInput>> bySource = new LinkedHashMap<>();
        for (FeedbackInput in : items) {
            bySource.computeIfAbsent(in.source(), s -> new LinkedHashMap<>()).put(in.externalId(), in);
        }
        int[] counts = new int[3];
        List<CommentIntake.Stored> stored = new ArrayList<>(items.size());
        for (var entry : bySource.entrySet()) {
            List<FeedbackInput> rows = new ArrayList<>(entry.getValue().values());
            // Every row is first offered as new, with an id drawn up front (so its quote names it
            // without a look-up): the unique key turns away the rows already stored, and only those
            // are looked up and compared, which on a first import is none of them.
            long[] ids = newIds(tx, rows.size());
            boolean[] inserted = tx.connectionResult(c -> insertNew(c, rows, ids, now));
            List<String> known = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!inserted[i]) {
                    known.add(rows.get(i).externalId());
                }
            }
            Map<String, Existing> existing = known.isEmpty() ? Map.of() : lookUp(tx, entry.getKey(), known);
            tx.connection(c -> writeSource(c, rows, inserted, ids, existing, now, counts, stored));
        }
        Set<Integer> channels = comments.stored(tx, stored, prepared, now);
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
                            FEEDBACK.CUSTOMER_SEGMENT, FEEDBACK.CONSENT_TO_PUBLISH, FEEDBACK.PAYLOAD)
                    .from(FEEDBACK)
                    .where(FEEDBACK.SOURCE.eq(source).and(FEEDBACK.EXTERNAL_ID.in(slice)))
                    .fetch()) {
                Object[] values = {r.get(FEEDBACK.RESPONDED_AT), r.get(FEEDBACK.SCORE), r.get(FEEDBACK.SCORE_TYPE),
                        r.get(FEEDBACK.COMMENT), r.get(FEEDBACK.LANGUAGE), r.get(FEEDBACK.TOUCHPOINT),
                        r.get(FEEDBACK.LOCATION), r.get(FEEDBACK.CUSTOMER_NAME), r.get(FEEDBACK.CUSTOMER_EMAIL),
                        r.get(FEEDBACK.CUSTOMER_SEGMENT), r.get(FEEDBACK.CONSENT_TO_PUBLISH), r.get(FEEDBACK.PAYLOAD)};
                found.put(r.get(FEEDBACK.EXTERNAL_ID), new Existing(r.get(FEEDBACK.ID), values));
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
                                    Map<String, Existing> existing, long now, int[] counts,
                                    List<CommentIntake.Stored> stored) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE_FEEDBACK)) {
            boolean updates = false;
            for (int i = 0; i < rows.size(); i++) {
                FeedbackInput in = rows.get(i);
                if (inserted[i]) {
                    stored.add(new CommentIntake.Stored(in, ids[i], true));
                    counts[0]++;
                    continue;
                }
                Existing old = existing.get(in.externalId());
                if (old == null) {
                    // turned away by the key, then gone before the look-up (another node's erasure): it stays gone
                    counts[2]++;
                    continue;
                }
                Object[] values = values(in);
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
                stored.add(new CommentIntake.Stored(in, old.id, false));
            }
            if (updates) {
                update.executeBatch();
            }
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
}

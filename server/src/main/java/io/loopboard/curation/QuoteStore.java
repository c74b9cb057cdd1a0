package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import io.loopboard.store.AuditLog;
import io.loopboard.store.generated.tables.records.QuoteRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.impl.DSL;

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

        void add(long feedbackId, String text, String attribution, String sentiment, QuoteIntake.Assessment a, long now)
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
        void refresh(int quoteId, String text, QuoteIntake.Assessment a, long now) throws SQLException {
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

        private static void bindAnalysis(PreparedStatement ps, int first, QuoteIntake.Assessment a) throws SQLException {
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

    /** A moderated quote as other features show it: only its moderated words, never the customer's. */
    public record Brief(int id, int feedbackId, String status, String displayText, String attribution) {
    }

    /** A quote on air now, for a channel's rotation. */
    record OnAir(int id, int feedbackId, String displayText, String attribution, String sentiment, Long publishUntil) {
    }

    /**
     * The quotes a channel shows now: approved, inside their publish window, meant for this channel
     * (or all), of the feedback {@code admitted} (a subquery of feedback ids, null for all);
     * pinned first, then the newest decisions.
     */
    static List<OnAir> onAir(DSLContext ctx, int channelId, long now, int limit, Select<Record1<Integer>> admitted) {
        var inChannel = DSL.notExists(DSL.selectOne().from(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.eq(QUOTE.ID)))
                .or(DSL.exists(DSL.selectOne().from(QUOTE_CHANNEL)
                        .where(QUOTE_CHANNEL.QUOTE_ID.eq(QUOTE.ID).and(QUOTE_CHANNEL.CHANNEL_ID.eq(channelId)))));
        return ctx.select(QUOTE.ID, QUOTE.FEEDBACK_ID, QUOTE.DISPLAY_TEXT, QUOTE.ATTRIBUTION, QUOTE.SENTIMENT,
                        QUOTE.PUBLISH_UNTIL)
                .from(QUOTE)
                .where(QUOTE.STATUS.eq("approved"))
                .and(QUOTE.PUBLISH_FROM.isNull().or(QUOTE.PUBLISH_FROM.le(now)))
                .and(QUOTE.PUBLISH_UNTIL.isNull().or(QUOTE.PUBLISH_UNTIL.gt(now)))
                .and(inChannel)
                .and(admitted == null ? DSL.noCondition() : QUOTE.FEEDBACK_ID.in(admitted))
                .orderBy(QUOTE.PINNED.desc(), QUOTE.DECIDED_AT.desc(), QUOTE.ID.desc())
                .limit(limit)
                .fetch(r -> new OnAir(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /** The first moment after {@code after} when an approved quote's publish window opens or closes; null if none. */
    public static Long nextPublishBoundary(DSLContext ctx, long after) {
        var approved = QUOTE.STATUS.eq("approved");
        Long from = ctx.select(DSL.min(QUOTE.PUBLISH_FROM)).from(QUOTE)
                .where(approved.and(QUOTE.PUBLISH_FROM.gt(after))).fetchOne(0, Long.class);
        Long until = ctx.select(DSL.min(QUOTE.PUBLISH_UNTIL)).from(QUOTE)
                .where(approved.and(QUOTE.PUBLISH_UNTIL.gt(after))).fetchOne(0, Long.class);
        return from == null ? until : until == null ? from : Long.valueOf(Math.min(from, until));
    }

    /** The quotes of these feedback rows, by feedback id. */
    public static Map<Integer, Brief> briefsByFeedback(DSLContext ctx, Collection<Integer> feedbackIds) {
        Map<Integer, Brief> found = new HashMap<>();
        List<Integer> all = List.copyOf(new java.util.HashSet<>(feedbackIds));
        for (int from = 0; from < all.size(); from += SLICE) {
            ctx.select(BRIEF).from(QUOTE).where(QUOTE.FEEDBACK_ID.in(all.subList(from, Math.min(all.size(), from + SLICE))))
                    .forEach(r -> found.put(r.get(QUOTE.FEEDBACK_ID), brief(r)));
        }
        return found;
    }

    /** The feedback row of each of these quotes, by quote id; unknown quotes are left out. */
    public static Map<Integer, Integer> feedbackOf(DSLContext ctx, Collection<Integer> quoteIds) {
        return ctx.select(QUOTE.ID, QUOTE.FEEDBACK_ID).from(QUOTE).where(QUOTE.ID.in(quoteIds)).fetchMap(QUOTE.ID, QUOTE.FEEDBACK_ID);
    }

    /**
     * The newest quotes not rejected, leaving out those of the feedback {@code excluded} (a
     * subquery of feedback ids): candidates to link to a story.
     */
    public static List<Brief> newestNotRejected(DSLContext ctx, Select<Record1<Integer>> excluded, int limit) {
        return ctx.select(BRIEF).from(QUOTE)
                .where(QUOTE.STATUS.ne("rejected")).and(QUOTE.FEEDBACK_ID.notIn(excluded))
                .orderBy(QUOTE.CREATED_AT.desc())
                .limit(limit)
                .fetch(QuoteStore::brief);
    }

    private static final List<Field<?>> BRIEF = List.of(QUOTE.ID, QUOTE.FEEDBACK_ID, QUOTE.STATUS, QUOTE.DISPLAY_TEXT,
            QUOTE.ATTRIBUTION);

    private static Brief brief(Record r) {
        return new Brief(r.get(QUOTE.ID), r.get(QUOTE.FEEDBACK_ID), r.get(QUOTE.STATUS), r.get(QUOTE.DISPLAY_TEXT),
                r.get(QUOTE.ATTRIBUTION));
    }

    /** What an erasure removed from the wall: the words that were on air, and where. */
    public record Erased(int quotes, List<String> leftAir, Set<Integer> channels, boolean allChannels) {
    }

    /** Deletes the quotes of these feedback rows, their channel choices and their audit rows (an erasure). */
    public static Erased eraseOfFeedback(DSLContext tx, Collection<Integer> feedbackIds) {
        if (feedbackIds.isEmpty()) {
            return new Erased(0, List.of(), Set.of(), false);
        }
        List<Integer> quoteIds = tx.select(QUOTE.ID).from(QUOTE).where(QUOTE.FEEDBACK_ID.in(feedbackIds)).fetch(QUOTE.ID);
        if (quoteIds.isEmpty()) {
            return new Erased(0, List.of(), Set.of(), false);
        }
        List<Integer> onAir = tx.select(QUOTE.ID).from(QUOTE)
                .where(QUOTE.ID.in(quoteIds).and(QUOTE.STATUS.eq("approved"))).fetch(QUOTE.ID);
        List<String> leftAir = onAir.isEmpty() ? List.of()
                : tx.select(QUOTE.DISPLAY_TEXT).from(QUOTE).where(QUOTE.ID.in(onAir)).fetch(QUOTE.DISPLAY_TEXT);
        Set<Integer> channels = new java.util.TreeSet<>();
        boolean all = false;
        for (int id : onAir) {
            List<Integer> cs = tx.select(QUOTE_CHANNEL.CHANNEL_ID).from(QUOTE_CHANNEL)
                    .where(QUOTE_CHANNEL.QUOTE_ID.eq(id)).fetch(QUOTE_CHANNEL.CHANNEL_ID);
            all |= cs.isEmpty();
            channels.addAll(cs);
        }
        AuditLog.erase(tx, "quote", quoteIds);
        tx.deleteFrom(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.in(quoteIds)).execute();
        tx.deleteFrom(QUOTE).where(QUOTE.ID.in(quoteIds)).execute();
        return new Erased(quoteIds.size(), leftAir, channels, all);
    }

    /** Renders a typical query once, so that the first request does not load jOOQ's classes. */
    public static void warmUp() {
        DSL.using(SQLDialect.SQLITE).selectFrom(QUOTE).where(QUOTE.ID.gt(0)).orderBy(QUOTE.ID).limit(1).getSQL();
    }

    /** The channels each of these quotes is meant for, by quote id (none: every channel). */
    static Map<Integer, List<Integer>> channelsOf(DSLContext ctx, List<Integer> quoteIds) {
        Map<Integer, List<Integer>> out = new HashMap<>();
        if (quoteIds.isEmpty()) {
            return out;
        }
        ctx.select(QUOTE_CHANNEL.QUOTE_ID, QUOTE_CHANNEL.CHANNEL_ID).from(QUOTE_CHANNEL)
                .where(QUOTE_CHANNEL.QUOTE_ID.in(quoteIds)).orderBy(QUOTE_CHANNEL.CHANNEL_ID)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    /** Sets the channels a quote is meant for (none: every channel). */
    static void replaceChannels(DSLContext tx, int quoteId, List<Integer> channelIds) {
        tx.deleteFrom(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.eq(quoteId)).execute();
        for (int cid : new TreeSet<>(channelIds)) {
            tx.insertInto(QUOTE_CHANNEL).set(QUOTE_CHANNEL.QUOTE_ID, quoteId).set(QUOTE_CHANNEL.CHANNEL_ID, cid).execute();
        }
    }

    /** A quote's moderated state as the audit log records it before and after a change. */
    static Map<String, Object> snapshot(QuoteRecord q, List<Integer> channelIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", q.getStatus());
        m.put("displayText", q.getDisplayText());
        m.put("attribution", q.getAttribution());
        m.put("attributionStyle", q.getAttributionStyle());
        m.put("sentiment", q.getSentiment());
        m.put("pinned", q.getPinned() != null && q.getPinned() != 0);
        m.put("publishFrom", q.getPublishFrom());
        m.put("publishUntil", q.getPublishUntil());
        m.put("channelIds", channelIds);
        m.put("autoRuleId", q.getAutoRuleId());
        return m;
    }
}

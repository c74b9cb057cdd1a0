package io.loopboard.feedback;

import static io.loopboard.store.generated.Tables.FEEDBACK;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The queries of the {@code feedback} table that other features need, each named for what it
 * answers. Only the feedback feature touches the table; the others call here. Nothing here
 * hands out a customer's name or e-mail except to the features that must (erasure works by e-mail).
 */
public final class FeedbackStore {

    private static final int SLICE = 500;

    private FeedbackStore() {
    }

    /** Which feedback counts (a channel's content filters): empty lists admit everything. */
    public record Filter(List<String> touchpoints, List<String> locations, List<String> languages) {
        public boolean admitsAll() {
            return touchpoints.isEmpty() && locations.isEmpty() && languages.isEmpty();
        }
    }

    /** What may be shown beside a moderated quote: the answer's language and touchpoint. */
    public record Context(String language, String touchpoint) {
    }

    /** The ids of the feedback the filter admits, to use as a subquery; null when it admits all. */
    public static Select<Record1<Integer>> idsMatching(Filter f) {
        if (f.admitsAll()) {
            return null;
        }
        return DSL.select(FEEDBACK.ID).from(FEEDBACK).where(conditions(f));
    }

    private static List<Condition> conditions(Filter f) {
        List<Condition> c = new ArrayList<>();
        if (!f.touchpoints().isEmpty()) {
            c.add(DSL.lower(FEEDBACK.TOUCHPOINT).in(lower(f.touchpoints())));
        }
        if (!f.locations().isEmpty()) {
            c.add(DSL.lower(FEEDBACK.LOCATION).in(lower(f.locations())));
        }
        if (!f.languages().isEmpty()) {
            // "sv" admits "sv-SE" and "sv-FI" too
            Condition any = DSL.falseCondition();
            for (String l : f.languages()) {
                String tag = l.toLowerCase(Locale.ROOT);
                any = any.or(DSL.lower(FEEDBACK.LANGUAGE).eq(tag)).or(DSL.lower(FEEDBACK.LANGUAGE).like(tag + "-%"));
            }
            c.add(any);
        }
        return c;
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** The language and touchpoint of these feedback rows, by id; rows that are gone are left out. */
    public static Map<Integer, Context> contexts(DSLContext ctx, Collection<Integer> ids) {
        Map<Integer, Context> found = new HashMap<>();
        List<Integer> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += SLICE) {
            ctx.select(FEEDBACK.ID, FEEDBACK.LANGUAGE, FEEDBACK.TOUCHPOINT).from(FEEDBACK)
                    .where(FEEDBACK.ID.in(all.subList(from, Math.min(all.size(), from + SLICE))))
                    .forEach(r -> found.put(r.value1(), new Context(r.value2(), r.value3())));
        }
        return found;
    }

    /** Which of these feedback ids exist. */
    public static Set<Integer> existing(DSLContext ctx, Collection<Integer> ids) {
        return new HashSet<>(ctx.select(FEEDBACK.ID).from(FEEDBACK).where(FEEDBACK.ID.in(ids)).fetch(FEEDBACK.ID));
    }

    /** The newest feedback row's id, 0 when there is none: it changes whenever feedback arrives. */
    public static long latestId(DSLContext ctx) {
        Long latest = ctx.select(DSL.max(FEEDBACK.ID).cast(Long.class)).from(FEEDBACK).fetchOne(0, Long.class);
        return latest == null ? 0 : latest;
    }

    /**
     * How many answers of a score type gave each score, answered (or received, when the survey
     * tool gave no time) in [{@code from}, {@code until}) and admitted by the filter.
     */
    public static Map<Integer, Integer> scoreCounts(DSLContext ctx, String scoreType, long from, long until, Filter f) {
        Field<Long> at = DSL.coalesce(FEEDBACK.RESPONDED_AT, FEEDBACK.RECEIVED_AT);
        List<Condition> where = new ArrayList<>(conditions(f));
        where.add(FEEDBACK.SCORE_TYPE.eq(scoreType));
        where.add(FEEDBACK.SCORE.isNotNull());
        where.add(at.ge(from));
        where.add(at.lt(until));
        Map<Integer, Integer> counts = new HashMap<>();
        ctx.select(FEEDBACK.SCORE, DSL.count()).from(FEEDBACK).where(where).groupBy(FEEDBACK.SCORE)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /** How many rows have this e-mail address (lower-cased): a read that brings the pages into memory. */
    public static int countByEmail(DSLContext ctx, String email) {
        return ctx.fetchCount(FEEDBACK, DSL.lower(FEEDBACK.CUSTOMER_EMAIL).eq(email));
    }

    /** The rows of a customer, by e-mail address (lower-cased), for an erasure. */
    public static List<Integer> idsByEmail(DSLContext tx, String email) {
        return tx.select(FEEDBACK.ID).from(FEEDBACK).where(DSL.lower(FEEDBACK.CUSTOMER_EMAIL).eq(email)).fetch(FEEDBACK.ID);
    }

    /** Deletes these rows (an erasure; what refers to them is deleted first by its owners). */
    public static void delete(DSLContext tx, Collection<Integer> ids) {
        if (!ids.isEmpty()) {
            tx.deleteFrom(FEEDBACK).where(FEEDBACK.ID.in(ids)).execute();
        }
    }

    /**
     * What moderation needs of a quote's answer: the score and its type (sentiment, auto-approve
     * rules), language, location and touchpoint (attribution), and the customer's name and
     * e-mail (to find them in the words, and to name a customer who consented).
     */
    public record Facts(int id, Integer score, String scoreType, String language, String location, String touchpoint,
                        String customerName, String customerEmail, boolean consentToPublish) {
    }

    /** The facts of one feedback row; null when it is gone. */
    public static Facts facts(DSLContext ctx, int id) {
        return facts(ctx, List.of(id)).get(id);
    }

    /** The facts of these feedback rows, by id; rows that are gone are left out. */
    public static Map<Integer, Facts> facts(DSLContext ctx, Collection<Integer> ids) {
        Map<Integer, Facts> found = new HashMap<>();
        List<Integer> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += SLICE) {
            ctx.select(FEEDBACK.ID, FEEDBACK.SCORE, FEEDBACK.SCORE_TYPE, FEEDBACK.LANGUAGE, FEEDBACK.LOCATION,
                            FEEDBACK.TOUCHPOINT, FEEDBACK.CUSTOMER_NAME, FEEDBACK.CUSTOMER_EMAIL, FEEDBACK.CONSENT_TO_PUBLISH)
                    .from(FEEDBACK).where(FEEDBACK.ID.in(all.subList(from, Math.min(all.size(), from + SLICE))))
                    .forEach(r -> found.put(r.value1(), new Facts(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                            r.value6(), r.value7(), r.value8(), r.value9() != null && r.value9() != 0)));
        }
        return found;
    }

    /**
     * An answer as the follow-up feature reads it: what the customer said and who they are.
     * {@code payload} (the survey tool's original) is only read by {@link #after}.
     */
    public record Answer(int id, String source, String externalId, Integer score, String scoreType, String comment,
                         String language, String touchpoint, String location, Long respondedAt, long receivedAt,
                         String customerName, String customerEmail, String payload) {
    }

    private static final List<Field<?>> ANSWER = List.of(FEEDBACK.ID, FEEDBACK.SOURCE, FEEDBACK.EXTERNAL_ID, FEEDBACK.SCORE,
            FEEDBACK.SCORE_TYPE, FEEDBACK.COMMENT, FEEDBACK.LANGUAGE, FEEDBACK.TOUCHPOINT, FEEDBACK.LOCATION,
            FEEDBACK.RESPONDED_AT, FEEDBACK.RECEIVED_AT, FEEDBACK.CUSTOMER_NAME, FEEDBACK.CUSTOMER_EMAIL);

    private static Answer answer(org.jooq.Record r, String payload) {
        return new Answer(r.get(FEEDBACK.ID), r.get(FEEDBACK.SOURCE), r.get(FEEDBACK.EXTERNAL_ID), r.get(FEEDBACK.SCORE),
                r.get(FEEDBACK.SCORE_TYPE), r.get(FEEDBACK.COMMENT), r.get(FEEDBACK.LANGUAGE), r.get(FEEDBACK.TOUCHPOINT),
                r.get(FEEDBACK.LOCATION), r.get(FEEDBACK.RESPONDED_AT), r.get(FEEDBACK.RECEIVED_AT),
                r.get(FEEDBACK.CUSTOMER_NAME), r.get(FEEDBACK.CUSTOMER_EMAIL), payload);
    }

    /** These answers (without their payloads), by id; rows that are gone are left out. */
    public static Map<Integer, Answer> answers(DSLContext ctx, Collection<Integer> ids) {
        Map<Integer, Answer> found = new HashMap<>();
        List<Integer> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += SLICE) {
            ctx.select(ANSWER).from(FEEDBACK).where(FEEDBACK.ID.in(all.subList(from, Math.min(all.size(), from + SLICE))))
                    .forEach(r -> found.put(r.get(FEEDBACK.ID), answer(r, null)));
        }
        return found;
    }

    /** Up to {@code limit} answers after the id {@code mark}, in id order, with their payloads (a range of the primary key). */
    public static List<Answer> after(DSLContext ctx, int mark, int limit) {
        return ctx.select(ANSWER).select(FEEDBACK.PAYLOAD).from(FEEDBACK).where(FEEDBACK.ID.gt(mark))
                .orderBy(FEEDBACK.ID).limit(limit).fetch(r -> answer(r, r.get(FEEDBACK.PAYLOAD)));
    }

    /** The ids of a source's answers by their external ids; unknown ones are left out. */
    public static Map<String, Integer> idsByExternal(DSLContext ctx, String source, Collection<String> externalIds) {
        Map<String, Integer> found = new HashMap<>();
        ctx.select(FEEDBACK.EXTERNAL_ID, FEEDBACK.ID).from(FEEDBACK)
                .where(FEEDBACK.SOURCE.eq(source).and(FEEDBACK.EXTERNAL_ID.in(externalIds)))
                .forEach(r -> found.put(r.value1(), r.value2()));
        return found;
    }
}

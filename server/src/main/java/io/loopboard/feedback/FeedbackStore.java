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
}

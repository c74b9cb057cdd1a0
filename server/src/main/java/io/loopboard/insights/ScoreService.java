package io.loopboard.insights;

import static io.loopboard.store.generated.Tables.FEEDBACK;

import io.loopboard.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * NPS and CSAT over a period, read honestly (CX-METHOD.md section 4): every figure carries
 * its sample size, a figure from fewer answers than the minimum is not produced at all, and
 * the trend compares with the period before only when that period has enough answers too.
 */
public final class ScoreService {

    private static final long DAY_MS = 24L * 3600 * 1000;
    /** How long a figure is reused while no feedback has arrived (edits and erasures show within it). */
    static final long FRESH_MS = 60_000;

    private final Database db;
    /**
     * Figures by what they were asked for. Every playlist build of a channel with a score slide
     * asks (each approval, takedown and schedule boundary), and a figure counts every answer
     * of its period, which at a million feedback rows is a scan of the table; so a figure is
     * reused until newer feedback arrives (a cheap max(id)) or it is a minute old.
     */
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    private record Key(String metric, int days, int minSample, Filter filter) {
    }

    private record Cached(Optional<Score> score, long latestFeedback, long at) {
    }

    public ScoreService(Database db) {
        this.db = db;
    }

    /** Which feedback counts: empty lists admit everything. */
    public record Filter(List<String> touchpoints, List<String> locations, List<String> languages) {
    }

    /**
     * @param value    NPS (−100…100) or CSAT (percent of 4 and 5 answers, 0…100), whole numbers
     * @param previous the same figure for the period before, or null when that sample is too small
     */
    public record Score(String metric, int days, int value, int sampleSize, Integer previous, Integer trend) {
    }

    public Optional<Score> score(String metric, int days, int minSample, Filter filter, long now) {
        Key key = new Key(metric, days, minSample, filter);
        Long latest = db.dsl().select(DSL.max(FEEDBACK.ID).cast(Long.class)).from(FEEDBACK).fetchOne(0, Long.class);
        long latestFeedback = latest == null ? 0 : latest;
        Cached c = cache.get(key);
        if (c != null && c.latestFeedback() == latestFeedback && now >= c.at() && now - c.at() < FRESH_MS) {
            return c.score();
        }
        Optional<Score> score = compute(metric, days, minSample, filter, now);
        cache.put(key, new Cached(score, latestFeedback, now));
        return score;
    }

    private Optional<Score> compute(String metric, int days, int minSample, Filter filter, long now) {
        long period = days * DAY_MS;
        Figure current = figure(metric, now - period, now, filter);
        if (current.n < minSample) {
            return Optional.empty();
        }
        Figure before = figure(metric, now - 2 * period, now - period, filter);
        Integer previous = before.n >= minSample ? before.value : null;
        return Optional.of(new Score(metric, days, current.value, current.n, previous,
                previous == null ? null : current.value - previous));
    }

    private record Figure(int n, int value) {
    }

    private Figure figure(String metric, long from, long until, Filter filter) {
        Field<Long> at = DSL.coalesce(FEEDBACK.RESPONDED_AT, FEEDBACK.RECEIVED_AT);
        List<Condition> where = new ArrayList<>();
        where.add(FEEDBACK.SCORE_TYPE.eq(metric));
        where.add(FEEDBACK.SCORE.isNotNull());
        where.add(at.ge(from));
        where.add(at.lt(until));
        where.addAll(filterConditions(filter));
        Field<Integer> good;
        Field<Integer> bad;
        if (metric.equals("NPS")) {
            good = DSL.when(FEEDBACK.SCORE.ge(9), 1).otherwise(0);
            bad = DSL.when(FEEDBACK.SCORE.le(6), 1).otherwise(0);
        } else {
            good = DSL.when(FEEDBACK.SCORE.ge(4), 1).otherwise(0);
            bad = DSL.inline(0);
        }
        var r = db.dsl().select(DSL.count(), DSL.sum(good), DSL.sum(bad)).from(FEEDBACK).where(where).fetchOne();
        int n = r.value1();
        if (n == 0) {
            return new Figure(0, 0);
        }
        double goodShare = r.value2().doubleValue() / n;
        double badShare = r.value3().doubleValue() / n;
        return new Figure(n, (int) Math.round(100 * (goodShare - badShare)));
    }

    /** The channel's content filters as conditions on feedback; shared with the quote slides. */
    public static List<Condition> filterConditions(Filter f) {
        List<Condition> c = new ArrayList<>();
        if (!f.touchpoints().isEmpty()) {
            c.add(DSL.lower(FEEDBACK.TOUCHPOINT).in(f.touchpoints().stream().map(String::toLowerCase).toList()));
        }
        if (!f.locations().isEmpty()) {
            c.add(DSL.lower(FEEDBACK.LOCATION).in(f.locations().stream().map(String::toLowerCase).toList()));
        }
        if (!f.languages().isEmpty()) {
            // "sv" admits "sv-SE" and "sv-FI" too
            Condition any = DSL.falseCondition();
            for (String l : f.languages()) {
                String tag = l.toLowerCase();
                any = any.or(DSL.lower(FEEDBACK.LANGUAGE).eq(tag)).or(DSL.lower(FEEDBACK.LANGUAGE).like(tag + "-%"));
            }
            c.add(any);
        }
        return c;
    }
}

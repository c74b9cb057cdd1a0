package io.loopboard.insights;

import io.loopboard.feedback.FeedbackStore;
import io.loopboard.store.Database;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
        FeedbackStore.Filter feedback() {
            return new FeedbackStore.Filter(touchpoints, locations, languages);
        }
    }

    /**
     * @param value    NPS (−100…100) or CSAT (percent of 4 and 5 answers, 0…100), whole numbers
     * @param previous the same figure for the period before, or null when that sample is too small
     */
    public record Score(String metric, int days, int value, int sampleSize, Integer previous, Integer trend) {
    }

    public Optional<Score> score(String metric, int days, int minSample, Filter filter, long now) {
        Key key = new Key(metric, days, minSample, filter);
        long latestFeedback = FeedbackStore.latestId(db.dsl());
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
        Map<Integer, Integer> counts = FeedbackStore.scoreCounts(db.dsl(), metric, from, until, filter.feedback());
        int n = 0;
        int good = 0;
        int bad = 0;
        for (var e : counts.entrySet()) {
            int score = e.getKey();
            n += e.getValue();
            if (metric.equals("NPS")) {
                good += score >= 9 ? e.getValue() : 0;
                bad += score <= 6 ? e.getValue() : 0;
            } else {
                good += score >= 4 ? e.getValue() : 0;
            }
        }
        if (n == 0) {
            return new Figure(0, 0);
        }
        double goodShare = (double) good / n;
        double badShare = (double) bad / n;
        return new Figure(n, (int) Math.round(100 * (goodShare - badShare)));
    }
}

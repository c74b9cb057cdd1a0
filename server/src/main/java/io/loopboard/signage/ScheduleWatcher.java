package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.ANNOUNCEMENT;

import io.loopboard.core.Worker;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes schedules take effect at their boundary on every screen without anyone touching
 * anything (DESIGN.md core flow step 5): the next moment at which some channel's content
 * changes by itself — a quote's publish window opening or closing, an announcement starting
 * or ending, a quiet daypart beginning or ending — is kept in memory, and when the server
 * clock passes it every channel is republished.
 *
 * <p>The check runs every {@link #TICK_MS} against the injected {@link Clock} (a test clock
 * can jump), and the next boundary is recomputed after every content change and every minute,
 * so a change made on another node is not missed for long.
 */
public final class ScheduleWatcher implements Worker {

    static final long TICK_MS = 250;
    private static final long RECOMPUTE_MS = 60_000;
    private static final Logger log = LoggerFactory.getLogger(ScheduleWatcher.class);

    /** The next moment after {@code after} when another feature's content changes by itself; null if none. */
    @FunctionalInterface
    public interface Boundaries {
        Long nextAfter(long after);
    }

    private final Database db;
    private final Boundaries quotes;
    private final ChannelService channels;
    private final ContentEvents events;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedule-watcher");
        t.setDaemon(true);
        return t;
    });
    private volatile long next = Long.MAX_VALUE;
    /** Boundaries up to this moment have been acted on; later ones have not. */
    private volatile long horizon = Long.MIN_VALUE;
    private volatile long computedAt = Long.MIN_VALUE;
    private volatile boolean dirty = true;

    /** {@code quotes}: the quotes' publish windows (the curation feature's). */
    public ScheduleWatcher(Database db, Boundaries quotes, ChannelService channels, ContentEvents events, Clock clock) {
        this.db = db;
        this.quotes = quotes;
        this.channels = channels;
        this.events = events;
        this.clock = clock;
        events.subscribe(change -> dirty = true);
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** The next boundary after now, for tests and the docs' curious reader. */
    public long nextBoundary() {
        return next;
    }

    void tick() {
        try {
            long now = clock.now();
            // Fire before recomputing: a recompute only looks forward from now, so after a
            // clock step (or a long pause) it would skip the boundary that was just passed.
            if (now >= next) {
                log.debug("schedule boundary {} passed; republishing every channel", next);
                next = Long.MAX_VALUE;
                events.publish(ContentEvents.Change.allChannels());
                horizon = now;
                recompute(now);
            } else if (dirty || now - computedAt > RECOMPUTE_MS || now < computedAt) {
                recompute(now);
            }
        } catch (RuntimeException e) {
            log.warn("schedule check failed; trying again", e);
        }
    }

    /**
     * Finds the next boundary after the horizon, not after now: if a schedule was written and
     * its moment passed before this recompute ran (a slow tick, a clock step), it still fires.
     */
    private void recompute(long now) {
        dirty = false;
        computedAt = now;
        if (horizon == Long.MIN_VALUE || horizon > now) {
            horizon = now;
        }
        long n = nextAfter(horizon, now);
        if (n <= now) {
            log.debug("schedule boundary {} passed before it was seen; republishing every channel", n);
            events.publish(ContentEvents.Change.allChannels());
            n = nextAfter(now, now);
        }
        horizon = now;
        next = n;
    }

    private long nextAfter(long after, long now) {
        long n = Long.MAX_VALUE;
        Long published = quotes.nextAfter(after);
        var running = ANNOUNCEMENT.ENDED_AT.isNull();
        Long starts = db.dsl().select(DSL.min(ANNOUNCEMENT.STARTS_AT)).from(ANNOUNCEMENT)
                .where(running.and(ANNOUNCEMENT.STARTS_AT.gt(after))).fetchOne(0, Long.class);
        Long ends = db.dsl().select(DSL.min(ANNOUNCEMENT.ENDS_AT)).from(ANNOUNCEMENT)
                .where(running.and(ANNOUNCEMENT.ENDS_AT.gt(after))).fetchOne(0, Long.class);
        for (Long t : new Long[] {published, starts, ends}) {
            if (t != null) {
                n = Math.min(n, t);
            }
        }
        for (Channel c : channels.list()) {
            for (QuietHours.Window w : QuietHours.windows(c, now)) {
                if (w.from() > after) {
                    n = Math.min(n, w.from());
                }
                if (w.until() > after) {
                    n = Math.min(n, w.until());
                }
            }
        }
        return n;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package io.loopboard.followup;

import io.loopboard.core.Worker;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens cases for answers that reached the store by a path that does not call the follow-up
 * feature itself: CSV imports, from the sources page or from the command line in another
 * process. It reads the feedback table forward by id from where it last stopped (a primary-key
 * range, cheap on any size of table), a few seconds behind. The API and webhooks open their cases
 * in their own transaction; the sweep passes over those.
 */
public final class CaseSweeper implements Worker {

    private static final Logger LOG = LoggerFactory.getLogger(CaseSweeper.class);
    private static final int BATCH = 1000;

    private final FollowUpStore store;
    private final Database db;
    private final Clock clock;
    /**
     * PostgreSQL draws ids from a sequence that several writers share, so a smaller id can commit
     * after a larger one: the sweep stays this far behind an answer's arrival there. SQLite has
     * one writer at a time, and ids follow commit order.
     */
    private final long settleMillis;
    private ScheduledExecutorService timer;
    /** Also done on each round: the wall's follow-up figure, told to the screens when it changed. */
    private final Runnable alsoEachRound;

    public CaseSweeper(FollowUpStore store, Clock clock, Runnable alsoEachRound) {
        this.alsoEachRound = alsoEachRound;
        this.store = store;
        this.db = store.db();
        this.clock = clock;
        this.settleMillis = db.dialect() == SQLDialect.POSTGRES ? 60_000 : 0;
    }

    public void start() {
        if (store.sweepMark(db.dsl()) == null) {
            db.write(cfg -> {
                store.initSweepMark(DSL.using(cfg));
                return null;
            });
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "followup-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
                alsoEachRound.run();
            } catch (RuntimeException e) {
                LOG.warn("follow-up sweep: {}", e.toString());
            }
        }, 2, 10, TimeUnit.SECONDS);
    }

    /** Opens the cases the answers stored since the last sweep call for; returns how many opened. */
    public synchronized int sweep() {
        int opened = 0;
        while (true) {
            long now = clock.now();
            Integer mark = store.sweepMark(db.dsl());
            if (mark == null) {
                return opened; // not started
            }
            List<FollowUpStore.Stored> rows = store.after(mark, BATCH);
            if (rows.isEmpty()) {
                return opened;
            }
            FollowUpSettings settings = store.settings(db.dsl());
            List<FollowUpStore.Candidate> candidates = new ArrayList<>();
            int last = mark;
            boolean caughtUp = rows.size() < BATCH;
            for (FollowUpStore.Stored r : rows) {
                if (r.receivedAt() > now - settleMillis) {
                    caughtUp = true;
                    break;
                }
                last = r.id();
                if (r.hasCase()) {
                    continue;
                }
                FollowUpStore.Candidate c = CaseOpener.candidate(settings, r.source(), r.externalId(), r.score(), r.scoreType(),
                        r.comment(), r.language(), r.payload(), r.respondedAt(), r.touchpoint(), r.location());
                if (c != null) {
                    candidates.add(c);
                }
            }
            int upTo = last;
            if (upTo == mark) {
                return opened;
            }
            opened += db.write(cfg -> {
                int n = store.open(DSL.using(cfg), candidates, settings, now);
                store.setSweepMark(DSL.using(cfg), upTo);
                return n;
            });
            if (caughtUp) {
                return opened;
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                // a round in progress finishes its short transaction before the store closes
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

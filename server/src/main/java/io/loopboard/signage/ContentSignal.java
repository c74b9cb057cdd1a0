package io.loopboard.signage;

import io.loopboard.core.Worker;
import io.loopboard.store.Database;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content changes made by another process on the same SQLite file reach the server's screens:
 * the command-line import, whose auto-approve rules can put imported quotes on air, counts up
 * the row of {@code content_signal} (V13) after its commit ({@link #raising}); a server reads
 * it every {@value #PERIOD_MS} ms ({@link #watch}) and, when it has moved, announces a change
 * of every channel to its own listeners, so its screens get the new playlist.
 *
 * <p>PostgreSQL needs none of this: NOTIFY reaches every process ({@link PostgresContentEvents}).
 */
public final class ContentSignal implements Worker {

    static final long PERIOD_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ContentSignal.class);
    private static final String READ = "SELECT version FROM content_signal WHERE id = 1";
    private static final String RAISE = "UPDATE content_signal SET version = version + 1 WHERE id = 1";

    private final Database db;
    private final ContentEvents events;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "content-signal");
        t.setDaemon(true);
        return t;
    });
    private long seen;

    /** Reads the signal of {@code db} for {@code events} once {@link #start() started}. */
    public ContentSignal(Database db, ContentEvents events) {
        this.db = db;
        this.events = events;
        this.seen = version(db);
    }

    /** Starts reading the signal; changes made before this call are already in what the screens get. */
    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::check, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Events for a process without screens of its own: each change goes to {@code local}'s
     * listeners, then counts the signal up for the server that has the screens.
     */
    public static ContentEvents raising(Database db, ContentEvents local) {
        return new ContentEvents() {
            @Override
            public void publish(Change change) {
                local.publish(change);
                db.write(cfg -> DSL.using(cfg).execute(RAISE));
            }

            @Override
            public void subscribe(Consumer<Change> listener) {
                local.subscribe(listener);
            }

            @Override
            public void publishPairing(Pairing pairing) {
                local.publishPairing(pairing);
            }

            @Override
            public void subscribePairing(Consumer<Pairing> listener) {
                local.subscribePairing(listener);
            }

            @Override
            public void close() {
                local.close();
            }
        };
    }

    private void check() {
        try {
            long now = version(db);
            if (now != seen) {
                seen = now;
                LOG.info("content changed by another process (signal {}): republishing every channel", now);
                events.publish(ContentEvents.Change.allChannels());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot read the content signal: {}", e.toString());
        }
    }

    private static long version(Database db) {
        Record r = db.dsl().fetchOne(READ);
        return r == null ? 0 : r.get(0, Long.class);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

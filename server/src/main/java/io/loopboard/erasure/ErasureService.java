package io.loopboard.erasure;

import io.loopboard.core.Refusal;
import io.loopboard.curation.QuoteService;
import io.loopboard.curation.QuoteStore;
import io.loopboard.feedback.FeedbackStore;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * GDPR erasure: everything held about one customer e-mail goes — their feedback (with its
 * original payload), their quotes, and the audit rows that recorded those quotes' texts. The
 * audit keeps only that an erasure happened, by whom, when and how much; not the address.
 * Quotes that were on air leave every screen: the change is announced right after the commit.
 */
public final class ErasureService {

    public record Erased(int feedback, int quotes) {
    }

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;
    private final QuoteService quotes;

    public ErasureService(Database db, Clock clock, ContentEvents events, QuoteService quotes) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.quotes = quotes;
    }

    public Erased erase(String email, String actor) {
        if (email == null || email.isBlank() || email.length() > 320 || !email.contains("@")) {
            throw Refusal.invalid("email", "must be an e-mail address");
        }
        String key = email.strip().toLowerCase(Locale.ROOT);
        long now = clock.now();
        // SQLite has no index on the e-mail (V16): the erasure reads the feedback table. It reads it
        // once before taking the write lock, so the pages are in memory when it reads it again
        // inside the write transaction (a cold read of a large store takes seconds, and every
        // other write would wait for it); only the read inside decides what is erased
        if (db.dialect() == org.jooq.SQLDialect.SQLITE) {
            FeedbackStore.countByEmail(db.dsl(), key);
        }
        QuoteStore.Erased[] quotesErased = new QuoteStore.Erased[1];
        Erased erased = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<Integer> feedbackIds = FeedbackStore.idsByEmail(tx, key);
            QuoteStore.Erased q = QuoteStore.eraseOfFeedback(tx, feedbackIds);
            quotesErased[0] = q;
            io.loopboard.followup.FollowUpStore.erase(tx, feedbackIds); // follow-up cases, their audit rows
            FeedbackStore.delete(tx, feedbackIds);
            AuditLog.record(tx, now, actor, "customer.erase", "customer", null, null,
                    Map.of("feedback", feedbackIds.size(), "quotes", q.quotes()));
            return new Erased(feedbackIds.size(), q.quotes());
        });
        QuoteStore.Erased q = quotesErased[0];
        // pending quotes that were near-duplicates of an erased quote on air score again; its text
        // lives only in this list for that pass, in memory
        quotes.leftAir(q.leftAir());
        if (q.allChannels()) {
            events.publish(ContentEvents.Change.allChannels());
        } else if (!q.channels().isEmpty()) {
            events.publish(ContentEvents.Change.channels(q.channels()));
        }
        // the erased quotes' trigrams leave the search index's pages now, not at the indexer's next
        // poll (also while an import defers new quotes: the erasure is an edit, not a new quote)
        if (erased.quotes() > 0) {
            quotes.search().awaitEdits(java.time.Duration.ofSeconds(10));
        }
        if (db.dialect() == org.jooq.SQLDialect.SQLITE && (erased.feedback() > 0 || erased.quotes() > 0)) {
            truncateLogs();
        }
        return erased;
    }

    /**
     * The deleted rows' bytes are overwritten in the pages (secure_delete, set on every
     * connection; FTS5 secure-delete in the search index), but the write-ahead logs still hold
     * the pages as they were before: a checkpoint copies the current pages into the files and
     * TRUNCATE empties the logs. It waits for readers that still see an older state (at most a
     * few seconds: reads are short); if one outlasts that, the log is emptied at the next
     * erasure or checkpoint, and a warning says so.
     */
    private void truncateLogs() {
        List<String> schemas = db.searchFile().isPresent() ? List.of("main", "search") : List.of("main");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String schema : schemas) {
                while (true) {
                    boolean busy;
                    try (java.sql.ResultSet rs = s.executeQuery("PRAGMA " + schema + ".wal_checkpoint(TRUNCATE)")) {
                        busy = rs.next() && rs.getInt(1) != 0;
                    }
                    if (!busy) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        org.slf4j.LoggerFactory.getLogger(ErasureService.class).warn(
                                "erasure: the {} write-ahead log could not be emptied yet (a long read is open); "
                                        + "the erased rows' old pages stay in it until the next checkpoint", schema);
                        break;
                    }
                    Thread.sleep(20);
                }
            }
        } catch (java.sql.SQLException e) {
            org.slf4j.LoggerFactory.getLogger(ErasureService.class).warn("erasure: emptying the write-ahead log failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

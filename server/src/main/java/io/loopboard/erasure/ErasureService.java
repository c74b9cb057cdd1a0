package io.loopboard.erasure;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;
import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import io.loopboard.core.Refusal;
import io.loopboard.curation.QuoteService;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        Set<Integer> channels = new HashSet<>();
        boolean[] all = new boolean[1];
        List<String> leftAir = new java.util.ArrayList<>();
        // SQLite has no index on the e-mail (V16): the erasure reads the feedback table. It reads it
        // once before taking the write lock, so the pages are in memory when it reads it again
        // inside the write transaction (a cold read of a large store takes seconds, and every
        // other write would wait for it); only the read inside decides what is erased
        if (db.dialect() == org.jooq.SQLDialect.SQLITE) {
            db.dsl().fetchCount(FEEDBACK, DSL.lower(FEEDBACK.CUSTOMER_EMAIL).eq(key));
        }
        Erased erased = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<Integer> feedbackIds = tx.select(FEEDBACK.ID).from(FEEDBACK)
                    .where(DSL.lower(FEEDBACK.CUSTOMER_EMAIL).eq(key)).fetch(FEEDBACK.ID);
            List<Integer> quoteIds = feedbackIds.isEmpty() ? List.of()
                    : tx.select(QUOTE.ID).from(QUOTE).where(QUOTE.FEEDBACK_ID.in(feedbackIds)).fetch(QUOTE.ID);
            List<Integer> onAir = quoteIds.isEmpty() ? List.of()
                    : tx.select(QUOTE.ID).from(QUOTE).where(QUOTE.ID.in(quoteIds).and(QUOTE.STATUS.eq("approved"))).fetch(QUOTE.ID);
            leftAir.clear();
            if (!onAir.isEmpty()) {
                leftAir.addAll(tx.select(QUOTE.DISPLAY_TEXT).from(QUOTE).where(QUOTE.ID.in(onAir)).fetch(QUOTE.DISPLAY_TEXT));
            }
            for (int id : onAir) {
                List<Integer> cs = tx.select(QUOTE_CHANNEL.CHANNEL_ID).from(QUOTE_CHANNEL)
                        .where(QUOTE_CHANNEL.QUOTE_ID.eq(id)).fetch(QUOTE_CHANNEL.CHANNEL_ID);
                if (cs.isEmpty()) {
                    all[0] = true;
                }
                channels.addAll(cs);
            }
            if (!quoteIds.isEmpty()) {
                tx.deleteFrom(AUDIT_LOG).where(AUDIT_LOG.ENTITY_TYPE.eq("quote")
                        .and(AUDIT_LOG.ENTITY_ID.in(quoteIds.stream().map(String::valueOf).toList()))).execute();
                tx.deleteFrom(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.in(quoteIds)).execute();
                tx.deleteFrom(QUOTE).where(QUOTE.ID.in(quoteIds)).execute();
            }
            io.loopboard.followup.FollowUpStore.erase(tx, feedbackIds); // follow-up cases, their audit rows
            if (!feedbackIds.isEmpty()) {
                tx.deleteFrom(FEEDBACK).where(FEEDBACK.ID.in(feedbackIds)).execute();
            }
            AuditLog.record(tx, now, actor, "customer.erase", "customer", null, null,
                    Map.of("feedback", feedbackIds.size(), "quotes", quoteIds.size()));
            return new Erased(feedbackIds.size(), quoteIds.size());
        });
        // pending quotes that were near-duplicates of an erased quote on air score again; its text
        // lives only in this list for that pass, in memory
        quotes.leftAir(leftAir);
        if (all[0]) {
            events.publish(ContentEvents.Change.allChannels());
        } else if (!channels.isEmpty()) {
            events.publish(ContentEvents.Change.channels(channels));
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

package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import io.loopboard.audit.AuditLog;
import io.loopboard.feedback.TextRules;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.store.generated.tables.records.QuoteRecord;
import io.loopboard.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Moderation of quotes. Every decision commits with its audit row in one transaction; only
 * after the commit does it announce the content change, so a screen never sees an
 * uncommitted state.
 */
public final class QuoteService {

    public static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "archived");
    public static final int MAX_DISPLAY_TEXT = 1000;
    public static final int MAX_ATTRIBUTION = 120;

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;

    public QuoteService(Database db, Clock clock, ContentEvents events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Called inside the ingest transaction for feedback with a comment: creates the pending
     * quote, or refreshes its text while it is still pending. Decided quotes keep their
     * moderated text.
     */
    public void onFeedbackComment(DSLContext tx, FeedbackRecord fb, long now) {
        QuoteRecord q = tx.selectFrom(QUOTE).where(QUOTE.FEEDBACK_ID.eq(fb.getId())).fetchOne();
        String text = fb.getComment().strip();
        if (q == null) {
            tx.insertInto(QUOTE)
                    .set(QUOTE.FEEDBACK_ID, fb.getId())
                    .set(QUOTE.STATUS, "pending")
                    .set(QUOTE.ORIGINAL_TEXT, text)
                    .set(QUOTE.DISPLAY_TEXT, text)
                    .set(QUOTE.ATTRIBUTION, Suggestions.attribution(fb.getLanguage(), fb.getLocation()))
                    .set(QUOTE.SENTIMENT, Suggestions.sentiment(fb.getScore(), fb.getScoreType()))
                    .set(QUOTE.CREATED_AT, now)
                    .set(QUOTE.UPDATED_AT, now)
                    .execute();
        } else if ("pending".equals(q.getStatus()) && !text.equals(q.getOriginalText())) {
            q.setOriginalText(text);
            q.setDisplayText(text);
            q.setUpdatedAt(now);
            q.store();
        }
    }

    public List<QuoteView> list(String status, int limit, int offset) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "must be one of pending, approved, rejected, archived");
        }
        var condition = status == null ? DSL.noCondition() : QUOTE.STATUS.eq(status);
        return db.dsl().select(QUOTE.fields()).select(FEEDBACK.SCORE, FEEDBACK.SCORE_TYPE, FEEDBACK.TOUCHPOINT,
                        FEEDBACK.LOCATION, FEEDBACK.LANGUAGE, FEEDBACK.RESPONDED_AT)
                .from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(condition)
                .orderBy(QUOTE.CREATED_AT.desc(), QUOTE.ID.desc())
                .limit(limit).offset(offset)
                .fetch(QuoteService::view);
    }

    public QuoteView get(int id) {
        Record r = db.dsl().select(QUOTE.fields()).select(FEEDBACK.SCORE, FEEDBACK.SCORE_TYPE, FEEDBACK.TOUCHPOINT,
                        FEEDBACK.LOCATION, FEEDBACK.LANGUAGE, FEEDBACK.RESPONDED_AT)
                .from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(QUOTE.ID.eq(id)).fetchOne();
        if (r == null) {
            throw ApiException.notFound("quote " + id);
        }
        return view(r);
    }

    /** Approves a quote (from any state), optionally with edited display text and attribution. */
    public QuoteView approve(int id, String displayText, String attribution, String actor) {
        if (displayText != null) {
            String problem = displayText.isBlank() ? "must not be blank" : TextRules.problem(displayText, MAX_DISPLAY_TEXT, true);
            if (problem != null) {
                throw ApiException.badRequest("displayText", problem);
            }
        }
        if (attribution != null) {
            String problem = TextRules.problem(attribution, MAX_ATTRIBUTION, false);
            if (problem != null) {
                throw ApiException.badRequest("attribution", problem);
            }
        }
        return decide(id, "approve", actor, q -> {
            q.setStatus("approved");
            if (displayText != null) {
                q.setDisplayText(displayText.strip());
            }
            if (attribution != null) {
                q.setAttribution(attribution.isBlank() ? null : attribution.strip());
            }
        });
    }

    public QuoteView reject(int id, String actor) {
        return decide(id, "reject", actor, q -> q.setStatus("rejected"));
    }

    /** Takes an approved quote off every screen; it can be approved again later. */
    public QuoteView unpublish(int id, String actor) {
        return decide(id, "unpublish", actor, q -> {
            if (!"approved".equals(q.getStatus())) {
                throw ApiException.conflict("status", "only an approved quote can be unpublished; this one is " + q.getStatus());
            }
            q.setStatus("archived");
        });
    }

    private QuoteView decide(int id, String action, String actor, java.util.function.Consumer<QuoteRecord> change) {
        long now = clock.now();
        boolean[] affectsScreens = new boolean[1];
        List<Integer> channels = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            QuoteRecord q = tx.selectFrom(QUOTE).where(QUOTE.ID.eq(id)).fetchOne();
            if (q == null) {
                throw ApiException.notFound("quote " + id);
            }
            Map<String, Object> before = snapshot(q);
            boolean wasOnAir = "approved".equals(q.getStatus());
            change.accept(q);
            q.setDecidedBy(actor);
            q.setDecidedAt(now);
            q.setUpdatedAt(now);
            q.store();
            affectsScreens[0] = wasOnAir || "approved".equals(q.getStatus());
            AuditLog.record(tx, now, actor, "quote." + action, "quote", id, before, snapshot(q));
            return tx.select(QUOTE_CHANNEL.CHANNEL_ID).from(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.eq(id))
                    .fetch(QUOTE_CHANNEL.CHANNEL_ID);
        });
        if (affectsScreens[0]) {
            events.publish(channels.isEmpty() ? ContentEvents.Change.allChannels() : ContentEvents.Change.channels(channels));
        }
        return get(id);
    }

    private static Map<String, Object> snapshot(QuoteRecord q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", q.getStatus());
        m.put("displayText", q.getDisplayText());
        m.put("attribution", q.getAttribution());
        m.put("sentiment", q.getSentiment());
        return m;
    }

    private static QuoteView view(Record r) {
        return new QuoteView(
                r.get(QUOTE.ID), r.get(QUOTE.FEEDBACK_ID), r.get(QUOTE.STATUS), r.get(QUOTE.ORIGINAL_TEXT),
                r.get(QUOTE.DISPLAY_TEXT), r.get(QUOTE.ATTRIBUTION), r.get(QUOTE.SENTIMENT), r.get(QUOTE.PINNED) != 0,
                r.get(FEEDBACK.SCORE), r.get(FEEDBACK.SCORE_TYPE), r.get(FEEDBACK.TOUCHPOINT), r.get(FEEDBACK.LOCATION),
                r.get(FEEDBACK.LANGUAGE), r.get(FEEDBACK.RESPONDED_AT), r.get(QUOTE.CREATED_AT),
                r.get(QUOTE.DECIDED_BY), r.get(QUOTE.DECIDED_AT));
    }
}

package io.loopboard.feedback;

import static io.loopboard.store.generated.Tables.FEEDBACK;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.curation.QuoteService;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Ingest: validates items, stores the good ones idempotently on (source, externalId) in one
 * transaction, and reports every bad one precisely. A bad item never blocks a good one.
 */
public final class FeedbackService {

    public static final int MAX_ITEMS_PER_REQUEST = 1000;

    private final Database db;
    private final Clock clock;
    private final QuoteService quotes;
    private final FeedbackValidator validator = new FeedbackValidator();

    public FeedbackService(Database db, Clock clock, QuoteService quotes) {
        this.db = db;
        this.clock = clock;
        this.quotes = quotes;
    }

    public record Rejection(int index, String field, String problem) {
    }

    public record IngestResult(int created, int updated, int rejected, List<Rejection> errors) {
    }

    /** Accepts one JSON object or an array of them. */
    public IngestResult ingest(JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (body == null || body.isMissingNode()) {
            throw ApiException.badRequest("body", "is empty; send a JSON object or an array of objects");
        } else if (body.isArray()) {
            if (body.size() > MAX_ITEMS_PER_REQUEST) {
                throw ApiException.badRequest("body", "has " + body.size() + " items; send at most " + MAX_ITEMS_PER_REQUEST + " per request");
            }
            body.forEach(items::add);
        } else if (body.isObject()) {
            items.add(body);
        } else {
            throw ApiException.badRequest("body", "must be a JSON object or an array of objects");
        }
        List<Rejection> rejections = new ArrayList<>();
        List<FeedbackInput> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            FeedbackValidator.Result r = validator.validate(items.get(i));
            if (r.ok()) {
                valid.add(r.input());
            } else {
                for (var p : r.problems()) {
                    rejections.add(new Rejection(i, p.field(), p.problem()));
                }
            }
        }
        int rejectedItems = (int) rejections.stream().mapToInt(Rejection::index).distinct().count();
        int[] counts = store(valid);
        return new IngestResult(counts[0], counts[1], rejectedItems, rejections);
    }

    /** Stores valid items; returns {created, updated}. */
    public int[] store(List<FeedbackInput> items) {
        if (items.isEmpty()) {
            return new int[] {0, 0};
        }
        long now = clock.now();
        java.util.Set<Integer> autoApproved = new java.util.HashSet<>();
        int[] counts = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            int created = 0;
            int updated = 0;
            for (FeedbackInput in : items) {
                FeedbackRecord existing = tx.selectFrom(FEEDBACK)
                        .where(FEEDBACK.SOURCE.eq(in.source()).and(FEEDBACK.EXTERNAL_ID.eq(in.externalId())))
                        .fetchOne();
                FeedbackRecord rec = existing != null ? existing : tx.newRecord(FEEDBACK);
                rec.setSource(in.source());
                rec.setExternalId(in.externalId());
                rec.setRespondedAt(in.respondedAt());
                rec.setScore(in.score());
                rec.setScoreType(in.scoreType() == null ? null : in.scoreType().name());
                rec.setComment(in.comment());
                rec.setLanguage(in.language());
                rec.setTouchpoint(in.touchpoint());
                rec.setLocation(in.location());
                rec.setCustomerName(in.customerName());
                rec.setCustomerEmail(in.customerEmail());
                rec.setCustomerSegment(in.customerSegment());
                rec.setConsentToPublish(in.consentToPublish() ? 1 : 0);
                rec.setPayload(in.payload());
                rec.setUpdatedAt(now);
                if (existing == null) {
                    rec.setReceivedAt(now);
                    rec.store();
                    created++;
                } else {
                    if (rec.changed()) {
                        rec.store();
                    }
                    updated++;
                }
                if (in.hasComment()) {
                    autoApproved.addAll(quotes.onFeedbackComment(tx, rec, now));
                }
            }
            return new int[] {created, updated};
        });
        // auto-approve rules may have put new quotes on air: tell the screens after the commit
        quotes.announce(autoApproved);
        return counts;
    }
}

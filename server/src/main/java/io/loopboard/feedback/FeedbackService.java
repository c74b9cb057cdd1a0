package io.loopboard.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Refusal;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * Ingest: validates items, stores the good ones idempotently on (source, externalId) in one
 * transaction, and reports every bad one precisely. A bad item never blocks a good one.
 */
public final class FeedbackService {

    public static final int MAX_ITEMS_PER_REQUEST = 1000;

    private final Database db;
    private final Clock clock;
    private final CommentIntake comments;
    private final java.time.ZoneId zone;
    private final FeedbackValidator validator;
    private final FeedbackBatchWriter writer;

    public FeedbackService(Database db, Clock clock, CommentIntake comments) {
        this(db, clock, comments, java.time.ZoneId.systemDefault(), (tx, items, now) -> { });
    }

    /**
     * {@code zone}: where a respondedAt without an offset is read (LOOPBOARD_TIME_ZONE);
     * {@code listener} runs inside each write transaction (the follow-up feature opens cases there).
     */
    public FeedbackService(Database db, Clock clock, CommentIntake comments, java.time.ZoneId zone,
                           FeedbackBatchWriter.Listener listener) {
        this.validator = new FeedbackValidator(zone);
        this.zone = zone;
        this.db = db;
        this.clock = clock;
        this.comments = comments;
        this.writer = new FeedbackBatchWriter(comments, listener);
    }

    /** Where times without an offset are read. */
    public java.time.ZoneId zone() {
        return zone;
    }

    public record Rejection(int index, String field, String problem) {
    }

    public record IngestResult(int created, int updated, int rejected, List<Rejection> errors) {
    }

    /** Accepts one JSON object or an array of them. */
    public IngestResult ingest(JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (body == null || body.isMissingNode()) {
            throw Refusal.invalid("body", "is empty; send a JSON object or an array of objects");
        } else if (body.isArray()) {
            if (body.size() > MAX_ITEMS_PER_REQUEST) {
                throw Refusal.invalid("body", "has " + body.size() + " items; send at most " + MAX_ITEMS_PER_REQUEST + " per request");
            }
            body.forEach(items::add);
        } else if (body.isObject()) {
            items.add(body);
        } else {
            throw Refusal.invalid("body", "must be a JSON object or an array of objects");
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

    /**
     * Stores valid items through the bulk path ({@link FeedbackBatchWriter}, the one the CSV import
     * uses): upsert on (source, externalId), a comment makes or refreshes a pending quote with its
     * analysis, auto-approve rules run and are audited, all in one transaction. Each comment is
     * analysed before the write lock is taken. Returns {created, updated}; "updated" counts an
     * item sent again unchanged too (nothing is written for it), as it always has.
     */
    public int[] store(List<FeedbackInput> items) {
        int[] counts = store(items, (tx, in) -> true);
        return new int[] {counts[0], counts[1]};
    }

    /**
     * As {@link #store(List)}, where {@code keep} decides inside the write transaction, so that no
     * other write comes between, which items are written (a webhook's older delivery of an answer
     * stored newer is not). Returns {created, updated, skipped}.
     */
    public int[] store(List<FeedbackInput> items, java.util.function.BiPredicate<org.jooq.DSLContext, FeedbackInput> keep) {
        if (items.isEmpty()) {
            return new int[] {0, 0, 0};
        }
        Map<FeedbackInput, CommentIntake.Prepared> assessed = new IdentityHashMap<>();
        for (FeedbackInput in : items) {
            if (in.hasComment()) {
                assessed.put(in, writer.prepare(in));
            }
        }
        long now = clock.now();
        int[] skipped = {0};
        FeedbackBatchWriter.Counts counts = db.write(cfg -> {
            org.jooq.DSLContext tx = DSL.using(cfg);
            List<FeedbackInput> kept = new ArrayList<>(items.size());
            for (FeedbackInput in : items) {
                if (keep.test(tx, in)) {
                    kept.add(in);
                }
            }
            skipped[0] = items.size() - kept.size();
            return writer.write(tx, kept, in -> assessed.computeIfAbsent(in, writer::prepare), now);
        });
        // auto-approve rules may have put new quotes on air: tell the screens after the commit
        comments.announce(counts.channels());
        return new int[] {counts.created(), counts.updated() + counts.unchanged(), skipped[0]};
    }
}

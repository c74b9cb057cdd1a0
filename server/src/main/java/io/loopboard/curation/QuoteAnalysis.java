package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.QUOTE;

import io.loopboard.feedback.FeedbackStore;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.QuoteRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The analysis of quotes' words: personal data, blocked words and quotability with its reasons,
 * including how near a text is to the quotes on air now (kept in memory, reloaded after any
 * change to the air). The background re-scoring of pending quotes reads and writes through here.
 */
final class QuoteAnalysis {

    /** Compared against for near-duplicates; a playlist holds at most 200 slides. */
    static final int ON_AIR_COMPARED = 500;

    private final Database db;
    private final ModerationSettings settings;
    /** Display texts on air, for the near-duplicate check; reloaded after any decision. */
    private final AtomicReference<List<QuoteAnalyzer.OnAir>> onAir = new AtomicReference<>();

    QuoteAnalysis(Database db, ModerationSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    /** Analyses a quote's words as they are now and stores the result in its record (the caller stores it). */
    QuoteAnalyzer.Analysis analyzeInto(DSLContext tx, QuoteRecord q, FeedbackStore.Facts fb) {
        QuoteAnalyzer.Analysis a = settings.analyzer().analyze(q.getDisplayText(), fb.language(),
                new PiiDetector.Customer(fb.customerName(), fb.customerEmail()),
                q.getId() == null ? 0 : q.getId(), onAir(tx));
        q.setQuotability((float) a.quotability());
        q.setQuotabilityReasons(a.storedReasons());
        q.setPiiCount(a.findings().size());
        q.setFlaggedWords(a.flaggedWords().isEmpty() ? null : String.join(",", a.flaggedWords()));
        return a;
    }

    /** Analyses words against the quotes on air now. */
    QuoteAnalyzer.Analysis analyze(String text, String language, PiiDetector.Customer customer, int selfId) {
        return settings.analyzer().analyze(text, language, customer, selfId, onAir(db.dsl()));
    }

    List<QuoteAnalyzer.OnAir> onAir(DSLContext ctx) {
        List<QuoteAnalyzer.OnAir> list = onAir.get();
        if (list == null) {
            list = onAirQuery(ctx).fetch(r -> new QuoteAnalyzer.OnAir(r.get(QUOTE.ID), r.get(QUOTE.DISPLAY_TEXT)));
            onAir.set(list);
        }
        return list;
    }

    /** The quotes on air, most recently decided first: read from V14's index of approved quotes (QueuePlanTest). */
    static org.jooq.ResultQuery<org.jooq.Record2<Integer, String>> onAirQuery(DSLContext ctx) {
        return ctx.select(QUOTE.ID, QUOTE.DISPLAY_TEXT).from(QUOTE).where(QUOTE.STATUS.eq("approved"))
                .orderBy(QUOTE.DECIDED_AT.desc()).limit(ON_AIR_COMPARED);
    }

    /** Forgets the quotes on air: the next analysis reads them again. */
    void forget() {
        onAir.set(null);
    }

    /** The id and display text of pending quotes after an id, in id order: what the refresher scans. */
    record PendingText(int id, String text) {
    }

    /**
     * The pending quotes among the next {@code limit} quotes after an id. The status is tested here,
     * not in SQL: with it, SQLite (no statistics) walks the status index and sorts every pending quote
     * for each batch (0.3 s at a million); without it, this is a range of the primary key.
     * An empty list with quotes left is possible; {@code last} says where to go on from.
     */
    record PendingBatch(List<PendingText> pending, int last) {
    }

    PendingBatch pendingTexts(int afterId, int limit) {
        List<Record> rows = new ArrayList<>(db.dsl().select(QUOTE.ID, QUOTE.STATUS, QUOTE.DISPLAY_TEXT).from(QUOTE)
                .where(QUOTE.ID.gt(afterId)).orderBy(QUOTE.ID).limit(limit).fetch());
        List<PendingText> pending = rows.stream().filter(r -> "pending".equals(r.get(QUOTE.STATUS)))
                .map(r -> new PendingText(r.get(QUOTE.ID), r.get(QUOTE.DISPLAY_TEXT))).toList();
        return new PendingBatch(pending, rows.isEmpty() ? -1 : rows.get(rows.size() - 1).get(QUOTE.ID));
    }

    /**
     * Re-analyses these quotes if they are still pending and stores their quotability, reasons and
     * flags where those changed. Not an edit: no audit row, no updated_at. Returns how many changed.
     */
    int reanalysePending(List<Integer> ids) {
        return db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            int changed = 0;
            var rows = tx.select(QUOTE.ID, QUOTE.FEEDBACK_ID, QUOTE.STATUS, QUOTE.DISPLAY_TEXT, QUOTE.QUOTABILITY_REASONS,
                            QUOTE.PII_COUNT, QUOTE.FLAGGED_WORDS)
                    .from(QUOTE).where(QUOTE.ID.in(ids)).fetch(); // by key only: see pendingTexts
            Map<Integer, FeedbackStore.Facts> answers = FeedbackStore.facts(tx,
                    rows.stream().filter(r -> "pending".equals(r.get(QUOTE.STATUS))).map(r -> r.get(QUOTE.FEEDBACK_ID)).toList());
            for (var r : rows) {
                FeedbackStore.Facts fb = answers.get(r.get(QUOTE.FEEDBACK_ID));
                if (!"pending".equals(r.get(QUOTE.STATUS)) || fb == null) {
                    continue;
                }
                int id = r.get(QUOTE.ID);
                String text = r.get(QUOTE.DISPLAY_TEXT);
                QuoteAnalyzer.Analysis a = settings.analyzer().analyze(text, fb.language(),
                        new PiiDetector.Customer(fb.customerName(), fb.customerEmail()), id, onAir(tx));
                String reasons = a.storedReasons();
                String flagged = a.flaggedWords().isEmpty() ? null : String.join(",", a.flaggedWords());
                if (reasons.equals(r.get(QUOTE.QUOTABILITY_REASONS)) && java.util.Objects.equals(flagged, r.get(QUOTE.FLAGGED_WORDS))
                        && r.get(QUOTE.PII_COUNT) == a.findings().size()) {
                    continue;
                }
                changed += tx.update(QUOTE)
                        .set(QUOTE.QUOTABILITY, (float) a.quotability())
                        .set(QUOTE.QUOTABILITY_REASONS, reasons)
                        .set(QUOTE.PII_COUNT, a.findings().size())
                        .set(QUOTE.FLAGGED_WORDS, flagged)
                        // only if nobody changed it meanwhile; their change analysed it afresh anyway
                        .where(QUOTE.ID.eq(id).and(QUOTE.STATUS.eq("pending")).and(QUOTE.DISPLAY_TEXT.eq(text)))
                        .execute();
            }
            return changed;
        });
    }
}

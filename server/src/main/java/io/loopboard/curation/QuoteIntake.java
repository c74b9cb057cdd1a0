package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.QUOTE;

import io.loopboard.feedback.CommentIntake;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.feedback.FeedbackStore;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.AuditLog;
import io.loopboard.store.generated.tables.records.QuoteRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Comments become quotes: a comment makes a pending quote, and refreshes its words while it is
 * still pending; a decided quote keeps its moderated text; an answer sent again without its
 * comment withdraws a pending quote. Each new or refreshed quote is stored with its analysis
 * (personal data found, flagged words, quotability and its reasons), computed beforehand, off
 * the transaction; where an auto-approve rule matches, the rules run on that quote inside the
 * transaction, as for a single item, audited.
 */
public final class QuoteIntake implements CommentIntake {

    private final AutoApproveRules rules;
    private final QuoteAnalysis analysis;
    private final QuotabilityRefresher refresher;
    private final ContentEvents events;
    private final SearchIndex search;

    QuoteIntake(AutoApproveRules rules, QuoteAnalysis analysis, QuotabilityRefresher refresher, ContentEvents events,
                SearchIndex search) {
        this.rules = rules;
        this.analysis = analysis;
        this.refresher = refresher;
        this.events = events;
        this.search = search;
    }

    /**
     * What the bulk path (the CSV import) stores with a new or refreshed quote, computed before
     * its transaction: the analysis columns, and whether an auto-approve rule will take it (if
     * so, {@link #autoApprove} runs the rules inside the transaction, audited as for one item).
     */
    public record Assessment(float quotability, String reasons, int piiCount, String flaggedWords, boolean ruleMatches)
            implements io.loopboard.feedback.CommentIntake.Prepared {
    }

    Assessment assess(String text, String language, String customerName, String customerEmail, Integer score,
                             String scoreType) {
        QuoteAnalyzer.Analysis a = analysis.analyze(text, language, new PiiDetector.Customer(customerName, customerEmail), 0);
        boolean matches = rules.enabled().stream().anyMatch(r -> r.matches(text, score, scoreType, language, a));
        return new Assessment((float) a.quotability(), a.storedReasons(), a.findings().size(),
                a.flaggedWords().isEmpty() ? null : String.join(",", a.flaggedWords()), matches);
    }

    @Override
    public Assessment prepare(FeedbackInput in) {
        return assess(in.comment().strip(), in.language(), in.customerName(), in.customerEmail(), in.score(),
                scoreType(in));
    }

    @Override
    public Set<Integer> stored(DSLContext tx, List<Stored> rows, Function<FeedbackInput, Prepared> prepared, long now) {
        List<Long> known = new ArrayList<>();
        for (Stored row : rows) {
            if (!row.created()) {
                known.add(row.feedbackId());
            }
        }
        Map<Long, QuoteStore.Current> current = known.isEmpty() ? Map.of() : QuoteStore.byFeedback(tx, known);
        List<Long> ruled = new ArrayList<>();
        List<Integer> withdrawn = new ArrayList<>();
        tx.connection(c -> {
            try (QuoteStore.PendingWrites writes = new QuoteStore.PendingWrites(c)) {
                for (Stored row : rows) {
                    FeedbackInput in = row.input();
                    QuoteStore.Current old = row.created() ? null : current.get(row.feedbackId());
                    if (!in.hasComment()) {
                        // a newer version of the answer without its comment: the customer took it back,
                        // and the queue does not keep offering the old words for the wall
                        if (old != null && old.pending()) {
                            withdrawn.add(old.id());
                        }
                        continue;
                    }
                    String text = in.comment().strip();
                    if (old != null && !(old.pending() && !Objects.equals(text, old.originalText()))) {
                        continue; // its quote is decided, or its words are what is stored
                    }
                    Assessment a = (Assessment) prepared.apply(in);
                    if (a.ruleMatches()) {
                        ruled.add(row.feedbackId());
                    }
                    if (old == null) {
                        writes.add(row.feedbackId(), text, Suggestions.attribution(in.language(), in.location()),
                                Suggestions.sentiment(in.score(), scoreType(in)), a, now);
                    } else {
                        writes.refresh(old.id(), text, a, now);
                    }
                }
                writes.execute();
            }
        });
        QuoteStore.withdrawPending(tx, withdrawn, "a newer version of the answer has no comment", now);
        // the new quotes reach the queue's search index from its own thread and file (SearchIndex)
        Set<Integer> channels = new TreeSet<>();
        for (long feedbackId : ruled) {
            channels.addAll(autoApprove(tx, (int) feedbackId, now));
        }
        return channels;
    }

    /**
     * Runs the auto-approve rules on the pending quote of a feedback row the bulk path wrote in
     * this transaction. Returns the channels it was approved onto, to announce after the commit.
     */
    Set<Integer> autoApprove(DSLContext tx, int feedbackId, long now) {
        QuoteRecord q = tx.selectFrom(QUOTE).where(QUOTE.FEEDBACK_ID.eq(feedbackId)).fetchOne();
        FeedbackStore.Facts fb = FeedbackStore.facts(tx, feedbackId);
        if (q == null || fb == null || !"pending".equals(q.getStatus())) {
            return Set.of();
        }
        QuoteAnalyzer.Analysis found = analysis.analyzeInto(tx, q, fb);
        q.store();
        return applyRules(tx, q, fb, found, now);
    }

    private Set<Integer> applyRules(DSLContext tx, QuoteRecord q, FeedbackStore.Facts fb, QuoteAnalyzer.Analysis found, long now) {
        String text = q.getOriginalText();
        Set<Integer> channels = new TreeSet<>();
        List<AutoApproveRules.Rule> matching = rules.enabled().stream()
                .filter(r -> r.matches(text, fb.score(), fb.scoreType(), fb.language(), found)).toList();
        if (!matching.isEmpty()) {
            Map<String, Object> before = QuoteStore.snapshot(q, List.of());
            AutoApproveRules.Rule rule = matching.get(0);
            q.setStatus("approved");
            q.setAutoRuleId(rule.id());
            q.setDecidedBy(rule.actor());
            q.setDecidedAt(now);
            q.store();
            for (AutoApproveRules.Rule r : matching) {
                channels.add(r.channelId());
            }
            QuoteStore.replaceChannels(tx, q.getId(), new ArrayList<>(channels));
            Map<String, Object> after = QuoteStore.snapshot(q, new ArrayList<>(channels));
            after.put("rules", matching.stream().map(AutoApproveRules.Rule::id).toList());
            AuditLog.record(tx, now, rule.actor(), "quote.auto_approve", "quote", q.getId(), before, after);
            this.analysis.forget();
            refresher.onAirChanged(q.getDisplayText()); // scheduled by announce(), after the commit
        }
        return channels;
    }

    /** Announces auto-approvals after the ingest transaction has committed. */
    @Override
    public void announce(Set<Integer> channels) {
        refresher.schedule();
        if (!channels.isEmpty()) {
            events.publish(ContentEvents.Change.channels(channels));
        }
    }

    @Override
    public Deferral deferIndexing() {
        SearchIndex.Deferral deferral = search.deferNewQuotes();
        return deferral::close;
    }

    private static String scoreType(FeedbackInput in) {
        return in.scoreType() == null ? null : in.scoreType().name();
    }
}

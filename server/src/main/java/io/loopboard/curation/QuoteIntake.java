package io.loopboard.curation;

import io.loopboard.feedback.CommentIntake;
import io.loopboard.feedback.FeedbackInput;
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

    private final QuoteService quotes;

    public QuoteIntake(QuoteService quotes) {
        this.quotes = quotes;
    }

    @Override
    public QuoteService.Assessment prepare(FeedbackInput in) {
        return quotes.assess(in.comment().strip(), in.language(), in.customerName(), in.customerEmail(), in.score(),
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
                    QuoteService.Assessment a = (QuoteService.Assessment) prepared.apply(in);
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
            channels.addAll(quotes.autoApprove(tx, (int) feedbackId, now));
        }
        return channels;
    }

    @Override
    public void announce(Set<Integer> channels) {
        quotes.announce(channels);
    }

    @Override
    public Deferral deferIndexing() {
        SearchIndex.Deferral deferral = quotes.search().deferNewQuotes();
        return deferral::close;
    }

    private static String scoreType(FeedbackInput in) {
        return in.scoreType() == null ? null : in.scoreType().name();
    }
}

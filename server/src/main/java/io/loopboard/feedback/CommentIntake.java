package io.loopboard.feedback;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * What becomes of the customers' comments once their feedback is stored. Ingest calls it and
 * knows nothing more of it; the curation feature implements it (a comment becomes a quote for
 * moderation), so curation builds on feedback and never the other way round.
 */
public interface CommentIntake {

    /** What an item's comment needs, worked out before the write transaction (its analysis). */
    interface Prepared {
    }

    /** A feedback row as stored in this transaction: its id, and whether the row is new. */
    record Stored(FeedbackInput input, long feedbackId, boolean created) {
    }

    /** Ends a bulk import's deferral of the search index. */
    interface Deferral extends AutoCloseable {
        @Override
        void close();
    }

    /** Works out, off the write transaction, what {@link #stored} needs for the item's comment. */
    Prepared prepare(FeedbackInput in);

    /**
     * Inside the write transaction, after the feedback rows are written: acts on their comments.
     * Returns the channels whose content changed, to {@link #announce} after the commit.
     */
    Set<Integer> stored(DSLContext tx, List<Stored> rows, Function<FeedbackInput, Prepared> prepared, long now);

    /** Tells the screens of these channels, after the commit, that their content changed. */
    void announce(Set<Integer> channels);

    /** For a bulk import: the comments' secondary work (the search index) waits until it is closed. */
    Deferral deferIndexing();
}

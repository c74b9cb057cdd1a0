package io.loopboard.stories;

import java.util.List;

/**
 * What the stories feature hands out. {@link Story} is the authoring view for moderators;
 * {@link BoardStory} is what teams, the Atom feed and screens may see: moderated quote text
 * only, never a customer's name, e-mail, segment or raw comment.
 */
public final class StoryViews {

    private StoryViews() {
    }

    /** A story as moderators edit it, with every linked feedback (approved or not). */
    public record Story(int id, String title, String problem, String rootCause, String action, String effect,
                        String team, String owner, String touchpoint, String status, String state,
                        String startedOn, String doneOn, Long publishedAt, long createdAt, long updatedAt,
                        int mentions, List<Link> links, Image image) {
    }

    /** One linked feedback; {@code text} is the quote's moderated text, {@code quoteStatus} whether it may be shown. */
    public record Link(int feedbackId, Integer quoteId, String quoteStatus, String text, String touchpoint) {
    }

    public record Image(String contentType, long byteSize, int width, int height) {
    }

    /** A published story for the board, the feed and the slides. */
    public record BoardStory(int id, String title, String problem, String rootCause, String action, String effect,
                             String team, String owner, String touchpoint, String status, String startedOn,
                             String doneOn, long publishedAt, long updatedAt, int mentions, List<Quote> quotes,
                             boolean hasImage) {
    }

    /** A moderated quote as the board and the slides show it. */
    public record Quote(int id, String text, String attribution, String lang) {
    }

    /** A piece of feedback a moderator might link, with why it was suggested. */
    public record Suggestion(int feedbackId, int quoteId, String quoteStatus, String text, String touchpoint, int score) {
    }
}

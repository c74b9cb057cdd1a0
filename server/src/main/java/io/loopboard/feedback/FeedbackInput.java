package io.loopboard.feedback;

/** One validated feedback item, as the ingest API accepted it. Times are epoch milliseconds. */
public record FeedbackInput(
        String source,
        String externalId,
        String comment,
        Integer score,
        ScoreType scoreType,
        Long respondedAt,
        String touchpoint,
        String location,
        String language,
        String customerName,
        String customerEmail,
        String customerSegment,
        boolean consentToPublish,
        String payload) {

    public boolean hasComment() {
        return comment != null && !comment.isBlank();
    }

    /** The same item with {@code payload} kept as what was sent. */
    public FeedbackInput withPayload(String payload) {
        return new FeedbackInput(source, externalId, comment, score, scoreType, respondedAt, touchpoint, location,
                language, customerName, customerEmail, customerSegment, consentToPublish, payload);
    }
}

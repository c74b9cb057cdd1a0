package io.loopboard.curation;

/** A quote as the moderation API shows it: curated fields plus the context of its feedback. */
public record QuoteView(
        int id,
        int feedbackId,
        String status,
        String originalText,
        String displayText,
        String attribution,
        String sentiment,
        boolean pinned,
        Integer score,
        String scoreType,
        String touchpoint,
        String location,
        String language,
        Long respondedAt,
        long createdAt,
        String decidedBy,
        Long decidedAt) {
}

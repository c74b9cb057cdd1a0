package io.loopboard.curation;

import java.util.List;

/**
 * A quote as the moderation API shows it: curated fields, the context of its feedback, and its
 * analysis (quotability with reasons, blocked words, personal-data findings). In list pages
 * the analysis is the stored one and {@code findings} is null; a single quote is analysed
 * afresh and lists its findings with their positions.
 */
public record QuoteView(
        int id,
        int feedbackId,
        String status,
        String originalText,
        String displayText,
        String attribution,
        String attributionStyle,
        String sentiment,
        String suggestedSentiment,
        boolean pinned,
        Long publishFrom,
        Long publishUntil,
        List<Integer> channelIds,
        Integer score,
        String scoreType,
        String touchpoint,
        String location,
        String language,
        Long respondedAt,
        boolean canNameCustomer,
        long createdAt,
        String decidedBy,
        Long decidedAt,
        Integer autoRuleId,
        int quotability,
        List<QuoteAnalyzer.Reason> reasons,
        int piiCount,
        List<String> flaggedWords,
        List<FindingView> findings) {

    /** A personal-data finding at [start, end) of the display text (UTF-16 offsets, as in JavaScript). */
    public record FindingView(String kind, int start, int end, String text, String replacement) {
        static FindingView of(PiiDetector.Finding f) {
            return new FindingView(f.kind().code(), f.start(), f.end(), f.text(), f.replacement());
        }
    }
}

package io.loopboard.curation;

/**
 * First suggestions for a new quote: a sentiment from the score and a generic attribution.
 * The moderator can override both; neither ever names the customer.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** praise, critique or mixed; null when there is no score to go by. */
    public static String sentiment(Integer score, String scoreType) {
        if (score == null || scoreType == null) {
            return null;
        }
        return switch (scoreType) {
            case "NPS" -> score >= 9 ? "praise" : score <= 6 ? "critique" : "mixed";
            case "CSAT" -> score >= 4 ? "praise" : score <= 2 ? "critique" : "mixed";
            case "CES" -> score >= 6 ? "praise" : score <= 3 ? "critique" : "mixed";
            default -> null;
        };
    }

    /** "Customer, Gothenburg" or, for Swedish feedback, "Kund, Göteborg". */
    public static String attribution(String language, String location) {
        String who = "sv".equals(language) ? "Kund" : "Customer";
        return location == null || location.isBlank() ? who : who + ", " + location;
    }
}

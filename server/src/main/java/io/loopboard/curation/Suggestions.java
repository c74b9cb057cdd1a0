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

    /** The attribution styles a moderator picks from; {@code custom} is their own text. */
    public static final java.util.Set<String> STYLES = java.util.Set.of("customer", "location", "touchpoint", "first_name", "custom");

    /**
     * The attribution text of a style: "A customer", "Customer, Malmö", "Delivery customer" (in
     * Swedish "En kund", "Kund, Malmö", "Kund, leverans"), or the customer's first name. Returns
     * null for first_name without consent or name: a customer is named only when they agreed.
     */
    public static String attribution(String style, String language, String location, String touchpoint,
                                     String customerName, boolean consent) {
        boolean sv = "sv".equals(language);
        return switch (style) {
            case "customer" -> sv ? "En kund" : "A customer";
            case "location" -> attribution(language, location);
            case "touchpoint" -> touchpoint == null || touchpoint.isBlank() ? (sv ? "En kund" : "A customer")
                    : sv ? "Kund, " + touchpoint.strip().toLowerCase(java.util.Locale.ROOT)
                    : Character.toUpperCase(touchpoint.strip().charAt(0)) + touchpoint.strip().substring(1) + " customer";
            case "first_name" -> consent && customerName != null && !customerName.isBlank()
                    ? customerName.strip().split("\\s+")[0] : null;
            default -> null;
        };
    }
}

package io.loopboard.followup;

import io.loopboard.curation.PiiDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an answer calls for a follow-up, and why: a critic by the score bands of its score
 * type, a customer who ticked "you may contact me", or one who asked for a call or an e-mail in
 * their own words (Swedish and English). Pure: the ingest path and the tests call it directly.
 */
public final class Triggers {

    /** Why a case exists, most urgent first. */
    public static final String STRONG_CRITIC = "strong_critic";
    public static final String CRITIC = "critic";
    public static final String CONSENT = "consent";
    public static final String CALLBACK = "callback";

    /** The reasons, the inbox priority (1 strong critic, 2 critic, 3 asked for contact) and a phone number found in the text. */
    public record Verdict(List<String> reasons, int priority, boolean critic, String phoneInText) {
    }

    private static final int F = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    /**
     * "Ring mig", "kontakta mig", "hör av er", "call me", "get back to me", "e-mail me": what
     * customers write when they want to be contacted. Kept to phrases addressed to the company,
     * so "they never call me back" in a complaint does not read as a request (it is a critic
     * anyway, by its score).
     */
    private static final Pattern CALLBACK_PHRASE = Pattern.compile("\\b(?:"
            // Swedish
            + "ring(?:a)?\\s+(?:upp\\s+)?mig|ring\\s+gärna|ring\\s+tillbaka|kan\\s+ni\\s+ringa|"
            + "kontakta\\s+mig|hör\\s+av\\s+(?:er|dig)|återkom(?:mer)?\\s+(?:gärna\\s+)?till\\s+mig|"
            + "(?:mejla|maila|mejl|mail)a?\\s+mig|vill\\s+bli\\s+(?:kontaktad|uppringd)|"
            + "vill\\s+(?:gärna\\s+)?(?:att\\s+ni\\s+)?(?:ringer|kontaktar)\\s+mig|"
            // English
            + "call\\s+me(?:\\s+back)?|please\\s+call|give\\s+me\\s+a\\s+call|ring\\s+me|phone\\s+me|"
            + "contact\\s+me|get\\s+(?:back\\s+)?in\\s+touch(?:\\s+with\\s+me)?|get\\s+back\\s+to\\s+me|"
            + "reach\\s+out\\s+to\\s+me|e-?mail\\s+me|"
            + "(?:want|like|wish)\\s+(?:to\\s+be|a)\\s+(?:contacted|call(?:ed)?|call\\s*back)"
            + ")\\b", F);
    /** "Don't call me" / "no need to contact me" before the phrase, "ring mig inte" after it. */
    private static final Pattern NEGATION_BEFORE = Pattern.compile(
            "(?:don'?t|do\\s+not|never|no\\s+need\\s+to|please\\s+don'?t|inte|ej|behöver\\s+inte)\\s*$", F);
    private static final Pattern NEGATION_AFTER = Pattern.compile("^\\s*(?:inte|ej|aldrig)\\b", F);

    private static final PiiDetector PII = PiiDetector.withDefaults();

    private Triggers() {
    }

    /** Whether the text asks to be contacted (and not the opposite). */
    public static boolean asksForContact(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        Matcher m = CALLBACK_PHRASE.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 24), m.start());
            String after = text.substring(m.end(), Math.min(text.length(), m.end() + 12));
            if (!NEGATION_BEFORE.matcher(before).find() && !NEGATION_AFTER.matcher(after).find()) {
                return true;
            }
        }
        return false;
    }

    /** The first phone number written in the text, as written; null when there is none. */
    public static String phoneIn(String text, String language) {
        if (text == null || text.isBlank() || digits(text) < 6) {
            return null; // no phone number has fewer digits; skips the full detector for most comments
        }
        return PII.find(text, PiiDetector.Customer.NONE, language).stream()
                .filter(f -> f.kind() == PiiDetector.Kind.PHONE)
                .map(PiiDetector.Finding::text).findFirst().orElse(null);
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** The verdict on one answer, or null when it needs no follow-up. */
    public static Verdict assess(FollowUpSettings settings, Integer score, String scoreType, String comment,
                                 boolean consentToContact, String language) {
        List<String> reasons = new ArrayList<>();
        FollowUpSettings.Band band = scoreType == null ? null : settings.bands().get(scoreType);
        boolean critic = false;
        if (score != null && band != null) {
            if (score <= band.strongMax()) {
                reasons.add(STRONG_CRITIC);
                critic = true;
            } else if (score <= band.criticMax()) {
                reasons.add(CRITIC);
                critic = true;
            }
        }
        if (consentToContact) {
            reasons.add(CONSENT);
        }
        if (asksForContact(comment)) {
            reasons.add(CALLBACK);
        }
        if (reasons.isEmpty()) {
            return null;
        }
        int priority = reasons.contains(STRONG_CRITIC) ? 1 : critic ? 2 : 3;
        return new Verdict(List.copyOf(reasons), priority, critic, phoneIn(comment, language));
    }
}

package io.loopboard.curation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the moderator needs to judge a candidate quote: personal-data findings, blocked
 * words, and a quotability score from 0 to 100 with the reasons that made it up, so the queue
 * can show why a quote ranked where it did.
 *
 * <p>Quotability: a readable length (30 points), specific content (20), no personal data (20),
 * no blocked words (15), not a near-duplicate of a quote already on air (15).
 */
public final class QuoteAnalyzer {

    /** Word-set similarity from which two quotes count as saying the same thing. */
    static final double NEAR_DUPLICATE = 0.8;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> GENERIC = Set.of("good", "great", "ok", "okay", "fine", "nice", "thanks", "thank you",
            "bra", "toppen", "tack", "okej", "inget", "nothing", "nej", "no", "n/a", "-", "super", "excellent", "perfect");

    private final PiiDetector pii;
    private final BlockList blockList;

    public QuoteAnalyzer(PiiDetector pii, BlockList blockList) {
        this.pii = pii;
        this.blockList = blockList;
    }

    /** One quote already on air, to compare against. */
    public record OnAir(int quoteId, String text) {
    }

    /** One line of the explanation: a reason code, the points it gave, and a detail for the UI. */
    public record Reason(String code, int points, int max, String detail) {
    }

    public record Analysis(List<PiiDetector.Finding> findings, List<String> flaggedWords, int quotability,
                           List<Reason> reasons) {
    }

    public Analysis analyze(String text, String language, PiiDetector.Customer customer, int selfId, List<OnAir> onAir) {
        List<PiiDetector.Finding> findings = pii.find(text, customer, language);
        List<String> flagged = blockList.flagged(text, language);
        List<Reason> reasons = new ArrayList<>();

        int length = text.codePointCount(0, text.length());
        if (length >= 30 && length <= 200) {
            reasons.add(new Reason("length.good", 30, 30, String.valueOf(length)));
        } else if ((length >= 15 && length < 30) || (length > 200 && length <= 300)) {
            reasons.add(new Reason(length < 30 ? "length.short" : "length.long", 15, 30, String.valueOf(length)));
        } else {
            reasons.add(new Reason(length < 15 ? "length.too_short" : "length.too_long", 0, 30, String.valueOf(length)));
        }

        List<String> words = words(text);
        String normalised = String.join(" ", words);
        int specific;
        if (GENERIC.contains(normalised) || words.size() < 4) {
            specific = 0;
            reasons.add(new Reason("specific.generic", 0, 20, String.valueOf(words.size())));
        } else {
            specific = Math.min(15, words.size() * 2);
            if (text.chars().anyMatch(Character::isDigit)) {
                specific += 5;
            }
            specific = Math.min(20, specific);
            reasons.add(new Reason("specific.words", specific, 20, String.valueOf(words.size())));
        }

        if (findings.isEmpty()) {
            reasons.add(new Reason("pii.none", 20, 20, ""));
        } else {
            reasons.add(new Reason("pii.found", 0, 20, String.join(", ",
                    findings.stream().map(f -> f.kind().code()).distinct().toList())));
        }
        if (flagged.isEmpty()) {
            reasons.add(new Reason("words.clean", 15, 15, ""));
        } else {
            reasons.add(new Reason("words.flagged", 0, 15, String.join(", ", flagged)));
        }
        Set<String> mine = new HashSet<>(words);
        OnAir duplicate = null;
        for (OnAir other : onAir) {
            if (other.quoteId() != selfId && similarity(mine, new HashSet<>(words(other.text()))) >= NEAR_DUPLICATE) {
                duplicate = other;
                break;
            }
        }
        if (duplicate == null) {
            reasons.add(new Reason("duplicate.none", 15, 15, ""));
        } else {
            reasons.add(new Reason("duplicate.on_air", 0, 15, String.valueOf(duplicate.quoteId())));
        }
        int score = reasons.stream().mapToInt(Reason::points).sum();
        return new Analysis(findings, flagged, score, List.copyOf(reasons));
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Jaccard similarity of two word sets. */
    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / (a.size() + b.size() - both.size());
    }
}

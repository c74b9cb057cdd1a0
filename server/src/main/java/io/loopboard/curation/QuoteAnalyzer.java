package io.loopboard.curation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    private static final Set<String> GENERIC = Set.of("good", "great", "ok", "okay", "fine", "nice", "thanks", "thank you",
            "bra", "toppen", "tack", "okej", "inget", "nothing", "nej", "no", "n/a", "-", "super", "excellent", "perfect");

    private final PiiDetector pii;
    private final BlockList blockList;

    public QuoteAnalyzer(PiiDetector pii, BlockList blockList) {
        this.pii = pii;
        this.blockList = blockList;
    }

    /** One quote already on air, to compare against, with its words (read once, compared with every quote analysed). */
    public record OnAir(int quoteId, String text, Set<String> words) {
        public OnAir(int quoteId, String text) {
            this(quoteId, text, Set.copyOf(QuoteAnalyzer.words(text)));
        }
    }

    /** One line of the explanation: a reason code, the points it gave, and a detail for the UI. */
    public record Reason(String code, int points, int max, String detail) {
    }

    public record Analysis(List<PiiDetector.Finding> findings, List<String> flaggedWords, int quotability,
                           List<Reason> reasons) {

        /** The reasons as a quote stores them (see {@link QuoteAnalyzer#storedReasons}). */
        public String storedReasons() {
            return QuoteAnalyzer.storedReasons(reasons);
        }
    }

    /**
     * The reasons as a quote stores them: one array {@code [code, points, max, detail]} per
     * reason, about half the bytes of objects with names (a million imported quotes each store
     * theirs). The API shows them as objects ({@link Reason}).
     */
    public static String storedReasons(List<Reason> reasons) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Reason r : reasons) {
                g.writeStartArray();
                g.writeString(r.code());
                g.writeNumber(r.points());
                g.writeNumber(r.max());
                g.writeString(r.detail());
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads stored reasons: the arrays of {@link #storedReasons}, or the objects with names that
     * versions before V12 stored. Anything unreadable reads as no reasons (the score still stands).
     */
    public static List<Reason> readStoredReasons(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            List<Reason> out = new ArrayList<>();
            for (JsonNode n : Json.MAPPER.readTree(stored)) {
                out.add(n.isArray()
                        ? new Reason(n.path(0).asText(), n.path(1).asInt(), n.path(2).asInt(), n.path(3).asText())
                        : new Reason(n.path("code").asText(), n.path("points").asInt(), n.path("max").asInt(),
                        n.path("detail").asText()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            return List.of();
        }
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
            if (other.quoteId() != selfId && similarity(mine, other.words()) >= NEAR_DUPLICATE) {
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

    /** The words of a text in lower case: the runs of letters and numbers, in order. */
    static List<String> words(String text) {
        return runs(text.toLowerCase(Locale.ROOT), "");
    }

    /**
     * The runs of letters and numbers (Unicode categories L and N, as {@code [\p{L}\p{N}]} in
     * a pattern) and of the characters in {@code alsoInWords}, in order. Runs once or twice
     * per imported comment, so it walks the text instead of running a pattern over it.
     */
    static List<String> runs(String text, String alsoInWords) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean in = wordCharacter(cp) || alsoInWords.indexOf(cp) >= 0;
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static boolean wordCharacter(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
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

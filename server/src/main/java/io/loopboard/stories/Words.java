package io.loopboard.stories;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Shared-word matching for link suggestions: lower-cased letters, short and common words dropped. */
final class Words {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** English and Swedish words too common to mean two comments are about the same thing. */
    private static final Set<String> STOP = Set.of(
            "the", "and", "but", "for", "with", "that", "this", "was", "were", "are", "you", "your", "our",
            "not", "have", "has", "had", "from", "they", "them", "very", "too", "just", "when", "what", "all",
            "och", "men", "för", "med", "att", "det", "den", "som", "var", "har", "inte", "till", "från",
            "mycket", "när", "ett", "jag", "ni", "era", "vår", "våra", "kan", "ska", "är");

    private Words() {
    }

    static Set<String> significant(String text) {
        Set<String> out = new HashSet<>();
        if (text == null) {
            return out;
        }
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        for (String w : NON_WORD.split(normal)) {
            if (w.codePointCount(0, w.length()) >= 4 && !STOP.contains(w)) {
                out.add(w.codePointCount(0, w.length()) > 6 ? w.substring(0, w.offsetByCodePoints(0, 6)) : w); // a crude stem: "deliveries" ~ "delivery"
            }
        }
        return out;
    }

    static int overlap(Set<String> a, Set<String> b) {
        int n = 0;
        for (String w : a) {
            if (b.contains(w)) {
                n++;
            }
        }
        return n;
    }
}

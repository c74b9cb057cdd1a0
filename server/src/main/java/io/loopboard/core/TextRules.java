package io.loopboard.core;

import java.text.Normalizer;

/**
 * What customer text may contain. Any language, emoji and right-to-left text pass; only what no
 * human wrote and what would corrupt storage or a screen is refused: NUL, the C0 controls (tab
 * and line breaks aside in multi-line text), DEL and the C1 controls (U+0080-U+009F, which
 * only text decoded with the wrong character set contains), unpaired surrogates and U+FFFD.
 * Accepted text is stored in Unicode's composed form (NFC, {@link #normalise}): "ö" typed on
 * one keyboard and sent as "o" + a combining diaeresis by another are the same word, so a
 * search for one finds the other.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Null when the text is acceptable, otherwise the problem in words. */
    public static String problem(String s, int maxCodePoints, boolean multiline) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return "contains broken Unicode (an unpaired surrogate)";
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "contains broken Unicode (an unpaired surrogate)";
            } else if (c == 0) {
                return "contains a NUL character";
            } else if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || (c >= 0x7F && c <= 0x9F)) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            } else if (c == 0xFFFD) {
                return "contains U+FFFD: the text was decoded with the wrong character set";
            }
            count++;
            if (count > maxCodePoints) {
                return "is longer than " + maxCodePoints + " characters";
            }
        }
        return null;
    }

    /** The text in Unicode's composed form (NFC); text already composed (nearly all) is returned as it is. */
    public static String normalise(String s) {
        return s == null || Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}

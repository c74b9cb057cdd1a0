package io.loopboard.feedback;

/**
 * What customer text may contain. Any language, emoji and right-to-left text pass untouched;
 * only what no human wrote and what would corrupt storage or a screen is refused.
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
            } else if (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
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
}

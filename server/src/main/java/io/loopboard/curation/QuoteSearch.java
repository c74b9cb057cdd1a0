package io.loopboard.curation;

/**
 * The queue's free text, turned into what each store needs: an FTS5 phrase for SQLite's
 * trigram index, a GLOB pattern that folds case by Unicode (for the rows SQLite walks in
 * order instead), and an ILIKE pattern for PostgreSQL. The user's text is always a literal
 * substring: FTS5 operators ({@code NEAR(}, {@code *}, {@code "}, {@code OR}), GLOB and LIKE
 * wildcards lose their meaning here.
 */
final class QuoteSearch {

    /** The trigram index cannot answer shorter substrings; the API refuses them (400, field {@code q}). */
    static final int MIN_CHARACTERS = 3;

    private QuoteSearch() {
    }

    /** The text as one FTS5 string: inside double quotes, a doubled quote is the only escape. */
    static String ftsPhrase(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * A GLOB pattern matching the text anywhere, each letter as a class of its lower, upper and
     * title case ({@code å} becomes {@code [åÅ]}), GLOB's own wildcards as literal classes.
     * SQLite's LIKE and lower() fold only ASCII; GLOB compares code points, so this folds all.
     */
    static String glob(String text) {
        StringBuilder out = new StringBuilder("*");
        text.codePoints().forEach(cp -> {
            int lower = Character.toLowerCase(cp);
            int upper = Character.toUpperCase(cp);
            int title = Character.toTitleCase(cp);
            if (cp == '*' || cp == '?' || cp == '[') {
                out.append('[').appendCodePoint(cp).append(']');
            } else if (lower == upper && upper == title) {
                out.appendCodePoint(cp);
            } else {
                out.append('[').appendCodePoint(lower);
                if (upper != lower) {
                    out.appendCodePoint(upper);
                }
                if (title != upper && title != lower) {
                    out.appendCodePoint(title);
                }
                out.append(']');
            }
        });
        return out.append('*').toString();
    }

    /** The text anywhere, for ILIKE with {@code !} as the escape character. */
    static String likePattern(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}

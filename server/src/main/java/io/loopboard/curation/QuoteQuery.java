package io.loopboard.curation;

import io.loopboard.core.Refusal;
import java.util.Set;

/**
 * The queue's filters, sort and page. Paging is by keyset ({@code cursor}, returned with each
 * page), so page 20,000 costs what page 1 costs; {@code newerThan} asks only for quotes that
 * arrived after the given id, which is how the queue shows new feedback live.
 */
public record QuoteQuery(String status, String band, String touchpoint, String location, String language, Long from,
                         Long to, String text, Boolean flagged, String sort, String cursor, Integer newerThan, int offset,
                         int limit) {

    public static final Set<String> SORTS = Set.of("newest", "quotability");
    /** Score bands: NPS critics 0–6, passives 7–8, promoters 9–10; CSAT 1–2 / 3 / 4–5; CES 1–3 / 4–5 / 6–7. */
    public static final Set<String> BANDS = Set.of("nps-critic", "nps-passive", "nps-promoter",
            "csat-low", "csat-neutral", "csat-high", "ces-low", "ces-neutral", "ces-high");

    public QuoteQuery {
        if (status != null && !QuoteService.STATUSES.contains(status)) {
            throw Refusal.invalid("status", "must be one of pending, approved, rejected, archived");
        }
        if (band != null && !BANDS.contains(band)) {
            throw Refusal.invalid("band", "must be one of " + String.join(", ", new java.util.TreeSet<>(BANDS)));
        }
        if (sort == null) {
            sort = "newest";
        } else if (!SORTS.contains(sort)) {
            throw Refusal.invalid("sort", "must be newest or quotability");
        }
        if (limit < 1 || limit > 500) {
            throw Refusal.invalid("limit", "must be 1-500");
        }
        if (offset < 0) {
            throw Refusal.invalid("offset", "must not be negative");
        }
        if (from != null && to != null && from >= to) {
            throw Refusal.invalid("from", "must be before to");
        }
        if (text != null) {
            text = text.strip();
            if (text.isEmpty()) {
                text = null;
            } else if (text.length() > 200) {
                throw Refusal.invalid("q", "at most 200 characters");
            } else if (io.loopboard.core.TextRules.problem(text, 200, true) != null) {
                // a NUL or broken Unicode would reach SQLite's tokenizer as a 500
                throw Refusal.invalid("q", io.loopboard.core.TextRules.problem(text, 200, true));
            } else if (text.codePointCount(0, text.length()) < QuoteSearch.MIN_CHARACTERS) {
                // the trigram index answers 3 characters or more; anything shorter would be a scan
                throw Refusal.invalid("q", "at least " + QuoteSearch.MIN_CHARACTERS + " characters");
            }
        }
        if (cursor != null && !validCursor(cursor)) {
            throw Refusal.invalid("cursor", "is not a cursor this server returned");
        }
    }

    /** "key.id": a whole number that fits a long, a dot, an id that fits an int (19 digits can overflow). */
    private static boolean validCursor(String cursor) {
        if (!cursor.matches("-?\\d{1,19}\\.\\d{1,10}")) {
            return false;
        }
        int dot = cursor.indexOf('.');
        try {
            Long.parseLong(cursor, 0, dot, 10);
            return Integer.parseInt(cursor, dot + 1, cursor.length(), 10) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The first page of one status, newest first. */
    public static QuoteQuery status(String status, int limit) {
        return new QuoteQuery(status, null, null, null, null, null, null, null, null, "newest", null, null, 0, limit);
    }

    int[] bandRange() {
        return switch (band) {
            case "nps-critic" -> new int[] {0, 6};
            case "nps-passive" -> new int[] {7, 8};
            case "nps-promoter" -> new int[] {9, 10};
            case "csat-low" -> new int[] {1, 2};
            case "csat-neutral" -> new int[] {3, 3};
            case "csat-high" -> new int[] {4, 5};
            case "ces-low" -> new int[] {1, 3};
            case "ces-neutral" -> new int[] {4, 5};
            default -> new int[] {6, 7};
        };
    }

    String bandType() {
        return band.substring(0, band.indexOf('-')).toUpperCase(java.util.Locale.ROOT);
    }
}

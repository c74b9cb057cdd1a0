package io.loopboard.feedback.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the values survey exports write: scores as numbers or labelled text, dates in many shapes. */
final class Values {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d{1,3})(?:[.,]0+)?(?:\\s*(?:[-–—=:(/].*|\\s.*)?)?$", Pattern.DOTALL);
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^.*\\((\\d{1,3})\\)\\s*$", Pattern.DOTALL);
    /** The end labels of the usual 0-10 scale, which label-exports write instead of the number. */
    private static final Map<String, Integer> SCALE_LABELS = Map.of(
            "extremely likely", 10, "not at all likely", 0,
            "mycket troligt", 10, "inte alls troligt", 0,
            "extremt troligt", 10, "inte troligt alls", 0);
    private static final List<DateTimeFormatter> ZONED = List.of(
            pattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT),
            pattern("yyyy-MM-dd HH:mm:ss XXX", Locale.ROOT),
            pattern("yyyy-MM-dd HH:mm:ssXXX", Locale.ROOT));
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            pattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT),
            pattern("yyyy-MM-dd HH:mm", Locale.ROOT),
            pattern("yyyy-MM-dd HH.mm.ss", Locale.ROOT));
    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    /**
     * A date pattern that reads the same whatever the JVM's default locale: "AM", "Nov" and
     * "Tuesday" as English (in any case), never as the server's language would write them.
     */
    static DateTimeFormatter pattern(String pattern, Locale locale) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(locale);
    }

    private Values() {
    }

    /** A whole-number score from "9", "9.0", "9 - Extremely likely", "Extremely likely (10)"; null when none. */
    static Integer score(String raw) {
        if (!raw.isEmpty() && raw.length() <= 2 && isAsciiDigit(raw.charAt(0))
                && (raw.length() == 1 || isAsciiDigit(raw.charAt(1)))) {
            return Integer.parseInt(raw); // the common case, without a regular expression
        }
        Matcher m = LEADING_NUMBER.matcher(raw);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        m = TRAILING_NUMBER.matcher(raw);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        return SCALE_LABELS.get(raw.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A date-time as an ISO instant, or null when it cannot be read. Local times are in
     * {@code zone}; a custom pattern, when given, is tried first.
     */
    static String dateTime(String raw, ZoneId zone, DateTimeFormatter custom) {
        return new Dates(zone, custom).read(raw);
    }

    /**
     * Reads the dates of one file. Every shape is tried in a fixed order, but the shape that
     * read the previous value is tried first: a file writes all its dates alike, and a failed
     * attempt (an exception) costs more than the parse itself.
     */
    static final class Dates {
        private final List<Function<String, String>> shapes = new ArrayList<>();
        private int last;

        Dates(ZoneId zone, DateTimeFormatter custom) {
            if (custom != null) {
                shapes.add(s -> local(s, custom, zone));
                // month and day names in Swedish exports ("2 nov. 2026", "tis")
                DateTimeFormatter swedish = custom.withLocale(SWEDISH);
                shapes.add(s -> local(s, swedish, zone));
            }
            shapes.add(s -> OffsetDateTime.parse(s).toInstant().toString());
            for (DateTimeFormatter f : ZONED) {
                shapes.add(s -> OffsetDateTime.parse(s, f).toInstant().toString());
            }
            for (DateTimeFormatter f : LOCAL) {
                shapes.add(s -> local(s, f, zone));
            }
            shapes.add(s -> LocalDate.parse(s).atStartOfDay(zone).toInstant().toString());
            shapes.add(s -> s.matches("\\d{9,10}") ? Instant.ofEpochSecond(Long.parseLong(s)).toString() : null);
            shapes.add(s -> s.matches("\\d{12,13}") ? Instant.ofEpochMilli(Long.parseLong(s)).toString() : null);
        }

        String read(String raw) {
            String s = raw.strip();
            String value = attempt(last, s);
            for (int i = 0; value == null && i < shapes.size(); i++) {
                if (i != last && (value = attempt(i, s)) != null) {
                    last = i;
                }
            }
            return value;
        }

        private String attempt(int shape, String s) {
            try {
                return shapes.get(shape).apply(s);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
    }

    private static String local(String s, DateTimeFormatter f, ZoneId zone) {
        try {
            return LocalDateTime.parse(s, f).atZone(zone).toInstant().toString();
        } catch (java.time.DateTimeException e) {
            try {
                return LocalDate.parse(s, f).atStartOfDay(zone).toInstant().toString();
            } catch (java.time.DateTimeException ignored) {
                return null;
            }
        }
    }

    /** Consent as spreadsheets write it; null when it is none of the known words. */
    static Boolean yesNo(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "ja", "j", "x", "sant" -> Boolean.TRUE;
            case "0", "false", "no", "n", "nej", "falskt" -> Boolean.FALSE;
            default -> null;
        };
    }
}

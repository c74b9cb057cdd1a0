package io.loopboard.curation;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in a quote's text before it may go on a wall: e-mail addresses, phone
 * numbers (Swedish and international, through libphonenumber), Swedish personal identity and
 * coordination numbers, card numbers, order/reference numbers (configurable patterns), URLs,
 * and the customer's own name and e-mail from the feedback record. Each finding carries the
 * redaction it proposes. Check digits (Luhn) and date rules keep prices, dates and years
 * from raising false alarms.
 */
public final class PiiDetector {

    /** What was found. The order is the priority when two findings overlap. */
    public enum Kind {
        CUSTOMER_EMAIL, EMAIL, URL, PERSONAL_NUMBER, COORDINATION_NUMBER, CARD, PHONE, REFERENCE, CUSTOMER_NAME,
        /** A personnummer's shape and date with a wrong check digit: a typo in one is still one. */
        LIKELY_PERSONAL_NUMBER;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One piece of personal data at [start, end) of the text, with the proposed replacement. */
    public record Finding(Kind kind, int start, int end, String text, String replacement) {
    }

    /** What the feedback record says about its customer; both may be null. */
    public record Customer(String name, String email) {
        public static final Customer NONE = new Customer(null, null);
    }

    /** Order, booking, case and invoice numbers: a keyword, then a token with a digit in it. */
    public static final List<String> DEFAULT_REFERENCE_PATTERNS = List.of(
            "(?iu)(?<![\\p{L}\\p{N}])(?:order|ordern(?:r|ummer)|booking|bokning(?:snummer)?|ref(?:erens|erence)?(?:nummer|nr)?|"
                    + "ärende(?:nummer|nr)?|case|ticket|invoice|faktura(?:nummer|nr)?|kundnummer|customer\\s+number)"
                    + "\\s*(?:nr\\.?|no\\.?|number|nummer|id)?\\s*[:#]?\\s*([a-z]*\\d[a-z0-9-]{3,})",
            "\\b([A-Z]{2,4}-?\\d{5,12})\\b");

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![\\d+-])(\\d{2})?(\\d{6})([-+]?)(\\d{4})(?![\\d])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d])");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /**
     * Digits the shortest phone number any region of libphonenumber's metadata can have, with
     * its country code (Austria: +43 and four digits); AnalysisShortcutsTest checks it against the
     * metadata of the library version on the classpath.
     */
    static final int MIN_PHONE_DIGITS = 6;
    /** What the first default reference pattern's keywords all contain, case-folded (see {@link #fold}). */
    private static final List<String> REFERENCE_KEYWORDS = List.of("order", "booking", "bokning", "ref", "ärende",
            "case", "ticket", "invoice", "faktura", "kundnummer", "customer");

    private final List<ReferencePattern> referencePatterns;
    /** Per reference pattern: the ASCII digits a text needs before the pattern can match (0 for a moderator's own). */
    private final int[] referenceDigits;
    /** Per reference pattern: whether it can only match a text that contains one of {@link #REFERENCE_KEYWORDS}. */
    private final boolean[] referenceKeywords;
    /** Whether {@link #find} skips a pattern the text cannot match; false only to test that it changes nothing. */
    private final boolean shortcuts;

    public PiiDetector(List<ReferencePattern> referencePatterns) {
        this(referencePatterns, true);
    }

    PiiDetector(List<ReferencePattern> referencePatterns, boolean shortcuts) {
        this.referencePatterns = List.copyOf(referencePatterns);
        this.shortcuts = shortcuts;
        this.referenceDigits = new int[this.referencePatterns.size()];
        this.referenceKeywords = new boolean[this.referencePatterns.size()];
        for (int i = 0; i < this.referencePatterns.size(); i++) {
            String source = this.referencePatterns.get(i).source();
            if (source.equals(DEFAULT_REFERENCE_PATTERNS.get(0))) {
                referenceDigits[i] = 1;
                referenceKeywords[i] = true;
            } else if (source.equals(DEFAULT_REFERENCE_PATTERNS.get(1))) {
                referenceDigits[i] = 5;
            }
        }
    }

    /**
     * What one pass over a text tells about which patterns can match it at all, so that the
     * import's million comments, most without a digit or an @, skip the patterns that cannot.
     * Every check is necessary for its pattern, never sufficient: it may let a text through
     * that the pattern then does not match, never hold back one that it would.
     */
    private record Shape(int asciiDigits, int digits, boolean at, boolean phoneStart, String folded) {
        static Shape of(String text) {
            int ascii = 0;
            int digits = 0;
            boolean at = false;
            boolean phoneStart = false;
            char before = ' ';
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    ascii++;
                    digits++;
                    // a phone number we report starts with + or with the 0 that begins a run of digits
                    phoneStart |= c == '0' && !Character.isDigit(before);
                } else if (Character.isDigit(c)) {
                    digits++;
                } else if (c == '@') {
                    at = true;
                } else if (c == '+') {
                    phoneStart = true;
                }
                before = c;
            }
            return new Shape(ascii, digits, at, phoneStart, ascii > 0 ? fold(text) : null);
        }

        boolean link(String text) {
            return text.contains("://") || indexIgnoringCase(text, "www.", 0, false) >= 0;
        }
    }

    /**
     * Each character as a case-insensitive Unicode pattern compares it: lower case of upper
     * case (so the long s and the Kelvin sign fold to s and k as the pattern would match them).
     */
    static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(text.charAt(i));
        }
        return new String(out);
    }

    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    public static PiiDetector withDefaults() {
        return new PiiDetector(DEFAULT_REFERENCE_PATTERNS.stream().map(ReferencePattern::compile).toList());
    }

    public List<Finding> find(String text, Customer customer, String language) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        boolean sv = language != null && language.toLowerCase(Locale.ROOT).startsWith("sv");
        Shape shape = shortcuts ? Shape.of(text) : null;
        List<Finding> all = new ArrayList<>();
        if (customer.email() != null && !customer.email().isBlank()) {
            String email = customer.email().strip();
            for (int at = indexIgnoringCase(text, email, 0, false); at >= 0; at = indexIgnoringCase(text, email, at + 1, false)) {
                all.add(finding(Kind.CUSTOMER_EMAIL, at, at + email.length(), text, sv));
            }
        }
        if (shape == null || shape.at()) {
            regex(EMAIL, Kind.EMAIL, text, sv, all);
        }
        Matcher url = URL.matcher(shape == null || shape.link(text) ? text : "");
        while (url.find()) {
            int end = url.end();
            while (end > url.start() && ".,;:!?)]}'\"".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            all.add(finding(Kind.URL, url.start(), end, text, sv));
        }
        if (shape == null || shape.asciiDigits() >= 10) {
            idNumbers(text, sv, all);
        }
        if (shape == null || shape.asciiDigits() >= 13) {
            cards(text, sv, all);
        }
        if (shape == null || (shape.digits() >= MIN_PHONE_DIGITS && shape.phoneStart())) {
            phones(text, sv, all);
        }
        for (int i = 0; i < referencePatterns.size(); i++) {
            if (shape != null && (shape.asciiDigits() < referenceDigits[i]
                    || (referenceKeywords[i] && REFERENCE_KEYWORDS.stream().noneMatch(shape.folded()::contains)))) {
                continue;
            }
            referencePatterns.get(i).findAll(text, (start, end) -> all.add(finding(Kind.REFERENCE, start, end, text, sv)));
        }
        if (customer.name() != null) {
            for (String part : customer.name().strip().split("[\\s,]+")) {
                if (part.codePointCount(0, part.length()) < 2) {
                    continue;
                }
                for (int at = indexIgnoringCase(text, part, 0, true); at >= 0; at = indexIgnoringCase(text, part, at + 1, true)) {
                    all.add(finding(Kind.CUSTOMER_NAME, at, at + part.length(), text, sv));
                }
            }
        }
        return withoutOverlaps(all);
    }

    /**
     * Where {@code needle} occurs in {@code text} from {@code from} on, ignoring case (as a
     * case-insensitive Unicode pattern would), optionally only as a whole word; -1 if nowhere.
     * Runs once per record field on every imported comment, so it compiles no pattern.
     */
    static int indexIgnoringCase(String text, String needle, int from, boolean wholeWord) {
        // regionMatches(true, …) takes two characters as equal exactly when their folds are
        int first = needle.isEmpty() ? -1 : fold(needle.charAt(0));
        for (int at = from; at + needle.length() <= text.length(); at++) {
            if ((first < 0 || fold(text.charAt(at)) == first)
                    && text.regionMatches(true, at, needle, 0, needle.length())
                    && (!wholeWord || (!wordChar(text, at - 1) && !wordChar(text, at + needle.length())))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean wordChar(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return false;
        }
        int cp = Character.isLowSurrogate(text.charAt(i)) && i > 0 ? text.codePointAt(i - 1) : text.codePointAt(i);
        return Character.isLetterOrDigit(cp);
    }

    /** Replaces every finding with its proposed redaction. */
    public static String redact(String text, List<Finding> findings) {
        StringBuilder out = new StringBuilder(text);
        findings.stream().sorted(Comparator.comparingInt(Finding::start).reversed())
                .forEach(f -> out.replace(f.start(), f.end(), f.replacement()));
        return out.toString();
    }

    private static void regex(Pattern p, Kind kind, String text, boolean sv, List<Finding> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(finding(kind, m.start(), m.end(), text, sv));
        }
    }

    /**
     * Personnummer and samordningsnummer: YYMMDD(-|+)NNNN with or without century, the date checked;
     * with a wrong check digit (Luhn) it is reported as one that looks like a personnummer.
     */
    private static void idNumbers(String text, boolean sv, List<Finding> out) {
        Matcher m = ID_NUMBER.matcher(text);
        while (m.find()) {
            String century = m.group(1);
            String date = m.group(2);
            if (century != null && !(century.equals("18") || century.equals("19") || century.equals("20"))) {
                continue;
            }
            int month = Integer.parseInt(date.substring(2, 4));
            int day = Integer.parseInt(date.substring(4, 6));
            if (month < 1 || month > 12) {
                continue;
            }
            boolean separated = !m.group(3).isEmpty();
            if (!separated && century == null && date.startsWith("07")) {
                continue; // ten bare digits starting 07 are a Swedish mobile number far more often
            }
            if (!luhn(date + m.group(4))) {
                // on a wall a missed personnummer costs more than a false alarm: a mistyped one is flagged too
                if ((day >= 1 && day <= 31) || (day >= 61 && day <= 91)) {
                    out.add(finding(Kind.LIKELY_PERSONAL_NUMBER, m.start(), m.end(), text, sv));
                }
            } else if (day >= 1 && day <= 31) {
                out.add(finding(Kind.PERSONAL_NUMBER, m.start(), m.end(), text, sv));
            } else if (day >= 61 && day <= 91) {
                out.add(finding(Kind.COORDINATION_NUMBER, m.start(), m.end(), text, sv));
            }
        }
    }

    private static void cards(String text, boolean sv, List<Finding> out) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                out.add(finding(Kind.CARD, m.start(), m.end(), text, sv));
            }
        }
    }

    /**
     * Phone numbers as libphonenumber finds valid ones, read as Swedish unless they carry a
     * country code. Only numbers written with a leading + , 00 or the trunk 0 count: that is how
     * people write phone numbers, and it keeps prices, years and dates out.
     */
    private static void phones(String text, boolean sv, List<Finding> out) {
        for (PhoneNumberMatch pm : PHONES.findNumbers(text, "SE", PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            String raw = pm.rawString();
            if (!(raw.startsWith("+") || raw.startsWith("0") || raw.startsWith("(0") || raw.startsWith("(+"))) {
                continue;
            }
            if (ISO_DATE.matcher(raw).find()) {
                continue;
            }
            out.add(finding(Kind.PHONE, pm.start(), pm.end(), text, sv));
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    private static Finding finding(Kind kind, int start, int end, String text, boolean sv) {
        return new Finding(kind, start, end, text.substring(start, end), replacement(kind, sv));
    }

    static String replacement(Kind kind, boolean sv) {
        return switch (kind) {
            case CUSTOMER_EMAIL, EMAIL -> sv ? "[e-post]" : "[e-mail]";
            case URL -> sv ? "[länk]" : "[link]";
            case PERSONAL_NUMBER, COORDINATION_NUMBER, LIKELY_PERSONAL_NUMBER -> sv ? "[personnummer]" : "[ID number]";
            case CARD -> sv ? "[kortnummer]" : "[card number]";
            case PHONE -> sv ? "[telefon]" : "[phone]";
            case REFERENCE -> sv ? "[referens]" : "[reference]";
            case CUSTOMER_NAME -> sv ? "[namn]" : "[name]";
        };
    }

    /** Keeps the higher-priority finding where two overlap; returns them in text order. */
    private static List<Finding> withoutOverlaps(List<Finding> all) {
        List<Finding> byPriority = new ArrayList<>(all);
        byPriority.sort(Comparator.comparing(Finding::kind).thenComparing(f -> -(f.end() - f.start())));
        List<Finding> kept = new ArrayList<>();
        for (Finding f : byPriority) {
            if (kept.stream().noneMatch(k -> k.start() < f.end() && f.start() < k.end())) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }
}

package io.loopboard.feedback.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Proposes the mapping of a CSV file nobody wrote a mapping for: each column is matched to a
 * feedback field by the words real Swedish and English exports use in their headers, whole or
 * as part of a compound ("Svars-ID", "Kundkommentar", "Hur troligt är det att…"), and checked
 * against its values (a score column holds whole numbers 0-10 or labelled ones such as
 * "9 - Mycket troligt"; a date column dates); columns no header word names are found by their
 * values alone. The score type and the date format are guessed from the values, the language
 * from the header's words. Each choice comes with the reason for it, to show and change in a form.
 */
public final class MappingDetector {

    /** The problems a detection reports, as codes the page translates (see {@link #problemText}). */
    public static final String NO_ID = "noExternalId";
    public static final String EMPTY = "empty";

    /** A problem code in English, for the command line. */
    public static String problemText(String code) {
        return switch (code) {
            case NO_ID -> "no column identifies each answer: name it with --mapping";
            case EMPTY -> "the file is empty";
            default -> code;
        };
    }

    /** Rows read to decide (after the header). */
    static final int SAMPLE_ROWS = 200;
    /** Rows shown in a preview. */
    static final int PREVIEW_ROWS = 10;

    private MappingDetector() {
    }

    /**
     * One column (or setting) chosen for a field, and why: {@code reason} is a code the page
     * translates ({@code header} with the header word, {@code values.dates}, {@code values.scores},
     * {@code values.longest}, {@code values.unique}, {@code scoreType.header}, {@code scoreType.range}
     * with the range, {@code dateFormat} with the pattern, {@code language.header} with the tag).
     */
    public record Choice(String field, String column, String reason, String detail) {
        /** The reason in English, for the command line. */
        public String why() {
            return switch (reason) {
                case "header" -> "the header says '" + detail + "'";
                case "values.dates" -> "its values are dates";
                case "values.scores" -> "its values are whole numbers 0-10";
                case "values.longest" -> "its values are the longest texts";
                case "values.unique" -> "its values are different in every row";
                case "scoreType.header" -> detail + ": the score's header says so";
                case "scoreType.range" -> "the scores range " + detail;
                case "dateFormat" -> "the dates read as " + detail;
                case "language.header" -> "the header is in " + ("sv".equals(detail) ? "Swedish" : "English");
                default -> reason;
            };
        }
    }

    /** The file as read, the mapping proposed and the reasons; {@code rows} are the first rows' cells. */
    public record Detection(Mapping mapping, List<Choice> choices, List<String> header, List<List<String>> rows,
                            String encoding, String delimiter, List<String> problems) {
    }

    /** The fields in the order their header words are tried (the more specific first). */
    private static final List<String> ORDER = List.of("scoreType", "customerEmail", "customerPhone", "consentToContact",
            "consentToPublish", "respondedAt", "externalId", "comment", "score", "touchpoint", "location", "language",
            "customerSegment", "customerName");

    /** Header words by field: longer ones anywhere in the header's letters (compounds), short ones as a word or a word's end. */
    private static final Map<String, List<String>> WORDS = Map.ofEntries(
            Map.entry("scoreType", List.of("scoretype", "skaltyp", "betygstyp")),
            Map.entry("customerEmail", List.of("epost", "email", "mejl", "mail")),
            Map.entry("customerPhone", List.of("telefon", "phone", "mobil", "mobile", "tel")),
            // "Får vi kontakta dig?", "Samtycke till kontakt", "May we contact you?", "Call back"
            Map.entry("consentToContact", List.of("kontakta", "tillkontakt", "återkontakt", "aterkontakt", "contactme",
                    "contactyou", "contactconsent", "consenttocontact", "callback", "ringupp")),
            Map.entry("consentToPublish", List.of("samtycke", "consent", "publicera", "publish")),
            Map.entry("respondedAt", List.of("datum", "date", "timestamp", "tidpunkt", "submitted", "recorded", "time", "tid")),
            Map.entry("externalId", List.of("responseid", "respondent", "svarsid", "svarsnummer", "surveyid", "answerid", "id")),
            Map.entry("comment", List.of("kommentar", "fritext", "comment", "feedback", "motivering", "varför", "varfor",
                    "why", "verbatim", "anledning", "reason", "synpunkt")),
            Map.entry("score", List.of("betyg", "poäng", "poang", "score", "howlikely", "hurtroligt", "nps", "rating",
                    "rekommendera", "recommend", "likelihood")),
            Map.entry("touchpoint", List.of("touchpoint", "kontaktpunkt", "kanal", "channel")),
            Map.entry("location", List.of("location", "butik", "stad", "store", "city", "site", "filial", "plats", "kontor", "ort")),
            Map.entry("language", List.of("språk", "sprak", "language", "locale", "lang")),
            Map.entry("customerSegment", List.of("segment")),
            Map.entry("customerName", List.of("namn", "name")));
    private static final Set<String> SWEDISH = Set.of("datum", "tid", "tidpunkt", "svarsid", "svarsnummer", "kommentar", "fritext",
            "motivering", "varför", "varfor", "anledning", "synpunkt", "betyg", "poäng", "poang", "hurtroligt", "rekommendera",
            "kontaktpunkt", "kanal", "butik", "stad", "ort", "plats", "kontor", "filial", "epost", "mejl", "namn", "språk",
            "sprak", "samtycke", "publicera", "skaltyp", "betygstyp", "telefon", "mobil", "kontakta", "tillkontakt",
            "återkontakt", "aterkontakt", "ringupp");

    /** "02/11/2026", "2026-11-02 …": a date, though Values.score would read its first number. */
    private static final java.util.regex.Pattern DATE_LIKE = java.util.regex.Pattern.compile("\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}.*");
    /** "070-123 45 67", "+46 70 123 45 67", "(08) 123 456": digits with the usual separators. */
    private static final java.util.regex.Pattern PHONE_LIKE = java.util.regex.Pattern.compile("\\+?[\\d ()./-]{6,24}");
    /** Short words that may end a compound ("Svars-ID" is two words, "Kundnamn" one). */
    private static final Set<String> HEADS = Set.of("id", "tid", "namn", "stad");

    /** Date shapes tried when the import's own shapes cannot read a column. */
    private static final List<String> DATES = List.of("yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "MM/dd/yyyy", "d/M/yyyy",
            "M/d/yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd-MM-yyyy", "dd/MM/yy", "MM/dd/yy");
    private static final List<String> TIMES = List.of("", " HH:mm", " HH:mm:ss", " H:mm", " H:mm:ss", " hh:mm a",
            " hh:mm:ss a", " h:mm a", " h:mm:ss a");

    /** Reads the head of a file and proposes its mapping. */
    public static Detection detect(Path file) throws IOException {
        CsvFiles.Encoding encoding = CsvFiles.detect(file);
        List<CSVRecord> records = new ArrayList<>();
        char delimiter;
        try (InputStream in = Files.newInputStream(file)) {
            CsvFiles.Opened opened = CsvFiles.open(in, encoding);
            delimiter = opened.delimiter();
            try (CSVParser parser = opened.parser()) {
                Iterator<CSVRecord> it = parser.iterator();
                try {
                    while (it.hasNext() && records.size() < SAMPLE_ROWS + 3) {
                        CSVRecord r = it.next();
                        if (!(r.size() == 1 && r.get(0).isBlank())) {
                            records.add(r);
                        }
                    }
                } catch (java.io.UncheckedIOException | IllegalStateException e) {
                    // a broken row in the sample: decide on the rows before it (the import reports the break)
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (records.isEmpty()) {
            problems.add(EMPTY);
            return new Detection(null, List.of(), List.of(), List.of(), encoding.label(), CsvFiles.describe(delimiter), problems);
        }
        // Qualtrics: export tags, the questions' texts, then {"ImportId":…} cells
        int headerRows = records.size() >= 3 && records.get(2).stream().anyMatch(c -> c.startsWith("{\"ImportId\"")) ? 3 : 1;
        CSVRecord names = records.get(0);
        List<String> header = names.toList();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            texts.add(headerRows == 3 && i < records.get(1).size() ? header.get(i) + " " + records.get(1).get(i) : header.get(i));
        }
        List<List<String>> sample = new ArrayList<>();
        for (int r = headerRows; r < records.size(); r++) {
            sample.add(records.get(r).toList());
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        Map<String, String[]> why = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        int swedish = 0;
        int english = 0;
        String dateFormat = null;
        // 1. header words, checked against the values
        for (int col = 0; col < header.size(); col++) {
            List<String> values = column(sample, col);
            for (String field : ORDER) {
                if (chosen.containsKey(field)) {
                    continue;
                }
                String word = word(texts.get(col), WORDS.get(field));
                if (word == null || !fits(field, values)) {
                    continue;
                }
                chosen.put(field, col);
                taken.add(col);
                why.put(field, new String[] {"header", word});
                if (SWEDISH.contains(word)) {
                    swedish++;
                } else {
                    english++;
                }
                break;
            }
        }
        // 2. the values alone, for the fields no header named
        if (!chosen.containsKey("respondedAt")) {
            for (int col = 0; col < header.size(); col++) {
                List<String> values = column(sample, col);
                if (!taken.contains(col) && !values.isEmpty() && values.stream().allMatch(v -> v.matches(".*[-/.:].*"))
                        && dateFormat(values, 9) != null) {
                    choose(chosen, why, taken, "respondedAt", col, "values.dates");
                    break;
                }
            }
        }
        if (!chosen.containsKey("score")) {
            for (int col = 0; col < header.size(); col++) {
                if (!taken.contains(col) && scores(column(sample, col), 9) && !column(sample, col).isEmpty()) {
                    choose(chosen, why, taken, "score", col, "values.scores");
                    break;
                }
            }
        }
        if (!chosen.containsKey("comment")) {
            int best = -1;
            double longest = 15;
            for (int col = 0; col < header.size(); col++) {
                List<String> values = column(sample, col);
                double average = values.stream().mapToInt(String::length).average().orElse(0);
                if (!taken.contains(col) && average > longest && values.stream().anyMatch(v -> v.contains(" "))) {
                    best = col;
                    longest = average;
                }
            }
            if (best >= 0) {
                choose(chosen, why, taken, "comment", best, "values.longest");
            }
        }
        if (!chosen.containsKey("externalId")) {
            for (int col = 0; col < header.size(); col++) {
                if (!taken.contains(col) && identifies(column(sample, col)) && column(sample, col).size() == sample.size()) {
                    choose(chosen, why, taken, "externalId", col, "values.unique");
                    break;
                }
            }
        }
        if (!chosen.containsKey("externalId")) {
            problems.add(NO_ID);
        }
        String scoreType = null;
        if (chosen.containsKey("score")) {
            scoreType = scoreType(texts.get(chosen.get("score")), column(sample, chosen.get("score")));
            why.put("scoreType", scoreTypeWord(texts.get(chosen.get("score"))) != null
                    ? new String[] {"scoreType.header", scoreType}
                    : new String[] {"scoreType.range", range(column(sample, chosen.get("score")))});
        }
        if (chosen.containsKey("respondedAt")) {
            dateFormat = dateFormat(column(sample, chosen.get("respondedAt")), 5);
            if (dateFormat != null && !dateFormat.isEmpty()) {
                why.put("dateFormat", new String[] {"dateFormat", dateFormat});
            }
        }
        String language = chosen.containsKey("language") ? null : swedish > english ? "sv" : english > swedish ? "en" : null;
        if (language != null) {
            why.put("language", new String[] {"language.header", language});
        }
        Map<String, String> columns = new LinkedHashMap<>();
        List<Choice> choices = new ArrayList<>();
        for (String field : Mapping.FIELDS) {
            if (chosen.containsKey(field)) {
                columns.put(field, header.get(chosen.get(field)));
                choices.add(new Choice(field, header.get(chosen.get(field)), why.get(field)[0], why.get(field)[1]));
            }
        }
        for (String setting : List.of("scoreType", "dateFormat", "language")) {
            if (why.containsKey(setting) && !chosen.containsKey(setting)) {
                choices.add(new Choice(setting, null, why.get(setting)[0], why.get(setting)[1]));
            }
        }
        Mapping mapping = new Mapping("generic", headerRows, scoreType, null,
                dateFormat == null || dateFormat.isEmpty() ? null : dateFormat, columns, language);
        List<List<String>> preview = sample.subList(0, Math.min(PREVIEW_ROWS, sample.size()));
        return new Detection(mapping, choices, header, preview, encoding.label(), CsvFiles.describe(delimiter), problems);
    }

    private static void choose(Map<String, Integer> chosen, Map<String, String[]> why, Set<Integer> taken, String field, int col,
                               String reason) {
        chosen.put(field, col);
        taken.add(col);
        why.put(field, new String[] {reason, null});
    }

    /** The non-blank values of a column. */
    private static List<String> column(List<List<String>> rows, int col) {
        List<String> out = new ArrayList<>();
        for (List<String> r : rows) {
            if (col < r.size() && !r.get(col).isBlank()) {
                out.add(r.get(col).strip());
            }
        }
        return out;
    }

    /** The header word of a field that a header text holds, or null. */
    static String word(String headerText, List<String> words) {
        String lower = headerText.toLowerCase(Locale.ROOT);
        StringBuilder letters = new StringBuilder();
        lower.codePoints().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
        // words split at non-letters and at camelCase ("ResponseId" → response, id)
        List<String> tokens = new ArrayList<>();
        for (String part : headerText.split("[^\\p{L}\\p{N}]+")) {
            for (String t : part.split("(?<=\\p{Ll})(?=\\p{Lu})")) {
                if (!t.isEmpty()) {
                    tokens.add(t.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String w : words) {
            // a short word ("id", "tid", "ort", "namn") only as a word, or a few as the end of a compound
            // ("Svarstid", "Kundnamn"), never inside one ("tidpunkt", "rapport")
            if (w.length() > 4 ? letters.indexOf(w) >= 0
                    : tokens.stream().anyMatch(t -> t.equals(w) || (HEADS.contains(w) && t.length() > w.length() + 2 && t.endsWith(w)))) {
                return w;
            }
        }
        return null;
    }

    /** Whether a column's values can be the field's. */
    private static boolean fits(String field, List<String> values) {
        return switch (field) {
            // a header that says so: most values must be scores (the bad ones are the import's row errors)
            case "score" -> scores(values, 5);
            case "respondedAt" -> values.isEmpty() || dateFormat(values, 5) != null;
            case "externalId" -> values.isEmpty() || identifies(values);
            case "comment" -> values.isEmpty() || !scores(values, 9);
            case "customerEmail" -> values.isEmpty() || values.stream().filter(v -> v.contains("@")).count() * 10 >= values.size() * 9L;
            case "customerPhone" -> values.isEmpty() || values.stream().filter(v -> PHONE_LIKE.matcher(v).matches()).count() * 10 >= values.size() * 9L;
            case "consentToPublish", "consentToContact" -> values.isEmpty() || values.stream().filter(v -> Values.yesNo(v) != null).count() * 10 >= values.size() * 9L;
            default -> true;
        };
    }

    /** At least {@code tenths} in ten of the values read as a whole-number score of 0-10. */
    private static boolean scores(List<String> values, int tenths) {
        if (values.isEmpty()) {
            return true;
        }
        long ok = values.stream().filter(v -> !DATE_LIKE.matcher(v).matches())
                .map(Values::score).filter(s -> s != null && s >= 0 && s <= 10).count();
        return ok * 10 >= (long) values.size() * tenths;
    }

    /** Short values, each different: an answer's id. */
    private static boolean identifies(List<String> values) {
        return values.stream().allMatch(v -> v.length() <= 100 && !v.contains("\n")) && new HashSet<>(values).size() == values.size();
    }

    /** The lowest and highest score of a column; {MAX_VALUE, MIN_VALUE} when none reads as one. */
    private static int[] minMax(List<String> values) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (String v : values) {
            Integer s = Values.score(v);
            if (s != null) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        return new int[] {min, max};
    }

    private static String range(List<String> values) {
        int[] r = minMax(values);
        return r[0] > r[1] ? "nowhere" : r[0] + "-" + r[1];
    }

    private static String scoreTypeWord(String headerText) {
        String h = headerText.toLowerCase(Locale.ROOT);
        if (h.contains("nps") || h.contains("likely") || h.contains("troligt") || h.contains("rekommend") || h.contains("recommend")) {
            return "NPS";
        }
        if (h.contains("csat") || h.contains("nöjd") || h.contains("satisf")) {
            return "CSAT";
        }
        if (h.contains("ces") || h.contains("ansträng") || h.contains("effort")) {
            return "CES";
        }
        return null;
    }

    /** NPS when the header says so or the scores reach 0 or past 7; CSAT for 1-5; CES for 1-7. */
    private static String scoreType(String headerText, List<String> values) {
        String said = scoreTypeWord(headerText);
        if (said != null) {
            return said;
        }
        int[] r = minMax(values);
        int min = r[0];
        int max = r[1];
        if (min == 0 || max > 7 || min > max) {
            return "NPS";
        }
        return max <= 5 ? "CSAT" : "CES";
    }

    /**
     * The date format of a column: "" when the import reads its values as they are (ISO 8601,
     * Unix time, …), a pattern when one reads them, null when none does; "them" is at least
     * {@code tenths} in ten of the values (a bad date is the import's row error). The pattern
     * reading the most values wins; where day and month both fit, month first with AM/PM (as US
     * tools write), day first otherwise.
     */
    static String dateFormat(List<String> values, int tenths) {
        if (values.isEmpty()) {
            return null;
        }
        long enough = ((long) values.size() * tenths + 9) / 10;
        Values.Dates plain = new Values.Dates(ZoneOffset.UTC, null);
        if (values.stream().filter(v -> plain.read(v) != null).count() >= enough) {
            return "";
        }
        boolean amPm = values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).matches(".*\\d\\s*[ap]\\.?m\\.?$"));
        // the pattern that reads the most values; of those that read as many, the order above decides
        String best = null;
        long bestCount = enough - 1;
        int bestRank = Integer.MAX_VALUE;
        for (String date : DATES) {
            for (String time : TIMES) {
                String pattern = date + time;
                DateTimeFormatter f = Values.pattern(pattern, Locale.ENGLISH);
                long count = values.stream().filter(v -> parses(v, f)).count();
                boolean monthFirst = pattern.startsWith("MM/") || pattern.startsWith("M/");
                int rank = monthFirst == amPm ? 0 : 1;
                if (count > bestCount || (count == bestCount && best != null && rank < bestRank)) {
                    best = pattern;
                    bestCount = count;
                    bestRank = rank;
                }
            }
        }
        return best;
    }

    private static boolean parses(String value, DateTimeFormatter f) {
        try {
            LocalDateTime.parse(value, f);
            return true;
        } catch (java.time.DateTimeException e) {
            try {
                LocalDate.parse(value, f);
                return true;
            } catch (java.time.DateTimeException ignored) {
                return false;
            }
        }
    }
}

package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The analysis of every imported comment skips the patterns a text cannot match and walks
 * words without a pattern (a million comments in an import). These tests hold the fast paths
 * to the slow ones on many generated texts made of the pieces personal data is made of: the
 * same findings, the same words, whatever the text.
 */
class AnalysisShortcutsTest {

    /** Pieces of text, each a reason for some pattern to match or nearly match. */
    private static final String[] PIECES = {
            "Ring", "mig", "på", "070-123 45 67", "0701234567", "+46 70 123 45 67", "0046 70 123 45 67", "08-123 456 78",
            "+44 20 7946 0958", "+1 650-253-0000", "+43 1234", "+290 2 1234", "(0)8 123 45", "(+46)70", "123456", "100000",
            "811218-9876", "19811218-9876", "8112189876", "121212+1212", "701063-2391", "4111 1111 1111 1111",
            "5555-5555-5555-4444", "Order", "ORDERNUMMER:", "ordernr", "ärende", "ÄRENDE", "Booking", "ref", "REF",
            "caſe", "tic\u212Aet", "INVOICE", "faktura", "kundnummer", "customer number", "AB1234567", "ab1234567",
            "#77812", "A1234-99", "anna.k@firma.se", "@", "x@y", "JOHN_DOE+shop@mail.example.co.uk", "https://example.se/a?b=1",
            "HTTP://X.SE", "www.example.com", "WWW.EXAMPLE.COM", "://", "wWw.", "Ingrid", "INGRID", "Nyström", "nystrom",
            "ingrid.nystrom@example.se", "٠٧٠١٢٣٤٥٦٧", "＋４６ ７０", "0", "+", "-", "2025-10-09", "12:30", "199 kr",
            "👍", "שלום", "مرحبا", "Leveransen", "kom", "för", "sent", "(#", ")", "🇸🇪", "Ⅻ", "²", "e\u0301", "\uD800",
    };
    private static final String[] GLUE = {" ", "", ", ", ". ", "-", "/", "\n", "#", ":", "(", ")"};

    private static List<String> texts(long seed, int count) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(8);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]).append(GLUE[random.nextInt(GLUE.length)]);
            }
            out.add(text.toString());
        }
        return out;
    }

    @Test
    void personal_data_found_with_the_shortcuts_is_what_every_pattern_finds() {
        List<ReferencePattern> patterns = new ArrayList<>(PiiDetector.DEFAULT_REFERENCE_PATTERNS.stream().map(ReferencePattern::compile).toList());
        patterns.add(ReferencePattern.compile("(?i)kund-\\w+")); // a moderator's own pattern, which is never skipped
        PiiDetector fast = new PiiDetector(patterns, true);
        PiiDetector every = new PiiDetector(patterns, false);
        PiiDetector.Customer customer = new PiiDetector.Customer("Ingrid Nyström", "ingrid.nystrom@example.se");
        int withFindings = 0;
        for (String text : texts(20261125L, 20_000)) {
            for (String language : new String[] {"sv", "en"}) {
                List<PiiDetector.Finding> expected = every.find(text, customer, language);
                assertEquals(expected, fast.find(text, customer, language), () -> "in '" + text + "'");
                withFindings += expected.isEmpty() ? 0 : 1;
            }
        }
        // the generated texts do exercise the detectors: most have something to find
        assertTrue(withFindings > 20_000, "texts with findings: " + withFindings);
    }

    @Test
    void no_region_has_a_valid_phone_number_shorter_than_the_shortcut_assumes() throws Exception {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        // the per-region metadata is not public API; read it as the library does
        Method metadata = PhoneNumberUtil.class.getDeclaredMethod("getMetadataForRegion", String.class);
        metadata.setAccessible(true);
        int shortest = Integer.MAX_VALUE;
        for (String region : phones.getSupportedRegions()) {
            PhoneMetadata m = (PhoneMetadata) metadata.invoke(phones, region);
            int countryCode = String.valueOf(m.getCountryCode()).length();
            for (PhoneNumberDesc d : List.of(m.getGeneralDesc(), m.getFixedLine(), m.getMobile(), m.getTollFree(),
                    m.getPremiumRate(), m.getSharedCost(), m.getVoip(), m.getPersonalNumber(), m.getPager(), m.getUan(),
                    m.getVoicemail())) {
                for (int length : d.getPossibleLengthList()) {
                    if (length > 0) { // -1: "as the general description"
                        shortest = Math.min(shortest, countryCode + length);
                    }
                }
            }
        }
        assertTrue(shortest >= PiiDetector.MIN_PHONE_DIGITS, "a region allows numbers of " + shortest + " digits");
    }

    @Test
    void words_are_the_runs_a_letter_and_number_pattern_finds() {
        Pattern plain = Pattern.compile("[\\p{L}\\p{N}]+");
        Pattern withApostrophes = Pattern.compile("[\\p{L}\\p{N}'’-]+");
        for (String text : texts(7L, 20_000)) {
            String wild = text + "don't e-post ’tis Ⅻ² ǅ ʰ 中文字 \uDC00 😀x";
            assertEquals(regexRuns(plain, wild), QuoteAnalyzer.runs(wild, ""), wild);
            assertEquals(regexRuns(withApostrophes, wild), QuoteAnalyzer.runs(wild, "'’-"), wild);
        }
    }

    private static List<String> regexRuns(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}

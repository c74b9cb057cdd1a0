package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopboard.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A round trip of random customer text through every CSV dialect a spreadsheet or survey tool
 * writes: comma, semicolon and tab; UTF-8, UTF-8 with BOM, UTF-16 with BOM and, for the text it
 * can hold, Windows-1252. Thousands of comments with any script, composed and decomposed
 * letters, right-to-left text, emoji sequences, line breaks, quotes, delimiters and
 * formula-looking starts are written as the dialect writes them, imported, and each must be
 * stored exactly once and equal to what was written, in NFC.
 */
class CsvRoundTripTest {

    static final int ROWS = 2_000;
    /** Fixed, so that a failure can be run again; -Droundtrip.seed=N tries others. */
    static final long SEED = Long.getLong("roundtrip.seed", 20_261_207L);

    static TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> dialects() {
        List<Arguments> out = new ArrayList<>();
        for (char delimiter : new char[] {',', ';', '\t'}) {
            out.add(Arguments.of(delimiter, "UTF-8", false));
            out.add(Arguments.of(delimiter, "UTF-8", true));
            out.add(Arguments.of(delimiter, "UTF-16LE", true));
            out.add(Arguments.of(delimiter, "windows-1252", false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "delimiter {0}, {1}, BOM {2}")
    @MethodSource("dialects")
    void every_comment_comes_back_once_and_equal_after_nfc(char delimiter, String charsetName, boolean bom) throws IOException {
        Charset charset = Charset.forName(charsetName);
        boolean narrow = charsetName.equals("windows-1252");
        Random random = new Random(SEED ^ delimiter ^ charsetName.hashCode() ^ (bom ? 1 : 0));
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < ROWS; i++) {
            written.put("rt-" + i, narrow ? windows1252Text(random) : anyText(random));
        }
        String source = "roundtrip-" + (int) delimiter + "-" + charsetName.toLowerCase() + (bom ? "-bom" : "");
        Path file = dir.resolve(source + ".csv");
        Files.write(file, csv(written, delimiter, charset, bom));

        ImportService.ImportResult r = server.lb.imports.importCsv(file, source, Mapping.preset("generic"));
        assertEquals("done", r.status(), r.message());
        assertEquals(0, r.rejected(), () -> "seed " + SEED + ": " + server.lb.sources.rowErrors(r.jobId()).stream().limit(5).toList());
        assertEquals(ROWS, r.created());
        Map<String, String> stored = server.lb.db.dsl().select(FEEDBACK.EXTERNAL_ID, FEEDBACK.COMMENT).from(FEEDBACK)
                .where(FEEDBACK.SOURCE.eq(source)).fetchMap(FEEDBACK.EXTERNAL_ID, FEEDBACK.COMMENT);
        assertEquals(ROWS, stored.size(), "each answer once");
        for (var e : written.entrySet()) {
            String expected = Normalizer.normalize(e.getValue(), Normalizer.Form.NFC);
            assertEquals(expected, stored.get(e.getKey()), () -> "seed " + SEED + ", " + e.getKey() + ": "
                    + e.getValue().codePoints().mapToObj(Integer::toHexString).toList());
        }
    }

    /** The file as the dialect writes it: RFC 4180 quoting where needed, CRLF rows. */
    private static byte[] csv(Map<String, String> rows, char delimiter, Charset charset, boolean bom) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, charset);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
            if (bom) {
                w.write('\uFEFF');
            }
            p.printRecord("externalId", "comment");
            for (var e : rows.entrySet()) {
                p.printRecord(e.getKey(), e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static final String[] PIECES = {
        "Tack för snabb leverans", "bemötande", "Åsa på kundtjänst", "Smidig kassa", "ÅÄÖ åäö é ü ß",
        "الخدمة ممتازة، شكراً", "שירות מצוין", "\u200Fמימין\u200E left", "日本語のレビュー", "हिन्दी में", "ภาษาไทย",
        "👩‍👩‍👧", "🇸🇪", "👍🏽", "🙂", "😤", "𝐁𝐨𝐥𝐝", "\"quoted\"", "'single'", ",", ";", "\t", "\n", "\r\n",
        "=HYPERLINK(\"x\")", "+46 70", "-1", "@SUM(A1)", "<script>alert(1)</script>", "a & b", "  ", "…", "€ 99,50",
    };

    /** Any script: pieces, random letters from the whole of Unicode, combining marks, some of it decomposed. */
    private static String anyText(Random random) {
        StringBuilder sb = new StringBuilder("K");
        int parts = 1 + random.nextInt(8);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append(PIECES[random.nextInt(PIECES.length)]);
                case 1 -> {
                    for (int n = random.nextInt(12); n > 0; n--) {
                        sb.appendCodePoint(letter(random));
                    }
                }
                case 2 -> sb.append(Normalizer.normalize(PIECES[random.nextInt(5)], Normalizer.Form.NFD));
                default -> sb.append('o').append((char) (0x0300 + random.nextInt(0x70))).append(' ');
            }
        }
        return sb.toString();
    }

    /** A letter or digit anywhere in Unicode's planes 0 and 1 (never a control, surrogate or U+FFFD). */
    private static int letter(Random random) {
        while (true) {
            int cp = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x10000) : 0x20 + random.nextInt(0xFFDD);
            if (Character.isLetterOrDigit(cp) && !(cp >= 0x7F && cp <= 0x9F)) {
                return cp;
            }
        }
    }

    private static final String WINDOWS_1252 = "abcdefghijklmnopqrstuvwxyzåäöÅÄÖéèüÉ€–—“”‘’…•\"';,\t \n0123456789=+-@";

    /** Text Windows-1252 can hold: Swedish letters, curly quotes, the euro sign, delimiters and line breaks. */
    private static String windows1252Text(Random random) {
        StringBuilder sb = new StringBuilder("K");
        for (int n = 1 + random.nextInt(60); n > 0; n--) {
            char c = WINDOWS_1252.charAt(random.nextInt(WINDOWS_1252.length()));
            sb.append(c == '\n' && random.nextBoolean() ? "\r\n" : String.valueOf(c));
        }
        return sb.toString();
    }
}

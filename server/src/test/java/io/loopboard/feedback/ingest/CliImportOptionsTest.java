package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.INGEST_SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Main;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loopboard import} as a CX lead runs it on a Swedish Excel export without writing any
 * JSON: the mapping detected and printed, a dry run that writes nothing, {@code --mapping @file}
 * and the rejected-rows file.
 */
class CliImportOptionsTest {

    @TempDir
    Path dir;

    /** Runs the command line in this JVM; returns the exit code and what it printed. */
    private record Run(int code, String out) {
    }

    private Run cli(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = Main.commandLine().execute(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(before);
        }
    }

    private static final String EXPORT = "Svars-ID;Svarsdatum;Hur troligt är det att du rekommenderar oss? (0-10);"
            + "Kommentar;Butik;E-post\r\n"
            + "1001;2026-11-02 09:12;9 - Mycket troligt;Trevligt bemötande i kassan, tack!;Malmö;anna@example.se\r\n"
            + "1002;2026-11-02 10:40;3;Lång kö – och ingen hjälp vid självscanningen;Lund;\r\n"
            + "1003;2026-11-03 14:05;10;\"Bästa butiken; alltid fräscht\";Malmö;\r\n"
            + "1004;2026-11-03 15:00;elva;Fel i kassan;Lund;\r\n";

    private Path export() throws Exception {
        Path file = dir.resolve("kundundersökning.csv");
        Files.write(file, EXPORT.getBytes(CsvFiles.WINDOWS_1252));
        return file;
    }

    private Map<String, FeedbackRecord> feedback(String source) {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("data").resolve("loopboard.db"), null, null)) {
            return db.dsl().selectFrom(FEEDBACK).where(FEEDBACK.SOURCE.eq(source)).fetchMap(FEEDBACK.EXTERNAL_ID);
        }
    }

    private String savedMapping(String source) {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("data").resolve("loopboard.db"), null, null)) {
            return db.dsl().select(INGEST_SOURCE.MAPPING_JSON).from(INGEST_SOURCE).where(INGEST_SOURCE.NAME.eq(source))
                    .fetchOne(INGEST_SOURCE.MAPPING_JSON);
        }
    }

    @Test
    void without_a_mapping_the_import_detects_one_prints_it_and_a_dry_run_writes_nothing() throws Exception {
        Path file = export();
        String data = dir.resolve("data").toString();
        Run dry = cli("import", file.toString(), "--source", "butiker", "--dry-run", "--data-dir", data);
        assertEquals(0, dry.code(), dry.out());
        assertTrue(dry.out().contains("externalId ← 'Svars-ID'"), dry.out());
        assertTrue(dry.out().contains("respondedAt ← 'Svarsdatum'"), dry.out());
        assertTrue(dry.out().contains("score ← 'Hur troligt är det att du rekommenderar oss? (0-10)'"), dry.out());
        assertTrue(dry.out().contains("comment ← 'Kommentar'"), dry.out());
        assertTrue(dry.out().contains("location ← 'Butik'"), dry.out());
        assertTrue(dry.out().contains("customerEmail ← 'E-post'"), dry.out());
        assertTrue(dry.out().contains("dry run: 4 rows: 3 would be stored (3 new, 0 already stored), 1 rejected"), dry.out());
        assertTrue(dry.out().contains("line 5, column 'Hur troligt är det att du rekommenderar oss? (0-10)': score 'elva'"), dry.out());
        assertTrue(feedback("butiker").isEmpty(), "a dry run writes nothing");
        assertNull(savedMapping("butiker"), "not even the source");

        Path rejected = dir.resolve("avvisade.csv");
        Run real = cli("import", file.toString(), "--source", "butiker", "--errors", rejected.toString(), "--data-dir", data);
        assertEquals(0, real.code(), real.out());
        assertTrue(real.out().contains("3 new"), real.out());
        Map<String, FeedbackRecord> fb = feedback("butiker");
        assertEquals(9, fb.get("1001").getScore());
        assertEquals("NPS", fb.get("1001").getScoreType());
        assertEquals("Trevligt bemötande i kassan, tack!", fb.get("1001").getComment());
        assertEquals("Bästa butiken; alltid fräscht", fb.get("1003").getComment());
        assertEquals("Malmö", fb.get("1001").getLocation());
        assertEquals("sv", fb.get("1001").getLanguage(), "a Swedish header: Swedish answers");
        assertEquals(LocalDateTime.parse("2026-11-02T09:12").atZone(ZoneId.systemDefault()).toInstant().toEpochMilli(),
                fb.get("1001").getRespondedAt(), "no offset: the server's zone");
        assertTrue(savedMapping("butiker").contains("\"externalId\":\"Svars-ID\""), "the detected mapping is saved");

        byte[] errors = Files.readAllBytes(rejected);
        String text = new String(errors, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFline;id;column;problem;Svars-ID;Svarsdatum;"), text);
        assertTrue(text.contains("5;1004;Hur troligt är det att du rekommenderar oss? (0-10);score 'elva' is not a whole number;1004;"), text);

        // the same file again: the saved mapping is used, nothing changes
        Run again = cli("import", file.toString(), "--source", "butiker", "--dry-run", "--data-dir", data);
        assertTrue(again.out().contains("3 would be stored (0 new, 3 already stored)"), again.out());
    }

    @Test
    void mapping_at_file_reads_the_file_instead_of_expanding_it_as_arguments() throws Exception {
        Path file = export();
        Path mapping = dir.resolve("butiker-mapping.json");
        Files.writeString(mapping, """
                {"preset":"generic","scoreType":"NPS","timeZone":"America/New_York","language":"sv",
                 "columns":{"externalId":"Svars-ID","respondedAt":"Svarsdatum","comment":"Kommentar",
                            "score":"Hur troligt är det att du rekommenderar oss? (0-10)","location":"Butik"}}
                """, StandardCharsets.UTF_8);
        Run r = cli("import", file.toString(), "--source", "from-file", "--mapping", "@" + mapping,
                "--data-dir", dir.resolve("data").toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("3 new"), r.out());
        Map<String, FeedbackRecord> fb = feedback("from-file");
        assertEquals(Instant.parse("2026-11-02T14:12:00Z").toEpochMilli(), fb.get("1001").getRespondedAt(), "the mapping's zone");
        assertNull(fb.get("1001").getCustomerEmail(), "the e-mail column is not in this mapping");
        assertTrue(savedMapping("from-file").contains("America/New_York"));

        Run missing = cli("import", file.toString(), "--source", "x", "--mapping", "@" + dir.resolve("nope.json"),
                "--data-dir", dir.resolve("data").toString());
        assertEquals(2, missing.code());
    }
}

package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mappings proposed for real-shaped exports, by header words and by values, then imported. */
class MappingDetectorTest {

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

    private static MappingDetector.Detection detect(String name, String text) throws Exception {
        return MappingDetector.detect(Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8));
    }

    private static Map<String, FeedbackRecord> imported(String name, MappingDetector.Detection d) {
        ImportService.ImportResult r = server.lb.imports.importCsv(dir.resolve(name), name, d.mapping());
        assertEquals("done", r.status(), r.message());
        return server.lb.db.dsl().selectFrom(FEEDBACK).where(FEEDBACK.SOURCE.eq(name)).fetchMap(FEEDBACK.EXTERNAL_ID);
    }

    @Test
    void a_delighted_export_is_mapped_by_its_english_headers() throws Exception {
        MappingDetector.Detection d = MappingDetector.detect(Fixtures.copy("delighted-export.csv", dir));
        Mapping m = d.mapping();
        assertEquals(Map.of("externalId", "Response ID", "customerEmail", "Email", "customerName", "Name", "score", "Score",
                "comment", "Comment", "respondedAt", "Response timestamp", "location", "Location", "touchpoint", "Touchpoint"), m.columns());
        assertEquals("NPS", m.scoreType());
        assertEquals("en", m.language());
        assertEquals(List.of("Response ID", "Email", "Name", "Score", "Comment", "Response timestamp", "Location", "Touchpoint"), d.header());
        assertEquals("5435", d.rows().get(0).get(0));
        assertTrue(d.choices().stream().anyMatch(c -> c.field().equals("score") && c.reason().equals("header") && c.detail().equals("score")), d.choices().toString());
    }

    @Test
    void us_dates_with_am_pm_and_compound_english_questions() throws Exception {
        String csv = "Response ID,Submitted At,How likely are you to recommend us? (0-10),Why did you give that score?,Store\n"
                + "r-1,11/14/2026 9:12:44 AM,9,Quick and friendly checkout,Malmö\n"
                + "r-2,11/02/2026 1:05:00 PM,4,\"Long queue, no help\",Lund\n";
        MappingDetector.Detection d = detect("us-dates", csv);
        assertEquals("Submitted At", d.mapping().column("respondedAt"));
        assertEquals("Why did you give that score?", d.mapping().column("comment"), "'why' before 'score'");
        assertEquals("How likely are you to recommend us? (0-10)", d.mapping().column("score"));
        Map<String, FeedbackRecord> fb = imported("us-dates", d);
        assertEquals(0, server.lb.db.dsl().fetchCount(FEEDBACK, FEEDBACK.SOURCE.eq("us-dates").and(FEEDBACK.RESPONDED_AT.isNull())));
        assertEquals(java.time.LocalDateTime.parse("2026-11-14T09:12:44").atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli(),
                fb.get("r-1").getRespondedAt(), "month first, 9 AM");
        assertEquals(java.time.LocalDateTime.parse("2026-11-02T13:05:00").atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli(),
                fb.get("r-2").getRespondedAt(), "1 PM");
        assertEquals(4, fb.get("r-2").getScore());
    }

    @Test
    void columns_no_header_word_names_are_found_by_their_values_and_labelled_scores_read_as_numbers() throws Exception {
        String csv = "A;B;C;D\n"
                + "x-17;02/11/2026 09:12;9 - Mycket troligt;Personalen var trevlig och hjälpsam\n"
                + "x-18;03/11/2026 10:00;0 - Inte alls troligt;Varorna var slut igen, tredje gången\n"
                + "x-19;04/11/2026 11:30;7;Helt okej men dyrt\n";
        MappingDetector.Detection d = detect("values-only", csv);
        Mapping m = d.mapping();
        assertEquals("A", m.column("externalId"));
        assertEquals("B", m.column("respondedAt"));
        assertEquals("C", m.column("score"));
        assertEquals("D", m.column("comment"));
        assertEquals("dd/MM/yyyy HH:mm", m.dateFormat(), "no AM/PM, day and month both ≤ 12: day first");
        assertEquals("NPS", m.scoreType(), "a 0 is only on the 0-10 scale");
        assertNull(m.language(), "no header word tells the language");
        Map<String, FeedbackRecord> fb = imported("values-only", d);
        assertEquals(9, fb.get("x-17").getScore());
        assertEquals(0, fb.get("x-18").getScore());
    }

    @Test
    void words_inside_other_words_do_not_count() {
        assertNull(MappingDetector.word("Rapport", List.of("ort")));
        assertNull(MappingDetector.word("Tidpunkt för besök", List.of("id")));
        assertEquals("ort", MappingDetector.word("Ort", List.of("ort")));
        assertEquals("namn", MappingDetector.word("Kundnamn", List.of("namn")));
        assertEquals("id", MappingDetector.word("ResponseId", List.of("id")));
        assertEquals("tid", MappingDetector.word("Svarstid", List.of("tid")));
        assertEquals("kommentar", MappingDetector.word("Kundkommentar", List.of("kommentar")));
    }
}

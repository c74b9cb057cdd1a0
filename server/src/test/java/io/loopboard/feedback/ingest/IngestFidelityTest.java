package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.config.Config;
import io.loopboard.curation.PiiDetector;
import io.loopboard.store.Clock;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV imports and mappings that must neither lose nor alter what a customer wrote. */
class IngestFidelityTest {

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

    private static Map<String, FeedbackRecord> feedback(String source) {
        return server.lb.db.dsl().selectFrom(FEEDBACK).where(FEEDBACK.SOURCE.eq(source)).fetchMap(FEEDBACK.EXTERNAL_ID);
    }

    @Test
    void columns_unmapped_on_purpose_stay_unmapped_when_the_saved_mapping_is_read_back() {
        // the documented way not to import names and e-mails: set their columns to null or ""
        HttpResponse<String> r = server.postJson("/api/v1/sources", server.adminKey, """
                {"name":"delighted-no-pii","kind":"csv","mapping":{"preset":"delighted",
                 "columns":{"customerName":null,"customerEmail":""}}}""");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode shown = TestServer.json(r).get("mapping").get("columns");
        assertTrue(shown.get("customerName").isNull(), shown.toString());
        assertTrue(shown.get("customerEmail").isNull(), shown.toString());

        ImportService.ImportResult result = server.lb.imports.importCsv(Fixtures.copy("delighted-export.csv", dir),
                "delighted-no-pii", null);
        assertEquals("done", result.status(), result.message());
        assertEquals(2, result.created());
        FeedbackRecord charlie = feedback("delighted-no-pii").get("5435");
        assertEquals("Your service is fast and flawless!", charlie.getComment());
        assertNull(charlie.getCustomerName(), "the admin opted out of names");
        assertNull(charlie.getCustomerEmail(), "the admin opted out of e-mail addresses");

        // a later change of another setting keeps them unmapped too
        int id = TestServer.json(r).get("id").asInt();
        HttpResponse<String> put = server.putJson("/api/v1/sources/" + id, server.adminKey,
                "{\"mapping\":{\"scoreType\":\"NPS\"}}");
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(TestServer.json(put).get("mapping").get("columns").get("customerEmail").isNull(), put.body());
        assertNull(server.lb.sources.byName("delighted-no-pii").orElseThrow().mapping().column("customerEmail"));
    }

    private static Path file(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ImportService.ImportResult importText(String source, String text, String mapping) {
        return server.lb.imports.importCsv(file(source + ".csv", text), source, mapping == null ? null : Mapping.parse(mapping, "generic"));
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void times_without_an_offset_are_read_in_the_configured_zone_unless_the_mapping_names_one() {
        assertEquals(ZoneId.of("Europe/Stockholm"),
                Config.fromEnvironment(Map.of("LOOPBOARD_TIME_ZONE", "Europe/Stockholm")).timeZone());
        assertEquals(ZoneId.systemDefault(), Config.fromEnvironment(Map.of()).timeZone());
        assertThrows(Config.ConfigException.class, () -> Config.fromEnvironment(Map.of("LOOPBOARD_TIME_ZONE", "Stockholm")));

        String csv = "externalId,score,scoreType,respondedAt,comment\n"
                + "s1,9,NPS,2026-07-02 09:12:00,Sommar\n"
                + "w1,8,NPS,2026-11-02 09:12,Vinter\n"
                + "z1,7,NPS,2026-11-02T09:12:00+01:00,Med offset\n";
        try (ImportService stockholm = new ImportService(server.lb.db, Clock.SYSTEM, server.lb.sources, server.lb.quotes.intake(),
                dir.resolve("uploads"), ZoneId.of("Europe/Stockholm"))) {
            ImportService.ImportResult r = stockholm.importCsv(file("local.csv", csv), "local-times", Mapping.preset("generic"));
            assertEquals(3, r.created(), r.message());
            Map<String, FeedbackRecord> fb = feedback("local-times");
            assertEquals(at("2026-07-02T07:12:00Z"), fb.get("s1").getRespondedAt(), "summer time: +02:00");
            assertEquals(at("2026-11-02T08:12:00Z"), fb.get("w1").getRespondedAt(), "winter time: +01:00");
            assertEquals(at("2026-11-02T08:12:00Z"), fb.get("z1").getRespondedAt(), "an offset in the file wins");

            // a mapping's own zone overrides the server's
            ImportService.ImportResult ny = stockholm.importCsv(file("ny.csv", csv), "new-york-times",
                    Mapping.parse("{\"timeZone\":\"America/New_York\"}", "generic"));
            assertEquals(3, ny.created(), ny.message());
            assertEquals(at("2026-07-02T13:12:00Z"), feedback("new-york-times").get("s1").getRespondedAt());
        }
    }

    @Test
    void a_swedish_default_locale_and_a_far_time_zone_change_no_date_or_score() {
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("sv-SE"));
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            String csv = "Survey ID,Response Date,Likelihood to Recommend,Comments\n"
                    + "m1,11/02/2026 09:12:44 AM,9,Bra\n"
                    + "m2,11/02/2026 01:05:00 pm,\"7,0\",Okej\n";
            ImportService.ImportResult r = importText("us-dates-sv-locale", csv,
                    "{\"preset\":\"medallia\",\"timeZone\":\"Europe/Stockholm\",\"dateFormat\":\"MM/dd/yyyy hh:mm:ss a\"}");
            assertEquals(0, r.rejected(), () -> server.lb.sources.rowErrors(r.jobId()).toString());
            Map<String, FeedbackRecord> fb = feedback("us-dates-sv-locale");
            assertEquals(at("2026-11-02T08:12:44Z"), fb.get("m1").getRespondedAt());
            assertEquals(at("2026-11-02T12:05:00Z"), fb.get("m2").getRespondedAt());
            assertEquals(7, fb.get("m2").getScore());
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void decomposed_text_is_stored_composed_so_the_queue_finds_it_and_del_and_c1_controls_are_refused() {
        String nfd = "Fantastiskt bemo\u0308tande i kassan, a\u030angen kom direkt";
        String csv = "externalId,comment\n"
                + "n1,\"" + nfd + "\"\n"
                + "d1,Ett DEL-tecken\u007f här\n"
                + "c1,Ett C1-tecken\u0085 här\n"
                + "ok,\"Tack! 😊 שלום مرحبا\nny rad\"\n";
        ImportService.ImportResult r = importText("nfc", csv, null);
        assertEquals(2, r.created(), r.message());
        assertEquals(2, r.rejected());
        Map<String, FeedbackRecord> fb = feedback("nfc");
        assertEquals(Normalizer.normalize(nfd, Normalizer.Form.NFC), fb.get("n1").getComment());
        assertTrue(fb.get("n1").getComment().contains("bemötande"));
        assertEquals("Tack! 😊 שלום مرحبا\nny rad", fb.get("ok").getComment(), "composed text is stored untouched");
        var errors = server.lb.sources.rowErrors(r.jobId());
        assertEquals(List.of(3L, 4L), errors.stream().map(SourceService.RowError::line).toList());
        assertTrue(errors.get(0).problem().contains("control character (U+007F)"), errors.toString());
        assertTrue(errors.get(1).problem().contains("control character (U+0085)"), errors.toString());

        HttpResponse<String> found = server.get("/api/v1/quotes?limit=50&q="
                + URLEncoder.encode("bemötande", StandardCharsets.UTF_8), server.moderatorKey);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals(1, TestServer.json(found).get("quotes").size(), found.body());

        // the API and webhooks take the same rule
        HttpResponse<String> api = server.postJson("/api/v1/feedback", server.ingestKey,
                "[{\"source\":\"nfc-api\",\"externalId\":\"1\",\"comment\":\"bemo\\u0308tande\"},"
                        + "{\"source\":\"nfc-api\",\"externalId\":\"2\",\"comment\":\"x\\u009by\"}]");
        assertEquals(200, api.statusCode(), api.body());
        assertEquals("bemötande", feedback("nfc-api").get("1").getComment());
        assertEquals("comment", TestServer.json(api).get("errors").get(0).get("field").asText());
    }

    @Test
    void a_personnummer_with_a_wrong_check_digit_is_flagged_as_looking_like_one() {
        server.postJson("/api/v1/feedback", server.ingestKey,
                "{\"source\":\"pnr\",\"externalId\":\"1\",\"language\":\"sv\",\"comment\":\"Mitt nummer är 811218-9875, ring mig\"}");
        var quote = server.lb.db.dsl().select(QUOTE.ID, QUOTE.PII_COUNT).from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(FEEDBACK.SOURCE.eq("pnr")).fetchOne();
        assertEquals(1, quote.value2(), "counted as personal data");
        JsonNode view = server.getOk("/api/v1/quotes/" + quote.value1(), server.moderatorKey);
        JsonNode finding = view.get("findings").get(0);
        assertEquals("likely_personal_number", finding.get("kind").asText());
        assertEquals("811218-9875", finding.get("text").asText());
        assertEquals("[personnummer]", finding.get("replacement").asText());
        // a correct one is still a personnummer, and an impossible date is no finding
        List<PiiDetector.Finding> found = PiiDetector.withDefaults().find("811218-9876 och 811318-9875", PiiDetector.Customer.NONE, "sv");
        assertEquals(List.of(PiiDetector.Kind.PERSONAL_NUMBER), found.stream().map(PiiDetector.Finding::kind).toList());
    }

    @Test
    void the_rejected_rows_file_opens_in_columns_in_swedish_excel_with_ids_and_cells_and_no_formulas() throws Exception {
        String csv = "Svars-ID;Kommentar;Betyg;Butik\r\n"
                + "r1;Bra bemötande i kassan;9;Malmö\r\n"
                + "r2;\"=HYPERLINK(\"\"http://evil.example\"\";\"\"klicka\"\")\";elva;Lund\r\n"
                + "r3;\"+46 70 123 45 67 ring mig\";11;@SUM(A1)\r\n"
                + "r4;\"-2+3\";nio;\"\tTabb\"\r\n";
        Path file = dir.resolve("excel-sv.csv");
        Files.write(file, csv.getBytes(CsvFiles.WINDOWS_1252));
        HttpResponse<String> created = server.postJson("/api/v1/sources", server.adminKey, """
                {"name":"butiker","kind":"csv","mapping":{"preset":"generic","scoreType":"NPS",
                 "columns":{"externalId":"Svars-ID","comment":"Kommentar","score":"Betyg","location":"Butik"}}}""");
        assertEquals(201, created.statusCode(), created.body());
        ImportService.ImportResult r = server.lb.imports.importCsv(file, "butiker", null);
        assertEquals(1, r.created(), () -> r + " " + server.lb.sources.rowErrors(r.jobId()));
        assertEquals(3, r.rejected(), () -> r + " " + server.lb.sources.rowErrors(r.jobId()));

        HttpResponse<String> errors = server.get("/api/v1/imports/" + r.jobId() + "/errors.csv", server.moderatorKey);
        assertEquals(200, errors.statusCode());
        String body = errors.body();
        assertTrue(body.startsWith("\uFEFF"), "a BOM, so Excel reads UTF-8");
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setDelimiter(';').get()
                .parse(new java.io.StringReader(body.substring(1))).getRecords();
        assertEquals(List.of("line", "id", "column", "problem", "Svars-ID", "Kommentar", "Betyg", "Butik"), rows.get(0).toList());
        assertEquals(4, rows.size(), "one line per rejected row: " + body);
        assertEquals(List.of("3", "r2", "Betyg", "score 'elva' is not a whole number"), rows.get(1).toList().subList(0, 4));
        assertEquals("'=HYPERLINK(\"http://evil.example\";\"klicka\")", rows.get(1).get(5), "a formula stays text");
        assertEquals("Lund", rows.get(1).get(7));
        assertEquals("'+46 70 123 45 67 ring mig", rows.get(2).get(5));
        assertEquals("'@SUM(A1)", rows.get(2).get(7));
        assertEquals("'-2+3", rows.get(3).get(5));
        assertEquals("'\tTabb", rows.get(3).get(7));
        assertEquals("Malmö", feedback("butiker").get("r1").getLocation());
    }

    @Test
    void a_source_shows_each_import_s_counts_and_a_true_total_that_re_imports_do_not_add_up() {
        String first = "externalId,comment,score,scoreType\n a1,Bra,9,NPS\n a2,Dåligt,2,NPS\n";
        String second = "externalId,comment,score,scoreType\n a1,Bra,9,NPS\n a2,Dåligt men bättre nu,4,NPS\n a3,Ny,10,NPS\n";
        ImportService.ImportResult one = importText("totals", first, null);
        ImportService.ImportResult two = server.lb.imports.importCsv(file("totals-2.csv", second), "totals", null);
        ImportService.ImportResult three = server.lb.imports.importCsv(file("totals-3.csv", second), "totals", null);
        assertEquals(List.of(2L, 0L, 0L), List.of(one.created(), one.updated(), one.unchanged()));
        assertEquals(List.of(1L, 1L, 1L), List.of(two.created(), two.updated(), two.unchanged()));
        assertEquals(List.of(0L, 0L, 3L), List.of(three.created(), three.updated(), three.unchanged()));
        for (JsonNode s : TestServer.json(server.get("/api/v1/sources", server.moderatorKey)).get("sources")) {
            if (s.get("name").asText().equals("totals")) {
                assertEquals(3, s.get("storedCount").asInt(), "three answers, however often imported");
                assertEquals(3, s.get("imports").size());
                assertEquals(1, s.get("imports").get(1).get("updated").asInt(), "per import: the second updated one");
                return;
            }
        }
        throw new AssertionError("no source 'totals'");
    }

    private static HttpResponse<String> postFile(String path, byte[] body) {
        return server.send(server.request(path).header("Authorization", "Bearer " + server.moderatorKey)
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void preview_and_dry_run_over_http_take_hostile_files_and_bad_mappings_with_a_precise_answer() {
        HttpResponse<String> created = server.postJson("/api/v1/sources", server.adminKey, "{\"name\":\"hostile\",\"kind\":\"csv\"}");
        int id = TestServer.json(created).get("id").asInt();
        String base = "/api/v1/sources/" + id;

        JsonNode empty = TestServer.json(postFile(base + "/preview", new byte[0]));
        assertEquals("empty", empty.get("problems").get(0).asText());
        assertTrue(empty.get("mapping").isNull());

        byte[] html = ("<script>alert(1)</script>;Kommentar\r\nr1;<img src=x onerror=alert(1)>\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> preview = postFile(base + "/preview", html);
        assertEquals(200, preview.statusCode(), preview.body());
        assertEquals("<script>alert(1)</script>", TestServer.json(preview).get("header").get(0).asText(), "returned as data, as sent");

        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        assertEquals(200, postFile(base + "/preview", binary).statusCode(), "random bytes: a preview, never a 500");
        HttpResponse<String> dryBinary = postFile(base + "/dry-run", binary);
        assertTrue(dryBinary.statusCode() == 200 || dryBinary.statusCode() == 400, dryBinary.body());

        HttpResponse<String> badMapping = postFile(base + "/dry-run?mapping=" + URLEncoder.encode("{\"timeZone\":\"Mars/Olympus\"}",
                StandardCharsets.UTF_8), html);
        assertEquals(400, badMapping.statusCode());
        assertEquals("mapping.timeZone", TestServer.json(badMapping).get("errors").get(0).get("field").asText());

        String mapping = URLEncoder.encode("{\"columns\":{\"externalId\":\"<script>alert(1)</script>\",\"comment\":\"Kommentar\"}}",
                StandardCharsets.UTF_8);
        JsonNode dry = TestServer.json(postFile(base + "/dry-run?mapping=" + mapping, html));
        assertEquals(1, dry.get("stored").asInt(), dry.toString());
        assertEquals(0, feedback("hostile").size(), "a dry run writes nothing");

        HttpResponse<String> webhookSource = server.postJson("/api/v1/sources", server.adminKey, "{\"name\":\"hook-only\",\"kind\":\"webhook\"}");
        HttpResponse<String> notCsv = postFile("/api/v1/sources/" + TestServer.json(webhookSource).get("id").asInt() + "/dry-run", html);
        assertEquals(400, notCsv.statusCode());
        assertEquals("source", TestServer.json(notCsv).get("errors").get(0).get("field").asText());
        assertEquals(404, postFile("/api/v1/sources/99999/preview", html).statusCode());
    }
}

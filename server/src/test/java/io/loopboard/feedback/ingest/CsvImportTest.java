package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV imports of the messy files survey tools and spreadsheets really produce. */
class CsvImportTest {

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

    private static ImportService.ImportResult importFixture(String fixture, String source, String mapping) {
        return server.lb.imports.importCsv(Fixtures.copy(fixture, dir), source,
                mapping == null ? null : Mapping.parse(mapping, "generic"));
    }

    private static Map<String, FeedbackRecord> feedback(String source) {
        return server.lb.db.dsl().selectFrom(FEEDBACK).where(FEEDBACK.SOURCE.eq(source)).fetchMap(FEEDBACK.EXTERNAL_ID);
    }

    private static int quotes(String source) {
        return server.lb.db.dsl().fetchCount(QUOTE.join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID)), FEEDBACK.SOURCE.eq(source));
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void generic_file_imports_every_good_row_and_reports_each_bad_one_with_its_line_column_and_reason() {
        ImportService.ImportResult r = importFixture("generic-en.csv", "generic-test", null);
        assertEquals("done", r.status(), r.message());
        assertEquals(10, r.rowsRead(), "the blank line is not a row");
        assertEquals(6, r.created());
        assertEquals(4, r.rejected());

        List<SourceService.RowError> errors = server.lb.sources.rowErrors(r.jobId());
        assertEquals(List.of(8L, 9L, 10L, 11L), errors.stream().map(SourceService.RowError::line).toList(),
                "physical line numbers, counting the quoted line break of g-2 and the blank line: " + errors);
        assertEquals(List.of("score", "respondedAt", "externalId", "score"),
                errors.stream().map(SourceService.RowError::column).toList());
        assertTrue(errors.get(0).problem().contains("'nine' is not a whole number"), errors.get(0).problem());
        assertTrue(errors.get(3).problem().contains("0-10"), errors.get(3).problem());

        Map<String, FeedbackRecord> fb = feedback("generic-test");
        assertEquals(6, fb.size());
        assertEquals("Two lines:\r\nthe driver was early, and \"very\" friendly", fb.get("g-2").getComment(),
                "a quoted field keeps its CRLF line break and its doubled quotes become one");
        assertEquals(9, fb.get("g-2").getScore(), "'9 - Extremely likely' is the score 9");
        assertEquals("Emoji survive 🚚💨 and so does Arabic: الخدمة ممتازة", fb.get("g-3").getComment());
        assertEquals("<script>alert('x')</script> is just text", fb.get("g-4").getComment());
        assertEquals(1762160400_000L, fb.get("g-4").getRespondedAt(), "unix seconds");
        assertEquals(at("2026-11-02T08:14:00Z"), fb.get("g-1").getRespondedAt());
        assertEquals(java.time.LocalDate.parse("2026-11-03").atStartOfDay(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli(),
                fb.get("g-3").getRespondedAt(), "a date alone is midnight in the server's zone (no zone in the mapping)");
        assertEquals("Malmö", fb.get("g-1").getLocation());
        assertEquals("ann@example.com", fb.get("g-1").getCustomerEmail());
        assertEquals(1, fb.get("g-1").getConsentToPublish());
        assertNull(fb.get("g-9").getComment());
        assertEquals(5, quotes("generic-test"), "every row with a comment has a pending quote");
    }

    @Test
    void importing_the_same_file_again_changes_nothing() {
        importFixture("generic-en.csv", "reimport-test", null);
        Map<String, FeedbackRecord> before = feedback("reimport-test");
        ImportService.ImportResult again = importFixture("generic-en.csv", "reimport-test", null);
        assertEquals(0, again.created());
        assertEquals(0, again.updated());
        assertEquals(6, again.unchanged());
        assertEquals(4, again.rejected(), "bad rows are reported again, each time");
        Map<String, FeedbackRecord> after = feedback("reimport-test");
        assertEquals(before, after, "not even updated_at moved");
        assertEquals(5, quotes("reimport-test"));
    }

    @Test
    void a_changed_row_updates_its_feedback_and_pending_quote_but_never_a_moderated_text() throws Exception {
        Path v1 = dir.resolve("v1.csv");
        Files.writeString(v1, "externalId,comment,score,scoreType\nc-1,First words,5,NPS\nc-2,Approve me,9,NPS\n");
        server.lb.imports.importCsv(v1, "change-test", null);
        int approved = server.lb.db.dsl().select(QUOTE.ID).from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(FEEDBACK.EXTERNAL_ID.eq("c-2").and(FEEDBACK.SOURCE.eq("change-test"))).fetchOne(QUOTE.ID);
        server.lb.quotes.approve(approved, "Approved, edited", null, "test");
        Path v2 = dir.resolve("v2.csv");
        Files.writeString(v2, "externalId,comment,score,scoreType\nc-1,Second thoughts,6,NPS\nc-2,Changed after approval,9,NPS\n");
        ImportService.ImportResult r = server.lb.imports.importCsv(v2, "change-test", null);
        assertEquals(2, r.updated());
        assertEquals("Second thoughts", feedback("change-test").get("c-1").getComment());
        var texts = server.lb.db.dsl().select(FEEDBACK.EXTERNAL_ID, QUOTE.DISPLAY_TEXT, QUOTE.STATUS).from(QUOTE).join(FEEDBACK)
                .on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID)).where(FEEDBACK.SOURCE.eq("change-test")).fetchMap(FEEDBACK.EXTERNAL_ID);
        assertEquals("Second thoughts", texts.get("c-1").get(QUOTE.DISPLAY_TEXT), "a pending quote follows the new comment");
        assertEquals("Approved, edited", texts.get("c-2").get(QUOTE.DISPLAY_TEXT), "a moderated quote keeps its text");
        assertEquals("approved", texts.get("c-2").get(QUOTE.STATUS));
        assertEquals(2, quotes("change-test"));
    }

    private static final String SWEDISH_MAPPING = """
            {"scoreType":"NPS","timeZone":"Europe/Stockholm","columns":{"externalId":"Svars-ID","comment":"Kommentar",
             "score":"Betyg","respondedAt":"Datum","location":"Butik"}}""";

    @Test
    void swedish_excel_semicolon_files_in_windows_1252_and_utf8_with_bom_read_the_same() {
        ImportService.ImportResult cp = importFixture("excel-sv-semicolon-windows1252.csv", "excel-1252", SWEDISH_MAPPING);
        ImportService.ImportResult bom = importFixture("excel-sv-semicolon-utf8-bom.csv", "excel-bom", SWEDISH_MAPPING);
        for (var r : List.of(cp, bom)) {
            assertEquals("done", r.status());
            assertEquals(4, r.created(), r.toString());
            assertEquals(0, r.rejected(), server.lb.sources.rowErrors(r.jobId()).toString());
        }
        assertEquals("windows-1252", server.lb.sources.job(cp.jobId()).encoding());
        assertEquals("UTF-8 (BOM)", server.lb.sources.job(bom.jobId()).encoding());
        assertEquals("semicolon", server.lb.sources.job(cp.jobId()).delimiter());
        Map<String, FeedbackRecord> a = feedback("excel-1252");
        Map<String, FeedbackRecord> b = feedback("excel-bom");
        assertEquals("Köp av soffa gick smidigt, leveransen kom i tid – tack!", a.get("sv-1").getComment());
        assertEquals(a.get("sv-1").getComment(), b.get("bom-1").getComment());
        assertEquals("Personalen var trevlig; men kön var lång", a.get("sv-2").getComment(), "a quoted semicolon is text");
        assertEquals("Varför är ÅÄÖ så svårt för er webbplats?", b.get("bom-3").getComment());
        assertEquals("Örebro", a.get("sv-4").getLocation());
        assertEquals(7, a.get("sv-4").getScore(), "'7,0' is the score 7");
        assertEquals(at("2026-11-02T08:14:00Z"), a.get("sv-1").getRespondedAt(), "local time in Stockholm");
    }

    @Test
    void a_utf8_file_with_one_row_of_windows_1252_bytes_rejects_that_row_and_keeps_the_others_intact() {
        ImportService.ImportResult r = importFixture("broken-utf8-one-bad-row.csv", "damaged-utf8", null);
        assertEquals(2, r.created());
        assertEquals(1, r.rejected());
        assertEquals("UTF-8 (with invalid bytes)", server.lb.sources.job(r.jobId()).encoding());
        SourceService.RowError e = server.lb.sources.rowErrors(r.jobId()).get(0);
        assertEquals(3, e.line());
        assertEquals("comment", e.column());
        assertTrue(e.problem().contains("U+FFFD"), e.problem());
        Map<String, FeedbackRecord> fb = feedback("damaged-utf8");
        assertEquals("Köp av soffa gick smidigt", fb.get("u-1").getComment(), "good rows are not garbled");
        assertEquals("Åsa på kundtjänst var fantastisk 🌟", fb.get("u-3").getComment());
    }

    @Test
    void qualtrics_export_with_three_header_rows_and_labelled_scores() {
        ImportService.ImportResult r = importFixture("qualtrics-nps-export.csv", "qualtrics", "qualtrics");
        assertEquals(3, r.rowsRead(), "the three header rows are not answers");
        assertEquals(3, r.created(), server.lb.sources.rowErrors(r.jobId()).toString());
        Map<String, FeedbackRecord> fb = feedback("qualtrics");
        FeedbackRecord sv = fb.get("R_1abcDEF234ghIJK");
        assertEquals("Snabb hjälp i chatten, tack!", sv.getComment());
        assertEquals(9, sv.getScore());
        assertEquals("NPS", sv.getScoreType());
        assertEquals("sv", sv.getLanguage(), "UserLanguage SV");
        assertEquals("kund@example.se", sv.getCustomerEmail());
        assertEquals(at("2026-11-02T08:14:00Z"), sv.getRespondedAt(), "the time zone comes from the third header row");
        assertEquals(0, fb.get("R_2bcdEFG345hiJKL").getScore(), "'Not at all likely' is 0");
        assertTrue(fb.get("R_2bcdEFG345hiJKL").getComment().contains("\r\nThen it lost my basket."));
        assertEquals(10, fb.get("R_3cdeFGH456ijKLM").getScore(), "'10 - Extremely likely'");
        assertEquals(2, quotes("qualtrics"));
    }

    @Test
    void medallia_style_tab_separated_file_with_us_dates() {
        ImportService.ImportResult r = importFixture("medallia-style.tsv", "medallia", "{\"preset\":\"medallia\",\"timeZone\":\"UTC\"}");
        assertEquals(2, r.created());
        assertEquals(1, r.rejected());
        SourceService.RowError e = server.lb.sources.rowErrors(r.jobId()).get(0);
        assertEquals(4, e.line());
        assertEquals("Response Date", e.column());
        assertEquals("tab", server.lb.sources.job(r.jobId()).delimiter());
        Map<String, FeedbackRecord> fb = feedback("medallia");
        assertEquals(at("2026-11-02T09:14:00Z"), fb.get("M-1001").getRespondedAt());
        assertEquals("Min beställning kom fram trasig 😞", fb.get("M-1002").getComment());
        assertEquals("Member", fb.get("M-1001").getCustomerSegment());
        assertEquals("Stockholm City", fb.get("M-1001").getLocation());
    }

    @Test
    void delighted_export() {
        ImportService.ImportResult r = importFixture("delighted-export.csv", "delighted-csv", "delighted");
        assertEquals(2, r.created());
        Map<String, FeedbackRecord> fb = feedback("delighted-csv");
        assertEquals(at("2026-11-02T08:14:00Z"), fb.get("5435").getRespondedAt());
        assertEquals("Sorry, but \"fast\" is not the word", fb.get("5436").getComment());
        assertEquals("Charlie Example", fb.get("5435").getCustomerName());
    }

    @Test
    void a_broken_file_keeps_the_rows_before_the_break_and_says_where_it_broke() {
        ImportService.ImportResult r = importFixture("broken-unclosed-quote.csv", "broken", null);
        assertEquals("failed", r.status());
        assertTrue(r.message().contains("line 4") || r.message().contains("startline 4"), r.message());
        assertEquals(List.of("b-1"), List.copyOf(feedback("broken").keySet()));
        SourceService.RowError stray = server.lb.sources.rowErrors(r.jobId()).get(0);
        assertEquals(3, stray.line());
        assertTrue(stray.problem().contains("has 5 fields where the header has 4"), stray.problem());
        var source = server.lb.sources.byName("broken").orElseThrow();
        assertTrue(server.lb.sources.recentErrors(source.id()).get(0).problem().contains("failed"));
    }

    @Test
    void a_mapping_naming_a_column_the_file_lacks_fails_clearly() {
        ImportService.ImportResult r = importFixture("generic-en.csv", "wrong-mapping", "{\"columns\":{\"externalId\":\"ResponseId\"}}");
        assertEquals("failed", r.status());
        assertTrue(r.message().contains("'ResponseId'"), r.message());
        assertEquals(0, feedback("wrong-mapping").size());
    }

    @Test
    void upload_over_http_beyond_the_5_mb_request_limit_with_progress_and_downloadable_errors() throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/sources", server.adminKey,
                "{\"name\":\"big-upload\",\"kind\":\"csv\",\"mapping\":\"generic\"}");
        assertEquals(201, created.statusCode(), created.body());
        int sourceId = TestServer.json(created).get("id").asInt();
        StringBuilder csv = new StringBuilder("externalId;comment;score;scoreType\r\n");
        String words = "Leveransen var snabb men förpackningen var trasig och kundtjänst svarade först efter tre dagar ".repeat(2);
        int rows = 40_000;
        for (int i = 1; i <= rows; i++) {
            csv.append("u-").append(i).append(';').append(words).append("#").append(i).append(';')
                    .append(i == 777 ? "elva" : String.valueOf(i % 11)).append(";NPS\r\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > 5 * 1024 * 1024, "bigger than the JSON API's limit: " + body.length);
        HttpResponse<String> res = server.send(server.request("/api/v1/sources/" + sourceId + "/imports?filename=stor%20fil.csv")
                .header("Authorization", "Bearer " + server.moderatorKey).header("Content-Type", "text/csv")
                .timeout(java.time.Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(202, res.statusCode(), res.body());
        int jobId = TestServer.json(res).get("id").asInt();
        assertEquals("stor fil.csv", TestServer.json(res).get("fileName").asText());
        JsonNode job = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            job = TestServer.json(server.get("/api/v1/imports/" + jobId, server.moderatorKey));
            if (!job.get("status").asText().equals("running")) {
                break;
            }
            assertTrue(job.get("doneBytes").asLong() <= job.get("totalBytes").asLong());
            Thread.sleep(100);
        }
        assertEquals("done", job.get("status").asText(), job.toString());
        assertEquals(rows - 1, job.get("created").asInt());
        assertEquals(1, job.get("rejected").asInt());
        assertEquals(body.length, job.get("doneBytes").asLong());

        HttpResponse<String> errors = server.get("/api/v1/imports/" + jobId + "/errors.csv", server.moderatorKey);
        assertEquals(200, errors.statusCode());
        assertTrue(errors.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        // the rejected row with its id and its cells, in the file's own delimiter, to fix and import again
        assertEquals("\uFEFFline;id;column;problem;externalId;comment;score;scoreType\r\n"
                + "778;u-777;score;score 'elva' is not a whole number;u-777;" + words + "#777;elva;NPS\r\n", errors.body());

        JsonNode sources = TestServer.json(server.get("/api/v1/sources", server.moderatorKey)).get("sources");
        JsonNode mine = null;
        for (JsonNode s : sources) {
            if (s.get("name").asText().equals("big-upload")) {
                mine = s;
            }
        }
        assertTrue(mine != null && mine.get("receivedCount").asInt() == rows - 1, String.valueOf(mine));
        assertFalse(mine.get("lastReceivedAt").isNull());
        assertEquals(jobId, mine.get("imports").get(0).get("id").asInt());
        assertTrue(mine.get("recentErrors").get(0).get("problem").asText().contains("1 rows rejected"));
        try (var files = Files.list(server.dataDir.resolve("uploads"))) {
            assertEquals(0, files.count(), "the spooled upload is removed");
        }
    }

    @Test
    void sources_api_refuses_bad_names_kinds_and_mappings_naming_the_field() {
        HttpResponse<String> r = server.postJson("/api/v1/sources", server.adminKey,
                "{\"name\":\"<b>x</b>\",\"kind\":\"csv\"}");
        assertEquals(400, r.statusCode());
        assertEquals("name", TestServer.json(r).get("errors").get(0).get("field").asText());
        r = server.postJson("/api/v1/sources", server.adminKey, "{\"name\":\"ok\",\"kind\":\"ftp\"}");
        assertEquals("kind", TestServer.json(r).get("errors").get(0).get("field").asText());
        r = server.postJson("/api/v1/sources", server.adminKey,
                "{\"name\":\"ok\",\"kind\":\"csv\",\"mapping\":{\"columns\":{\"mood\":\"Humör\"}}}");
        assertEquals("mapping.columns.mood", TestServer.json(r).get("errors").get(0).get("field").asText());
        r = server.postJson("/api/v1/sources", server.adminKey,
                "{\"name\":\"ok\",\"kind\":\"csv\",\"mapping\":{\"timeZone\":\"Mars/Olympus\"}}");
        assertEquals("mapping.timeZone", TestServer.json(r).get("errors").get(0).get("field").asText());
        r = server.postJson("/api/v1/sources", server.moderatorKey, "{\"name\":\"ok\",\"kind\":\"csv\"}");
        assertEquals(403, r.statusCode(), "moderators import; administrators set sources up");
    }

    @Test
    void a_file_of_several_chunks_with_a_letter_across_a_read_block_and_dates_in_three_shapes_imports_every_row()
            throws Exception {
        // the first comment is padded so that the two bytes of its "å" straddle the 64 KiB block
        // in which the encoding scan reads the file; the rows span several commit chunks, which
        // are parsed and written on two threads
        StringBuilder csv = new StringBuilder("externalId,comment,score,scoreType,respondedAt,customerEmail\n");
        int fillers = 0;
        while (csv.length() < (1 << 16) - 400) {
            csv.append("fill-").append(fillers++).append(",Plain ASCII text to fill the first block,7,NPS,,\n");
        }
        String start = "big-0,\"";
        int pad = (1 << 16) - 1 - csv.length() - start.length();
        csv.append(start).append("x".repeat(pad))
                .append("å on the boundary\",9,NPS,2026-10-01T10:00:00Z,\n");
        int rows = CsvImport.CHUNK_ROWS * 2 + 1_234;
        String[] dates = {"2026-10-02T08:30:00+02:00", "2026-10-02 06:30:00", "1790922600"};
        for (int i = 1; i < rows; i++) {
            String comment = i % 10 == 0 ? "" : "\"Rad " + i + ": kön var lång, men personalen 👍\"";
            csv.append("big-").append(i).append(',').append(comment).append(',').append(i % 11).append(",NPS,")
                    .append(dates[i % 3]).append(',').append(i == rows - 1 ? "last@example.com" : "").append('\n');
        }
        Path file = dir.resolve("big.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        assertEquals((byte) 0xC3, Files.readAllBytes(file)[(1 << 16) - 1], "the fixture puts the å across the block");

        // a time zone of UTC for the local shape, whatever the server's
        ImportService.ImportResult r = server.lb.imports.importCsv(file, "big", Mapping.parse("{\"timeZone\":\"UTC\"}", "generic"));

        assertEquals("done", r.status(), r.message());
        assertEquals(rows + fillers, r.created());
        assertEquals(0, r.rejected());
        assertEquals("UTF-8", server.lb.sources.job(r.jobId()).encoding());
        Map<String, FeedbackRecord> stored = feedback("big");
        assertEquals(rows + fillers, stored.size());
        assertTrue(stored.get("big-0").getComment().endsWith("xå on the boundary"));
        assertEquals("Rad 7: kön var lång, men personalen 👍", stored.get("big-7").getComment());
        // the three shapes name the same instant (a time zone of UTC for the local one)
        long instant = at("2026-10-02T06:30:00Z");
        for (String id : List.of("big-1", "big-2", "big-3")) {
            assertEquals(instant, stored.get(id).getRespondedAt(), id);
        }
        // every quote belongs to the feedback row it was made from
        assertEquals(fillers + rows - (rows - 1) / 10, quotes("big"));
        assertEquals(0, server.lb.db.dsl().fetchCount(QUOTE.join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID)),
                FEEDBACK.SOURCE.eq("big").and(QUOTE.ORIGINAL_TEXT.ne(FEEDBACK.COMMENT))));

        // imported quotes are in the queue's search index (any case, any alphabet)
        JsonNode found = TestServer.json(server.get("/api/v1/quotes?limit=50&q="
                + java.net.URLEncoder.encode("Å ON THE BOUNDARY", StandardCharsets.UTF_8), server.moderatorKey));
        assertEquals(1, found.get("quotes").size(), found.toString());
        JsonNode rad = TestServer.json(server.get("/api/v1/quotes?limit=50&q="
                + java.net.URLEncoder.encode("RAD 1233: KÖN", StandardCharsets.UTF_8), server.moderatorKey));
        assertEquals(1, rad.get("quotes").size(), rad.toString());

        // ids are never reused: a row imported after the newest one was erased gets a new id
        int erasedId = stored.get("big-" + (rows - 1)).getId();
        server.lb.erasure.erase("last@example.com", "test");
        Path more = dir.resolve("more.csv");
        Files.writeString(more, "externalId,comment\nafter-erasure,Snabb leverans\n", StandardCharsets.UTF_8);
        assertEquals(1, server.lb.imports.importCsv(more, "big", null).created());
        assertTrue(feedback("big").get("after-erasure").getId() > erasedId);
        assertEquals(1, server.lb.db.dsl().fetchCount(QUOTE.join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID)),
                FEEDBACK.EXTERNAL_ID.eq("after-erasure").and(QUOTE.ORIGINAL_TEXT.eq("Snabb leverans"))));
    }

    @Test
    void imported_comments_are_analysed_like_any_other_and_an_auto_approve_rule_puts_a_match_on_screen_audited()
            throws Exception {
        int channel = server.lb.screens.createChannel("import-rules", "Import", 8, "test");
        String token = server.lb.screens.createScreen("Import TV", channel, "test").token();
        int rule = server.createAutoApproveRule("{\"channelId\":" + channel + ",\"scoreType\":\"NPS\",\"minScore\":9,"
                + "\"maxScore\":10,\"minLength\":30,\"maxLength\":200,\"languages\":[\"sv\",\"en\"]}");
        String praise = "Chauffören bar in allt till köket och var jättetrevlig 🚚";
        Path file = dir.resolve("rules.csv");
        Files.writeString(file, "externalId,comment,score,scoreType,language\n"
                + "auto-1," + praise + ",10,NPS,sv\n"
                + "auto-2,Fantastisk hjälp – mejla mig på nisse@example.se om ni vill veta mer,10,NPS,sv\n"
                + "auto-3,Okej leverans men kartongen var trasig när den kom fram hit,7,NPS,sv\n", StandardCharsets.UTF_8);
        try (io.loopboard.support.WsClient screen = new io.loopboard.support.WsClient(
                server.wsBase() + "/display/ws?token=" + token)) {
            screen.next("playlist", java.time.Duration.ofSeconds(5));

            assertEquals(3, server.lb.imports.importCsv(file, "rules", null).created());

            screen.next(m -> "playlist".equals(m.path("type").asText()) && m.get("slides").toString().contains(praise),
                    java.time.Duration.ofSeconds(2), "the auto-approved imported quote on the channel's screen");
        } finally {
            server.send(server.request("/api/v1/auto-approve-rules/" + rule)
                    .header("Authorization", "Bearer " + server.moderatorKey).DELETE().build());
        }
        Map<String, Integer> quoteOf = server.lb.db.dsl().select(FEEDBACK.EXTERNAL_ID, QUOTE.ID).from(QUOTE)
                .join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID)).where(FEEDBACK.SOURCE.eq("rules"))
                .fetchMap(FEEDBACK.EXTERNAL_ID, QUOTE.ID);
        JsonNode auto = TestServer.json(server.get("/api/v1/quotes/" + quoteOf.get("auto-1"), server.moderatorKey));
        assertEquals("approved", auto.get("status").asText());
        assertEquals(rule, auto.get("autoRuleId").asInt());
        assertEquals(1, server.lb.db.dsl().fetchCount(io.loopboard.store.generated.Tables.AUDIT_LOG,
                io.loopboard.store.generated.Tables.AUDIT_LOG.ENTITY_ID.eq(String.valueOf(quoteOf.get("auto-1")))
                        .and(io.loopboard.store.generated.Tables.AUDIT_LOG.ACTION.eq("quote.auto_approve"))));
        // the e-mail address is found and keeps its quote out of the rule; the passive one is not a match
        var withEmail = server.lb.db.dsl().selectFrom(QUOTE).where(QUOTE.ID.eq(quoteOf.get("auto-2"))).fetchOne();
        assertEquals("pending", withEmail.getStatus());
        assertTrue(withEmail.getPiiCount() >= 1, "personal data counted on import");
        var passive = server.lb.db.dsl().selectFrom(QUOTE).where(QUOTE.ID.eq(quoteOf.get("auto-3"))).fetchOne();
        assertEquals("pending", passive.getStatus());
        assertTrue(passive.getQuotability() > 0, "quotability ranked on import");
        assertTrue(passive.getQuotabilityReasons().contains("length"), passive.getQuotabilityReasons());
    }
}

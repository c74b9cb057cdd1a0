package io.loopboard.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.support.MutableClock;
import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The follow-up inbox through its HTTP API on a real server and SQLite file: which answers open
 * a case, who sees contact details (and that each look is audited), the life of a case, owner
 * rules, the key figure and its minimum sample, and erasure taking cases with it.
 */
class FollowUpApiTest {

    private static final long HOUR = 3_600_000L;

    private MutableClock clock;
    private TestServer server;

    @BeforeEach
    void start() {
        clock = new MutableClock();
        server = new TestServer(clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void ingest(String json) {
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey, json);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(0, TestServer.json(res).get("rejected").asInt(), res.body());
    }

    private static String item(String id, Integer nps, String comment, String extra) {
        return "{\"source\":\"survey\",\"externalId\":\"" + id + "\""
                + (nps == null ? "" : ",\"score\":" + nps + ",\"scoreType\":\"NPS\"")
                + (comment == null ? "" : ",\"comment\":" + Json.write(comment))
                + (extra == null ? "" : "," + extra) + "}";
    }

    private List<JsonNode> cases(String query) {
        List<JsonNode> out = new ArrayList<>();
        server.getOk("/api/v1/followup/cases" + query, server.moderatorKey).get("cases").forEach(out::add);
        return out;
    }

    private JsonNode caseOf(int feedbackIndexInList, String query) {
        return cases(query).get(feedbackIndexInList);
    }

    private HttpResponse<String> patch(int id, String json) {
        return server.patchJson("/api/v1/followup/cases/" + id, server.moderatorKey, json);
    }

    @Test
    void critics_and_customers_who_ask_to_be_contacted_get_a_case_and_nobody_else_does() {
        String responded = Instant.ofEpochMilli(clock.now() - 2 * HOUR).toString();
        ingest("[" + item("strong", 2, "8 dagar leverans när konkurrenterna skickar på 2???", "\"respondedAt\":\"" + responded + "\"")
                + "," + item("critic", 6, "Okej, men webbplatsen ser ut som 90-talet", null)
                + "," + item("promoter", 10, "Fantastisk service, tack!", null)
                + "," + item("passive-call", 8, "Bra, men ring mig gärna på 070-123 45 67 om fakturan", null)
                + "," + item("consent", 9, "Great deliveries", "\"consentToContact\":true,\"customer\":{\"name\":\"Åsa Öberg\","
                        + "\"email\":\"asa@example.se\",\"phone\":\"+46 8 123 456 78\"}")
                + "," + item("no-call", 9, "Don't call me, just keep it up", null)
                + "," + item("no-score", null, "Just a comment", null) + "]");

        List<JsonNode> open = cases("");
        assertEquals(List.of("strong", "critic", "passive-call", "consent"),
                open.stream().map(c -> externalIdOf(c)).toList(), "strongest critics first, then critics, then requests");
        JsonNode strong = open.get(0);
        assertEquals("strong_critic", strong.get("reasons").get(0).asText());
        assertEquals(1, strong.get("priority").asInt());
        assertEquals("8 dagar leverans när konkurrenterna skickar på 2???", strong.get("comment").asText());
        long answered = Instant.parse(responded).toEpochMilli();
        assertEquals(answered, strong.get("answeredAt").asLong());
        assertEquals(answered + 48 * HOUR, strong.get("dueAt").asLong(), "due 48 h after the answer");
        assertEquals("new", strong.get("status").asText());
        JsonNode call = open.get(2);
        assertEquals("callback", call.get("reasons").get(0).asText());
        assertTrue(call.get("hasContact").asBoolean(), "the phone number in the comment is a way to reach the customer");
        assertEquals("consent", open.get(3).get("reasons").get(0).asText());

        // the same answers again: nothing new
        ingest("[" + item("strong", 2, "8 dagar leverans när konkurrenterna skickar på 2???", null) + "]");
        assertEquals(4, cases("").size());
    }

    private String externalIdOf(JsonNode c) {
        // the inbox names the feedback by id; its external id is read back through the store for the test
        int feedbackId = c.get("feedbackId").asInt();
        return server.lb.db.dsl().fetchValue("SELECT external_id FROM feedback WHERE id = ?", feedbackId).toString();
    }

    @Test
    void contact_details_are_shown_only_on_request_and_every_look_is_audited() {
        ingest(item("c1", 3, "Ingen ringde tillbaka 😡", "\"consentToContact\":true,\"customer\":{\"name\":\"Åsa Öberg\","
                + "\"email\":\"asa@example.se\",\"phone\":\"070-765 43 21\"}"));
        String list = server.get("/api/v1/followup/cases", server.moderatorKey).body();
        assertFalse(list.contains("asa@example.se") || list.contains("Öberg") || list.contains("765"),
                "the inbox lists no contact details: " + list);
        int id = cases("").get(0).get("id").asInt();
        assertEquals("Ingen ringde tillbaka 😡", cases("").get(0).get("comment").asText());

        JsonNode contact = server.getOk("/api/v1/followup/cases/" + id + "/contact", server.moderatorKey);
        assertEquals("Åsa Öberg", contact.get("name").asText());
        assertEquals("asa@example.se", contact.get("email").asText());
        assertEquals("070-765 43 21", contact.get("phone").asText());
        server.getOk("/api/v1/followup/cases/" + id + "/contact", server.adminKey);

        JsonNode looks = server.getOk("/api/v1/audit?action=followup.contact_view", server.adminKey).get("entries");
        assertEquals(2, looks.size(), "each look is one audit row");
        assertEquals(String.valueOf(id), looks.get(0).get("entityId").asText());
        assertTrue(looks.get(0).get("actor").asText().contains("test-admin"));
        assertTrue(looks.get(1).get("actor").asText().contains("test-moderator"));
        assertFalse(looks.toString().contains("asa@example.se"), "the audit says who looked, not what they saw");

        // a viewer (the teams' board) never gets them
        TestServer.Session viewer = server.session(TestServer.VIEWER_EMAIL, TestServer.VIEWER_PASSWORD);
        assertEquals(403, server.asSession(viewer, "GET", "/api/v1/followup/cases/" + id + "/contact", null).statusCode());
        assertEquals(403, server.asSession(viewer, "GET", "/api/v1/followup/cases", null).statusCode());
    }

    @Test
    void a_case_moves_from_new_to_contacted_to_resolved_with_an_owner_a_way_an_outcome_and_a_cause() {
        ingest(item("c1", 4, "Leveransen var sen", null));
        int id = cases("").get(0).get("id").asInt();
        int moderatorId = server.getOk("/api/v1/followup/owners", server.moderatorKey).get("owners").findValues("id").stream()
                .filter(n -> server.lb.auth.users().stream().anyMatch(u -> u.id() == n.asInt() && u.role().equals("moderator")))
                .findFirst().orElseThrow().asInt();

        HttpResponse<String> assigned = patch(id, "{\"ownerId\":" + moderatorId + ",\"contactWay\":\"phone\"}");
        assertEquals(200, assigned.statusCode(), assigned.body());
        assertEquals("Moderator", TestServer.json(assigned).get("ownerName").asText());
        assertEquals(1, cases("?owner=" + moderatorId).size());

        clock.advance(3 * HOUR);
        JsonNode contacted = TestServer.json(patch(id, "{\"status\":\"contacted\"}"));
        assertEquals("contacted", contacted.get("status").asText());
        assertEquals(clock.now(), contacted.get("firstContactAt").asLong(), 1000);

        HttpResponse<String> noCause = patch(id, "{\"status\":\"resolved\"}");
        assertEquals(400, noCause.statusCode());
        assertEquals("cause", TestServer.json(noCause).get("errors").get(0).get("field").asText(), noCause.body());

        String outcome = "Ringde kunden. <script>alert(1)</script> Ny leveranstid bokad ✅";
        HttpResponse<String> resolved = patch(id, "{\"status\":\"resolved\",\"cause\":\"carrier delay\",\"outcome\":"
                + Json.write(outcome) + "}");
        assertEquals(200, resolved.statusCode(), resolved.body());
        JsonNode r = TestServer.json(resolved);
        assertEquals("resolved", r.get("status").asText());
        assertEquals(outcome, r.get("outcome").asText(), "text is kept as written");
        assertNotNull(r.get("closedAt"));
        assertEquals(0, cases("").size(), "closed cases leave the open inbox");
        assertEquals(1, cases("?status=closed").size());

        HttpResponse<String> backToNew = patch(id, "{\"status\":\"new\"}");
        assertEquals(409, backToNew.statusCode(), backToNew.body());
        JsonNode reopened = TestServer.json(patch(id, "{\"status\":\"contacted\"}"));
        assertNull(reopened.get("closedAt").isNull() ? null : reopened.get("closedAt"));

        JsonNode audit = server.getOk("/api/v1/audit?action=followup.update", server.adminKey).get("entries");
        assertTrue(audit.size() >= 4);
        assertTrue(server.getOk("/api/v1/followup/owners", server.moderatorKey).get("causes").toString().contains("carrier delay"));
    }

    @Test
    void bad_and_hostile_changes_are_refused_with_the_field_named() {
        ingest(item("c1", 1, "Usch", null));
        int id = cases("").get(0).get("id").asInt();
        assertProblem(patch(id, "{\"status\":\"done\"}"), "status");
        assertProblem(patch(id, "{\"contactWay\":\"pigeon\"}"), "contactWay");
        assertProblem(patch(id, "{\"ownerId\":999999}"), "ownerId");
        int viewerId = server.lb.auth.users().stream().filter(u -> u.role().equals("viewer")).findFirst().orElseThrow().id();
        assertProblem(patch(id, "{\"ownerId\":" + viewerId + "}"), "ownerId");
        assertProblem(patch(id, "{\"improvementId\":424242}"), "improvementId");
        assertProblem(patch(id, "{\"secret\":true}"), "secret");
        assertProblem(patch(id, "{\"status\":null}"), "status");
        assertProblem(patch(id, "{\"outcome\":" + Json.write("x".repeat(2001)) + "}"), "outcome");
        assertProblem(patch(id, "{\"cause\":\"a\\u0000b\"}"), "cause");
        assertProblem(patch(id, "[1,2]"), "body");
        assertProblem(patch(id, "{\"outcome\":"), "body");
        assertEquals(404, patch(999999, "{\"status\":\"contacted\"}").statusCode());
        byte[] broken = {'{', '"', 't', 'o', 'u', 'c', 'h', 'p', 'o', 'i', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertProblem(server.postBytes("/api/v1/followup/rules", server.moderatorKey, broken), "body");
        byte[] huge = ("{\"outcome\":\"" + "å".repeat(3_000_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // refused before it is parsed (JsonBody reports the size limit as a 400 on "body")
        int hugeStatus = server.postBytes("/api/v1/followup/stories/1/notify", server.moderatorKey, huge).statusCode();
        assertTrue(hugeStatus == 400 || hugeStatus == 413, "a 6 MB body is refused, was " + hugeStatus);
        assertProblem(patch(id, "{\"outcome\":\"\\ud800 lone surrogate\"}"), "outcome");
        assertProblem(server.get("/api/v1/followup/cases?status=sleeping", server.moderatorKey), "status");
        assertProblem(server.get("/api/v1/followup/cases?limit=100000", server.moderatorKey), "limit");
        assertProblem(server.putJson("/api/v1/followup/settings", server.moderatorKey, "{\"npsCriticMax\":11}"), "npsCriticMax");
        assertProblem(server.putJson("/api/v1/followup/settings", server.moderatorKey,
                "{\"npsCriticMax\":4,\"npsStrongMax\":5}"), "bands.NPS.strongMax");
        assertProblem(server.putJson("/api/v1/followup/settings", server.moderatorKey, "{\"timeZone\":\"Mars/Olympus\"}"), "timeZone");
        assertProblem(server.putJson("/api/v1/followup/settings", server.moderatorKey, "{\"cxLeadEmail\":\"not-an-address\"}"),
                "cxLeadEmail");
        assertEquals("new", cases("").get(0).get("status").asText(), "nothing was changed by the refused requests");
    }

    private static void assertProblem(HttpResponse<String> res, String field) {
        assertEquals(400, res.statusCode(), res.body());
        JsonNode body = TestServer.json(res);
        assertEquals(field, body.get("errors").get(0).get("field").asText(), res.body());
        assertFalse(body.get("errors").get(0).get("problem").asText().isBlank());
    }

    @Test
    void score_bands_and_due_time_are_configurable_and_rules_give_new_cases_an_owner() {
        HttpResponse<String> set = server.putJson("/api/v1/followup/settings", server.moderatorKey,
                "{\"npsCriticMax\":7,\"npsStrongMax\":2,\"dueHours\":24,\"csatCriticMax\":3}");
        assertEquals(200, set.statusCode(), set.body());
        int moderatorId = server.lb.auth.users().stream().filter(u -> u.role().equals("moderator")).findFirst().orElseThrow().id();
        HttpResponse<String> rule = server.postJson("/api/v1/followup/rules", server.moderatorKey,
                "{\"touchpoint\":\"delivery\",\"ownerId\":" + moderatorId + "}");
        assertEquals(201, rule.statusCode(), rule.body());

        ingest("[" + item("seven", 7, "Helt okej", "\"touchpoint\":\"Delivery\"") + ","
                + "{\"source\":\"survey\",\"externalId\":\"csat3\",\"score\":3,\"scoreType\":\"CSAT\"}" + ","
                + item("three", 3, "Inte bra", "\"touchpoint\":\"checkout\"") + "]");
        List<JsonNode> open = cases("");
        assertEquals(3, open.size(), "NPS 7 and CSAT 3 are critics under these bands");
        JsonNode seven = open.stream().filter(c -> c.get("score").asInt() == 7).findFirst().orElseThrow();
        assertEquals("critic", seven.get("reasons").get(0).asText());
        assertEquals(moderatorId, seven.get("ownerId").asInt(), "the delivery rule gave it its owner");
        assertEquals(seven.get("answeredAt").asLong() + 24 * HOUR, seven.get("dueAt").asLong());
        JsonNode three = open.stream().filter(c -> c.get("score").asInt() == 3 && "NPS".equals(c.get("scoreType").asText()))
                .findFirst().orElseThrow();
        assertTrue(three.get("ownerId").isNull(), "no rule matches checkout");
        assertEquals(1, cases("?owner=none").size() - 1, "the CSAT case and the checkout case have no owner");
    }

    @Test
    void the_key_figure_counts_critics_contacted_in_time_and_hides_below_the_minimum_sample() {
        // three critics answered now, and one promoter who asked for a call (not a critic)
        ingest("[" + item("a", 2, "Dåligt", null) + "," + item("b", 5, "Sådär", null) + "," + item("c", 6, "Meh", null)
                + "," + item("d", 10, "Please call me about an upgrade", null) + "]");
        JsonNode before = server.getOk("/api/v1/followup/figure", server.moderatorKey);
        assertEquals(0, before.get("n").asInt(), "no critic's window has closed and nobody was contacted yet");
        assertFalse(before.get("shown").asBoolean());
        assertTrue(before.get("percent").isNull());

        List<JsonNode> open = cases("");
        int a = open.stream().filter(c -> c.get("score").asInt() == 2).findFirst().orElseThrow().get("id").asInt();
        int b = open.stream().filter(c -> c.get("score").asInt() == 5).findFirst().orElseThrow().get("id").asInt();
        int call = open.stream().filter(c -> c.get("score").asInt() == 10).findFirst().orElseThrow().get("id").asInt();
        clock.advance(10 * HOUR);
        patch(a, "{\"status\":\"contacted\"}");                       // in time
        patch(call, "{\"status\":\"contacted\"}");                    // not a critic: not counted
        clock.advance(40 * HOUR);                                     // 50 h after the answers: b and c are late
        patch(b, "{\"status\":\"not_reached\"}");                     // a late attempt

        JsonNode hidden = server.getOk("/api/v1/followup/figure", server.moderatorKey);
        assertEquals(3, hidden.get("n").asInt());
        assertEquals(1, hidden.get("inTime").asInt());
        assertFalse(hidden.get("shown").asBoolean(), "3 cases are below the minimum of 30");
        assertTrue(hidden.get("percent").isNull(), "no figure is given from too small a sample");

        server.putJson("/api/v1/followup/settings", server.moderatorKey, "{\"minSample\":3}");
        JsonNode shown = server.getOk("/api/v1/followup/figure", server.moderatorKey);
        assertTrue(shown.get("shown").asBoolean());
        assertEquals(33, shown.get("percent").asInt());
        assertEquals(30, shown.get("days").asInt());
        assertEquals(48, shown.get("dueHours").asInt());

        assertEquals(1, cases("?overdue=true").size(), "c is overdue: past due and nobody reached out");
        assertTrue(cases("?overdue=true").get(0).get("overdue").asBoolean());

        clock.advance(31L * 24 * HOUR);
        assertEquals(0, server.getOk("/api/v1/followup/figure", server.moderatorKey).get("n").asInt(), "only the last 30 days count");
    }

    @Test
    void erasure_removes_the_customers_cases_and_their_audit_rows() {
        ingest("[" + item("gone", 2, "Ring mig på 070-111 22 33", "\"customer\":{\"email\":\"gone@example.se\",\"name\":\"Göran\"}")
                + "," + item("stays", 2, "Dåligt", "\"customer\":{\"email\":\"stays@example.se\"}") + "]");
        List<JsonNode> open = cases("");
        assertEquals(2, open.size());
        int gone = open.stream().filter(c -> c.get("comment").asText().contains("070")).findFirst().orElseThrow().get("id").asInt();
        server.getOk("/api/v1/followup/cases/" + gone + "/contact", server.moderatorKey);
        patch(gone, "{\"outcome\":\"Göran var arg\"}");

        HttpResponse<String> erased = server.postJson("/api/v1/erasure", server.moderatorKey, "{\"email\":\"gone@example.se\"}");
        assertEquals(200, erased.statusCode(), erased.body());

        assertEquals(1, cases("?status=all").size(), "the other customer's case stays");
        assertEquals(404, server.get("/api/v1/followup/cases/" + gone, server.moderatorKey).statusCode());
        String audit = server.get("/api/v1/audit?limit=500", server.adminKey).body();
        assertFalse(audit.contains("Göran"), "the outcome naming the customer left the audit log");
        assertEquals(0, server.getOk("/api/v1/audit?action=followup.contact_view", server.adminKey).get("entries").size());
        assertEquals(0, server.lb.db.dsl().fetchCount(server.lb.db.dsl().selectFrom(
                io.loopboard.store.generated.Tables.FOLLOWUP_CASE).where(
                io.loopboard.store.generated.Tables.FOLLOWUP_CASE.PHONE.eq("070-111 22 33"))));
    }

    @Test
    void answers_imported_from_a_csv_file_get_their_cases_too_but_old_answers_do_not() {
        String old = Instant.ofEpochMilli(clock.now() - 40L * 24 * HOUR).toString();
        String csv = "externalId,score,scoreType,comment,respondedAt\n"
                + "r1,2,NPS,Usch,\n"
                + "r2,10,NPS,\"Toppen, kontakta mig gärna om ett avtal\",\n"
                + "r3,9,NPS,Bra,\n"
                + "r4,1,NPS,För länge sedan," + old + "\n";
        var result = server.lb.imports.importCsv(new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "export.csv", "csv-survey", null);
        assertEquals(4, result.created(), result.toString());
        server.lb.followupSweep.sweep(); // (or its background round, whichever comes first)
        List<JsonNode> open = cases("");
        assertEquals(List.of("strong_critic", "callback"), open.stream().map(c -> c.get("reasons").get(0).asText()).toList());
        assertEquals(0, server.lb.followupSweep.sweep(), "each answer is looked at once");
        ingest(item("api", 3, "Dåligt", null));
        assertEquals(0, server.lb.followupSweep.sweep(), "the API opened its case itself");
        assertEquals(3, cases("").size());
    }

    @Test
    void a_csv_export_s_wish_to_be_contacted_and_phone_columns_are_found_by_their_headers_and_reach_the_case() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("followup-csv");
        java.nio.file.Path file = dir.resolve("enkät.csv");
        java.nio.file.Files.writeString(file, "Svars-ID;Betyg;Kommentar;Får vi kontakta dig?;Telefon\n"
                + "s1;9;Trevlig personal;Ja;070-123 45 67\n"
                + "s2;8;Helt ok;Nej;\n"
                + "s3;10;Toppen 😍;nej;+46 8 123 456\n", java.nio.charset.StandardCharsets.UTF_8);
        var detection = server.lb.imports.detect(file);
        assertEquals("Får vi kontakta dig?", detection.mapping().column("consentToContact"), detection.choices().toString());
        assertEquals("Telefon", detection.mapping().column("customerPhone"), detection.choices().toString());
        var result = server.lb.imports.importCsv(file, "enkat", detection.mapping());
        assertEquals(3, result.created(), result.toString());
        server.lb.followupSweep.sweep();
        List<JsonNode> open = cases("");
        assertEquals(1, open.size(), "only the promoter who asked to be contacted gets a case: " + open);
        assertEquals("consent", open.get(0).get("reasons").get(0).asText());
        JsonNode contact = server.getOk("/api/v1/followup/cases/" + open.get(0).get("id").asInt() + "/contact", server.moderatorKey);
        assertEquals("070-123 45 67", contact.get("phone").asText(), "the phone from its column, as written");
        assertFalse(server.lb.db.dsl().fetchValue("SELECT payload FROM feedback WHERE external_id = 's2'") != null,
                "a row that asks nothing keeps no payload");

        // a wish that is neither yes nor no is the row's error, named by its column, not a silent "no"
        java.nio.file.Files.writeString(file, "Svars-ID;Betyg;Kommentar;Får vi kontakta dig?;Telefon\ns4;2;Dåligt;kanske;\n",
                java.nio.charset.StandardCharsets.UTF_8);
        var bad = server.lb.imports.importCsv(file, "enkat", detection.mapping());
        assertEquals(1, bad.rejected(), bad.toString());
    }

    @Test
    void a_phone_number_or_a_wish_to_be_contacted_of_the_wrong_type_is_refused_at_ingest() {
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey,
                "[" + item("x", 3, "hm", "\"consentToContact\":\"yes\"") + "," + item("y", 3, "hm", "\"customer\":{\"phone\":42}") + "]");
        JsonNode body = TestServer.json(res);
        assertEquals(2, body.get("rejected").asInt(), res.body());
        assertTrue(body.toString().contains("consentToContact") && body.toString().contains("customer.phone"), res.body());
        assertEquals(0, cases("?status=all").size());
    }
}

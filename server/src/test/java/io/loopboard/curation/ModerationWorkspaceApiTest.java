package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;
import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The moderation workspace through its HTTP API on the real server: queue filters and keyset
 * paging, the personal-data gate and its audited override, the editor, bulk and undo,
 * auto-approve rules, word lists, GDPR erasure reaching a screen, and the audit log.
 */
class ModerationWorkspaceApiTest {

    static TestServer server;
    static int lobby;
    static int kitchen;
    static String lobbyToken;

    @BeforeAll
    static void start() {
        server = new TestServer();
        lobby = server.lb.screens.createChannel("lobby", "Lobby", 8, "test");
        kitchen = server.lb.screens.createChannel("kitchen", "Kitchen", 8, "test");
        lobbyToken = server.lb.screens.createScreen("Lobby TV", lobby, "test").token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String body) {
        return server.postJson(path, server.moderatorKey, body);
    }

    private static HttpResponse<String> put(String path, String body) {
        return server.putJson(path, server.moderatorKey, body);
    }

    private static JsonNode get(String path) {
        HttpResponse<String> res = server.get(path, server.moderatorKey);
        assertEquals(200, res.statusCode(), res.body());
        return json(res);
    }

    private static String feedback(String id, String comment, String extra) {
        return "{\"source\":\"ws\",\"externalId\":\"" + id + "\",\"comment\":" + Json.write(comment) + (extra == null ? "" : "," + extra) + "}";
    }

    private static List<Integer> ids(JsonNode page) {
        List<Integer> out = new ArrayList<>();
        page.get("quotes").forEach(q -> out.add(q.get("id").asInt()));
        return out;
    }

    @Test
    void the_queue_filters_by_band_touchpoint_location_language_text_and_flags_and_pages_by_cursor() {
        int critic = server.ingestAndFindQuote("f-1", "Leveransen till Kiruna tog 9 dagar, helt oacceptabelt", "\"score\":3,\"scoreType\":\"NPS\","
                + "\"touchpoint\":\"Delivery\",\"location\":\"Kiruna\",\"language\":\"sv\"");
        int promoter = server.ingestAndFindQuote("f-2", "The support team in Kiruna solved my billing issue in minutes", "\"score\":10,"
                + "\"scoreType\":\"NPS\",\"touchpoint\":\"Support\",\"location\":\"Kiruna\",\"language\":\"en\"");
        int csat = server.ingestAndFindQuote("f-3", "Kassan var trög men personalen trevlig", "\"score\":3,\"scoreType\":\"CSAT\",\"location\":\"Luleå\"");
        int phone = server.ingestAndFindQuote("f-4", "Ring mig på 070-123 45 67 om leveransen till Kiruna", "\"location\":\"Kiruna\"");

        assertEquals(List.of(critic), ids(get("/api/v1/quotes?status=pending&band=nps-critic&location=Kiruna")));
        assertEquals(List.of(promoter), ids(get("/api/v1/quotes?status=pending&band=nps-promoter")));
        assertEquals(List.of(csat), ids(get("/api/v1/quotes?status=pending&band=csat-neutral")));
        assertEquals(List.of(promoter), ids(get("/api/v1/quotes?touchpoint=Support")));
        assertEquals(List.of(promoter), ids(get("/api/v1/quotes?language=en&location=Kiruna")));
        assertEquals(List.of(phone, critic), ids(get("/api/v1/quotes?q=" + URLEncoder.encode("LEVERANSEN", StandardCharsets.UTF_8))));
        assertTrue(ids(get("/api/v1/quotes?flagged=true")).contains(phone));
        assertFalse(ids(get("/api/v1/quotes?flagged=false")).contains(phone));
        // a 100% literal search: LIKE wildcards are text here
        assertEquals(List.of(), ids(get("/api/v1/quotes?q=%25_%25")));

        JsonNode first = get("/api/v1/quotes?location=Kiruna&limit=2");
        JsonNode second = get("/api/v1/quotes?location=Kiruna&limit=2&cursor=" + first.get("nextCursor").asText());
        assertEquals(List.of(phone, promoter), ids(first));
        assertEquals(List.of(critic), ids(second));
        assertTrue(second.path("nextCursor").isMissingNode());

        JsonNode byQuotability = get("/api/v1/quotes?location=Kiruna&sort=quotability");
        int previous = Integer.MAX_VALUE;
        for (JsonNode q : byQuotability.get("quotes")) {
            assertTrue(q.get("quotability").asInt() <= previous, "sorted by quotability");
            previous = q.get("quotability").asInt();
            assertTrue(q.get("reasons").size() == 5, "every score is explained: " + q);
        }
        assertEquals(phone, byQuotability.get("quotes").get(2).get("id").asInt(), "personal data ranks last");

        assertTrue(ids(get("/api/v1/quotes?newerThan=" + critic)).containsAll(List.of(promoter, csat, phone)));
        assertFalse(ids(get("/api/v1/quotes?newerThan=" + critic)).contains(critic));

        for (String bad : List.of("band=nps-lovers", "sort=oldest", "cursor=abc", "from=2026-13-01", "limit=0", "status=maybe")) {
            HttpResponse<String> res = server.get("/api/v1/quotes?" + bad, server.moderatorKey);
            assertEquals(400, res.statusCode(), bad + " → " + res.body());
            assertEquals(bad.substring(0, bad.indexOf('=')).replace("from", "from"), json(res).get("errors").get(0).get("field").asText());
        }
    }

    @Test
    void approval_is_refused_while_personal_data_remains_and_an_explicit_override_is_audited() {
        String text = "Anna på kundtjänst (anna@butik.se) ringde upp mig på 0701234567, toppen!";
        int id = server.ingestAndFindQuote("p-1", text, "\"customer\":{\"name\":\"Lisa Berg\",\"email\":\"lisa@example.se\"}");
        JsonNode q = get("/api/v1/quotes/" + id);
        List<String> kinds = new ArrayList<>();
        q.get("findings").forEach(f -> kinds.add(f.get("kind").asText()));
        assertEquals(List.of("email", "phone"), kinds);
        JsonNode email = q.get("findings").get(0);
        assertEquals("anna@butik.se", text.substring(email.get("start").asInt(), email.get("end").asInt()));

        HttpResponse<String> refused = post("/api/v1/quotes/" + id + "/approve", "");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("personal_data", json(refused).get("error").asText());
        assertEquals("displayText", json(refused).get("errors").get(0).get("field").asText());
        assertEquals("pending", get("/api/v1/quotes/" + id).get("status").asText(), "nothing changed");

        String redacted = "Anna på kundtjänst ([e-post]) ringde upp mig på [telefon], toppen!";
        JsonNode checked = json(post("/api/v1/quotes/" + id + "/check", "{\"displayText\":" + Json.write(redacted) + "}"));
        assertEquals(0, checked.get("findings").size());
        assertEquals("pending", get("/api/v1/quotes/" + id).get("status").asText(), "check saves nothing");

        HttpResponse<String> overridden = post("/api/v1/quotes/" + id + "/approve", "{\"overridePii\":true}");
        assertEquals(200, overridden.statusCode(), overridden.body());
        var audit = server.lb.db.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ENTITY_ID.eq(String.valueOf(id)))
                .orderBy(AUDIT_LOG.ID.desc()).limit(1).fetchOne();
        assertEquals("quote.approve", audit.getAction());
        assertTrue(audit.getAfterJson().contains("\"piiOverride\":[\"email\",\"phone\"]"), audit.getAfterJson());
    }

    @Test
    void the_editor_sets_attribution_style_sentiment_channels_window_and_pin_and_names_only_consenting_customers() {
        int id = server.ingestAndFindQuote("e-1", "Hemleveransen var punktlig och chauffören hjälpsam", "\"score\":9,\"scoreType\":\"NPS\","
                + "\"touchpoint\":\"Leverans\",\"location\":\"Umeå\",\"language\":\"sv\",\"customer\":{\"name\":\"Maja Ek\"}");
        JsonNode q = get("/api/v1/quotes/" + id);
        assertEquals("Kund, Umeå", q.get("attribution").asText());
        assertEquals("praise", q.get("suggestedSentiment").asText());
        assertFalse(q.get("canNameCustomer").asBoolean());

        HttpResponse<String> named = put("/api/v1/quotes/" + id, "{\"attributionStyle\":\"first_name\"}");
        assertEquals(400, named.statusCode());
        assertEquals("attributionStyle", json(named).get("errors").get(0).get("field").asText());

        HttpResponse<String> res = put("/api/v1/quotes/" + id, "{\"attributionStyle\":\"touchpoint\",\"sentiment\":\"mixed\","
                + "\"channelIds\":[" + kitchen + "],\"publishFrom\":1000,\"publishUntil\":4102444800000,\"pinned\":true}");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode edited = json(res);
        assertEquals("Kund, leverans", edited.get("attribution").asText());
        assertEquals("mixed", edited.get("sentiment").asText());
        assertEquals(List.of(kitchen), List.of(edited.get("channelIds").get(0).asInt()));
        assertTrue(edited.get("pinned").asBoolean());
        assertEquals("pending", edited.get("status").asText(), "an edit is not a decision");

        int consenting = server.ingestAndFindQuote("e-2", "Snabbt svar från kundtjänst, tack så mycket", "\"language\":\"sv\","
                + "\"consentToPublish\":true,\"customer\":{\"name\":\"Maja Ek\"}");
        assertEquals("Maja", json(put("/api/v1/quotes/" + consenting, "{\"attributionStyle\":\"first_name\"}")).get("attribution").asText());

        for (String bad : List.of("{\"sentiment\":\"angry\"}", "{\"channelIds\":[99999]}", "{\"publishFrom\":5,\"publishUntil\":4}",
                "{\"pinned\":\"yes\"}", "{\"displayText\":\"\"}", "{\"displayText\":\"<b>\\u0007</b>\"}", "{\"colour\":\"red\"}")) {
            HttpResponse<String> r = put("/api/v1/quotes/" + id, bad);
            assertEquals(400, r.statusCode(), bad + " → " + r.body());
        }
        String hostile = "<script>alert(1)</script> åäö 😀 مرحبا";
        JsonNode kept = json(put("/api/v1/quotes/" + id, "{\"displayText\":" + Json.write(hostile) + "}"));
        assertEquals(hostile, kept.get("displayText").asText(), "customer text survives untouched");
    }

    @Test
    void bulk_decides_each_quote_on_its_own_and_undo_restores_the_state_before() {
        int a = server.ingestAndFindQuote("b-1", "Bra bemötande i butiken i Växjö", null);
        int b = server.ingestAndFindQuote("b-2", "Kortet 4111 1111 1111 1111 drogs två gånger", null);
        int c = server.ingestAndFindQuote("b-3", "Appen är snabb och enkel att använda", null);
        JsonNode results = json(post("/api/v1/quotes/bulk", "{\"action\":\"approve\",\"ids\":[" + a + "," + b + "," + c + ",999999]}")).get("results");
        assertEquals(4, results.size());
        assertTrue(results.get(0).get("ok").asBoolean());
        assertFalse(results.get(1).get("ok").asBoolean(), "personal data is refused in bulk too");
        assertTrue(results.get(1).get("error").asText().contains("card"));
        assertTrue(results.get(2).get("ok").asBoolean());
        assertFalse(results.get(3).get("ok").asBoolean());
        assertEquals("approved", get("/api/v1/quotes/" + a).get("status").asText());
        assertEquals("pending", get("/api/v1/quotes/" + b).get("status").asText());

        JsonNode undone = json(post("/api/v1/quotes/bulk", "{\"action\":\"undo\",\"ids\":[" + a + "," + c + "]}")).get("results");
        assertTrue(undone.get(0).get("ok").asBoolean() && undone.get(1).get("ok").asBoolean());
        assertEquals("pending", get("/api/v1/quotes/" + a).get("status").asText());
        assertEquals("pending", get("/api/v1/quotes/" + c).get("status").asText());
        assertEquals(409, post("/api/v1/quotes/" + a + "/undo", "").statusCode(), "an undo is not undone by undo");

        assertEquals(200, post("/api/v1/quotes/" + a + "/reject", "").statusCode());
        assertEquals("pending", json(post("/api/v1/quotes/" + a + "/undo", "")).get("status").asText());

        // a bulk request of one id that cannot be decided is still a per-item result, not a 409
        HttpResponse<String> one = post("/api/v1/quotes/bulk", "{\"action\":\"unpublish\",\"ids\":[" + b + "]}");
        assertEquals(200, one.statusCode(), one.body());
        JsonNode only = json(one).get("results").get(0);
        assertFalse(only.get("ok").asBoolean());
        assertEquals(b, only.get("id").asInt());
        assertTrue(only.get("error").asText().contains("only an approved quote can be unpublished"), only.toString());
        assertEquals(404, post("/api/v1/quotes/999999/unpublish", "").statusCode(), "a single decision still answers 404");

        assertEquals(400, post("/api/v1/quotes/bulk", "{\"action\":\"delete\",\"ids\":[1]}").statusCode());
        assertEquals(400, post("/api/v1/quotes/bulk", "{\"action\":\"approve\",\"ids\":[]}").statusCode());
        assertEquals(400, post("/api/v1/quotes/bulk", "{\"action\":\"approve\",\"ids\":[\"1\"]}").statusCode());
    }

    @Test
    void an_auto_approve_rule_approves_a_matching_comment_onto_its_channel_audited_and_revertible_and_skips_others() {
        HttpResponse<String> created = post("/api/v1/auto-approve-rules", "{\"channelId\":" + kitchen + ",\"scoreType\":\"NPS\","
                + "\"minScore\":9,\"maxScore\":10,\"minLength\":30,\"maxLength\":200,\"languages\":[\"sv\",\"en\"]}");
        assertEquals(201, created.statusCode(), created.body());
        int rule = json(created).get("id").asInt();
        try {
            int matching = server.ingestAndFindQuoteAnyStatus("r-1", "Personalen i Gävle gick verkligen utöver det vanliga idag",
                    "\"score\":10,\"scoreType\":\"NPS\",\"language\":\"sv\"");
            JsonNode q = get("/api/v1/quotes/" + matching);
            assertEquals("approved", q.get("status").asText());
            assertEquals(rule, q.get("autoRuleId").asInt());
            assertEquals("rule:" + rule + ":auto-approve", q.get("decidedBy").asText());
            assertEquals(kitchen, q.get("channelIds").get(0).asInt());
            var audit = server.lb.db.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ENTITY_ID.eq(String.valueOf(matching))
                    .and(AUDIT_LOG.ACTION.eq("quote.auto_approve"))).fetchOne();
            assertNotNull(audit, "the automatic decision is audited");
            assertEquals("rule:" + rule + ":auto-approve", audit.getActor());

            for (String[] miss : new String[][] {
                    {"r-2", "Personalen i Gävle var okej men kön var alldeles för lång", "\"score\":7,\"scoreType\":\"NPS\",\"language\":\"sv\""},
                    {"r-3", "Kort.", "\"score\":10,\"scoreType\":\"NPS\",\"language\":\"sv\""},
                    {"r-4", "Das Personal in Gävle war wirklich großartig heute", "\"score\":10,\"scoreType\":\"NPS\",\"language\":\"de\""},
                    {"r-5", "Fantastisk hjälp, ring mig gärna på 070-123 45 67 igen", "\"score\":10,\"scoreType\":\"NPS\",\"language\":\"sv\""},
                    {"r-6", "Jävla bra service men jag svär för mycket i enkäter", "\"score\":10,\"scoreType\":\"NPS\",\"language\":\"sv\""}}) {
                int id = server.ingestAndFindQuote(miss[0], miss[1], miss[2]);
                assertEquals("pending", get("/api/v1/quotes/" + id).get("status").asText(), miss[1]);
            }
            JsonNode reverted = json(post("/api/v1/quotes/" + matching + "/undo", ""));
            assertEquals("pending", reverted.get("status").asText(), "one click reverts an automatic decision");
            assertEquals(0, reverted.get("channelIds").size());
        } finally {
            server.send(server.request("/api/v1/auto-approve-rules/" + rule).header("Authorization", "Bearer " + server.moderatorKey)
                    .DELETE().build());
        }
        assertEquals(400, post("/api/v1/auto-approve-rules", "{\"channelId\":" + kitchen + ",\"minScore\":9}").statusCode());
        assertEquals(400, post("/api/v1/auto-approve-rules", "{\"channelId\":424242}").statusCode());
        assertEquals(400, post("/api/v1/auto-approve-rules", "{\"channelId\":" + kitchen + ",\"languages\":[\"<svenska>\"]}").statusCode());
    }

    @Test
    void own_blocked_words_flag_a_quote_and_bad_patterns_are_refused_by_field() {
        HttpResponse<String> saved = put("/api/v1/moderation/settings", "{\"blockedWords\":[\"konkurrent*\"]}");
        assertEquals(200, saved.statusCode(), saved.body());
        try {
            int id = server.ingestAndFindQuote("w-1", "Konkurrenten levererar snabbare än ni", "\"language\":\"sv\"");
            JsonNode q = get("/api/v1/quotes/" + id);
            assertEquals("konkurrenten", q.get("flaggedWords").get(0).asText());
            int shipped = server.ingestAndFindQuote("w-2", "What the fuck happened to my parcel", "\"language\":\"en\"");
            assertEquals("fuck", get("/api/v1/quotes/" + shipped).get("flaggedWords").get(0).asText());
            int fan = server.ingestAndFindQuote("w-3", "I am a big fan of your new opening hours", "\"language\":\"en\"");
            assertEquals(0, get("/api/v1/quotes/" + fan).get("flaggedWords").size(), "a Swedish swear word is an English noun");
        } finally {
            put("/api/v1/moderation/settings", "{\"blockedWords\":[]}");
        }
        HttpResponse<String> bad = put("/api/v1/moderation/settings", "{\"referencePatterns\":[\"(unclosed\"]}");
        assertEquals(400, bad.statusCode());
        assertEquals("referencePatterns", json(bad).get("errors").get(0).get("field").asText());
    }

    @Test
    void erasure_removes_a_customers_feedback_and_quotes_from_every_screen_within_a_second_and_the_audit_keeps_only_the_fact() {
        String text = "Servicen på Kungsgatan var lysande, tack Maria!";
        int id = server.ingestAndFindQuote("g-1", text, "\"customer\":{\"name\":\"Olle Svan\",\"email\":\"Olle.Svan@Example.se\"}");
        int other = server.ingestAndFindQuote("g-2", "Jag glömde säga att parkeringen var enkel", "\"customer\":{\"email\":\"olle.svan@example.se\"}");
        assertEquals(200, post("/api/v1/quotes/" + id + "/approve", "").statusCode());
        try (WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + URLEncoder.encode(lobbyToken, StandardCharsets.UTF_8))) {
            ws.next(m -> "playlist".equals(m.path("type").asText()) && m.toString().contains("lysande"), Duration.ofSeconds(5), "the quote on air");
            long before = System.nanoTime();
            HttpResponse<String> res = post("/api/v1/erasure", "{\"email\":\"OLLE.SVAN@example.se\"}");
            assertEquals(200, res.statusCode(), res.body());
            assertEquals(2, json(res).get("feedback").asInt());
            assertEquals(2, json(res).get("quotes").asInt());
            ws.next(m -> "playlist".equals(m.path("type").asText()) && !m.toString().contains("lysande"), Duration.ofSeconds(1),
                    "a playlist without the erased quote");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertTrue(ms < 1000, "off the screen in " + ms + " ms");
        }
        assertEquals(404, server.get("/api/v1/quotes/" + id, server.moderatorKey).statusCode());
        assertEquals(404, server.get("/api/v1/quotes/" + other, server.moderatorKey).statusCode());
        assertEquals(0, server.lb.db.dsl().fetchCount(FEEDBACK, FEEDBACK.CUSTOMER_EMAIL.likeIgnoreCase("olle.svan@example.se")));
        Set<String> everything = new HashSet<>(server.lb.db.dsl().select(AUDIT_LOG.BEFORE_JSON).from(AUDIT_LOG).fetch(AUDIT_LOG.BEFORE_JSON));
        everything.addAll(server.lb.db.dsl().select(AUDIT_LOG.AFTER_JSON).from(AUDIT_LOG).fetch(AUDIT_LOG.AFTER_JSON));
        assertTrue(everything.stream().noneMatch(s -> s != null && (s.contains("lysande") || s.toLowerCase().contains("olle"))),
                "no trace of the text or the address in the audit");
        JsonNode erasures = get("/api/v1/audit?action=customer.erase").get("entries");
        assertEquals(1, erasures.size());
        assertEquals(2, erasures.get(0).get("after").get("quotes").asInt());
        assertEquals(400, post("/api/v1/erasure", "{\"email\":\"not-an-address\"}").statusCode());
    }

    @Test
    void the_audit_log_shows_who_did_what_with_the_text_before_and_after() {
        int id = server.ingestAndFindQuote("a-1", "Kundtjänsten svarade inom en minut, imponerande", null);
        assertEquals(200, post("/api/v1/quotes/" + id + "/approve", "{\"displayText\":\"Kundtjänsten svarade inom en minut!\"}").statusCode());
        JsonNode entries = get("/api/v1/audit?entityType=quote&entityId=" + id).get("entries");
        JsonNode approve = entries.get(0);
        assertEquals("quote.approve", approve.get("action").asText());
        assertTrue(approve.get("actor").asText().startsWith("apikey:"));
        assertEquals("Kundtjänsten svarade inom en minut, imponerande", approve.get("before").get("displayText").asText());
        assertEquals("Kundtjänsten svarade inom en minut!", approve.get("after").get("displayText").asText());
        assertEquals(400, server.get("/api/v1/audit?limit=0", server.moderatorKey).statusCode());
    }
}

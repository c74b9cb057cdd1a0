package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;
import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auto-approve rules switched off and on through the API, audited; and the stored quotability
 * of pending quotes following its inputs in the background: the quotes on air (near-duplicates)
 * and the word lists, not only a quote's own text.
 */
class RuleToggleAndRescoringTest {

    static TestServer server;
    static int channel;

    @BeforeAll
    static void start() {
        server = new TestServer();
        channel = server.lb.screens.createChannel("foyer", "Foyer", 8, "test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> put(String path, String body) {
        return server.putJson(path, server.moderatorKey, body);
    }

    private static JsonNode get(String path) {
        return server.getOk(path, server.moderatorKey);
    }

    /** The quote as the queue lists it: its stored quotability, reasons and flags, not a fresh analysis. */
    private static JsonNode listed(int id) {
        for (JsonNode q : get("/api/v1/quotes?status=pending&limit=500").get("quotes")) {
            if (q.get("id").asInt() == id) {
                return q;
            }
        }
        throw new AssertionError("quote " + id + " is not pending");
    }

    private static JsonNode eventually(int id, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode q;
        do {
            q = listed(id);
            if (condition.test(q)) {
                return q;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + ": " + q);
    }

    private static boolean hasReason(JsonNode q, String code) {
        for (JsonNode r : q.get("reasons")) {
            if (r.get("code").asText().equals(code)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_rule_switched_off_approves_nothing_until_switched_on_again_and_both_switches_are_audited() {
        HttpResponse<String> created = server.postJson("/api/v1/auto-approve-rules", server.moderatorKey, "{\"channelId\":" + channel
                + ",\"scoreType\":\"NPS\",\"minScore\":9,\"maxScore\":10,\"languages\":[\"sv\"]}");
        assertEquals(201, created.statusCode(), created.body());
        int rule = json(created).get("id").asInt();

        HttpResponse<String> off = put("/api/v1/auto-approve-rules/" + rule + "/enabled", "{\"enabled\":false}");
        assertEquals(200, off.statusCode(), off.body());
        assertEquals(false, json(off).get("enabled").asBoolean());
        assertEquals(false, get("/api/v1/auto-approve-rules").get("rules").get(0).get("enabled").asBoolean());
        int whileOff = server.ingestAndFindQuoteAnyStatus("t-1", "Personalen i Visby var otroligt hjälpsamma hela veckan",
                "\"score\":10,\"scoreType\":\"NPS\",\"language\":\"sv\"");
        assertEquals("pending", get("/api/v1/quotes/" + whileOff).get("status").asText(), "a rule that is off approves nothing");

        HttpResponse<String> on = put("/api/v1/auto-approve-rules/" + rule + "/enabled", "{\"enabled\":true}");
        assertEquals(200, on.statusCode(), on.body());
        int whileOn = server.ingestAndFindQuoteAnyStatus("t-2", "Butiken i Visby hade allt jag behövde och lite till",
                "\"score\":9,\"scoreType\":\"NPS\",\"language\":\"sv\"");
        assertEquals("approved", get("/api/v1/quotes/" + whileOn).get("status").asText(), "switched on again, it approves");
        assertEquals("pending", get("/api/v1/quotes/" + whileOff).get("status").asText(), "and does not reach back");

        for (String action : new String[] {"rule.disable", "rule.enable"}) {
            var row = server.lb.db.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq(action)
                    .and(AUDIT_LOG.ENTITY_ID.eq(String.valueOf(rule)))).fetchOne();
            assertNotNull(row, action + " is audited");
            assertTrue(row.getActor().contains("test-moderator"), "who switched it: " + row.getActor());
            assertTrue(row.getBeforeJson().contains("\"enabled\":" + (action.equals("rule.enable") ? "false" : "true")), row.getBeforeJson());
            assertTrue(row.getAfterJson().contains("\"enabled\":" + (action.equals("rule.enable") ? "true" : "false")), row.getAfterJson());
        }
        // switching to the state it is already in changes nothing and audits nothing
        assertEquals(200, put("/api/v1/auto-approve-rules/" + rule + "/enabled", "{\"enabled\":true}").statusCode());
        assertEquals(1, server.lb.db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("rule.enable")));

        HttpResponse<String> bad = put("/api/v1/auto-approve-rules/" + rule + "/enabled", "{\"enabled\":\"yes\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("enabled", json(bad).get("errors").get(0).get("field").asText());
        HttpResponse<String> missing = put("/api/v1/auto-approve-rules/" + rule + "/enabled", "{}");
        assertEquals(400, missing.statusCode(), missing.body());
        assertEquals("enabled", json(missing).get("errors").get(0).get("field").asText());
        assertEquals(404, put("/api/v1/auto-approve-rules/424242/enabled", "{\"enabled\":false}").statusCode());
    }

    @Test
    void a_pending_quote_loses_and_regains_its_near_duplicate_points_as_its_twin_goes_on_and_off_the_air() {
        int twin = server.ingestAndFindQuote("d-1", "Leveransen till Kalmar kom två dagar för sent och ingen hörde av sig", null);
        int pending = server.ingestAndFindQuote("d-2", "Leveransen till Kalmar kom två dagar för sent och ingen hörde av sig!!", null);
        JsonNode before = listed(pending);
        assertTrue(hasReason(before, "duplicate.none"), before.toString());
        int score = before.get("quotability").asInt();

        assertEquals(200, server.postJson("/api/v1/quotes/" + twin + "/approve", server.moderatorKey, "").statusCode());
        JsonNode duplicate = eventually(pending, q -> hasReason(q, "duplicate.on_air"), "re-scored once its twin is on air");
        assertEquals(score - 15, duplicate.get("quotability").asInt());

        assertEquals(200, server.postJson("/api/v1/quotes/" + twin + "/unpublish", server.moderatorKey, "").statusCode());
        JsonNode again = eventually(pending, q -> hasReason(q, "duplicate.none"), "re-scored once its twin left the air");
        assertEquals(score, again.get("quotability").asInt());
    }

    @Test
    void a_new_blocked_word_flags_pending_quotes_already_in_the_queue() {
        int id = server.ingestAndFindQuote("w-1", "Kassörskan på Hemköp-liknande Snabbköpet i Lund var sur", "\"language\":\"sv\"");
        int score = listed(id).get("quotability").asInt();
        assertEquals(0, listed(id).get("flaggedWords").size());
        try {
            assertEquals(200, put("/api/v1/moderation/settings", "{\"blockedWords\":[\"snabbköp*\"]}").statusCode());
            JsonNode flagged = eventually(id, q -> q.get("flaggedWords").size() == 1, "flagged by the new word");
            assertEquals("snabbköpet", flagged.get("flaggedWords").get(0).asText());
            assertEquals(score - 15, flagged.get("quotability").asInt());
            assertEquals(1, get("/api/v1/quotes?status=pending&flagged=true&q=Snabbk%C3%B6pet").get("quotes").size());
        } finally {
            put("/api/v1/moderation/settings", "{\"blockedWords\":[]}");
        }
        eventually(id, q -> q.get("flaggedWords").size() == 0 && q.get("quotability").asInt() == score, "clean again");
    }
}

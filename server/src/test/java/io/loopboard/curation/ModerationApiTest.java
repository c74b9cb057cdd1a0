package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;
import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModerationApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String json) {
        return server.postJson(path, server.moderatorKey, json);
    }

    @Test
    void approve_with_edited_text_and_attribution_is_audited_with_before_and_after() {
        int id = server.ingestAndFindQuote("m-1", "The app crashes evry time I pay with card, fix it!!", "\"location\":\"Umeå\"");
        HttpResponse<String> res = post("/api/v1/quotes/" + id + "/approve",
                "{\"displayText\":\"The app crashes every time I pay with card, fix it!!\",\"attribution\":\"App customer, Umeå\"}");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode q = json(res);
        assertEquals("approved", q.get("status").asText());
        assertEquals("The app crashes every time I pay with card, fix it!!", q.get("displayText").asText());
        assertEquals("The app crashes evry time I pay with card, fix it!!", q.get("originalText").asText(), "original kept");
        assertEquals("App customer, Umeå", q.get("attribution").asText());
        assertTrue(q.get("decidedBy").asText().startsWith("apikey:"));

        var audit = server.lb.db.dsl().selectFrom(AUDIT_LOG)
                .where(AUDIT_LOG.ENTITY_TYPE.eq("quote").and(AUDIT_LOG.ENTITY_ID.eq(String.valueOf(id)))).fetchOne();
        assertEquals("quote.approve", audit.getAction());
        assertTrue(audit.getBeforeJson().contains("\"status\":\"pending\"") && audit.getBeforeJson().contains("evry time"));
        assertTrue(audit.getAfterJson().contains("\"status\":\"approved\"") && audit.getAfterJson().contains("every time"));
    }

    @Test
    void list_filters_by_status() {
        int pending = server.ingestAndFindQuote("m-2", "Kassan i Malmö var snabb idag", null);
        int rejected = server.ingestAndFindQuote("m-3", "Meh.", null);
        assertEquals(200, post("/api/v1/quotes/" + rejected + "/reject", "").statusCode());
        JsonNode pendingList = json(server.get("/api/v1/quotes?status=pending&limit=500", server.moderatorKey)).get("quotes");
        JsonNode rejectedList = json(server.get("/api/v1/quotes?status=rejected", server.moderatorKey)).get("quotes");
        assertTrue(pendingList.findValues("id").stream().anyMatch(n -> n.asInt() == pending));
        assertTrue(pendingList.findValues("id").stream().noneMatch(n -> n.asInt() == rejected));
        assertTrue(rejectedList.findValues("id").stream().anyMatch(n -> n.asInt() == rejected));
        rejectedList.forEach(q -> assertEquals("rejected", q.get("status").asText()));
    }

    @Test
    void bad_moderation_input_gets_a_precise_4xx() {
        int id = server.ingestAndFindQuote("m-4", "Fine service", null);
        JsonNode badStatus = json(server.get("/api/v1/quotes?status=live", server.moderatorKey));
        assertEquals("status", badStatus.get("errors").get(0).get("field").asText());
        assertEquals(400, post("/api/v1/quotes/" + id + "/approve", "{\"displayText\":\"   \"}").statusCode());
        assertEquals("displayText", json(post("/api/v1/quotes/" + id + "/approve", "{\"displayText\":\"   \"}"))
                .get("errors").get(0).get("field").asText());
        assertEquals("attribution", json(post("/api/v1/quotes/" + id + "/approve", "{\"attribution\":42}"))
                .get("errors").get(0).get("field").asText());
        assertEquals("sticky", json(post("/api/v1/quotes/" + id + "/approve", "{\"sticky\":true}"))
                .get("errors").get(0).get("field").asText());
        assertEquals(404, post("/api/v1/quotes/999999/approve", "").statusCode());
        assertEquals("id", json(post("/api/v1/quotes/abc/approve", "")).get("errors").get(0).get("field").asText());
        HttpResponse<String> conflict = post("/api/v1/quotes/" + id + "/unpublish", "");
        assertEquals(409, conflict.statusCode(), "a pending quote cannot be unpublished");
        assertEquals("pending", json(server.get("/api/v1/quotes/" + id, server.moderatorKey)).get("status").asText(),
                "nothing half-written");
    }

    @Test
    void an_ingest_key_cannot_moderate() {
        int id = server.ingestAndFindQuote("m-5", "Snabb leverans", null);
        assertEquals(403, server.postJson("/api/v1/quotes/" + id + "/approve", server.ingestKey, "").statusCode());
        assertEquals(403, server.get("/api/v1/quotes", server.ingestKey).statusCode());
    }

    @Test
    void a_session_can_moderate_only_with_its_csrf_token() {
        int id = server.ingestAndFindQuote("m-6", "Tack för hjälpen med returen!", null);
        String session = server.login(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD);
        HttpResponse<String> me = server.send(server.request("/api/v1/me").header("Cookie", "lb_session=" + session).GET().build());
        String csrf = json(me).get("csrfToken").asText();

        HttpResponse<String> without = server.send(server.request("/api/v1/quotes/" + id + "/approve")
                .header("Cookie", "lb_session=" + session).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, without.statusCode());
        HttpResponse<String> wrong = server.send(server.request("/api/v1/quotes/" + id + "/approve")
                .header("Cookie", "lb_session=" + session).header("X-CSRF-Token", "guess")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, wrong.statusCode());
        assertEquals("pending", json(server.get("/api/v1/quotes/" + id, server.moderatorKey)).get("status").asText());

        HttpResponse<String> with = server.send(server.request("/api/v1/quotes/" + id + "/approve")
                .header("Cookie", "lb_session=" + session).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, with.statusCode(), with.body());
        assertTrue(json(with).get("decidedBy").asText().contains(TestServer.MODERATOR_EMAIL));
    }

    @Test
    void a_wrong_password_gives_no_session() {
        HttpResponse<String> res = server.send(server.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + TestServer.ADMIN_EMAIL + "&password=wrong")).build());
        assertEquals(302, res.statusCode());
        assertTrue(res.headers().firstValue("Location").orElse("").startsWith("/login?failed=1"));
        assertTrue(res.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("lb_session=") && c.length() > 20));
    }

    @Test
    void the_admin_page_redirects_to_login_without_a_session() {
        HttpResponse<String> res = server.send(server.request("/admin").GET().build());
        assertEquals(302, res.statusCode());
        assertTrue(res.headers().firstValue("Location").orElse("").startsWith("/login"));
    }
}

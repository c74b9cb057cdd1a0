package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Survey webhooks with payloads shaped like the tools' documented examples, signed (the
 * signatures in webhook-signatures.json were computed outside this code base) and wrongly signed.
 */
class WebhookTest {

    static TestServer server;
    static JsonNode signatures;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
        signatures = Json.MAPPER.readTree(Fixtures.bytes("webhook-signatures.json"));
        create("typeform-nps", "typeform", signatures.get("typeformSecret").asText());
        create("delighted-nps", "delighted", signatures.get("delightedSecret").asText());
        create("crm", "webhook", "generic-secret-for-tests-0123456789");
        create("csv-only", "csv", null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void create(String name, String kind, String secret) {
        String body = "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\"" + (secret == null ? "" : ",\"secret\":\"" + secret + "\"") + "}";
        HttpResponse<String> r = server.postJson("/api/v1/sources", server.adminKey, body);
        assertEquals(201, r.statusCode(), r.body());
    }

    private static HttpResponse<String> deliver(String source, byte[] body, String header, String signature) {
        HttpRequest.Builder b = server.request("/api/v1/webhooks/" + source).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (header != null) {
            b.header(header, signature);
        }
        return server.send(b.build());
    }

    /** A generic delivery as its sender signs it: the HMAC of "timestamp.body", with the timestamp in its own header. */
    private static HttpResponse<String> deliverGeneric(String source, byte[] body, String secret) {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest.Builder b = server.request("/api/v1/webhooks/" + source).header("Content-Type", "application/json")
                .header("X-Loopboard-Timestamp", String.valueOf(now))
                .header("X-Loopboard-Signature", "sha256=" + HexFormat.of().formatHex(hmac(secret, WebhookService.signedContent(now, body))))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return server.send(b.build());
    }

    private static FeedbackRecord feedback(String source, String externalId) {
        return server.lb.db.dsl().selectFrom(FEEDBACK)
                .where(FEEDBACK.SOURCE.eq(source).and(FEEDBACK.EXTERNAL_ID.eq(externalId))).fetchOne();
    }

    private static int count(String source) {
        return server.lb.db.dsl().fetchCount(FEEDBACK, FEEDBACK.SOURCE.eq(source));
    }

    private static String quoteText(FeedbackRecord fb) {
        return server.lb.db.dsl().select(QUOTE.ORIGINAL_TEXT).from(QUOTE).where(QUOTE.FEEDBACK_ID.eq(fb.getId()))
                .fetchOne(QUOTE.ORIGINAL_TEXT);
    }

    private static JsonNode source(String name) {
        for (JsonNode s : TestServer.json(server.get("/api/v1/sources", server.moderatorKey)).get("sources")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no source " + name);
    }

    @Test
    void typeform_signed_response_is_stored_by_field_ref_and_a_replay_changes_nothing() {
        byte[] body = Fixtures.bytes("typeform-form-response.json");
        String sig = signatures.get("typeformSignature").asText();
        HttpResponse<String> r = deliver("typeform-nps", body, "Typeform-Signature", sig);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, TestServer.json(r).get("created").asInt());
        FeedbackRecord fb = feedback("typeform-nps", "a3a12ec67a1365927098a606107fac15");
        assertEquals("Smidig kassa – men varför måste jag logga in två gånger? 🤔", fb.getComment());
        assertEquals(9, fb.getScore());
        assertEquals("NPS", fb.getScoreType());
        assertEquals("sv", fb.getLanguage(), "a choice answer by ref");
        assertEquals("Malmö", fb.getLocation(), "a hidden field");
        assertEquals("checkout", fb.getTouchpoint());
        assertEquals(java.time.Instant.parse("2026-11-02T09:14:00Z").toEpochMilli(), fb.getRespondedAt());
        assertEquals(new String(body, StandardCharsets.UTF_8), fb.getPayload(), "the tool's own payload is kept");
        assertEquals(fb.getComment(), quoteText(fb));

        HttpResponse<String> replay = deliver("typeform-nps", body, "Typeform-Signature", sig);
        assertEquals(200, replay.statusCode());
        assertEquals(0, TestServer.json(replay).get("created").asInt());
        assertEquals(1, count("typeform-nps"));
        assertEquals(1, server.lb.db.dsl().fetchCount(QUOTE, QUOTE.FEEDBACK_ID.eq(fb.getId())));
        JsonNode s = source("typeform-nps");
        assertTrue(s.get("receivedCount").asInt() >= 1);
        assertTrue(!s.get("lastReceivedAt").isNull());
        assertTrue(!s.has("secret"), "the secret is never shown again");
    }

    @Test
    void wrong_or_missing_signatures_are_refused_with_401_and_logged_on_the_source() {
        byte[] body = Fixtures.bytes("typeform-form-response.json");
        String good = signatures.get("typeformSignature").asText();
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"number\": 9", "\"number\": 0")
                .getBytes(StandardCharsets.UTF_8);
        int before = count("typeform-nps");
        assertEquals(401, deliver("typeform-nps", tampered, "Typeform-Signature", good).statusCode(), "body changed after signing");
        assertEquals(401, deliver("typeform-nps", body, null, null).statusCode(), "no signature");
        assertEquals(401, deliver("typeform-nps", body, "Typeform-Signature",
                "sha256=" + java.util.Base64.getEncoder().encodeToString(hmac("another-secret-0123456789", body))).statusCode());
        assertEquals(401, deliver("typeform-nps", body, "Typeform-Signature", good.toUpperCase()).statusCode(),
                "base64 is case-sensitive");
        assertEquals(before, count("typeform-nps"));
        JsonNode errors = source("typeform-nps").get("recentErrors");
        assertTrue(errors.size() >= 4, errors.toString());
        assertTrue(errors.toString().contains("Typeform-Signature"), errors.toString());
    }

    @Test
    void delighted_created_then_updated_with_the_comment_is_one_answer_with_one_quote() {
        byte[] created = Fixtures.bytes("delighted-survey-response-created.json");
        byte[] updated = Fixtures.bytes("delighted-survey-response-updated.json");
        String header = "X-Delighted-Webhook-Signature";
        HttpResponse<String> r1 = deliver("delighted-nps", created, header, signatures.get("delighted-survey-response-created.json").asText());
        assertEquals(200, r1.statusCode(), r1.body());
        FeedbackRecord first = feedback("delighted-nps", "5435");
        assertNull(first.getComment(), "the score arrives first, without a comment");
        assertEquals(9, first.getScore());
        assertEquals("Lund", first.getLocation(), "from person_properties.Location");
        assertEquals("charlie_gravis@example.com", first.getCustomerEmail());
        assertNull(quoteText(first));

        HttpResponse<String> r2 = deliver("delighted-nps", updated, header, signatures.get("delighted-survey-response-updated.json").asText());
        assertEquals(200, r2.statusCode(), r2.body());
        assertEquals(1, TestServer.json(r2).get("updated").asInt());
        FeedbackRecord second = feedback("delighted-nps", "5435");
        assertEquals(first.getId(), second.getId());
        assertEquals("Your service is fast and flawless! Tack för snabb leverans.", quoteText(second));

        // a replay of the created event after the update must not be able to create a second answer
        deliver("delighted-nps", created, header, signatures.get("delighted-survey-response-created.json").asText());
        assertEquals(1, count("delighted-nps"));
        assertEquals(1, server.lb.db.dsl().fetchCount(QUOTE, QUOTE.FEEDBACK_ID.eq(second.getId())));

        // wrongly signed: the Delighted header with a signature made with another key
        assertEquals(401, deliver("delighted-nps", updated, header,
                "sha256=" + HexFormat.of().formatHex(hmac("not-the-api-key-0123456789", updated))).statusCode());

        byte[] unsubscribe = "{\"event_type\":\"unsubscribe.created\",\"event_id\":\"u1\",\"event_data\":{\"person_id\":\"5975\"}}"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> u = deliver("delighted-nps", unsubscribe, header,
                "sha256=" + HexFormat.of().formatHex(hmac(signatures.get("delightedSecret").asText(), unsubscribe)));
        assertEquals(200, u.statusCode());
        assertTrue(TestServer.json(u).has("ignored"));
    }

    @Test
    void generic_webhook_takes_the_api_shape_with_a_hex_hmac_and_keeps_hostile_text_as_text() {
        String json = "[{\"externalId\":\"crm-1\",\"comment\":\"<img src=x onerror=alert(1)> kundtjänst \u202Eevil\u202C\"},"
                + "{\"externalId\":42,\"comment\":\"שירות מצוין 👍\",\"score\":5,\"scoreType\":\"CSAT\"}]";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String secret = "generic-secret-for-tests-0123456789";
        HttpResponse<String> r = deliverGeneric("crm", body, secret);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(2, TestServer.json(r).get("created").asInt());
        assertEquals("<img src=x onerror=alert(1)> kundtjänst \u202Eevil\u202C", feedback("crm", "crm-1").getComment());
        assertEquals("שירות מצוין 👍", feedback("crm", "42").getComment());

        byte[] other = "{\"source\":\"someone-else\",\"externalId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> bad = deliverGeneric("crm", other, secret);
        assertEquals(400, bad.statusCode());
        assertEquals("source", TestServer.json(bad).get("errors").get(0).get("field").asText());

        byte[] control = "{\"externalId\":\"c\",\"comment\":\"bell\\u0007\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ctl = deliverGeneric("crm", control, secret);
        assertEquals(400, ctl.statusCode());
        assertEquals("comment", TestServer.json(ctl).get("errors").get(0).get("field").asText());

        byte[] notJson = "<xml/>".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, deliverGeneric("crm", notJson, secret).statusCode());
    }

    @Test
    void unknown_sources_and_csv_sources_answer_exactly_like_a_wrong_signature() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> wrong = deliver("crm", body, "X-Loopboard-Signature", "sha256=00");
        assertEquals(401, wrong.statusCode());
        for (String name : new String[] {"nobody", "csv-only", "typeform-nps"}) {
            HttpResponse<String> r = deliver(name, body, "X-Loopboard-Signature", "sha256=00");
            assertEquals(401, r.statusCode(), name);
            assertEquals(wrong.body(), r.body(), "no way to tell '" + name + "' from a wrong signature");
        }
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

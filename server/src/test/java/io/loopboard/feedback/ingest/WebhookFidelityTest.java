package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;
import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopboard.core.Json;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries as the tools really send them: forms with generated field refs, events
 * delivered twice and out of order, survey types beyond NPS, batches with a bad item, replays.
 * Nothing a customer wrote may be lost or changed silently.
 */
class WebhookFidelityTest {

    static TestServer server;
    static final String TYPEFORM_SECRET = "typeform-secret-fidelity-0123456789";
    static final String DELIGHTED_SECRET = "delighted-api-key-fidelity-0123456789";
    static final String GENERIC_SECRET = "generic-secret-fidelity-0123456789";

    @BeforeAll
    static void start() {
        server = new TestServer();
        create("{\"name\":\"tf\",\"kind\":\"typeform\",\"secret\":\"" + TYPEFORM_SECRET + "\"}");
        create("{\"name\":\"tf-no-email\",\"kind\":\"typeform\",\"secret\":\"" + TYPEFORM_SECRET + "\",\"mapping\":{\"columns\":{\"customerEmail\":null}}}");
        create("{\"name\":\"dl\",\"kind\":\"delighted\",\"secret\":\"" + DELIGHTED_SECRET + "\"}");
        create("{\"name\":\"hook\",\"kind\":\"webhook\",\"secret\":\"" + GENERIC_SECRET + "\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void create(String json) {
        HttpResponse<String> r = server.postJson("/api/v1/sources", server.adminKey, json);
        assertEquals(201, r.statusCode(), r.body());
    }

    private static HttpResponse<String> post(String source, byte[] body, String... headers) {
        HttpRequest.Builder b = server.request("/api/v1/webhooks/" + source).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.build());
    }

    private static HttpResponse<String> typeform(String source, byte[] body) {
        return post(source, body, "Typeform-Signature", "sha256=" + Base64.getEncoder().encodeToString(WebhookService.hmac(TYPEFORM_SECRET, body)));
    }

    private static HttpResponse<String> delighted(byte[] body) {
        return post("dl", body, "X-Delighted-Webhook-Signature", "sha256=" + HexFormat.of().formatHex(WebhookService.hmac(DELIGHTED_SECRET, body)));
    }

    private static HttpResponse<String> generic(byte[] body, long unixSeconds) {
        return post("hook", body, "X-Loopboard-Timestamp", String.valueOf(unixSeconds), "X-Loopboard-Signature",
                "sha256=" + HexFormat.of().formatHex(WebhookService.hmac(GENERIC_SECRET, WebhookService.signedContent(unixSeconds, body))));
    }

    private static byte[] bytes(JsonNode json) {
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode fixture(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Fixtures.bytes(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static FeedbackRecord feedback(String source, String externalId) {
        return server.lb.db.dsl().selectFrom(FEEDBACK)
                .where(FEEDBACK.SOURCE.eq(source).and(FEEDBACK.EXTERNAL_ID.eq(externalId))).fetchOne();
    }

    private static String quoteText(FeedbackRecord fb) {
        return server.lb.db.dsl().select(QUOTE.ORIGINAL_TEXT).from(QUOTE).where(QUOTE.FEEDBACK_ID.eq(fb.getId()))
                .fetchOne(QUOTE.ORIGINAL_TEXT);
    }

    private static String recentErrors(String name) {
        for (JsonNode s : TestServer.json(server.get("/api/v1/sources", server.moderatorKey)).get("sources")) {
            if (s.get("name").asText().equals(name)) {
                return s.get("recentErrors").toString();
            }
        }
        throw new AssertionError("no source " + name);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void a_typeform_form_with_generated_refs_is_read_by_the_types_of_its_questions() {
        byte[] body = Fixtures.bytes("typeform-generated-refs.json");
        HttpResponse<String> r = typeform("tf", body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, TestServer.json(r).get("created").asInt());
        FeedbackRecord fb = feedback("tf", "f8k2j0o5sd9qwv1bf8k2j0m2l4c6yq3p");
        assertEquals(3, fb.getScore(), "opinion_scale 0-10");
        assertEquals("NPS", fb.getScoreType());
        String comment = "Kön i kassan var lång och personalen verkade stressad.\nMen bemötandet var vänligt 🙂";
        assertEquals(comment, fb.getComment(), "the long_text answer");
        assertEquals(comment, quoteText(fb));
        assertEquals("lisa.berg@example.se", fb.getCustomerEmail(), "the email question");
        assertEquals("Göteborg Nordstan", fb.getLocation(), "hidden field 'butik'");
        assertEquals("kassa", fb.getTouchpoint(), "hidden field 'kanal'");
        assertEquals(Instant.parse("2026-11-02T08:12:44Z").toEpochMilli(), fb.getRespondedAt());

        // an admin who unmapped the e-mail gets none, by ref or by type
        ObjectNode other = fixture("typeform-generated-refs.json");
        other.put("event_id", "01JCX7Q8M4T3V9R2KD6F0WZB1B");
        assertEquals(200, typeform("tf-no-email", bytes(other)).statusCode());
        assertNull(feedback("tf-no-email", "f8k2j0o5sd9qwv1bf8k2j0m2l4c6yq3p").getCustomerEmail());
    }

    @Test
    void a_typeform_score_keeps_its_scale_and_a_scale_loopboard_does_not_store_keeps_the_comment_and_says_why() {
        ObjectNode rating = fixture("typeform-generated-refs.json");
        rating.put("event_id", "evt-rating");
        ObjectNode fr = (ObjectNode) rating.get("form_response");
        fr.put("token", "rating-1");
        ObjectNode def = (ObjectNode) fr.get("definition").get("fields").get(0);
        def.put("type", "rating");
        def.putObject("properties").put("steps", 5).put("shape", "star");
        ObjectNode answer = (ObjectNode) fr.get("answers").get(0);
        ((ObjectNode) answer.get("field")).put("type", "rating");
        answer.put("number", 4);
        assertEquals(200, typeform("tf", bytes(rating)).statusCode());
        FeedbackRecord stars = feedback("tf", "rating-1");
        assertEquals(4, stars.getScore());
        assertEquals("CSAT", stars.getScoreType(), "a 1-5 rating is stored on the CSAT scale");

        ObjectNode tenPoint = fixture("typeform-generated-refs.json");
        tenPoint.put("event_id", "evt-ten");
        fr = (ObjectNode) tenPoint.get("form_response");
        fr.put("token", "ten-1");
        ((ObjectNode) fr.get("definition").get("fields").get(0).get("properties")).put("steps", 10).put("start_at_one", true);
        HttpResponse<String> r = typeform("tf", bytes(tenPoint));
        assertEquals(200, r.statusCode(), r.body());
        FeedbackRecord kept = feedback("tf", "ten-1");
        assertNull(kept.getScore(), "1-10 is no scale Loopboard stores");
        assertTrue(kept.getComment().startsWith("Kön i kassan"), "the comment is stored all the same");
        assertTrue(kept.getPayload().contains("\"number\":3"), "the score stays in the payload");
        assertTrue(TestServer.json(r).get("notes").get(0).asText().contains("1-10"), r.body());
        assertTrue(recentErrors("tf").contains("1-10"), "the source says why");
    }

    @Test
    void a_typeform_response_with_neither_score_nor_comment_is_a_4xx_and_an_error_on_the_source_never_an_empty_200() {
        ObjectNode dateOnly = fixture("typeform-generated-refs.json");
        dateOnly.put("event_id", "evt-date-only");
        ObjectNode fr = (ObjectNode) dateOnly.get("form_response");
        fr.put("token", "date-only");
        ArrayNode answers = (ArrayNode) fr.get("answers");
        answers.remove(0);
        answers.remove(0);
        HttpResponse<String> r = typeform("tf", bytes(dateOnly));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("form_response.answers", TestServer.json(r).get("errors").get(0).get("field").asText());
        assertNull(feedback("tf", "date-only"));
        assertTrue(recentErrors("tf").contains("neither a score nor a comment"), recentErrors("tf"));
    }

    @Test
    void delighted_deliveries_out_of_order_never_replace_a_newer_answer_and_feedback_and_quote_stay_in_step() {
        ObjectNode created = fixture("delighted-survey-response-created.json");
        ObjectNode updated = fixture("delighted-survey-response-updated.json");
        ((ObjectNode) created.get("event_data")).put("id", "ooo-1");
        ((ObjectNode) updated.get("event_data")).put("id", "ooo-1");
        HttpResponse<String> first = delighted(bytes(updated));
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> late = delighted(bytes(created));
        assertEquals(200, late.statusCode(), late.body());
        assertTrue(TestServer.json(late).get("ignored").asText().contains("older"), late.body());
        FeedbackRecord fb = feedback("dl", "ooo-1");
        assertEquals("Your service is fast and flawless! Tack för snabb leverans.", fb.getComment(), "the comment stays");
        assertEquals(fb.getComment(), quoteText(fb), "feedback and quote agree");

        // a newer update with a changed comment is taken, and the pending quote follows it
        ObjectNode newer = fixture("delighted-survey-response-updated.json");
        newer.put("event_id", "evt-newer");
        ObjectNode d = (ObjectNode) newer.get("event_data");
        d.put("id", "ooo-1").put("updated_at", 1762079000L).put("comment", "Ändrat: snabbt, men fel storlek.");
        assertEquals(200, delighted(bytes(newer)).statusCode());
        FeedbackRecord after = feedback("dl", "ooo-1");
        assertEquals("Ändrat: snabbt, men fel storlek.", after.getComment());
        assertEquals(after.getComment(), quoteText(after));

        // the same event again (a retry) is dropped by its id
        HttpResponse<String> retry = delighted(bytes(newer));
        assertEquals(200, retry.statusCode());
        assertTrue(TestServer.json(retry).get("ignored").asText().contains("received before"), retry.body());

        // a newer version without the comment (the customer cleared it): the stored comment goes,
        // and so does the pending quote with the old words; an older delivery cannot bring them back
        ObjectNode cleared = fixture("delighted-survey-response-updated.json");
        cleared.put("event_id", "evt-cleared");
        ObjectNode c = (ObjectNode) cleared.get("event_data");
        c.put("id", "ooo-1").put("updated_at", 1762079600L).putNull("comment");
        HttpResponse<String> r = delighted(bytes(cleared));
        assertEquals(200, r.statusCode(), r.body());
        FeedbackRecord gone = feedback("dl", "ooo-1");
        assertNull(gone.getComment(), "the customer's newer answer has no comment");
        assertEquals(9, gone.getScore(), "the score stays");
        assertNull(quoteText(gone), "no pending quote keeps the withdrawn words");
        assertEquals(1, server.lb.db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("quote.withdrawn")), "the audit log says why");
        ObjectNode stale = fixture("delighted-survey-response-updated.json");
        stale.put("event_id", "evt-stale");
        ((ObjectNode) stale.get("event_data")).put("id", "ooo-1");
        assertEquals(200, delighted(bytes(stale)).statusCode());
        assertNull(quoteText(feedback("dl", "ooo-1")), "an older delivery does not bring the words back");
        assertNull(feedback("dl", "ooo-1").getComment());
    }

    @Test
    void delighted_survey_types_keep_their_scale_or_keep_the_comment_and_say_why_the_score_was_not() {
        String[][] cases = {
            // survey_type, score, stored score type (null: not stored)
            {"ces", "6", "CES"},
            {"csat", "4", "CSAT"},
            {"five_star", "5", "CSAT"},
            {"smileys", "2", "CSAT"},
            {"enps", "9", null},
            {"pmf", "1", null},
        };
        for (String[] c : cases) {
            ObjectNode event = fixture("delighted-survey-response-updated.json");
            event.put("event_id", "evt-type-" + c[0]);
            ObjectNode d = (ObjectNode) event.get("event_data");
            d.put("id", "type-" + c[0]).put("survey_type", c[0]).put("score", Integer.parseInt(c[1]));
            HttpResponse<String> r = delighted(bytes(event));
            assertEquals(200, r.statusCode(), c[0] + ": " + r.body());
            FeedbackRecord fb = feedback("dl", "type-" + c[0]);
            assertEquals("Your service is fast and flawless! Tack för snabb leverans.", fb.getComment(), c[0]);
            if (c[2] == null) {
                assertNull(fb.getScore(), c[0]);
                assertTrue(TestServer.json(r).get("notes").get(0).asText().contains(c[0] + " score"), r.body());
                assertTrue(fb.getPayload().contains("\"score\":" + c[1]), "the score stays in the payload");
            } else {
                assertEquals(Integer.parseInt(c[1]), fb.getScore(), c[0]);
                assertEquals(c[2], fb.getScoreType(), c[0]);
            }
        }
        assertTrue(recentErrors("dl").contains("enps score"), recentErrors("dl"));
    }

    @Test
    void a_generic_batch_with_a_bad_item_stores_the_good_ones_and_reports_the_bad_one_like_the_api() {
        byte[] body = ("[{\"externalId\":\"g-1\",\"comment\":\"Bra\"},"
                + "{\"externalId\":\"g-2\",\"score\":11,\"scoreType\":\"NPS\",\"comment\":\"Fel betyg\"},"
                + "{\"externalId\":\"g-3\",\"comment\":\"Också bra\"}]").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = generic(body, now());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode out = TestServer.json(r);
        assertEquals(2, out.get("created").asInt());
        assertEquals(1, out.get("rejected").asInt());
        JsonNode err = out.get("errors").get(0);
        assertEquals(1, err.get("index").asInt());
        assertEquals("score", err.get("field").asText());
        assertEquals("must be 0-10 for NPS", err.get("problem").asText());
        assertNull(feedback("hook", "g-2"));
    }

    @Test
    void generic_deliveries_sign_a_timestamp_and_older_ones_are_refused() {
        byte[] body = "{\"externalId\":\"t-1\",\"comment\":\"Punktlig leverans\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(401, generic(body, now() - 301).statusCode(), "over 5 minutes old: a replay");
        assertEquals(401, generic(body, now() + 301).statusCode(), "5 minutes ahead");
        assertNull(feedback("hook", "t-1"));
        assertEquals(200, generic(body, now() - 60).statusCode(), "a minute of delay or clock drift is fine");
        // the signature covers the timestamp: a captured delivery with a fresh timestamp does not verify
        long then = now() - 400;
        String oldSignature = "sha256=" + HexFormat.of().formatHex(WebhookService.hmac(GENERIC_SECRET, WebhookService.signedContent(then, body)));
        assertEquals(401, post("hook", body, "X-Loopboard-Timestamp", String.valueOf(now()), "X-Loopboard-Signature", oldSignature).statusCode());
        // the body alone, signed as before, no longer verifies
        assertEquals(401, post("hook", body, "X-Loopboard-Signature",
                "sha256=" + HexFormat.of().formatHex(WebhookService.hmac(GENERIC_SECRET, body))).statusCode());
        assertTrue(recentErrors("hook").contains("s old"), recentErrors("hook"));
    }

    @Test
    void a_signed_body_with_a_text_past_the_parser_limit_is_refused_for_its_length() {
        String huge = "x".repeat(2_300_000);
        byte[] body = ("{\"externalId\":\"huge\",\"comment\":\"" + huge + huge + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = generic(body, now());
        assertEquals(413, r.statusCode(), r.body().substring(0, Math.min(300, r.body().length())));
        assertFalse(r.body().contains("not valid JSON"));
        assertTrue(r.body().contains("longer than 2,000,000 characters"), r.body());
    }
}

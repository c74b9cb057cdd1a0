package io.loopboard.feedback;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedbackIngestTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int feedbackCount(String source) {
        return server.lb.db.dsl().fetchCount(FEEDBACK, FEEDBACK.SOURCE.eq(source));
    }

    @Test
    void feedback_with_a_comment_becomes_a_pending_quote_with_a_generic_attribution() {
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey, """
                {"source":"nps-q4","externalId":"r-1","comment":"Leveransen kom på två dagar, toppen! 📦",
                 "score":10,"scoreType":"NPS","respondedAt":"2026-11-02T09:14:00+01:00","touchpoint":"delivery",
                 "location":"Göteborg","language":"sv",
                 "customer":{"name":"Karin Lindqvist","email":"Karin@Example.se","segment":"private"},
                 "consentToPublish":false}""");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(1, json(res).get("created").asInt());

        JsonNode quotes = json(server.get("/api/v1/quotes?status=pending&limit=500", server.moderatorKey)).get("quotes");
        JsonNode q = null;
        for (JsonNode candidate : quotes) {
            if (candidate.get("originalText").asText().startsWith("Leveransen kom")) {
                q = candidate;
            }
        }
        assertTrue(q != null, "pending quote created");
        assertEquals("Leveransen kom på två dagar, toppen! 📦", q.get("displayText").asText());
        assertEquals("Kund, Göteborg", q.get("attribution").asText());
        assertEquals("praise", q.get("sentiment").asText());
        assertTrue(!q.toString().contains("Karin"), "the moderation list does not carry the customer's name");
        var stored = server.lb.db.dsl().selectFrom(FEEDBACK).where(FEEDBACK.EXTERNAL_ID.eq("r-1")).fetchOne();
        assertEquals("karin@example.se", stored.getCustomerEmail());
        assertEquals(java.time.Instant.parse("2026-11-02T08:14:00Z").toEpochMilli(), stored.getRespondedAt());
    }

    @Test
    void posting_the_same_source_and_external_id_again_updates_and_never_duplicates() {
        String first = "{\"source\":\"delighted\",\"externalId\":\"42\",\"score\":3,\"scoreType\":\"NPS\"}";
        String second = "{\"source\":\"delighted\",\"externalId\":42,\"score\":3,\"scoreType\":\"NPS\","
                + "\"comment\":\"8 days delivery when competitors ship in 2???\"}";
        assertEquals(1, json(server.postJson("/api/v1/feedback", server.ingestKey, first)).get("created").asInt());
        assertEquals(0, server.lb.db.dsl().fetchCount(QUOTE.join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID)),
                FEEDBACK.SOURCE.eq("delighted")), "no comment, no quote");
        JsonNode again = json(server.postJson("/api/v1/feedback", server.ingestKey, second));
        assertEquals(0, again.get("created").asInt());
        assertEquals(1, again.get("updated").asInt());
        json(server.postJson("/api/v1/feedback", server.ingestKey, second));
        assertEquals(1, feedbackCount("delighted"));
        assertEquals(1, server.lb.db.dsl().fetchCount(QUOTE.join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID)),
                FEEDBACK.SOURCE.eq("delighted")), "the comment that arrived with the update became one quote");
    }

    @Test
    void one_bad_item_in_an_array_is_reported_and_the_good_ones_are_stored() {
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey, """
                [{"source":"batch","externalId":"a","comment":"Great deliveries, but your website looks like it is from the 90s"},
                 {"source":"batch","externalId":"b","score":"nine","scoreType":"NPS"},
                 {"source":"batch","externalId":"c","comment":"Bra!","score":9,"scoreType":"NPS"}]""");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals(2, body.get("created").asInt());
        assertEquals(1, body.get("rejected").asInt());
        JsonNode error = body.get("errors").get(0);
        assertEquals(1, error.get("index").asInt());
        assertEquals("score", error.get("field").asText());
        assertEquals("must be a whole number", error.get("problem").asText());
        assertEquals(2, feedbackCount("batch"));
    }

    @Test
    void every_field_problem_is_named() {
        JsonNode body = json(server.postJson("/api/v1/feedback", server.ingestKey, """
                {"externalId":"", "score":11, "scoreType":"NPS", "respondedAt":"yesterday", "language":"Swedish!!",
                 "customer":{"email":"not-an-address","phone":701234567}, "consentToPublish":"yes", "colour":"red"}"""));
        String errors = body.get("errors").toString();
        for (String field : new String[] {"source", "externalId", "score", "respondedAt", "language", "customer.email",
                "customer.phone", "consentToPublish", "colour"}) {
            assertTrue(errors.contains("\"field\":\"" + field + "\""), field + " reported in " + errors);
        }
        assertEquals(400, body.get("status").asInt());
        assertEquals(1, body.get("rejected").asInt());
        assertEquals(0, body.get("created").asInt());
    }

    @Test
    void a_score_without_a_type_and_a_type_out_of_range_are_refused() {
        JsonNode body = json(server.postJson("/api/v1/feedback", server.ingestKey,
                "[{\"source\":\"s\",\"externalId\":\"x1\",\"score\":5},{\"source\":\"s\",\"externalId\":\"x2\",\"score\":6,\"scoreType\":\"CSAT\"}]"));
        assertEquals("scoreType", body.get("errors").get(0).get("field").asText());
        assertEquals("score", body.get("errors").get(1).get("field").asText());
        assertEquals("must be 1-5 for CSAT", body.get("errors").get(1).get("problem").asText());
    }

    @Test
    void malformed_json_is_a_400_naming_the_body() {
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey, "{\"source\":\"x\",");
        assertEquals(400, res.statusCode());
        assertEquals("body", json(res).get("errors").get(0).get("field").asText());
    }

    @Test
    void broken_utf8_is_refused_and_nothing_is_stored() {
        byte[] prefix = "{\"source\":\"enc\",\"externalId\":\"1\",\"comment\":\"K".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "öp på nätet\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[prefix.length + latin1.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(latin1, 0, body, prefix.length, latin1.length);
        HttpResponse<String> res = server.postBytes("/api/v1/feedback", server.ingestKey, body);
        assertEquals(400, res.statusCode(), res.body());
        assertEquals(0, feedbackCount("enc"));
    }

    @Test
    void unpaired_surrogates_and_control_characters_are_refused_per_field() {
        JsonNode body = json(server.postJson("/api/v1/feedback", server.ingestKey,
                "[{\"source\":\"ctl\",\"externalId\":\"1\",\"comment\":\"half an emoji \\ud83d\"},"
                        + "{\"source\":\"ctl\",\"externalId\":\"2\",\"touchpoint\":\"store\\u0007\"}]"));
        assertEquals("comment", body.get("errors").get(0).get("field").asText());
        assertTrue(body.get("errors").get(0).get("problem").asText().contains("surrogate"));
        assertEquals("touchpoint", body.get("errors").get(1).get("field").asText());
        assertEquals(0, feedbackCount("ctl"));
    }

    @Test
    void a_long_comment_is_stored_whole_with_its_score_and_only_a_text_beyond_the_limit_is_refused() {
        String complaint = "Leveransen kom inte. ".repeat(1_000) + "Slut på tålamod 😤";
        HttpResponse<String> ok = server.postJson("/api/v1/feedback", server.ingestKey,
                "{\"source\":\"huge\",\"externalId\":\"long\",\"score\":2,\"scoreType\":\"NPS\",\"comment\":\"" + complaint + "\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        var stored = server.lb.db.dsl().selectFrom(FEEDBACK)
                .where(FEEDBACK.EXTERNAL_ID.eq("long")).fetchOne();
        assertEquals(complaint, stored.getComment());
        assertEquals(2, stored.getScore());

        String huge = "å".repeat(1_000_001);
        JsonNode body = json(server.postJson("/api/v1/feedback", server.ingestKey,
                "{\"source\":\"huge\",\"externalId\":\"1\",\"comment\":\"" + huge + "\"}"));
        assertEquals("comment", body.get("errors").get(0).get("field").asText());
        assertEquals("is longer than 1000000 characters", body.get("errors").get(0).get("problem").asText());
        assertEquals(1, feedbackCount("huge"));
    }

    @Test
    void a_text_longer_than_the_parser_reads_is_a_413_that_says_so_not_invalid_json() {
        String huge = "a".repeat(2_400_000); // 4.6 MB with the rest: under the body limit, over the string limit
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey,
                "{\"source\":\"huge\",\"externalId\":\"3\",\"comment\":\"" + huge + huge.substring(0, 2_200_000) + "\"}");
        assertEquals(413, res.statusCode(), res.body());
        JsonNode err = json(res).get("errors").get(0);
        assertEquals("body", err.get("field").asText());
        assertTrue(err.get("problem").asText().contains("longer than 2,000,000 characters"), res.body());
        assertFalse(res.body().contains("not valid JSON"), res.body());
    }

    @Test
    void a_body_over_the_size_limit_is_refused_before_it_is_read() {
        String huge = "x".repeat(6 * 1024 * 1024);
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey,
                "{\"source\":\"huge\",\"externalId\":\"2\",\"comment\":\"" + huge + "\"}");
        assertEquals(413, res.statusCode());
    }

    @Test
    void deeply_nested_json_is_refused() {
        String deep = "[".repeat(100) + "]".repeat(100);
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey, deep);
        assertEquals(400, res.statusCode(), res.body());
    }

    @Test
    void no_key_or_a_wrong_key_is_401_and_a_moderator_key_may_not_ingest_but_admin_may() {
        String item = "{\"source\":\"auth\",\"externalId\":\"1\"}";
        assertEquals(401, server.postJson("/api/v1/feedback", null, item).statusCode());
        assertEquals(401, server.postJson("/api/v1/feedback", "lbk_not-a-real-key", item).statusCode());
        assertEquals(401, server.send(server.request("/api/v1/feedback").header("Content-Type", "application/json")
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").POST(HttpRequest.BodyPublishers.ofString(item)).build()).statusCode());
        assertEquals(403, server.postJson("/api/v1/feedback", server.moderatorKey, item).statusCode());
        assertEquals(200, server.postJson("/api/v1/feedback", server.adminKey, item).statusCode());
        assertEquals(1, feedbackCount("auth"));
    }

    @Test
    void a_wrong_content_type_is_415() {
        HttpResponse<String> res = server.send(server.request("/api/v1/feedback")
                .header("Authorization", "Bearer " + server.ingestKey).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(415, res.statusCode());
        assertEquals("Content-Type", json(res).get("errors").get(0).get("field").asText());
    }

    @Test
    void swedish_letters_emoji_right_to_left_and_html_survive_untouched() {
        String[] texts = {
            "Åsa på kundtjänst var FANTASTISK!!! 🙌🏽 Tack & hej <3",
            "الخدمة ممتازة، شكراً لكم",
            "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\" & 'single'",
            // a combining mark with no composed form (q + acute) stays as sent; e + acute is stored as é (NFC)
            "Zero\u200Dwidth joiner 👩‍👩‍👧 and combining q\u0301 and line\nbreak",
        };
        for (int i = 0; i < texts.length; i++) {
            int id = server.ingestAndFindQuote("survive-" + i, texts[i], "\"language\":\"xx\"".replace("xx", i == 1 ? "ar" : "sv"));
            JsonNode q = json(server.get("/api/v1/quotes/" + id, server.moderatorKey));
            assertEquals(texts[i], q.get("displayText").asText());
            assertEquals(texts[i], q.get("originalText").asText());
        }
    }
}

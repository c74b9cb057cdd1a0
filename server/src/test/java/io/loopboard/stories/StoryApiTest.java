package io.loopboard.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Stories through the real HTTP API and a real screen socket: authoring, validation, linking,
 * suggestions, pictures, the board's filters and search, its open mode, the Atom feed, and
 * story slides reaching screens by the channel's share.
 */
class StoryApiTest {

    static TestServer server;
    static String token;
    static int channel;

    @BeforeAll
    static void start() {
        server = new TestServer();
        channel = server.lb.screens.createChannel("office", "Office", 10, "test");
        token = server.lb.screens.createScreen("Office TV", channel, "test").token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> call(String method, String path, String key, String body) {
        return call(server, method, path, key, body);
    }

    static HttpResponse<String> call(TestServer server, String method, String path, String key, String body) {
        HttpRequest.Builder b = server.request(path).header("Authorization", "Bearer " + key);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return server.send(b.build());
    }

    static JsonNode ok(HttpResponse<String> res) {
        assertTrue(res.statusCode() == 200 || res.statusCode() == 201, res.statusCode() + " " + res.body());
        return TestServer.json(res);
    }

    static int story(Map<String, Object> fields) {
        return ok(call("POST", "/api/v1/stories", server.moderatorKey, Json.write(fields))).get("id").asInt();
    }

    static void approve(int quoteId) {
        ok(call("POST", "/api/v1/quotes/" + quoteId + "/approve", server.moderatorKey, "{}"));
    }

    static void assertProblem(HttpResponse<String> res, int status, String field) {
        assertEquals(status, res.statusCode(), res.body());
        JsonNode errors = TestServer.json(res).get("errors");
        assertEquals(field, errors.get(0).get("field").asText(), res.body());
    }

    @Test
    void a_story_is_created_edited_published_and_archived_with_audit_rows_and_customer_text_untouched() {
        String title = "Leveranstider i Malmö 🚚 — <script>alert(1)</script> مرحبا";
        int id = story(Map.of("title", title, "problem", "Paket kom sent\noch utan besked", "team", "Logistik",
                "status", "planned", "startedOn", "2026-10-01"));
        JsonNode s = ok(call("GET", "/api/v1/stories/" + id, server.moderatorKey, null));
        assertEquals(title, s.get("title").asText(), "HTML, emoji and right-to-left text stay as typed");
        assertEquals("Paket kom sent\noch utan besked", s.get("problem").asText());
        assertEquals("draft", s.get("state").asText());

        s = ok(call("PUT", "/api/v1/stories/" + id, server.moderatorKey,
                "{\"action\":\"Vi skickar nu sms med leveranstid\",\"status\":\"done\",\"doneOn\":\"2026-11-02\",\"effect\":null}"));
        assertEquals("done", s.get("status").asText());
        assertEquals("Logistik", s.get("team").asText(), "fields not sent are kept");

        assertEquals("published", ok(call("POST", "/api/v1/stories/" + id + "/publish", server.moderatorKey, "{}")).get("state").asText());
        assertTrue(ok(call("GET", "/api/v1/improvements/" + id, server.moderatorKey, null)).get("publishedAt").asLong() > 0);
        assertEquals("archived", ok(call("POST", "/api/v1/stories/" + id + "/archive", server.moderatorKey, "{}")).get("state").asText());
        assertEquals(404, call("GET", "/api/v1/improvements/" + id, server.moderatorKey, null).statusCode(), "archived leaves the board");

        List<String> actions = server.lb.db.dsl().select(io.loopboard.store.generated.Tables.AUDIT_LOG.ACTION)
                .from(io.loopboard.store.generated.Tables.AUDIT_LOG)
                .where(io.loopboard.store.generated.Tables.AUDIT_LOG.ENTITY_TYPE.eq("improvement")
                        .and(io.loopboard.store.generated.Tables.AUDIT_LOG.ENTITY_ID.eq(String.valueOf(id))))
                .orderBy(io.loopboard.store.generated.Tables.AUDIT_LOG.ID)
                .fetch(io.loopboard.store.generated.Tables.AUDIT_LOG.ACTION);
        assertEquals(List.of("story.create", "story.update", "story.publish", "story.archive"), actions);
    }

    @Test
    void bad_story_input_is_a_400_naming_the_field() {
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"problem\":\"x\"}"), 400, "title");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":\"   \"}"), 400, "title");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":\"t\",\"status\":\"finished\"}"), 400, "status");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":\"t\",\"doneOn\":\"yesterday\"}"), 400, "doneOn");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":\"t\",\"customerEmail\":\"a@b.se\"}"), 400, "customerEmail");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":\"a\\u0007b\"}"), 400, "title");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":\"" + "x".repeat(141) + "\"}"), 400, "title");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":12}"), 400, "title");
        assertProblem(call("POST", "/api/v1/stories", server.moderatorKey, "[1]"), 400, "body");
        assertEquals(400, call("POST", "/api/v1/stories", server.moderatorKey, "{\"title\":").statusCode());
        assertEquals(404, call("GET", "/api/v1/stories/999999", server.moderatorKey, null).statusCode());
        assertProblem(call("GET", "/api/v1/stories/abc", server.moderatorKey, null), 400, "id");
        assertEquals(403, call("POST", "/api/v1/stories", server.ingestKey, "{\"title\":\"t\"}").statusCode());
    }

    @Test
    void feedback_is_linked_by_quote_or_feedback_id_once_and_suggestions_share_touchpoint_or_words() {
        int q1 = server.ingestAndFindQuote("link-1", "The delivery times are far too long", "\"touchpoint\":\"delivery\"");
        int q2 = server.ingestAndFindQuote("link-2", "Deliveries arrive late every week", "\"touchpoint\":\"delivery\"");
        int q3 = server.ingestAndFindQuote("link-3", "Nice staff in the shop", "\"touchpoint\":\"store\"");
        int id = story(Map.of("title", "Faster delivery times", "touchpoint", "delivery"));

        JsonNode suggestions = ok(call("GET", "/api/v1/stories/" + id + "/suggestions", server.moderatorKey, null)).get("suggestions");
        List<Integer> suggested = new ArrayList<>();
        suggestions.forEach(x -> suggested.add(x.get("quoteId").asInt()));
        assertTrue(suggested.containsAll(List.of(q1, q2)), "same touchpoint and shared words: " + suggested);
        assertFalse(suggested.contains(q3), "unrelated feedback is not suggested");

        int f1 = ok(call("GET", "/api/v1/quotes/" + q1, server.moderatorKey, null)).get("feedbackId").asInt();
        JsonNode s = ok(call("POST", "/api/v1/stories/" + id + "/links", server.moderatorKey,
                "{\"quoteIds\":[" + q1 + "," + q2 + "],\"feedbackIds\":[" + f1 + "]}"));
        assertEquals(2, s.get("mentions").asInt(), "a quote and its own feedback count once");
        s = ok(call("POST", "/api/v1/stories/" + id + "/links", server.moderatorKey, "{\"quoteIds\":[" + q1 + "]}"));
        assertEquals(2, s.get("mentions").asInt(), "linking again changes nothing");
        assertFalse(TestServer.json(call("GET", "/api/v1/stories/" + id + "/suggestions", server.moderatorKey, null))
                .get("suggestions").toString().contains("\"quoteId\":" + q1 + ","), "linked feedback is no longer suggested");

        assertProblem(call("POST", "/api/v1/stories/" + id + "/links", server.moderatorKey, "{\"quoteIds\":[999999]}"), 400, "quoteIds");
        assertProblem(call("POST", "/api/v1/stories/" + id + "/links", server.moderatorKey, "{\"feedbackIds\":[\"7\"]}"), 400, "feedbackIds");
        assertProblem(call("POST", "/api/v1/stories/" + id + "/links", server.moderatorKey, "{}"), 400, "quoteIds");
        assertEquals(2, ok(call("GET", "/api/v1/stories/" + id, server.moderatorKey, null)).get("mentions").asInt(),
                "a failed request links nothing");

        s = ok(call("POST", "/api/v1/stories/" + id + "/unlink", server.moderatorKey, "{\"feedbackIds\":[" + f1 + "]}"));
        assertEquals(1, s.get("mentions").asInt());
    }

    static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    static HttpResponse<String> putImage(int id, byte[] bytes, String type) {
        return server.send(server.request("/api/v1/stories/" + id + "/image").header("Authorization", "Bearer " + server.moderatorKey)
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    @Test
    void an_image_is_accepted_by_its_bytes_only_limited_in_size_stored_in_the_data_dir_and_served_with_roles() throws Exception {
        int id = story(Map.of("title", "Picture story"));
        byte[] good = png(64, 48);
        JsonNode s = ok(putImage(id, good, "application/octet-stream"));
        assertEquals("image/png", s.get("image").get("contentType").asText(), "sniffed, whatever the header says");
        assertEquals(64, s.get("image").get("width").asInt());
        assertTrue(java.nio.file.Files.exists(server.dataDir.resolve("stories").resolve(id + ".png")));

        assertEquals(415, putImage(id, "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8), "image/png").statusCode(),
                "a script named as a PNG is refused");
        assertEquals(415, putImage(id, "GIF89a....".getBytes(StandardCharsets.US_ASCII), "image/gif").statusCode());
        assertProblem(putImage(id, Arrays.copyOf(good, 20), "image/png"), 400, "image");
        byte[] big = Arrays.copyOf(good, StoryImages.MAX_BYTES + 1);
        assertEquals(413, putImage(id, big, "image/png").statusCode());
        assertProblem(putImage(id, new byte[0], "image/png"), 400, "image");

        HttpResponse<byte[]> img = server.client().send(server.request("/api/v1/stories/" + id + "/image")
                .header("Authorization", "Bearer " + server.moderatorKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("image/png", img.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Arrays.equals(good, img.body()), "the stored picture is the uploaded one");
        assertEquals(404, call("GET", "/improvements/" + id + "/image", server.moderatorKey, null).statusCode(), "a draft's picture is not on the board");
        ok(call("POST", "/api/v1/stories/" + id + "/publish", server.moderatorKey, "{}"));
        assertEquals(200, call("GET", "/improvements/" + id + "/image", server.moderatorKey, null).statusCode());
        assertEquals(302, server.send(server.request("/improvements/" + id + "/image").GET().build()).statusCode(), "no login, no picture");

        assertTrue(ok(call("DELETE", "/api/v1/stories/" + id + "/image", server.moderatorKey, null)).get("image").isNull());
        assertFalse(java.nio.file.Files.exists(server.dataDir.resolve("stories").resolve(id + ".png")));
    }

    static List<String> titles(String query) {
        List<String> out = new ArrayList<>();
        ok(call("GET", "/api/v1/improvements" + query, server.moderatorKey, null)).get("stories").forEach(s -> out.add(s.get("title").asText()));
        return out;
    }

    @Test
    void the_board_lists_published_stories_newest_first_with_filters_and_search() throws Exception {
        int a = story(Map.of("title", "Board: Kortare kö i kundtjänst", "team", "Kundtjänst Öst", "status", "done", "touchpoint", "phone"));
        int b = story(Map.of("title", "Board: Clearer invoices", "team", "Billing", "status", "in_progress", "touchpoint", "invoice",
                "action", "We rewrote the ÅÄÖ-heavy invoice text"));
        int draft = story(Map.of("title", "Board: draft never shown", "team", "Billing"));
        ok(call("POST", "/api/v1/stories/" + a + "/publish", server.moderatorKey, "{}"));
        Thread.sleep(5);
        ok(call("POST", "/api/v1/stories/" + b + "/publish", server.moderatorKey, "{}"));

        List<String> all = titles("?q=Board:");
        assertEquals(List.of("Board: Clearer invoices", "Board: Kortare kö i kundtjänst"), all, "newest first, drafts hidden");
        assertEquals(List.of("Board: Kortare kö i kundtjänst"), titles("?team=" + URLEncoder.encode("Kundtjänst Öst", StandardCharsets.UTF_8)));
        assertEquals(List.of("Board: Clearer invoices"), titles("?status=in_progress&q=board"));
        assertEquals(List.of("Board: Kortare kö i kundtjänst"), titles("?touchpoint=phone"));
        assertEquals(List.of("Board: Clearer invoices"), titles("?q=" + URLEncoder.encode("åäö", StandardCharsets.UTF_8)),
                "search is case-insensitive beyond ASCII");
        assertEquals(List.of(), titles("?q=never+shown"));
        JsonNode board = ok(call("GET", "/api/v1/improvements", server.moderatorKey, null));
        assertTrue(board.get("teams").toString().contains("Kundtjänst Öst"));
        assertFalse(board.get("teams").toString().contains("\"Billing\",\"Billing\""));
        assertProblem(call("GET", "/api/v1/improvements?status=lost", server.moderatorKey, null), 400, "status");
        assertEquals(404, call("GET", "/api/v1/improvements/" + draft, server.moderatorKey, null).statusCode());
    }

    @Test
    void the_board_needs_a_login_until_an_administrator_opens_it_and_the_atom_feed_is_well_formed() throws Exception {
        int id = story(Map.of("title", "Feed: <b>bold</b> & \"quoted\" — ✨", "team", "Web"));
        ok(call("POST", "/api/v1/stories/" + id + "/publish", server.moderatorKey, "{}"));

        assertEquals(302, server.send(server.request("/improvements").GET().build()).statusCode());
        assertEquals(401, server.send(server.request("/api/v1/improvements").GET().build()).statusCode());
        assertEquals(403, call("PUT", "/api/v1/improvements/settings", server.moderatorKey, "{\"boardOpen\":true}").statusCode(),
                "only an administrator opens the board");
        assertProblem(call("PUT", "/api/v1/improvements/settings", server.adminKey, "{\"boardOpen\":\"yes\"}"), 400, "boardOpen");
        ok(call("PUT", "/api/v1/improvements/settings", server.adminKey, "{\"boardOpen\":true}"));
        try {
            assertEquals(200, server.send(server.request("/improvements").GET().build()).statusCode());
            assertEquals(200, server.send(server.request("/api/v1/improvements").GET().build()).statusCode());
            assertEquals(401, server.send(server.request("/api/v1/stories").GET().build()).statusCode(), "authoring stays closed");
            assertEquals(401, server.send(server.request("/api/v1/improvements/settings").GET().build()).statusCode());

            HttpResponse<String> feed = server.send(server.request("/improvements.atom").GET().build());
            assertEquals(200, feed.statusCode());
            assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(feed.body())));
            assertEquals("http://www.w3.org/2005/Atom", doc.getDocumentElement().getNamespaceURI());
            boolean found = false;
            var entries = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
            for (int i = 0; i < entries.getLength(); i++) {
                var e = (org.w3c.dom.Element) entries.item(i);
                if (e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent()
                        .equals("Feed: <b>bold</b> & \"quoted\" — ✨")) {
                    found = true;
                    assertTrue(e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link").item(0).getAttributes()
                            .getNamedItem("href").getNodeValue().endsWith("/improvements/" + id));
                }
            }
            assertTrue(found, "the story is in the feed with its title as text: " + feed.body());
        } finally {
            ok(call("PUT", "/api/v1/improvements/settings", server.adminKey, "{\"boardOpen\":false}"));
        }
        assertEquals(302, server.send(server.request("/improvements").GET().build()).statusCode(), "closed again");
    }

    static long count(JsonNode playlist, String type) {
        long n = 0;
        for (JsonNode s : playlist.get("slides")) {
            if (s.get("type").asText().equals(type)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void publishing_reaches_screens_within_a_second_as_said_and_did_slides_mixed_by_the_channel_share() {
        for (int i = 0; i < 6; i++) {
            approve(server.ingestAndFindQuote("mix-" + i, "Mix quote number " + i + " about parking", null));
        }
        int q = server.ingestAndFindQuote("mix-story", "Parking is impossible near the office", "\"touchpoint\":\"office\"");
        approve(q);
        int id = story(Map.of("title", "More parking", "action", "We rented 40 extra spaces", "team", "Facilities",
                "doneOn", "2026-11-20", "effect", "Complaints about parking fell by half"));
        ok(call("POST", "/api/v1/stories/" + id + "/links", server.moderatorKey, "{\"quoteIds\":[" + q + "]}"));
        ok(call("PUT", "/api/v1/story-shares/" + channel, server.moderatorKey, "{\"storyShare\":50}"));
        assertProblem(call("PUT", "/api/v1/story-shares/" + channel, server.moderatorKey, "{\"storyShare\":101}"), 400, "storyShare");

        try (WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            ws.next("playlist", Duration.ofSeconds(5));
            long published = System.nanoTime();
            ok(call("POST", "/api/v1/stories/" + id + "/publish", server.moderatorKey, "{}"));
            JsonNode p = ws.next(m -> m.get("type").asText().equals("playlist") && m.toString().contains("story-" + id + "-did"),
                    Duration.ofSeconds(1), "the published story on the screen within a second");
            assertTrue((System.nanoTime() - published) / 1_000_000 < 1000);
            JsonNode said = null;
            JsonNode did = null;
            for (JsonNode s : p.get("slides")) {
                if (s.get("id").asText().equals("story-" + id + "-said")) {
                    said = s;
                }
                if (s.get("id").asText().equals("story-" + id + "-did")) {
                    did = s;
                }
            }
            assertEquals("Parking is impossible near the office", said.get("story").get("quotes").get(0).get("text").asText());
            assertEquals(1, said.get("story").get("mentions").asInt());
            assertEquals("We rented 40 extra spaces", did.get("story").get("action").asText());
            assertEquals("Facilities", did.get("story").get("team").asText());
            assertEquals("2026-11-20", did.get("story").get("date").asText());
            long stories = count(p, "story-said") + count(p, "story-did");
            long quotes = count(p, "quote");
            assertTrue(quotes >= 7, "quotes stay: " + quotes);
            assertTrue(Math.abs(stories - quotes) <= 2, "a 50 % share: " + stories + " story slides, " + quotes + " quotes");
            assertEquals("quote", p.get("slides").get(0).get("type").asText(), "the rotation opens with a quote");

            ok(call("PUT", "/api/v1/stories/" + id, server.moderatorKey, "{\"action\":\"We rented 60 extra spaces\"}"));
            ws.next(m -> m.get("type").asText().equals("playlist") && m.toString().contains("We rented 60 extra spaces"),
                    Duration.ofSeconds(1), "an edit reaches the screen within a second");

            ok(call("PUT", "/api/v1/story-shares/" + channel, server.moderatorKey, "{\"storyShare\":0}"));
            JsonNode none = ws.next(m -> m.get("type").asText().equals("playlist") && !m.toString().contains("story-"),
                    Duration.ofSeconds(1), "share 0 takes story slides off");
            assertEquals(0, count(none, "story-did"));
            ok(call("PUT", "/api/v1/story-shares/" + channel, server.moderatorKey, "{\"storyShare\":25}"));
            ws.next(m -> m.get("type").asText().equals("playlist") && m.toString().contains("story-" + id + "-did"),
                    Duration.ofSeconds(1), "back on");
            ok(call("POST", "/api/v1/stories/" + id + "/archive", server.moderatorKey, "{}"));
            ws.next(m -> m.get("type").asText().equals("playlist") && !m.toString().contains("story-" + id + "-"),
                    Duration.ofSeconds(1), "archiving takes it off within a second");
        }
    }

    @Test
    void hiding_all_quotes_takes_story_slides_off_too_and_showing_them_brings_them_back() {
        int lobby = server.lb.screens.createChannel("lobby-stories", "Lobby", 10, "test");
        String lobbyToken = server.lb.screens.createScreen("Lobby TV", lobby, "test").token();
        int q = server.ingestAndFindQuote("hide-story", "Kön i receptionen var lång 😩", null);
        approve(q);
        int id = story(Map.of("title", "Två receptionister på morgonen", "action", "En till i receptionen 7–9", "team", "Reception"));
        ok(call("POST", "/api/v1/stories/" + id + "/links", server.moderatorKey, "{\"quoteIds\":[" + q + "]}"));
        ok(call("POST", "/api/v1/stories/" + id + "/publish", server.moderatorKey, "{}"));
        ok(call("PUT", "/api/v1/story-shares/" + lobby, server.moderatorKey, "{\"storyShare\":30}"));
        try (WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + URLEncoder.encode(lobbyToken, StandardCharsets.UTF_8))) {
            ws.next(m -> m.get("type").asText().equals("playlist") && m.toString().contains("story-" + id + "-said"),
                    Duration.ofSeconds(5), "the story on the lobby screen");
            try {
                ok(call("POST", "/api/v1/signage/hide-quotes", server.moderatorKey, "{}"));
                JsonNode hidden = ws.next(m -> m.get("type").asText().equals("playlist") && m.get("quotesHidden").asBoolean(),
                        Duration.ofSeconds(5), "a playlist with quotes hidden");
                assertEquals(0, count(hidden, "quote"), hidden.toString());
                assertEquals(0, count(hidden, "story-said") + count(hidden, "story-did"), "story slides quote customers too: " + hidden);
            } finally {
                ok(call("POST", "/api/v1/signage/show-quotes", server.moderatorKey, "{}"));
            }
            JsonNode back = ws.next(m -> m.get("type").asText().equals("playlist") && !m.get("quotesHidden").asBoolean(),
                    Duration.ofSeconds(5), "quotes shown again");
            assertTrue(back.toString().contains("\"story-" + id + "-said\"") && back.toString().contains("\"story-" + id + "-did\""),
                    back.toString());
        }
    }
}

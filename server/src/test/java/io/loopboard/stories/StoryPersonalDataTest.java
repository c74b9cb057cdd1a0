package io.loopboard.stories;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No personal data leaves through stories: raw feedback with a known name and e-mail is linked
 * to a published story, and neither (nor the raw comment) appears in the board's pages and
 * JSON, the Atom feed or a screen's playlist. Only the moderated quote text does.
 */
class StoryPersonalDataTest {

    static final String NAME = "Karin Lindqvist";
    static final String EMAIL = "karin.lindqvist@example.se";
    static final String SEGMENT = "Gold-VIP-segment";
    static final String RAW = "Leveransen var sen igen. Ring mig på 070-123 45 67, Karin Lindqvist";
    static final String MODERATED = "Leveransen var sen igen.";
    static final String PENDING_RAW = "Jag väntade tre veckor, mejla karin.lindqvist@example.se";

    static TestServer server;
    static String token;

    @BeforeAll
    static void start() {
        server = new TestServer();
        int channel = server.lb.screens.createChannel("pii", "PII", 10, "test");
        token = server.lb.screens.createScreen("PII TV", channel, "test").token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void board_html_feed_and_playlist_show_moderated_text_but_never_the_customer_name_email_or_raw_comment() throws Exception {
        String customer = "\"customer\":{\"name\":\"" + NAME + "\",\"email\":\"" + EMAIL + "\",\"segment\":\"" + SEGMENT + "\"},"
                + "\"consentToPublish\":false,\"touchpoint\":\"delivery\",\"location\":\"Lund\",\"language\":\"sv\"";
        int approved = server.ingestAndFindQuote("pii-1", RAW, customer);
        StoryApiTest.ok(StoryApiTest.call(server, "POST", "/api/v1/quotes/" + approved + "/approve", server.moderatorKey,
                "{\"displayText\":\"" + MODERATED + "\"}"));
        int pending = server.ingestAndFindQuote("pii-2", PENDING_RAW, customer);

        int id = StoryApiTest.ok(StoryApiTest.call(server, "POST", "/api/v1/stories", server.moderatorKey,
                "{\"title\":\"Leveransbesked i tid\",\"touchpoint\":\"delivery\",\"team\":\"Logistik\",\"action\":\"SMS med leveranstid\"}"))
                .get("id").asInt();
        StoryApiTest.ok(StoryApiTest.call(server, "POST", "/api/v1/stories/" + id + "/links", server.moderatorKey,
                "{\"quoteIds\":[" + approved + "," + pending + "]}"));
        StoryApiTest.ok(StoryApiTest.call(server, "POST", "/api/v1/stories/" + id + "/publish", server.moderatorKey, "{}"));
        StoryApiTest.ok(StoryApiTest.call(server, "PUT", "/api/v1/improvements/settings", server.adminKey, "{\"boardOpen\":true}"));

        Map<String, String> surfaces = new LinkedHashMap<>();
        for (String path : List.of("/improvements", "/improvements/" + id, "/api/v1/improvements",
                "/api/v1/improvements?q=leverans", "/api/v1/improvements/" + id, "/improvements.atom")) {
            HttpResponse<String> res = server.get(path, null); // as anyone on the trusted network
            assertTrue(res.statusCode() == 200, path + " gave " + res.statusCode());
            surfaces.put(path, res.body());
        }
        try (WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            JsonNode playlist = ws.next(m -> m.get("type").asText().equals("playlist") && m.toString().contains("story-" + id + "-said"),
                    Duration.ofSeconds(5), "the story's slides");
            surfaces.put("playlist", playlist.toString());
        }

        assertTrue(surfaces.get("/api/v1/improvements/" + id).contains(MODERATED), "the moderated quote is shown");
        assertTrue(surfaces.get("playlist").contains(MODERATED));
        assertTrue(surfaces.get("/improvements.atom").contains(MODERATED));
        assertTrue(surfaces.get("/api/v1/improvements/" + id).contains("\"mentions\":2"), "both are counted");
        for (var e : surfaces.entrySet()) {
            for (String secret : List.of(NAME, "Karin", "Lindqvist", EMAIL, "example.se", SEGMENT, "070-123", PENDING_RAW, "tre veckor")) {
                assertFalse(e.getValue().contains(secret), e.getKey() + " leaks '" + secret + "': " + e.getValue());
            }
        }
    }
}

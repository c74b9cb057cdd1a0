package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DisplaySocketTest {

    static TestServer server;
    static String token;
    static String otherToken;

    @BeforeAll
    static void start() {
        server = new TestServer();
        int channel = server.lb.screens.createChannel("lobby", "Lobby", 8, "test");
        int other = server.lb.screens.createChannel("warehouse", "Lager", 8, "test");
        token = server.lb.screens.createScreen("Lobby TV", channel, "test").token();
        otherToken = server.lb.screens.createScreen("Lager TV", other, "test").token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient connect(String t) {
        return new WsClient(server.wsBase() + "/display/ws?token=" + URLEncoder.encode(t, StandardCharsets.UTF_8));
    }

    private static boolean showsText(JsonNode playlist, String text) {
        for (JsonNode s : playlist.get("slides")) {
            if (s.get("text").asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void an_unknown_token_gets_an_error_and_close_code_4401() throws Exception {
        try (WsClient ws = connect("lbs_unknown")) {
            JsonNode error = ws.next("error", Duration.ofSeconds(5));
            assertEquals("invalid_token", error.get("code").asText());
            assertEquals(4401, ws.closeCode.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void a_screen_gets_hello_then_its_playlist_and_time_probes_are_answered() {
        try (WsClient ws = connect(token)) {
            JsonNode hello = ws.next("hello", Duration.ofSeconds(5));
            assertEquals(1, hello.get("protocol").asInt());
            assertEquals("Lobby TV", hello.get("screen").get("name").asText());
            JsonNode playlist = ws.next("playlist", Duration.ofSeconds(5));
            assertEquals("Lobby", playlist.get("channel").get("name").asText());
            assertEquals(8000, playlist.get("slideMillis").asLong());
            assertTrue(playlist.get("version").asLong() > 0);
            ws.send("{\"type\":\"time\",\"clientSent\":12345}");
            JsonNode time = ws.next("time", Duration.ofSeconds(5));
            assertEquals(12345, time.get("clientSent").asLong());
            assertTrue(Math.abs(time.get("serverTime").asLong() - System.currentTimeMillis()) < 5000);
            ws.send("not json at all");
            ws.send("{\"type\":\"time\",\"clientSent\":1}");
            assertEquals(1, ws.next("time", Duration.ofSeconds(5)).get("clientSent").asLong(), "garbage is ignored, the socket stays up");
        }
    }

    @Test
    void approve_reaches_the_screen_and_unpublish_removes_it_within_a_second() {
        String text = "Personalen i Örebro fixade min retur på 5 min 👍";
        int id = server.ingestAndFindQuote("ws-1", text, "\"customer\":{\"name\":\"Sven Svensson\",\"email\":\"sven@example.se\"}");
        try (WsClient ws = connect(token)) {
            JsonNode initial = ws.next("playlist", Duration.ofSeconds(5));
            assertFalse(showsText(initial, text));

            long before = System.nanoTime();
            assertEquals(200, server.postJson("/api/v1/quotes/" + id + "/approve", server.moderatorKey, "").statusCode());
            JsonNode withQuote = ws.next(m -> "playlist".equals(m.path("type").asText()) && showsText(m, text),
                    Duration.ofSeconds(1), "a playlist with the approved quote");
            assertTrue(withQuote.get("version").asLong() > initial.get("version").asLong(), "versions only grow");
            String raw = withQuote.toString();
            assertFalse(raw.contains("Sven") || raw.contains("sven@example.se"), "no customer name or e-mail reaches a screen");

            assertEquals(200, server.postJson("/api/v1/quotes/" + id + "/unpublish", server.moderatorKey, "").statusCode());
            JsonNode without = ws.next(m -> "playlist".equals(m.path("type").asText()) && !showsText(m, text),
                    Duration.ofSeconds(1), "a playlist without the unpublished quote");
            assertTrue(without.get("version").asLong() > withQuote.get("version").asLong());
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertTrue(elapsedMs < 3000, "approve and unpublish round trip took " + elapsedMs + " ms");
        }
    }

    @Test
    void a_new_screen_connection_receives_the_current_state_at_once() {
        String text = "Faktura-PDF:en går inte att öppna på mobilen 😡";
        int id = server.ingestAndFindQuote("ws-2", text, null);
        server.postJson("/api/v1/quotes/" + id + "/approve", server.moderatorKey, "");
        try (WsClient ws = connect(otherToken)) {
            JsonNode playlist = ws.next("playlist", Duration.ofSeconds(5));
            assertTrue(showsText(playlist, text), "a quote with no channel restriction goes to every channel");
            assertEquals("quote-" + id, playlist.get("slides").get(0).get("id").asText());
        }
    }
}

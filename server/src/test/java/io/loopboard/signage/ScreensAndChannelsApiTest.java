package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.support.MutableClock;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channels, pairing, the fleet's live state, takeover and schedule boundaries through the real
 * HTTP API and a real WebSocket client, on a server whose clock the test controls.
 */
class ScreensAndChannelsApiTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final MutableClock clock = new MutableClock();
    static TestServer server;
    static int channel;
    static String token;
    static int screenId;

    @BeforeAll
    static void start() {
        server = new TestServer(clock);
        channel = server.lb.screens.createChannel("lobby", "Lobby", 12, "test");
        var s = server.lb.screens.createScreen("Lobby TV", channel, "test");
        token = s.token();
        screenId = s.id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient screen(String tok) {
        WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + tok);
        ws.next("hello", WAIT);
        return ws;
    }

    private static int approve(String externalId, String text, String extra) {
        int id = server.ingestAndFindQuote(externalId, text, extra);
        assertEquals(200, server.postJson("/api/v1/quotes/" + id + "/approve", server.moderatorKey, "{}").statusCode());
        return id;
    }

    private static JsonNode playlistWhere(WsClient ws, java.util.function.Predicate<JsonNode> p, String what) {
        return ws.next(m -> "playlist".equals(m.path("type").asText()) && p.test(m), WAIT, what);
    }

    private static List<String> slideIds(JsonNode playlist) {
        List<String> ids = new ArrayList<>();
        playlist.get("slides").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    private static void assertBadField(HttpResponse<String> res, String field) {
        assertEquals(400, res.statusCode(), res.body());
        assertEquals(field, TestServer.json(res).at("/errors/0/field").asText(), res.body());
    }

    @Test
    void channel_rules_are_validated_field_by_field_and_customer_language_survives() {
        String base = "/api/v1/channels";
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"Bad Slug\",\"name\":\"x\"}"), "slug");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\"}"), "name");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"slideSeconds\":2}"), "slideSeconds");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"quietStart\":\"25:00\",\"quietEnd\":\"06:00\"}"), "quietStart");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"quietStart\":\"22:00\"}"), "quietEnd");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"brandColor\":\"red\"}"), "brandColor");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"logoUrl\":\"https://evil.example/x.png\"}"), "logoUrl");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"logoUrl\":\"//evil.example/x.png\"}"), "logoUrl");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"timeZone\":\"Mars/Olympus\"}"), "timeZone");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"scoreDays\":60}"), "scoreDays");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"languages\":[\"<script>\"]}"), "languages");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\\u0007\"}"), "name");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"story\":1}"), "story");
        assertBadField(server.postJson(base, server.adminKey, "{\"slug\":\"ok\",\"name\":\"x\",\"minSlideSeconds\":30,\"maxSlideSeconds\":10}"), "maxSlideSeconds");
        assertEquals(403, server.postJson(base, server.moderatorKey, "{\"slug\":\"ok\",\"name\":\"x\"}").statusCode());

        String name = "Göteborg 🚀 <b>فرع</b>";
        HttpResponse<String> created = server.postJson(base, server.adminKey,
                "{\"slug\":\"gbg\",\"name\":" + Json.write(name) + ",\"languages\":[\"sv\"],\"quietStart\":\"22:00\",\"quietEnd\":\"06:00\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode c = TestServer.json(created);
        assertEquals(name, c.get("name").asText());
        assertEquals("[\"sv\"]", c.get("languages").toString());
        assertEquals(409, server.postJson(base, server.adminKey, "{\"slug\":\"gbg\",\"name\":\"again\"}").statusCode());
        // a partial update changes only what it names
        HttpResponse<String> patched = server.patchJson(base + "/" + c.get("id").asInt(), server.adminKey, "{\"theme\":\"light\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("light", TestServer.json(patched).get("theme").asText());
        assertEquals("22:00", TestServer.json(patched).get("quietStart").asText());
        assertEquals(404, server.patchJson(base + "/99999", server.adminKey, "{}").statusCode());
    }

    @Test
    void the_connection_marker_is_off_until_a_channel_asks_for_it() {
        int ch = server.lb.screens.createChannel("marker", "Marker", 12, "test");
        String tok = server.lb.screens.createScreen("Marker TV", ch, "test").token();
        try (WsClient ws = screen(tok)) {
            JsonNode first = ws.next("playlist", WAIT);
            assertEquals(false, first.get("channel").get("showConnectionState").asBoolean(true), "off by default");
            assertEquals(400, server.patchJson("/api/v1/channels/" + ch, server.adminKey,
                    "{\"showConnectionState\":\"yes\"}").statusCode());
            assertEquals(200, server.patchJson("/api/v1/channels/" + ch, server.adminKey,
                    "{\"showConnectionState\":true}").statusCode());
            playlistWhere(ws, m -> m.get("channel").get("showConnectionState").asBoolean(false), "the marker switched on");
        }
    }

    @Test
    void a_channel_edit_reaches_its_screens_at_once_with_the_new_rules() {
        try (WsClient ws = screen(token)) {
            ws.next("playlist", WAIT);
            HttpResponse<String> res = server.patchJson("/api/v1/channels/" + channel, server.adminKey,
                    "{\"slideSeconds\":7,\"brandColor\":\"#0A7B83\",\"orientation\":\"portrait\",\"quietMode\":\"black\"}");
            assertEquals(200, res.statusCode(), res.body());
            JsonNode p = playlistWhere(ws, m -> m.path("slideMillis").asLong() == 7000, "a playlist with 7 s slides");
            assertEquals("#0A7B83", p.at("/channel/brandColor").asText());
            assertEquals("portrait", p.at("/channel/orientation").asText());
            assertEquals("black", p.at("/channel/quietMode").asText());
        } finally {
            server.patchJson("/api/v1/channels/" + channel, server.adminKey,
                    "{\"slideSeconds\":12,\"brandColor\":null,\"orientation\":\"landscape\",\"quietMode\":\"clock\"}");
        }
    }

    /** The slide index a screen computes at server time {@code t} (docs/display-protocol.md, "Rotation"). */
    private static int index(JsonNode playlist, long t) {
        long slot = Math.floorDiv(t - playlist.get("epoch").asLong(), playlist.get("slideMillis").asLong());
        return (int) Math.floorMod(slot, (long) playlist.get("slides").size());
    }

    @Test
    void a_republished_playlist_continues_the_rotation_and_a_takedown_still_leaves_at_once() {
        int rhythm = server.lb.screens.createChannel("rhythm", "Rhythm", 3, "test");
        var tv = server.lb.screens.createScreen("Rhythm TV", rhythm, "test");
        int kept = approve("rhythm-1", "Tack för hjälpen i kassan 🙏", null);
        int taken = approve("rhythm-2", "Kön i Umeå var alldeles för lång", null);
        try (WsClient ws = screen(tv.token())) {
            JsonNode before = playlistWhere(ws, m -> slideIds(m).containsAll(List.of("quote-" + kept, "quote-" + taken)),
                    "a playlist with both quotes");
            // a moment in mid-rotation, at a slide other than the first
            long t = clock.now() + 30_000;
            while (index(before, t) == 0) {
                t += 3_000;
            }
            // a republish with the same slides (here: the channel renamed) must not restart the rotation
            assertEquals(200, server.patchJson("/api/v1/channels/" + rhythm, server.adminKey, "{\"name\":\"Rytm\"}").statusCode());
            JsonNode after = playlistWhere(ws, m -> "Rytm".equals(m.at("/channel/name").asText()), "the renamed channel's playlist");
            assertTrue(after.get("version").asLong() > before.get("version").asLong());
            assertEquals(before.get("epoch").asLong(), after.get("epoch").asLong(), "the channel keeps its epoch");
            assertEquals(index(before, t), index(after, t), "the rotation continues instead of returning to slide 0");

            // a new slide joins the rotation on the same slot boundaries
            int added = approve("rhythm-3", "Nya öppettiderna passar mig perfekt", null);
            JsonNode grown = playlistWhere(ws, m -> slideIds(m).contains("quote-" + added), "a playlist with the new quote");
            assertEquals(before.get("epoch").asLong(), grown.get("epoch").asLong());
            assertEquals(before.get("slideMillis").asLong(), grown.get("slideMillis").asLong());

            // a takedown still removes its slide at once
            long sent = System.nanoTime();
            assertEquals(200, server.postJson("/api/v1/quotes/" + taken + "/unpublish", server.moderatorKey, "{}").statusCode());
            JsonNode without = ws.next(m -> "playlist".equals(m.path("type").asText()) && !slideIds(m).contains("quote-" + taken),
                    Duration.ofSeconds(1), "a playlist without the unpublished quote within a second");
            assertTrue(System.nanoTime() - sent < 1_000_000_000L);
            assertEquals(before.get("epoch").asLong(), without.get("epoch").asLong());
        }
    }

    @Test
    void a_page_without_token_gets_a_code_and_receives_its_token_when_an_admin_enters_it_then_revoking_sends_it_back() throws Exception {
        WsClient pairing = new WsClient(server.wsBase() + "/display/ws?pair=1");
        String code = pairing.next("pairing", WAIT).get("code").asText();
        assertTrue(code.matches("[A-HJ-NP-Z2-9]{6}"), code);

        assertBadField(server.postJson("/api/v1/screens/pair", server.adminKey,
                "{\"code\":\"ZZZZZZ\",\"name\":\"x\",\"channelId\":" + channel + "}"), "code");
        assertBadField(server.postJson("/api/v1/screens/pair", server.adminKey,
                "{\"code\":\"" + code + "\",\"name\":\"x\",\"channelId\":99999}"), "channelId");
        assertEquals(403, server.postJson("/api/v1/screens/pair", server.moderatorKey,
                "{\"code\":\"" + code + "\",\"name\":\"x\",\"channelId\":" + channel + "}").statusCode());

        // typed the way people type codes read off a TV
        String typed = code.substring(0, 3).toLowerCase() + " " + code.substring(3);
        HttpResponse<String> paired = server.postJson("/api/v1/screens/pair", server.adminKey,
                "{\"code\":\"" + typed + "\",\"name\":\"Reception 📺\",\"channelId\":" + channel + ",\"location\":\"Floor 1\"}");
        assertEquals(201, paired.statusCode(), paired.body());
        int id = TestServer.json(paired).get("id").asInt();
        String newToken = pairing.next("paired", WAIT).get("token").asText();
        assertTrue(newToken.startsWith("lbs_"));
        assertEquals(1000, pairing.closeCode.get(5, TimeUnit.SECONDS));
        // the code is used up
        assertBadField(server.postJson("/api/v1/screens/pair", server.adminKey,
                "{\"code\":\"" + code + "\",\"name\":\"again\",\"channelId\":" + channel + "}"), "code");

        WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + newToken);
        assertEquals("Reception 📺", ws.next("hello", WAIT).at("/screen/name").asText());
        ws.next("playlist", WAIT);

        assertEquals(200, server.postJson("/api/v1/screens/" + id + "/revoke", server.adminKey, "{}").statusCode());
        assertEquals(DisplayHub.CLOSE_INVALID_TOKEN, ws.closeCode.get(5, TimeUnit.SECONDS));
        WsClient again = new WsClient(server.wsBase() + "/display/ws?token=" + newToken);
        assertEquals(DisplayHub.CLOSE_INVALID_TOKEN, again.closeCode.get(5, TimeUnit.SECONDS));
        assertFalse(TestServer.json(server.get("/api/v1/screens", server.moderatorKey)).get("screens").toString().contains("Reception"));
    }

    @Test
    void the_fleet_shows_online_state_client_facts_acknowledged_version_and_what_is_showing() throws Exception {
        int quote = approve("fleet-1", "Snabb leverans, tack! 🌟", null);
        try (WsClient ws = screen(token)) {
            JsonNode p = ws.next("playlist", WAIT);
            ws.send("{\"type\":\"status\",\"clientVersion\":\"1.5.0\",\"width\":1920,\"height\":1080}");
            ws.send("{\"type\":\"ack\",\"version\":" + p.get("version").asLong() + ",\"showing\":\"quote-" + quote + "\"}");
            JsonNode row = awaitScreen(r -> r.get("online").asBoolean() && r.path("ackedVersion").asLong() == p.get("version").asLong()
                    && "1.5.0".equals(r.path("clientVersion").asText()));
            assertEquals("1920×1080", row.get("resolution").asText());
            assertEquals("Snabb leverans, tack! 🌟", row.get("showingText").asText());
            assertEquals("Lobby", row.get("channelName").asText());

            // identify and reload reach the page
            assertEquals(1, TestServer.json(server.postJson("/api/v1/screens/" + screenId + "/identify", server.moderatorKey, "{}")).get("delivered").asInt());
            assertEquals("Lobby TV", ws.next("identify", WAIT).get("name").asText());
            server.postJson("/api/v1/screens/" + screenId + "/reload", server.moderatorKey, "{}");
            ws.next("reload", WAIT);
        }
        JsonNode offline = awaitScreen(r -> !r.get("online").asBoolean());
        assertTrue(offline.get("lastSeenAt").asLong() > 0);
    }

    @Test
    void the_fleet_is_pushed_to_open_admin_pages_as_it_changes() throws Exception {
        // the stream is for EventSource: anything else is told which header is wrong
        assertBadField(server.get("/api/v1/screens/events", server.moderatorKey), "Accept");
        var s = server.lb.screens.createScreen("Pushed TV", channel, "test");
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        var stream = server.client().sendAsync(server.request("/api/v1/screens/events")
                        .header("Authorization", "Bearer " + server.moderatorKey).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> res = stream.get(5, TimeUnit.SECONDS);
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try {
                res.body().filter(l -> l.startsWith("data:")).forEach(l -> events.add(l.substring(5).trim()));
            } catch (java.io.UncheckedIOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // first the whole fleet, then a snapshot whenever something changes
            assertTrue(fleetEvent(events, r -> r.path("name").asText().equals("Pushed TV") && !r.get("online").asBoolean(),
                    Duration.ofSeconds(5)) != null, "the first event is the fleet as it is");
            long opened = System.nanoTime();
            try (WsClient ws = screen(s.token())) {
                JsonNode p = ws.next("playlist", WAIT);
                assertTrue(fleetEvent(events, r -> r.path("id").asInt() == s.id() && r.get("online").asBoolean(),
                        Duration.ofSeconds(1)) != null, "the screen online within a second");
                ws.send("{\"type\":\"ack\",\"version\":" + p.get("version").asLong() + ",\"showing\":null}");
                assertTrue(fleetEvent(events, r -> r.path("id").asInt() == s.id()
                        && r.path("ackedVersion").asLong() == p.get("version").asLong(), Duration.ofSeconds(1)) != null,
                        "the acknowledged version within a second");
            }
            assertTrue(fleetEvent(events, r -> r.path("id").asInt() == s.id() && !r.get("online").asBoolean(),
                    Duration.ofSeconds(1)) != null, "offline again within a second");
            assertTrue(System.nanoTime() - opened < 5_000_000_000L);
        } finally {
            res.body().close();
        }
    }

    /** Waits for a pushed fleet snapshot holding a screen row that matches. */
    private static JsonNode fleetEvent(java.util.concurrent.BlockingQueue<String> events,
                                       java.util.function.Predicate<JsonNode> row, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String data = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (data == null) {
                return null;
            }
            for (JsonNode r : Json.MAPPER.readTree(data).get("screens")) {
                if (row.test(r)) {
                    return r;
                }
            }
        }
    }

    private static JsonNode awaitScreen(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode r : TestServer.json(server.get("/api/v1/screens", server.moderatorKey)).get("screens")) {
                if (r.get("id").asInt() == screenId) {
                    last = r;
                    if (wanted.test(r)) {
                        return r;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fleet row never matched; last: " + last);
    }

    @Test
    void moving_a_screen_gives_it_the_other_channels_playlist_at_once() {
        int other = server.lb.screens.createChannel("kitchen", "Kitchen", 20, "test");
        var s = server.lb.screens.createScreen("Movable", channel, "test");
        try (WsClient ws = screen(s.token())) {
            ws.next("playlist", WAIT);
            assertBadField(server.postJson("/api/v1/screens/" + s.id() + "/move", server.adminKey, "{\"channelId\":\"two\"}"), "channelId");
            assertEquals(200, server.postJson("/api/v1/screens/" + s.id() + "/move", server.adminKey, "{\"channelId\":" + other + "}").statusCode());
            playlistWhere(ws, m -> m.at("/channel/id").asInt() == other, "the kitchen playlist");
        }
    }

    @Test
    void hide_all_quotes_clears_every_quote_until_lifted() {
        int quote = approve("hide-1", "Trevlig personal i kassan", null);
        try (WsClient ws = screen(token)) {
            assertTrue(slideIds(ws.next("playlist", WAIT)).contains("quote-" + quote));
            assertEquals(200, server.postJson("/api/v1/signage/hide-quotes", server.moderatorKey, "{}").statusCode());
            JsonNode hidden = playlistWhere(ws, m -> m.get("quotesHidden").asBoolean(), "a playlist with quotes hidden");
            assertTrue(slideIds(hidden).stream().noneMatch(id -> id.startsWith("quote-")), hidden.toString());
            assertTrue(TestServer.json(server.get("/api/v1/signage/quotes-hidden", server.moderatorKey)).get("hidden").asBoolean());
            assertEquals(200, server.postJson("/api/v1/signage/show-quotes", server.moderatorKey, "{}").statusCode());
            JsonNode back = playlistWhere(ws, m -> !m.get("quotesHidden").asBoolean(), "quotes back");
            assertTrue(slideIds(back).contains("quote-" + quote));
        }
    }

    @Test
    void an_announcement_takes_over_until_its_time_and_then_reverts_by_itself() {
        try (WsClient ws = screen(token)) {
            ws.next("playlist", WAIT);
            long now = clock.now();
            assertBadField(server.postJson("/api/v1/announcements", server.moderatorKey, "{\"text\":\"x\",\"until\":" + (now - 1000) + "}"), "until");
            assertBadField(server.postJson("/api/v1/announcements", server.moderatorKey, "{\"text\":\"x\",\"until\":" + (now + 8L * 24 * 3600 * 1000) + "}"), "until");
            assertBadField(server.postJson("/api/v1/announcements", server.moderatorKey, "{\"text\":\"bell\\u0007\",\"until\":" + (now + 60000) + "}"), "text");
            assertBadField(server.postJson("/api/v1/announcements", server.moderatorKey, "{\"text\":\"x\",\"until\":" + (now + 60000) + ",\"imageUrl\":\"javascript:alert(1)\"}"), "imageUrl");
            assertBadField(server.postJson("/api/v1/announcements", server.moderatorKey, "{\"until\":" + (now + 60000) + "}"), "text");

            String text = "Fika i matsalen kl 15 ☕\n<script>alert(1)</script>";
            HttpResponse<String> res = server.postJson("/api/v1/announcements", server.moderatorKey,
                    "{\"text\":" + Json.write(text) + ",\"until\":" + (now + 60_000) + ",\"channelId\":" + channel + "}");
            assertEquals(201, res.statusCode(), res.body());
            JsonNode on = playlistWhere(ws, m -> m.path("takeover").isObject(), "a takeover");
            assertEquals(text, on.at("/takeover/text").asText());
            assertEquals(now + 60_000, on.at("/takeover/until").asLong(), 1000);

            // the server clock passes the end: every screen gets the normal playlist back unasked
            clock.advance(61_000);
            playlistWhere(ws, m -> !m.path("takeover").isObject(), "the playlist without the takeover");
        } finally {
            clock.reset();
        }
    }

    @Test
    void a_quote_leaves_at_the_end_of_its_publish_window_without_anyone_touching_anything() {
        int quote = approve("window-1", "Bra service hela vägen", null);
        long until = clock.now() + 30_000;
        server.lb.db.write(cfg -> DSL.using(cfg).update(io.loopboard.store.generated.Tables.QUOTE)
                .set(io.loopboard.store.generated.Tables.QUOTE.PUBLISH_UNTIL, until)
                .where(io.loopboard.store.generated.Tables.QUOTE.ID.eq(quote)).execute());
        server.lb.events.publish(ContentEvents.Change.allChannels());
        try (WsClient ws = screen(token)) {
            JsonNode p = playlistWhere(ws, m -> slideIds(m).contains("quote-" + quote), "the quote");
            assertNotEquals(0, p.get("slides").size());
            clock.advance(31_000);
            playlistWhere(ws, m -> !slideIds(m).contains("quote-" + quote), "a playlist without the expired quote");
        } finally {
            clock.reset();
        }
    }

    @Test
    void the_score_slide_appears_only_from_the_minimum_sample_with_its_figures() {
        int ch = server.lb.screens.createChannel("scores", "Scores", 12, "test");
        assertEquals(200, server.patchJson("/api/v1/channels/" + ch, server.adminKey,
                "{\"scorePercent\":25,\"scoreMetric\":\"NPS\",\"scoreDays\":30,\"scoreMinSample\":30,\"locations\":[\"Umeå\"]}").statusCode());
        // 29 answers in Umeå: 15 promoters, 4 passives, 10 detractors; and noise elsewhere that the filter drops
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 29; i++) {
            int score = i < 15 ? 10 : i < 19 ? 8 : 3;
            batch.append(i == 0 ? "" : ",").append("{\"source\":\"nps\",\"externalId\":\"u").append(i)
                    .append("\",\"score\":").append(score).append(",\"scoreType\":\"NPS\",\"location\":\"Umeå\"}");
        }
        for (int i = 0; i < 40; i++) {
            batch.append(",{\"source\":\"nps\",\"externalId\":\"x").append(i).append("\",\"score\":0,\"scoreType\":\"NPS\",\"location\":\"Oslo\"}");
        }
        assertEquals(200, server.postJson("/api/v1/feedback", server.ingestKey, batch.append("]").toString()).statusCode());
        assertTrue(server.lb.playlists.build(ch).orElseThrow().slides().stream().noneMatch(s -> s.type().equals("score")),
                "29 answers are too few for a score");

        assertEquals(200, server.postJson("/api/v1/feedback", server.ingestKey,
                "{\"source\":\"nps\",\"externalId\":\"u29\",\"score\":9,\"scoreType\":\"NPS\",\"location\":\"Umeå\"}").statusCode());
        Slide.Score.Figures score = server.lb.playlists.build(ch).orElseThrow().slides().stream()
                .filter(s -> s instanceof Slide.Score).map(s -> ((Slide.Score) s).data()).findFirst().orElseThrow();
        assertEquals(30, score.sampleSize());
        assertEquals(20, score.value()); // 16 promoters, 10 detractors of 30: 53 % − 33 % = 20
        assertEquals(30, score.days());
        assertEquals(null, score.trend(), "no earlier period with enough answers, so no trend");
    }
}

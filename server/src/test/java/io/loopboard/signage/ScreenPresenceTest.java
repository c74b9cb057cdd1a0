package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.store.Clock;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet view tells the truth about screens that go away: at once when a page closes its
 * socket, and within the silence limit when a screen dies without a word (power or network gone),
 * which no navigation can imitate: that case is a socket that simply stops, half-open.
 */
class ScreenPresenceTest {

    /** Short enough to test; the default is {@link io.loopboard.config.Config#DEFAULT_SCREEN_SILENCE_SECONDS}. */
    static final int SILENCE_SECONDS = 3;
    static TestServer server;
    static int channel;

    @BeforeAll
    static void start() {
        server = new TestServer(Clock.SYSTEM, c -> c.withScreenSilenceSeconds(SILENCE_SECONDS));
        channel = server.lb.screens.createChannel("lobby", "Lobby", 10, "test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Boolean online(String name) {
        JsonNode screens = server.getOk("/api/v1/screens", server.adminKey).get("screens");
        for (JsonNode s : screens) {
            if (s.get("name").asText().equals(name)) {
                return s.get("online").asBoolean();
            }
        }
        return null;
    }

    /** Waits up to {@code limitMs} for the screen's online state; returns how long it took. */
    private static long awaitOnline(String name, boolean expected, long limitMs) throws InterruptedException {
        long from = System.nanoTime();
        while (true) {
            long ms = (System.nanoTime() - from) / 1_000_000;
            if (Boolean.valueOf(expected).equals(online(name))) {
                return ms;
            }
            if (ms > limitMs) {
                throw new AssertionError(name + " still " + (expected ? "offline" : "online") + " after " + ms + " ms");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void hello_asks_for_a_message_at_least_every_third_of_the_silence_limit() throws Exception {
        String token = server.lb.screens.createScreen("Reception TV", channel, "test").token();
        try (WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + token)) {
            JsonNode hello = ws.next("hello", Duration.ofSeconds(5));
            assertEquals(SILENCE_SECONDS * 1000 / 3, hello.get("heartbeatMillis").asLong());
        }
    }

    @Test
    void a_screen_that_keeps_sending_stays_online_past_the_silence_limit() throws Exception {
        String token = server.lb.screens.createScreen("Canteen TV", channel, "test").token();
        try (WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + token)) {
            long every = ws.next("hello", Duration.ofSeconds(5)).get("heartbeatMillis").asLong();
            awaitOnline("Canteen TV", true, 2_000);
            long until = System.currentTimeMillis() + 3L * SILENCE_SECONDS * 1000;
            while (System.currentTimeMillis() < until) {
                ws.send("{\"type\":\"time\",\"clientSent\":" + System.currentTimeMillis() + "}");
                Thread.sleep(every);
                assertEquals(Boolean.TRUE, online("Canteen TV"), "a screen that speaks is online");
            }
        }
    }

    @Test
    void a_clean_close_shows_offline_within_a_second_and_a_half() throws Exception {
        String token = server.lb.screens.createScreen("Shop TV", channel, "test").token();
        WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + token);
        ws.next("playlist", Duration.ofSeconds(5));
        awaitOnline("Shop TV", true, 2_000);
        ws.closeCleanly();
        long ms = awaitOnline("Shop TV", false, 1_500);
        ws.close();
        System.out.println("ScreenPresenceTest: offline shown " + ms + " ms after a clean close");
    }

    @Test
    void a_screen_that_dies_without_closing_shows_offline_within_the_silence_limit() throws Exception {
        String token = server.lb.screens.createScreen("Warehouse TV", channel, "test").token();
        try (SilentSocket tv = SilentSocket.open(server.lb.port(), "/display/ws?token=" + token)) {
            tv.sendText("{\"type\":\"time\",\"clientSent\":" + System.currentTimeMillis() + "}");
            long lastWord = System.nanoTime();
            awaitOnline("Warehouse TV", true, 2_000);
            // from now on the socket neither reads nor writes: the TV lost power; TCP still looks open
            long limit = SILENCE_SECONDS * 1000L + SILENCE_SECONDS * 100L + 1_000;
            awaitOnline("Warehouse TV", false, limit);
            long ms = (System.nanoTime() - lastWord) / 1_000_000;
            System.out.println("ScreenPresenceTest: offline shown " + ms + " ms after a silent screen's last word");
            assertTrue(ms >= SILENCE_SECONDS * 1000L - 200, "not before the silence limit: " + ms + " ms");
            assertTrue(tv.stillOpenLocally(), "the socket was never closed from this side");
        }
    }

    /**
     * A WebSocket client written on a bare socket, so that it can go silent the way a powered-off
     * TV does: after the handshake it writes only what the test tells it and never reads again
     * (the JDK's client would keep answering pings).
     */
    static final class SilentSocket implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final SecureRandom random = new SecureRandom();

        private SilentSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        static SilentSocket open(int port, String path) throws IOException {
            Socket s = new Socket("localhost", port);
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                    + "\r\nSec-WebSocket-Version: 13\r\nUser-Agent: silent-test-tv\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String head = readHead(s.getInputStream());
            if (!head.startsWith("HTTP/1.1 101")) {
                s.close();
                throw new AssertionError("no upgrade: " + head);
            }
            return new SilentSocket(s);
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        /** One masked text frame, as a browser sends it. */
        void sendText(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            if (payload.length > 125) {
                throw new IllegalArgumentException("short frames only");
            }
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(0x80 | payload.length);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }

        boolean stillOpenLocally() {
            return !socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

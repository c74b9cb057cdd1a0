package io.loopboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.loopboard.support.CapturedLogs;
import io.loopboard.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thousand connections from one address that announce a large body and send it a byte at a
 * time (to the login form and to a webhook, no login needed) leave the server answering
 * everyone else: the health check and a moderator's queue within a second each.
 */
class SlowClientsTest {

    private static final int ATTACKERS = 1000;

    @Test
    void a_thousand_slow_bodies_from_one_address_leave_health_and_the_moderators_queue_answering_within_a_second() throws Exception {
        CapturedLogs captured = new CapturedLogs();
        List<Socket> slow = new ArrayList<>();
        try (TestServer server = new TestServer()) {
            TestServer.Session moderator = server.session(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD);
            // warm both paths up, so the figures below measure the attack and not the first request's class loading
            for (int i = 0; i < 5; i++) {
                probe(server, "/health", null);
                probe(server, "/api/v1/quotes?status=pending&limit=50", moderator);
            }
            // the attacker: another loopback address than the moderator's, so the per-address limits tell them apart
            InetAddress attacker = InetAddress.getByName("127.0.0.2");
            for (int i = 0; i < ATTACKERS; i++) {
                Socket s = new Socket();
                try {
                    s.bind(new InetSocketAddress(attacker, 0));
                    s.connect(new InetSocketAddress("127.0.0.1", server.lb.port()), 5_000);
                    String path = i % 2 == 0 ? "/login" : "/api/v1/webhooks/typeform";
                    String type = i % 2 == 0 ? "application/x-www-form-urlencoded" : "application/json";
                    OutputStream out = s.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                            + "\r\nContent-Length: 1000000\r\n\r\n" + (i % 2 == 0 ? "e" : "{")).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(s);
                } catch (IOException refused) {
                    s.close(); // the server may close a connection over its limit before the request is written
                }
            }
            // the attacker keeps every connection alive with a byte now and then, as long as the probes run
            Thread trickle = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write('a');
                            s.getOutputStream().flush();
                        } catch (IOException closed) {
                            // cut off by the server: that is the point
                        }
                    }
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "slow-attacker");
            trickle.setDaemon(true);
            trickle.start();
            List<Long> health = new ArrayList<>();
            List<Long> queue = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    health.add(probe(server, "/health", null));
                    queue.add(probe(server, "/api/v1/quotes?status=pending&limit=50", moderator));
                    Thread.sleep(500);
                }
                // the slow bodies are refused at their next byte once their grace time is over
                long until = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < until && captured.events().stream()
                        .noneMatch(e -> e.getFormattedMessage().startsWith("request aborted: POST /login from 127.0.0.2"))) {
                    Thread.sleep(200);
                }
            } finally {
                trickle.interrupt();
                trickle.join(5_000);
            }
            assertTrue(health.stream().allMatch(ms -> ms < 1_000), "/health took (ms) " + health);
            assertTrue(queue.stream().allMatch(ms -> ms < 1_000), "the moderator's queue took (ms) " + queue);

            // the connections over the per-address limit were closed by the server
            int stillOpen = 0;
            for (Socket s : slow) {
                if (open(s)) {
                    stillOpen++;
                }
            }
            assertTrue(stillOpen <= io.loopboard.config.Config.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                    stillOpen + " of " + ATTACKERS + " slow connections still open");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            captured.close();
        }
        // aborted requests were logged, one line each: no stack trace for a client's fault
        List<ILoggingEvent> traces = captured.events().stream().filter(e -> e.getThrowableProxy() != null).toList();
        assertEquals(List.of(), traces.stream().map(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + " / "
                + e.getThrowableProxy().getClassName()).distinct().limit(5).toList(), "stack traces logged during the attack");
        assertTrue(captured.events().stream().anyMatch(e -> e.getFormattedMessage().startsWith("request aborted: POST /login from 127.0.0.2")),
                "a slow login body is logged as an aborted request");
        assertTrue(captured.events().stream().allMatch(e -> !e.getFormattedMessage().contains("\n")), "every log entry is one line");
    }

    /** Whether the server still holds this connection open (no end of stream within a moment). */
    private static boolean open(Socket s) {
        try {
            s.setSoTimeout(20);
            byte[] buf = new byte[4096];
            while (true) {
                if (s.getInputStream().read(buf) < 0) {
                    return false;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** Milliseconds for one answer; a failure or anything but 200 fails the test with what came back. */
    private static long probe(TestServer server, String path, TestServer.Session session) throws Exception {
        HttpRequest.Builder b = server.request(path).timeout(Duration.ofSeconds(10)).GET();
        if (session != null) {
            b.header("Cookie", "lb_session=" + session.cookie());
        }
        long start = System.nanoTime();
        HttpResponse<String> res = server.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, res.statusCode(), path + ": " + res.body());
        return ms;
    }
}

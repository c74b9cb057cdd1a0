package io.loopboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A moderator's decision whose small body reaches the server in two pieces a moment apart (a busy
 * client or network, or simply a server thread that reads it a few milliseconds late) is taken
 * like any other: the guard against slow bodies must never refuse a two-byte body as too slow.
 * (Jetty's own minimum data rate did: it answered 408 to about one takedown in 300 on a busy
 * machine, and to every one of these.)
 */
class SmallBodiesLateTest {

    @Test
    void a_decision_whose_body_arrives_in_pieces_a_moment_apart_is_taken() throws Exception {
        try (TestServer server = new TestServer()) {
            for (int pause : new int[] {50, 250, 1500}) {
                int quote = server.ingestAndFindQuote("late-body-" + pause, "Snabb hjälp i kassan, tack Åsa! 😊 (" + pause + ")", null);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", server.lb.port()), 5_000);
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /api/v1/quotes/" + quote + "/approve HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + server.moderatorKey + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(pause);
                    out.write("}".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String response = readAll(s.getInputStream());
                    assertTrue(response.startsWith("HTTP/1.1 200 "), "the second byte " + pause + " ms after the first: " + response);
                }
                assertEquals("approved", server.getOk("/api/v1/quotes/" + quote, server.moderatorKey).get("status").asText());
            }
        }
    }

    private static String readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}

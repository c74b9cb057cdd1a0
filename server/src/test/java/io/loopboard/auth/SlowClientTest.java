package io.loopboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.store.Clock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that starts a request and then stalls is cut off after the idle timeout. */
class SlowClientTest {

    @TempDir
    Path dir;

    @Test
    void a_stalled_request_is_closed_after_the_idle_timeout() throws Exception {
        try (Loopboard lb = new Loopboard(Config.forDataDir(dir, 0).withHttpIdleTimeoutSeconds(1), Clock.SYSTEM)) {
            lb.start();
            try (Socket socket = new Socket("localhost", lb.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("POST /api/v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n{\"source\":"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long start = System.nanoTime();
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[4096];
                while (in.read(buf) >= 0) {
                    // drain whatever error response comes before the close
                }
                long waitedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(waitedMs < 8_000, "closed after " + waitedMs + " ms");
            }
            var health = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + lb.port() + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "the server still serves others");
        }
    }
}

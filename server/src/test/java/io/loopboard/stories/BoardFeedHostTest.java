package io.loopboard.stories;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.auth.Role;
import io.loopboard.config.Config;
import io.loopboard.store.Clock;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Atom feed's links name the address Loopboard is published at, never whatever {@code Host}
 * a client sent; the board and the feed tell caches not to share or keep them.
 */
class BoardFeedHostTest {

    @TempDir
    Path dir;

    private static String get(int port, String path, String key, String... headers) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nConnection: close\r\n");
            boolean host = false;
            for (String h : headers) {
                host |= h.regionMatches(true, 0, "Host:", 0, 5);
                req.append(h).append("\r\n");
            }
            if (!host) {
                req.append("Host: localhost:").append(port).append("\r\n");
            }
            req.append("Authorization: Bearer ").append(key).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static String header(String answer, String name) {
        return answer.lines().takeWhile(l -> !l.isEmpty())
                .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse("");
    }

    @Test
    void without_a_public_url_the_feed_ignores_the_host_a_client_sends() throws Exception {
        try (Loopboard lb = new Loopboard(Config.forDataDir(dir, 0), Clock.SYSTEM)) {
            lb.start();
            String key = lb.auth.createApiKey("feed", Role.ADMIN, "test").key();
            for (String[] hostile : new String[][] {{"Host: evil.example"}, {"X-Forwarded-Host: evil.example"},
                    {"Host: evil.example", "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example"}}) {
                String feed = get(lb.port(), "/improvements.atom", key, hostile);
                assertTrue(feed.startsWith("HTTP/1.1 200"), feed);
                assertFalse(feed.contains("evil.example"), String.join(", ", hostile) + " reached the feed:\n" + feed);
                assertTrue(feed.contains("http://localhost:" + lb.port() + "/improvements.atom"), feed);
            }
            for (String path : List.of("/improvements.atom", "/improvements")) {
                String cache = header(get(lb.port(), path, key), "Cache-Control");
                assertTrue(cache.contains("private") && cache.contains("no-cache"), path + ": Cache-Control " + cache);
            }
        }
    }

    @Test
    void the_configured_public_url_names_the_links_and_a_trusted_proxy_may_name_the_host() throws Exception {
        try (Loopboard lb = new Loopboard(Config.forDataDir(dir.resolve("a"), 0).withPublicUrl("https://loop.example.se/"), Clock.SYSTEM)) {
            lb.start();
            String key = lb.auth.createApiKey("feed", Role.ADMIN, "test").key();
            String feed = get(lb.port(), "/improvements.atom", key, "Host: evil.example");
            assertTrue(feed.contains("https://loop.example.se/improvements.atom"), feed);
            assertFalse(feed.contains("evil.example"), feed);
        }
        try (Loopboard lb = new Loopboard(Config.forDataDir(dir.resolve("b"), 0).withTrustedProxies(List.of("127.0.0.1")), Clock.SYSTEM)) {
            lb.start();
            String key = lb.auth.createApiKey("feed", Role.ADMIN, "test").key();
            String feed = get(lb.port(), "/improvements.atom", key, "Host: internal:8080", "X-Forwarded-Host: board.example.se",
                    "X-Forwarded-Proto: https");
            assertTrue(feed.contains("https://board.example.se/improvements.atom"), feed);
            String odd = get(lb.port(), "/improvements.atom", key, "X-Forwarded-Host: a\"b<c>.example");
            assertFalse(odd.contains("<c>"), odd);
        }
    }
}

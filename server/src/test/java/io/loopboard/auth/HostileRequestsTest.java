package io.loopboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests a browser would never send: each gets a 4xx in the API's shape, never a 500 or a bare Jetty page. */
class HostileRequestsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends raw bytes, as no well-behaved client library would, and returns the whole answer. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", server.lb.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void jettys_own_error_answers_carry_the_security_headers_and_the_json_shape() throws Exception {
        for (String request : new String[] {
                "GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n", // no Host: Jetty refuses HTTP/1.1 without one
                "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n"}) {
            String answer = raw(request);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase();
            String what = request.substring(0, Math.min(40, request.length())).replace("\r\n", " ");
            assertTrue(answer.startsWith("HTTP/1.1 4"), what + " → " + answer.lines().findFirst().orElse(""));
            assertTrue(head.contains("content-security-policy: default-src 'self'"), what + " lacks the CSP:\n" + head);
            assertTrue(head.contains("x-content-type-options: nosniff"), what + ":\n" + head);
            assertTrue(head.contains("x-frame-options: deny"), what + ":\n" + head);
            assertTrue(head.contains("content-type: application/json"), what + ":\n" + head);
            assertFalse(answer.contains("<html"), what + " answered with Jetty's HTML page");
        }
    }

    @Test
    void a_queue_cursor_too_large_for_its_number_is_a_400_naming_the_cursor() {
        for (String cursor : new String[] {"9999999999999999999.9", "1.9999999999", "-9999999999999999999.1"}) {
            HttpResponse<String> res = server.get("/api/v1/quotes?cursor=" + cursor, server.moderatorKey);
            assertEquals(400, res.statusCode(), cursor + ": " + res.body());
            assertEquals("cursor", TestServer.json(res).get("errors").get(0).get("field").asText(), res.body());
        }
        assertEquals(200, server.get("/api/v1/quotes?cursor=9223372036854775807.2147483647", server.moderatorKey).statusCode(),
                "the largest cursor that fits is still a cursor");
    }
}

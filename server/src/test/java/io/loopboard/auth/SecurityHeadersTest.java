package io.loopboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void every_page_asset_api_answer_and_error_carries_a_strict_csp_and_friends() {
        TestServer.Session admin = server.session(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        for (String path : new String[] {"/login", "/admin", "/admin/users", "/display/", "/display/display.js",
                "/assets/admin.js", "/api/v1/quotes", "/api/v1/nope", "/health"}) {
            HttpResponse<String> res = server.asSession(admin, "GET", path, null);
            String csp = res.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", res.headers().firstValue("Referrer-Policy").orElse(""), path);
        }
    }

    @Test
    void no_page_has_inline_script_or_style() {
        TestServer.Session admin = server.session(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        for (String path : new String[] {"/login", "/admin", "/admin/users", "/display/"}) {
            String html = server.asSession(admin, "GET", path, null).body();
            assertTrue(!html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), path + " has an inline script");
            assertTrue(!html.contains("<style") && !html.contains(" style=") && !html.contains(" onclick="), path + " has inline style or handlers");
        }
    }
}

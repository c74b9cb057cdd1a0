package io.loopboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where a login sends the browser afterwards, and who may post the login form. */
class LoginRedirectAndOriginTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> login(String next, String... headers) {
        String form = "email=" + URLEncoder.encode(TestServer.MODERATOR_EMAIL, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(TestServer.MODERATOR_PASSWORD, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        HttpRequest.Builder b = server.request("/login").header("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static boolean setsSession(HttpResponse<String> res) {
        return res.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("lb_session=") && !c.startsWith("lb_session=;"));
    }

    @Test
    void next_that_a_browser_would_read_as_another_host_sends_to_admin_instead() {
        String[] hostile = {"/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "//evil.example",
                "/\\evil.example", "\\/evil.example", "https://evil.example/", "javascript:alert(1)", "/\u0000/evil.example",
                "/\u00a0/evil.example", "/\u200b/evil.example", "http:/evil.example", "/%", "evil.example", ""};
        for (String next : hostile) {
            HttpResponse<String> res = login(next);
            assertEquals(302, res.statusCode(), next);
            assertEquals("/admin", res.headers().firstValue("Location").orElse(""), "next=" + next.replace("\t", "\\t"));
        }
    }

    @Test
    void a_same_origin_path_with_its_query_survives_the_login() {
        for (String next : new String[] {"/admin/stories?quote=42", "/admin/audit", "/improvements/7", "/admin/sources?x=%C3%A5"}) {
            HttpResponse<String> res = login(next);
            assertEquals(next, res.headers().firstValue("Location").orElse(""), next);
        }
    }

    @Test
    void a_login_posted_from_another_site_is_refused_and_opens_no_session() {
        String[][] foreign = {{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"},
                {"Sec-Fetch-Site", "same-site"}, {"Origin", "http://localhost.evil.example"}};
        for (String[] h : foreign) {
            HttpResponse<String> res = login("/admin", h[0], h[1]);
            assertEquals(403, res.statusCode(), h[0] + ": " + h[1]);
            assertEquals("Origin", TestServer.json(res).get("errors").get(0).get("field").asText());
            assertTrue(!setsSession(res), h[0] + ": " + h[1] + " opened a session");
        }
        // a cross-site post that also claims our origin is still cross-site
        assertEquals(403, login("/admin", "Sec-Fetch-Site", "cross-site", "Origin", server.base()).statusCode());
    }

    @Test
    void a_login_from_our_own_page_or_a_client_without_browser_headers_works() {
        assertTrue(setsSession(login("/admin", "Sec-Fetch-Site", "same-origin", "Origin", "null")), "our page, no referrer policy");
        assertTrue(setsSession(login("/admin", "Origin", server.base())), "an older browser on our page");
        assertTrue(setsSession(login("/admin", "Sec-Fetch-Site", "none")), "typed by the person");
        assertTrue(setsSession(login("/admin")), "a script, no browser");
    }
}

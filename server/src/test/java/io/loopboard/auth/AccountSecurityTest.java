package io.loopboard.auth;

import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.loopboard.store.Clock;
import io.loopboard.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Users, sessions, lockout and API keys as an administrator and an attacker would meet them. */
class AccountSecurityTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> loginAttempt(String email, String password) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return server.send(server.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static boolean gotSession(HttpResponse<String> res) {
        return res.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("lb_session=") && !c.startsWith("lb_session=;"));
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_strict() {
        HttpResponse<String> res = loginAttempt(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD);
        String cookie = res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lb_session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(!cookie.contains("Secure"), "Secure only when configured behind TLS: " + cookie);
    }

    @Test
    void an_account_is_locked_after_five_failures_and_failures_are_logged_without_the_password() {
        server.lb.auth.createUser("locked.out@example.se", null, "the-right-password-1", Role.MODERATOR, "test");
        Logger logger = (Logger) LoggerFactory.getLogger(AuthController.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ACCOUNT; i++) {
                HttpResponse<String> res = loginAttempt("locked.out@example.se", "guess-number-" + i);
                assertTrue(res.headers().firstValue("Location").orElse("").contains("failed=1"));
            }
            HttpResponse<String> locked = loginAttempt("locked.out@example.se", "the-right-password-1");
            assertTrue(locked.headers().firstValue("Location").orElse("").contains("locked=1"), "locked even with the right password");
            assertTrue(!gotSession(locked));
            assertTrue(gotSession(loginAttempt(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD)),
                    "other accounts are unaffected");
        } finally {
            logger.detachAppender(appender);
        }
        String logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(logged.contains("failed login for 'locked.out@example.se'"), logged);
        assertTrue(!logged.contains("guess-number") && !logged.contains("the-right-password"), "no password in the log: " + logged);
    }

    @Test
    void an_address_spraying_many_accounts_is_locked_out() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i + "@example.se", "203.0.113.7");
        }
        assertTrue(throttle.locked("someone.new@example.se", "203.0.113.7"));
        assertTrue(!throttle.locked("someone.new@example.se", "198.51.100.1"));
    }

    @Test
    void sessions_end_after_the_idle_and_the_absolute_timeout() {
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        Clock clock = now::get;
        AuthService auth = new AuthService(server.lb.db, clock);
        String idle = auth.login(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD).orElseThrow().sessionId();
        now.addAndGet(AuthService.IDLE_TIMEOUT_MS - 60_000);
        assertTrue(auth.fromSession(idle).isPresent(), "still within the idle timeout");
        now.addAndGet(AuthService.IDLE_TIMEOUT_MS + 1);
        assertTrue(auth.fromSession(idle).isEmpty(), "idle too long");

        String busy = auth.login(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD).orElseThrow().sessionId();
        long started = now.get();
        while (now.get() - started < AuthService.ABSOLUTE_TIMEOUT_MS - AuthService.IDLE_TIMEOUT_MS) {
            now.addAndGet(AuthService.IDLE_TIMEOUT_MS / 2);
            assertTrue(auth.fromSession(busy).isPresent(), "used regularly, so not idle");
        }
        now.set(started + AuthService.ABSOLUTE_TIMEOUT_MS + 1);
        assertTrue(auth.fromSession(busy).isEmpty(), "past the absolute timeout, however busy");
    }

    @Test
    void logout_everywhere_ends_every_session_of_the_user() {
        TestServer.Session laptop = server.session(TestServer.VIEWER_EMAIL, TestServer.VIEWER_PASSWORD);
        TestServer.Session phone = server.session(TestServer.VIEWER_EMAIL, TestServer.VIEWER_PASSWORD);
        HttpResponse<String> res = server.asSession(laptop, "POST", "/api/v1/me/logout-everywhere", "{}");
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(json(res).get("sessionsEnded").asInt() >= 2);
        assertEquals(401, server.asSession(phone, "GET", "/api/v1/me", null).statusCode());
        assertEquals(401, server.asSession(laptop, "GET", "/api/v1/me", null).statusCode());
    }

    @Test
    void an_admin_creates_disables_and_resets_users_and_disabling_ends_their_sessions() {
        TestServer.Session admin = server.session(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        HttpResponse<String> weak = server.asSession(admin, "POST", "/api/v1/users",
                "{\"email\":\"new@example.se\",\"password\":\"short\",\"role\":\"moderator\"}");
        assertEquals(400, weak.statusCode());
        assertEquals("password", json(weak).get("errors").get(0).get("field").asText());
        assertEquals("role", json(server.asSession(admin, "POST", "/api/v1/users",
                "{\"email\":\"new@example.se\",\"password\":\"long-enough-pass\",\"role\":\"ingest\"}")).get("errors").get(0).get("field").asText());

        HttpResponse<String> created = server.asSession(admin, "POST", "/api/v1/users",
                "{\"email\":\"Åsa.Nyberg@example.se\",\"displayName\":\"Åsa\",\"password\":\"  spaces count too  \",\"role\":\"moderator\"}");
        assertEquals(201, created.statusCode(), created.body());
        int id = json(created).get("id").asInt();
        assertEquals(409, server.asSession(admin, "POST", "/api/v1/users",
                "{\"email\":\"åsa.nyberg@example.se\",\"password\":\"another-long-one\",\"role\":\"viewer\"}").statusCode());

        TestServer.Session asa = server.session("åsa.nyberg@example.se", "  spaces count too  ");
        assertEquals(204, server.asSession(admin, "POST", "/api/v1/users/" + id + "/disable", null).statusCode());
        assertEquals(401, server.asSession(asa, "GET", "/api/v1/me", null).statusCode(), "disabled: session over");
        assertTrue(!gotSession(loginAttempt("åsa.nyberg@example.se", "  spaces count too  ")), "disabled: cannot log in");

        assertEquals(204, server.asSession(admin, "POST", "/api/v1/users/" + id + "/enable", null).statusCode());
        assertEquals(204, server.asSession(admin, "POST", "/api/v1/users/" + id + "/password",
                "{\"password\":\"brand-new-secret-2026\"}").statusCode());
        assertTrue(gotSession(loginAttempt("åsa.nyberg@example.se", "brand-new-secret-2026")));
        assertTrue(!gotSession(loginAttempt("åsa.nyberg@example.se", "  spaces count too  ")));
    }

    @Test
    void an_api_key_is_shown_once_listed_with_its_last_use_and_stops_working_when_revoked() {
        TestServer.Session admin = server.session(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        HttpResponse<String> created = server.asSession(admin, "POST", "/api/v1/apikeys", "{\"name\":\"typeform\",\"role\":\"ingest\"}");
        assertEquals(201, created.statusCode(), created.body());
        String key = json(created).get("key").asText();
        int id = json(created).get("id").asInt();
        assertEquals(200, server.postJson("/api/v1/feedback", key, "{\"source\":\"k\",\"externalId\":\"1\"}").statusCode());

        String listed = server.asSession(admin, "GET", "/api/v1/apikeys", null).body();
        assertTrue(!listed.contains(key), "the key is never listed");
        var row = json(server.asSession(admin, "GET", "/api/v1/apikeys", null)).get("apiKeys");
        var mine = java.util.stream.StreamSupport.stream(row.spliterator(), false).filter(k -> k.get("id").asInt() == id).findFirst().orElseThrow();
        assertTrue(mine.get("lastUsedAt").isNumber(), "last use shown");
        assertTrue(key.startsWith(mine.get("prefix").asText()));

        assertEquals(204, server.asSession(admin, "POST", "/api/v1/apikeys/" + id + "/revoke", null).statusCode());
        assertEquals(401, server.postJson("/api/v1/feedback", key, "{\"source\":\"k\",\"externalId\":\"2\"}").statusCode());
    }

    @Test
    void a_link_into_admin_survives_the_login_with_its_query_string() {
        HttpResponse<String> page = server.send(server.request("/admin/stories?quote=42&lang=sv")
                .header("Accept", "text/html").GET().build());
        assertEquals(302, page.statusCode());
        String location = page.headers().firstValue("Location").orElseThrow();
        assertEquals("/login?next=" + URLEncoder.encode("/admin/stories?quote=42&lang=sv", StandardCharsets.UTF_8), location);

        String next = java.net.URLDecoder.decode(location.substring("/login?next=".length()), StandardCharsets.UTF_8);
        String form = "email=" + URLEncoder.encode(TestServer.MODERATOR_EMAIL, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(TestServer.MODERATOR_PASSWORD, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        HttpResponse<String> login = server.send(server.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertTrue(gotSession(login));
        assertEquals("/admin/stories?quote=42&lang=sv", login.headers().firstValue("Location").orElseThrow());
    }
}

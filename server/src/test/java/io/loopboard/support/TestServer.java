package io.loopboard.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.app.Loopboard;
import io.loopboard.auth.AuthService;
import io.loopboard.auth.Role;
import io.loopboard.config.Config;
import io.loopboard.core.Json;
import io.loopboard.store.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real server for a test class: a fresh SQLite file in a temporary folder, Jetty on a
 * random port, an administrator and API keys of each role.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_EMAIL = "cx.lead@example.se";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String MODERATOR_EMAIL = "moderator@example.se";
    public static final String MODERATOR_PASSWORD = "moderate-with-care-2026";
    public static final String VIEWER_EMAIL = "team@example.se";
    public static final String VIEWER_PASSWORD = "we-read-the-board-2026";

    public final Path dataDir;
    public final Loopboard lb;
    public final String ingestKey;
    public final String moderatorKey;
    public final String adminKey;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public TestServer() {
        this(Clock.SYSTEM);
    }

    /** With a server clock the test controls (see {@link MutableClock}). */
    public TestServer(Clock clock) {
        this(clock, java.util.function.UnaryOperator.identity());
    }

    /** With a server clock and changes to the default test config (e.g. an SMTP server). */
    public TestServer(Clock clock, java.util.function.UnaryOperator<Config> configure) {
        try {
            dataDir = Files.createTempDirectory("loopboard-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lb = new Loopboard(configure.apply(Config.forDataDir(dataDir, 0)), clock);
        lb.start();
        AuthService auth = lb.auth;
        auth.createUser(ADMIN_EMAIL, "CX lead", ADMIN_PASSWORD, Role.ADMIN, "test");
        auth.createUser(MODERATOR_EMAIL, "Moderator", MODERATOR_PASSWORD, Role.MODERATOR, "test");
        auth.createUser(VIEWER_EMAIL, "Team", VIEWER_PASSWORD, Role.VIEWER, "test");
        ingestKey = auth.createApiKey("test-ingest", Role.INGEST, "test").key();
        moderatorKey = auth.createApiKey("test-moderator", Role.MODERATOR, "test").key();
        adminKey = auth.createApiKey("test-admin", Role.ADMIN, "test").key();
    }

    public String base() {
        return "http://localhost:" + lb.port();
    }

    public String wsBase() {
        return "ws://localhost:" + lb.port();
    }

    public HttpClient client() {
        return http;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
    }

    public HttpResponse<String> get(String path, String bearer) {
        var b = request(path).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    /** GETs JSON that must be there: anything but 200 fails the test with the body. */
    public JsonNode getOk(String path, String bearer) {
        HttpResponse<String> res = get(path, bearer);
        if (res.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + res.statusCode() + ": " + res.body());
        }
        return json(res);
    }

    public HttpResponse<String> postJson(String path, String bearer, String json) {
        return sendJson("POST", path, bearer, json);
    }

    public HttpResponse<String> patchJson(String path, String bearer, String json) {
        return sendJson("PATCH", path, bearer, json);
    }

    public HttpResponse<String> putJson(String path, String bearer, String json) {
        return sendJson("PUT", path, bearer, json);
    }

    private HttpResponse<String> sendJson(String method, String path, String bearer, String json) {
        var b = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public HttpResponse<String> postBytes(String path, String bearer, byte[] body) {
        var b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    /** Logs in through the real form and returns the session cookie value. */
    public String login(String email, String password) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2Fadmin";
        HttpResponse<String> res = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return res.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("lb_session="))
                .map(c -> c.substring("lb_session=".length(), c.indexOf(';')))
                .filter(v -> !v.isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("login failed: " + res.statusCode() + " " + res.headers().map()));
    }

    /** A logged-in browser session: its cookie and CSRF token. */
    public record Session(String cookie, String csrf) {
    }

    public Session session(String email, String password) {
        String cookie = login(email, password);
        HttpResponse<String> me = send(request("/api/v1/me").header("Cookie", "lb_session=" + cookie).GET().build());
        return new Session(cookie, json(me).get("csrfToken").asText());
    }

    /** A request as that session would send it from its page (cookie, and the CSRF header on changes). */
    public HttpResponse<String> asSession(Session s, String method, String path, String json) {
        HttpRequest.Builder b = request(path).header("Cookie", "lb_session=" + s.cookie());
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("X-CSRF-Token", s.csrf()).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json, StandardCharsets.UTF_8));
        }
        return send(b.build());
    }

    public static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + res.statusCode() + "): " + res.body(), e);
        }
    }

    /** Creates an auto-approve rule (the JSON of {@code POST /api/v1/auto-approve-rules}) with the moderator key; returns its id. */
    public int createAutoApproveRule(String json) {
        HttpResponse<String> created = postJson("/api/v1/auto-approve-rules", moderatorKey, json);
        if (created.statusCode() != 201) {
            throw new AssertionError("rule not created: " + created.statusCode() + " " + created.body());
        }
        return json(created).get("id").asInt();
    }

    /** Posts feedback with the ingest key and returns the id of the pending quote it created. */
    public int ingestAndFindQuote(String externalId, String comment, String extraJson) {
        return ingestAndFind(externalId, comment, extraJson, "status=pending&");
    }

    /** Like {@link #ingestAndFindQuote} for a quote that may have been decided at once (auto-approve rules). */
    public int ingestAndFindQuoteAnyStatus(String externalId, String comment, String extraJson) {
        return ingestAndFind(externalId, comment, extraJson, "");
    }

    private int ingestAndFind(String externalId, String comment, String extraJson, String statusParam) {
        String body = "{\"source\":\"test\",\"externalId\":\"" + externalId + "\",\"comment\":" + Json.write(comment)
                + (extraJson == null ? "" : "," + extraJson) + "}";
        HttpResponse<String> res = postJson("/api/v1/feedback", ingestKey, body);
        if (res.statusCode() != 200) {
            throw new AssertionError("ingest failed: " + res.body());
        }
        for (JsonNode q : json(get("/api/v1/quotes?" + statusParam + "limit=500", moderatorKey)).get("quotes")) {
            if (q.get("originalText").asText().equals(comment.strip())) {
                return q.get("id").asInt();
            }
        }
        throw new AssertionError("no quote for " + externalId + " (" + statusParam + ")");
    }

    @Override
    public void close() {
        lb.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}

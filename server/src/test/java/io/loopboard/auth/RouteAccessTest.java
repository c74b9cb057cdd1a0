package io.loopboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import io.loopboard.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enumerates every route Javalin has registered and checks it against the declared access
 * table below: a new route without an entry here fails the build, and each role (and no login
 * at all) is tried against every protected route.
 */
class RouteAccessTest {

    /** "METHOD path" → the roles that may use it; an empty set means public on purpose. */
    private static final Map<String, Set<Role>> DECLARED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /", Set.of()),
            Map.entry("GET /login", Set.of()),
            Map.entry("POST /login", Set.of()),
            Map.entry("POST /logout", Set.of()),
            Map.entry("GET /health", Set.of()),
            Map.entry("GET /display", Set.of()),
            Map.entry("GET /admin", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/me", Set.of(Role.VIEWER, Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/me/logout-everywhere", Set.of(Role.VIEWER, Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /admin/users", Set.of(Role.ADMIN)),
            Map.entry("GET /api/v1/users", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/users", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/users/{id}/disable", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/users/{id}/enable", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/users/{id}/password", Set.of(Role.ADMIN)),
            Map.entry("GET /api/v1/apikeys", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/apikeys", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/apikeys/{id}/revoke", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/feedback", Set.of(Role.INGEST, Role.ADMIN)),
            Map.entry("GET /api/v1/quotes", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/quotes/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/quotes/{id}/approve", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/quotes/{id}/reject", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/quotes/{id}/unpublish", Set.of(Role.MODERATOR, Role.ADMIN)),
            // ---- screens and channels ----
            Map.entry("GET /admin/screens", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/channels", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/channels", Set.of(Role.ADMIN)),
            Map.entry("GET /api/v1/channels/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PATCH /api/v1/channels/{id}", Set.of(Role.ADMIN)),
            Map.entry("GET /api/v1/screens", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/screens/events", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/screens/pair", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/screens/{id}/identify", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/screens/{id}/reload", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/screens/{id}/move", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/screens/{id}/revoke", Set.of(Role.ADMIN)),
            Map.entry("GET /api/v1/announcements", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/announcements", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/announcements/{id}/end", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/signage/quotes-hidden", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/signage/hide-quotes", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/signage/show-quotes", Set.of(Role.MODERATOR, Role.ADMIN)),
            // ---- stories and the improvements board ----
            Map.entry("GET /admin/stories", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/stories", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/stories", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/stories/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/stories/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/stories/{id}/publish", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/stories/{id}/archive", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/stories/{id}/links", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/stories/{id}/unlink", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/stories/{id}/suggestions", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/stories/{id}/image", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/stories/{id}/image", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("DELETE /api/v1/stories/{id}/image", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/story-shares", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/story-shares/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/improvements/settings", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/improvements/settings", Set.of(Role.ADMIN)),
            Map.entry("GET /improvements", Set.of(Role.VIEWER)),
            Map.entry("GET /improvements.atom", Set.of(Role.VIEWER)),
            Map.entry("GET /improvements/{id}", Set.of(Role.VIEWER)),
            Map.entry("GET /improvements/{id}/image", Set.of(Role.VIEWER)),
            Map.entry("GET /api/v1/improvements", Set.of(Role.VIEWER)),
            Map.entry("GET /api/v1/improvements/{id}", Set.of(Role.VIEWER)),
            // the moderation workspace
            Map.entry("GET /admin/audit", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/quotes/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/quotes/{id}/check", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/quotes/{id}/undo", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/quotes/bulk", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/moderation/channels", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/moderation/settings", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/moderation/settings", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/auto-approve-rules", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/auto-approve-rules", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("DELETE /api/v1/auto-approve-rules/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/auto-approve-rules/{id}/enabled", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/erasure", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/audit", Set.of(Role.MODERATOR, Role.ADMIN)),
            // --- sources, imports, webhooks ---
            Map.entry("GET /admin/sources", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/sources", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/sources", Set.of(Role.ADMIN)),
            Map.entry("PUT /api/v1/sources/{id}", Set.of(Role.ADMIN)),
            Map.entry("POST /api/v1/sources/{id}/imports", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/sources/{id}/preview", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/sources/{id}/dry-run", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/imports/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/imports/{id}/errors.csv", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/webhooks/{source}", Set.of()),
            // following up critics and callback requests
            Map.entry("GET /admin/followups", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/cases", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/cases/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PATCH /api/v1/followup/cases/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/cases/{id}/contact", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/figure", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/owners", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/settings", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("PUT /api/v1/followup/settings", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/rules", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/followup/rules", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("DELETE /api/v1/followup/rules/{id}", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/stories/{id}/recipients", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("GET /api/v1/followup/stories/{id}/recipients.csv", Set.of(Role.MODERATOR, Role.ADMIN)),
            Map.entry("POST /api/v1/followup/stories/{id}/notify", Set.of(Role.MODERATOR, Role.ADMIN))));

    static TestServer server;
    static TestServer.Session viewer;
    static String screenToken;

    @BeforeAll
    static void start() {
        server = new TestServer();
        viewer = server.session(TestServer.VIEWER_EMAIL, TestServer.VIEWER_PASSWORD);
        int channel = server.lb.screens.createChannel("acl", "ACL", 10, "test");
        screenToken = server.lb.screens.createScreen("ACL TV", channel, "test").token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Endpoints only: before/after filters are not routes and carry no roles. */
    private static List<ParsedEndpoint> routes() {
        return server.lb.app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> METHODS.contains(e.endpoint.method.name()))
                .toList();
    }

    private static String key(ParsedEndpoint e) {
        return e.endpoint.method.name() + " " + e.endpoint.path;
    }

    private static Set<RouteRole> roles(ParsedEndpoint e) {
        Roles r = e.endpoint.metadata(Roles.class);
        return r == null ? Set.of() : r.getRoles();
    }

    @Test
    void every_registered_route_is_declared_with_exactly_its_roles() {
        List<String> problems = new ArrayList<>();
        for (ParsedEndpoint e : routes()) {
            String key = key(e);
            if (!DECLARED.containsKey(key)) {
                problems.add(key + " is not declared in RouteAccessTest: decide who may use it");
            } else if (!DECLARED.get(key).equals(roles(e))) {
                problems.add(key + " admits " + roles(e) + " but is declared " + DECLARED.get(key));
            }
        }
        for (String key : DECLARED.keySet()) {
            if (routes().stream().noneMatch(e -> key(e).equals(key))) {
                problems.add(key + " is declared but no longer registered");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void every_protected_route_refuses_no_login_and_each_role_that_it_does_not_admit() {
        Map<Role, String> keys = Map.of(Role.INGEST, server.ingestKey, Role.MODERATOR, server.moderatorKey,
                Role.ADMIN, server.adminKey);
        int checked = 0;
        for (ParsedEndpoint e : routes()) {
            Set<RouteRole> admitted = roles(e);
            if (admitted.isEmpty()) {
                continue;
            }
            // an id that exists nowhere: allowed callers get 404/400, and nothing is changed by the sweep
            String path = e.endpoint.path.replace("{id}", "999999");
            String method = e.endpoint.method.name();
            HttpResponse<String> anonymous = call(method, path, null);
            boolean page = method.equals("GET") && !path.startsWith("/api/");
            if (page) {
                assertEquals(302, anonymous.statusCode(), method + " " + path + " without login");
                assertTrue(anonymous.headers().firstValue("Location").orElse("").startsWith("/login"));
            } else {
                assertEquals(401, anonymous.statusCode(), method + " " + path + " without login");
            }
            // a viewer has no API key, only a session: same rules, with a valid CSRF token
            boolean viewerAllowed = admitted.stream().anyMatch(r -> Role.VIEWER.satisfies((Role) r));
            int viewerStatus = server.asSession(viewer, method, path, "{}").statusCode();
            if (path.endsWith("/logout-everywhere")) {
                viewer = server.session(TestServer.VIEWER_EMAIL, TestServer.VIEWER_PASSWORD);
            }
            if (viewerAllowed) {
                assertTrue(viewerStatus != 401 && viewerStatus != 403, method + " " + path + " as viewer gave " + viewerStatus);
            } else {
                assertEquals(403, viewerStatus, method + " " + path + " as viewer");
            }
            // a screen token opens the display socket and nothing else
            assertEquals(page ? 302 : 401, call(method, path, screenToken).statusCode(), method + " " + path + " with a screen token");
            for (var entry : keys.entrySet()) {
                boolean allowed = admitted.stream().anyMatch(r -> entry.getKey().satisfies((Role) r));
                int status = call(method, path, entry.getValue()).statusCode();
                if (allowed) {
                    assertTrue(status != 401 && status != 403, method + " " + path + " as " + entry.getKey() + " gave " + status);
                } else {
                    assertEquals(403, status, method + " " + path + " as " + entry.getKey());
                }
                checked++;
            }
        }
        assertTrue(checked >= 24, "checked " + checked + " route/role pairs");
    }

    @Test
    void head_on_every_protected_get_route_is_held_to_the_get_routes_roles() {
        Map<Role, String> keys = Map.of(Role.INGEST, server.ingestKey, Role.MODERATOR, server.moderatorKey,
                Role.ADMIN, server.adminKey);
        int checked = 0;
        for (ParsedEndpoint e : routes()) {
            Set<RouteRole> admitted = roles(e);
            if (!e.endpoint.method.name().equals("GET") || admitted.isEmpty()) {
                continue;
            }
            String path = e.endpoint.path.replace("{id}", "999999");
            boolean page = !path.startsWith("/api/");
            HttpResponse<String> anonymous = call("HEAD", path, null);
            assertEquals(page ? 302 : 401, anonymous.statusCode(), "HEAD " + path + " without login");
            assertEquals(page ? 302 : 401, call("HEAD", path, screenToken).statusCode(), "HEAD " + path + " with a screen token");
            for (var entry : keys.entrySet()) {
                boolean allowed = admitted.stream().anyMatch(r -> entry.getKey().satisfies((Role) r));
                int status = call("HEAD", path, entry.getValue()).statusCode();
                if (allowed) {
                    assertTrue(status != 401 && status != 403, "HEAD " + path + " as " + entry.getKey() + " gave " + status);
                } else {
                    assertEquals(403, status, "HEAD " + path + " as " + entry.getKey());
                }
                checked++;
            }
        }
        assertTrue(checked >= 30, "checked " + checked + " HEAD route/role pairs");
    }

    private static HttpResponse<String> call(String method, String path, String key) {
        HttpRequest.Builder b = server.request(path);
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (method.equals("GET")) {
            b.GET();
        } else if (method.equals("HEAD")) {
            b.method("HEAD", HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        return server.send(b.build());
    }
}

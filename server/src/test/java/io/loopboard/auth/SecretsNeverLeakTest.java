package io.loopboard.auth;

import static io.loopboard.store.generated.Tables.API_KEY;
import static io.loopboard.store.generated.Tables.APP_USER;
import static io.loopboard.store.generated.Tables.SCREEN;
import static io.loopboard.store.generated.Tables.USER_SESSION;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.router.ParsedEndpoint;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No response ever contains a password hash, an API key or its hash, a screen token or its
 * hash, or a session id — except the one response that creates a key.
 */
class SecretsNeverLeakTest {

    static TestServer server;
    static String screenToken;

    @BeforeAll
    static void start() {
        server = new TestServer();
        int channel = server.lb.screens.createChannel("leak", "Leak test", 10, "test");
        screenToken = server.lb.screens.createScreen("Leak TV", channel, "test").token();
        server.ingestAndFindQuote("leak-1", "Bra service i Uppsala", null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void no_get_route_or_socket_message_reveals_a_secret() {
        TestServer.Session admin = server.session(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        List<String> secrets = new ArrayList<>();
        secrets.addAll(server.lb.db.dsl().select(APP_USER.PASSWORD_HASH).from(APP_USER).fetch(APP_USER.PASSWORD_HASH));
        secrets.addAll(server.lb.db.dsl().select(API_KEY.KEY_HASH).from(API_KEY).fetch(API_KEY.KEY_HASH));
        secrets.addAll(server.lb.db.dsl().select(SCREEN.TOKEN_HASH).from(SCREEN).fetch(SCREEN.TOKEN_HASH));
        secrets.addAll(server.lb.db.dsl().select(USER_SESSION.ID_HASH).from(USER_SESSION).fetch(USER_SESSION.ID_HASH));
        secrets.addAll(List.of(server.ingestKey, server.moderatorKey, server.adminKey, screenToken, admin.cookie()));
        assertTrue(secrets.size() >= 12);

        List<String> bodies = new ArrayList<>();
        int routes = 0;
        for (ParsedEndpoint e : server.lb.app.unsafe.internalRouter.allHttpHandlers()) {
            if (!e.endpoint.method.name().equals("GET")) {
                continue;
            }
            String path = e.endpoint.path.replace("{id}", "1");
            HttpResponse<String> asSession = server.asSession(admin, "GET", path, null);
            bodies.add(path + " (session) → " + asSession.headers().map() + asSession.body());
            bodies.add(path + " (key) → " + server.get(path, server.adminKey).body());
            routes++;
        }
        try (WsClient ws = new WsClient(server.wsBase() + "/display/ws?token=" + screenToken)) {
            bodies.add("socket → " + ws.next("playlist", Duration.ofSeconds(5)));
        }
        assertTrue(routes >= 6, "swept " + routes + " GET routes");
        for (String body : bodies) {
            for (String secret : secrets) {
                assertTrue(!body.contains(secret), "a secret leaked in " + body.substring(0, Math.min(120, body.length())));
            }
        }
    }
}

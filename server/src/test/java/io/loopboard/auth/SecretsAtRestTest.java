package io.loopboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.feedback.ingest.WebhookService;
import io.loopboard.store.Clock;
import io.loopboard.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook secrets and CSRF tokens are in no file of the data directory in clear. */
class SecretsAtRestTest {

    private static final String SECRET = "whsec-Ödmjuk-hemlighet-0123456789";

    @TempDir
    Path tmp;

    /** Every byte of every file in the data directory, as Latin-1 so that any byte sequence survives. */
    private static String rawFiles(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static int deliver(int port, String secret, byte[] body) throws Exception {
        String sig = "sha256=" + Base64.getEncoder().encodeToString(WebhookService.hmac(secret, body));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhooks/typeform-nps"))
                .header("Content-Type", "application/json").header("Typeform-Signature", sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void a_webhook_secret_is_stored_sealed_and_still_verifies_signatures() throws Exception {
        Path data = tmp.resolve("data");
        byte[] body = "{\"event_id\":\"x\",\"event_type\":\"form_response\",\"form_response\":{\"answers\":[]}}".getBytes(StandardCharsets.UTF_8);
        try (Loopboard lb = new Loopboard(Config.forDataDir(data, 0), Clock.SYSTEM)) {
            lb.start();
            lb.sources.create("typeform-nps", "typeform", null, SECRET, "test");
            assertNotEquals(401, deliver(lb.port(), SECRET, body), "the right secret's signature is accepted");
            assertEquals(401, deliver(lb.port(), SECRET + "x", body), "another secret's is not");
            assertFalse(rawFiles(data).contains(latin1(SECRET)), "the secret is in a file of the data directory, in clear");
        }
        Path key = data.resolve(SecretBox.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertFalse(rawFiles(data).contains(latin1(SECRET)), "after stopping");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("loopboard.db"));
             var rs = c.createStatement().executeQuery("SELECT webhook_secret FROM ingest_source")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("enc1:"), rs.getString(1));
        }
    }

    @Test
    void a_secret_stored_in_clear_by_an_earlier_version_is_sealed_at_start_and_the_key_may_come_from_the_environment() throws Exception {
        Path data = tmp.resolve("env");
        byte[] keyBytes = new byte[32];
        new java.security.SecureRandom().nextBytes(keyBytes);
        Config config = Config.forDataDir(data, 0).withSecretKey(Base64.getEncoder().encodeToString(keyBytes));
        byte[] body = "{\"event_id\":\"y\",\"event_type\":\"form_response\",\"form_response\":{\"answers\":[]}}".getBytes(StandardCharsets.UTF_8);
        try (Loopboard lb = new Loopboard(config, Clock.SYSTEM)) {
            lb.sources.create("typeform-nps", "typeform", null, SECRET, "test");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("loopboard.db"))) {
            c.createStatement().execute("UPDATE ingest_source SET webhook_secret = '" + SECRET + "'"); // as before sealing
        }
        try (Loopboard lb = new Loopboard(config, Clock.SYSTEM)) {
            lb.start();
            assertNotEquals(401, deliver(lb.port(), SECRET, body), "the earlier secret still verifies");
        }
        assertFalse(Files.exists(data.resolve(SecretBox.KEY_FILE)), "with LOOPBOARD_SECRET_KEY no key file is written");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("loopboard.db"));
             var rs = c.createStatement().executeQuery("SELECT webhook_secret FROM ingest_source")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("enc1:"), "sealed at start: " + rs.getString(1));
        }
    }

    @Test
    void a_sessions_csrf_token_is_stored_only_as_its_hash_and_still_guards_changes() throws Exception {
        try (TestServer server = new TestServer()) {
            TestServer.Session s = server.session(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir.resolve("loopboard.db"));
                 var rs = c.createStatement().executeQuery("SELECT csrf_token FROM user_session")) {
                while (rs.next()) {
                    assertNotEquals(s.csrf(), rs.getString(1), "the CSRF token is stored in clear");
                }
            }
            assertFalse(rawFiles(server.dataDir).contains(s.csrf()), "the CSRF token is in a file of the data directory");
            assertEquals(200, server.asSession(s, "PUT", "/api/v1/moderation/settings", "{\"blockedWords\":[]}").statusCode(),
                    "a change with the token passes");
            assertEquals(403, server.asSession(new TestServer.Session(s.cookie(), "wrong"), "PUT", "/api/v1/moderation/settings",
                    "{\"blockedWords\":[]}").statusCode(), "a change with another token does not");
        }
    }
}

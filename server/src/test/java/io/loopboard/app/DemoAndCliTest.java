package io.loopboard.app;

import static io.loopboard.store.generated.Tables.API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.auth.Secrets;
import io.loopboard.config.Config;
import io.loopboard.demo.DemoContent;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.support.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndCliTest {

    @TempDir
    Path dir;

    @Test
    void demo_mode_gives_a_screen_rotating_english_and_swedish_quotes_and_is_idempotent() throws Exception {
        try (Loopboard lb = new Loopboard(Config.forDataDir(dir, 0).withDemo(true), Clock.SYSTEM)) {
            Path tokenFile = dir.resolve(DemoContent.TOKEN_FILE);
            String first = DemoContent.seed(lb.feedback, lb.quotes, lb.screens, tokenFile);
            String token = DemoContent.seed(lb.feedback, lb.quotes, lb.screens, tokenFile);
            assertEquals(first, token, "the demo screen keeps its token across starts, so a TV on its URL stays on");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(tokenFile)), "the kept token is readable by its owner only");
            lb.start();
            try (WsClient ws = new WsClient("ws://localhost:" + lb.port() + "/display/ws?token=" + token)) {
                JsonNode playlist = ws.next("playlist", Duration.ofSeconds(5));
                JsonNode slides = playlist.get("slides");
                assertTrue(slides.size() >= 15, "a demo screen has plenty to rotate: " + slides.size());
                Set<String> languages = new HashSet<>();
                Set<String> sentiments = new HashSet<>();
                slides.forEach(s -> {
                    languages.add(s.path("lang").asText());
                    sentiments.add(s.path("sentiment").asText());
                });
                assertTrue(languages.containsAll(Set.of("sv", "en")), "languages " + languages);
                assertTrue(sentiments.containsAll(Set.of("praise", "critique")), "praise and criticism " + sentiments);
                String raw = playlist.toString();
                assertTrue(!raw.contains("@example."), "no customer e-mail on a demo screen");
            }
            assertEquals(48, lb.db.dsl().fetchCount(io.loopboard.store.generated.Tables.FEEDBACK), "a second seed adds nothing");
            lb.screens.revoke(lb.screens.byName(DemoContent.SCREEN_NAME).orElseThrow().id(), "test");
            String replaced = DemoContent.seed(lb.feedback, lb.quotes, lb.screens, tokenFile);
            assertTrue(!replaced.equals(token) && lb.screens.authenticate(replaced).isPresent(),
                    "a revoked demo token is replaced by a working one");
            assertTrue(lb.quotes.list("pending", 100, 0).size() >= 5, "the moderation queue has work too");
        }
    }

    @Test
    void apikey_create_prints_the_key_once_and_stores_only_its_hash() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Path data = dir.resolve("cli");
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new picocli.CommandLine(new Main()).setOut(new java.io.PrintWriter(System.out, true))
                    .execute("apikey", "create", "--name", "typeform", "--role", "ingest", "--data-dir", data.toString());
        } finally {
            System.setOut(out);
        }
        assertEquals(0, code);
        String key = captured.toString(StandardCharsets.UTF_8).strip();
        assertTrue(key.startsWith("lbk_") && key.length() > 40, key);
        try (Database db = Database.open(Config.forDataDir(data, 0).jdbcUrl(), null, null)) {
            var row = db.dsl().selectFrom(API_KEY).fetchOne();
            assertEquals("typeform", row.getName());
            assertEquals("ingest", row.getRole());
            assertEquals(Secrets.sha256(key), row.getKeyHash());
            assertTrue(!Files.readString(data.resolve("loopboard.db"), StandardCharsets.ISO_8859_1).contains(key),
                    "the clear key is nowhere in the store");
        }
    }

    @Test
    void every_subcommand_has_help() {
        for (String[] args : new String[][] {{"--help"}, {"serve", "--help"}, {"apikey", "create", "--help"}}) {
            java.io.StringWriter sw = new java.io.StringWriter();
            int code = new picocli.CommandLine(new Main()).setOut(new java.io.PrintWriter(sw)).execute(args);
            assertEquals(0, code, String.join(" ", args));
            assertTrue(sw.toString().contains("Usage:"), sw.toString());
        }
    }
}

package io.loopboard.signage;

import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.app.Loopboard;
import io.loopboard.auth.Role;
import io.loopboard.config.Config;
import io.loopboard.store.Clock;
import io.loopboard.support.PostgresCluster;
import io.loopboard.support.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out store: two server nodes on one real PostgreSQL database. Feedback posted to
 * node A, approved on node A, reaches a screen attached to node B within a second through
 * LISTEN/NOTIFY; unpublishing on A removes it from B's screen within a second. A screen waiting
 * for pairing on node A is paired by an administrator on node B.
 */
class PostgresClusterTest {

    static PostgresCluster pg;
    static Loopboard nodeA;
    static Loopboard nodeB;
    static String key;
    static String screenToken;
    static int channel;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(@TempDir Path dir) {
        pg = PostgresCluster.start();
        pg.createDatabase("loopboard");
        Config base = Config.forDataDir(dir, 0).withDatabase(pg.jdbcUrl("loopboard"), pg.user(), "");
        nodeA = new Loopboard(base, Clock.SYSTEM);
        nodeB = new Loopboard(base, Clock.SYSTEM);
        nodeA.start();
        nodeB.start();
        key = nodeA.auth.createApiKey("cluster", Role.ADMIN, "test").key();
        channel = nodeA.screens.createChannel("cluster", "Kluster", 10, "test");
        screenToken = nodeA.screens.createScreen("Node B TV", channel, "test").token();
    }

    @AfterAll
    static void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static HttpResponse<String> post(Loopboard node, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean shows(JsonNode playlist, String text) {
        for (JsonNode s : playlist.get("slides")) {
            if (text.equals(s.get("text").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void an_approval_on_node_a_reaches_a_screen_on_node_b_and_a_takedown_leaves_it() throws Exception {
        String text = "Leveransen till Malmö kom på en dag 🚚 – tack! مرحبا";
        HttpResponse<String> ingest = post(nodeA, "/api/v1/feedback",
                "{\"source\":\"pg\",\"externalId\":\"1\",\"comment\":\"" + text + "\",\"score\":10,\"scoreType\":\"NPS\","
                        + "\"customer\":{\"name\":\"Nils Holm\",\"email\":\"nils@example.se\"}}");
        assertEquals(1, json(ingest).get("created").asInt(), ingest.body());
        assertEquals(0, json(post(nodeA, "/api/v1/feedback", "{\"source\":\"pg\",\"externalId\":\"1\",\"comment\":\"" + text + "\"}"))
                .get("created").asInt(), "idempotent on PostgreSQL too");
        int quoteId = nodeA.quotes.list("pending", 50, 0).stream().filter(v -> text.equals(v.originalText()))
                .findFirst().orElseThrow().id();

        try (WsClient screen = new WsClient("ws://localhost:" + nodeB.port() + "/display/ws?token=" + screenToken)) {
            screen.next("playlist", Duration.ofSeconds(5));
            assertEquals(200, post(nodeA, "/api/v1/quotes/" + quoteId + "/approve", "{}").statusCode());
            JsonNode on = screen.next(m -> "playlist".equals(m.path("type").asText()) && shows(m, text),
                    Duration.ofSeconds(1), "node B's screen showing the quote approved on node A");
            assertTrue(!on.toString().contains("Nils") && !on.toString().contains("nils@example.se"));
            assertEquals(200, post(nodeA, "/api/v1/quotes/" + quoteId + "/unpublish", "{}").statusCode());
            screen.next(m -> "playlist".equals(m.path("type").asText()) && !shows(m, text),
                    Duration.ofSeconds(1), "node B's screen without the quote unpublished on node A");
        }
    }

    @Test
    void a_csv_import_on_node_b_and_the_api_on_node_a_share_the_feedback_ids_without_a_clash(@TempDir Path dir)
            throws Exception {
        Path first = dir.resolve("first.csv");
        java.nio.file.Files.writeString(first, "externalId,comment,score,scoreType\n"
                + "pg-csv-1,Kassan gick snabbt 👍,9,NPS\npg-csv-2,\"Lång kö, \"\"igen\"\"\",3,NPS\n", StandardCharsets.UTF_8);
        assertEquals(2, nodeB.imports.importCsv(first, "pg-csv", null).created());
        assertEquals(1, json(post(nodeA, "/api/v1/feedback",
                "{\"source\":\"pg-csv\",\"externalId\":\"pg-api-1\",\"comment\":\"Från API:t\"}")).get("created").asInt());
        Path second = dir.resolve("second.csv");
        java.nio.file.Files.writeString(second, "externalId,comment\npg-csv-3,Trevlig personal\n", StandardCharsets.UTF_8);
        assertEquals(1, nodeB.imports.importCsv(second, "pg-csv", null).created());

        // each quote names the feedback row it was made from, on either node's path
        var dsl = nodeA.db.dsl();
        var f = io.loopboard.store.generated.Tables.FEEDBACK;
        var q = io.loopboard.store.generated.Tables.QUOTE;
        assertEquals(4, dsl.fetchCount(f, f.SOURCE.eq("pg-csv")));
        assertEquals(4, dsl.fetchCount(q.join(f).on(f.ID.eq(q.FEEDBACK_ID)),
                f.SOURCE.eq("pg-csv").and(q.ORIGINAL_TEXT.eq(f.COMMENT))));
        assertEquals("Lång kö, \"igen\"", dsl.select(f.COMMENT).from(f).where(f.EXTERNAL_ID.eq("pg-csv-2")).fetchOne(0));
    }

    @Test
    void a_screen_waiting_on_node_a_is_paired_by_its_code_entered_on_node_b() throws Exception {
        try (WsClient page = new WsClient("ws://localhost:" + nodeA.port() + "/display/ws?pair=1")) {
            String code = page.next("pairing", Duration.ofSeconds(5)).get("code").asText();
            String typed = code.substring(0, 3).toLowerCase() + "-" + code.substring(3);
            HttpResponse<String> paired = post(nodeB, "/api/v1/screens/pair",
                    "{\"code\":\"" + typed + "\",\"name\":\"Lager TV 📦\",\"channelId\":" + channel + "}");
            assertEquals(201, paired.statusCode(), paired.body());
            String token = page.next("paired", Duration.ofSeconds(2)).get("token").asText();
            assertTrue(token.startsWith("lbs_"), token);
            assertEquals(1000, page.closeCode.get(5, java.util.concurrent.TimeUnit.SECONDS));

            // the code is used up on every node
            for (Loopboard node : new Loopboard[] {nodeA, nodeB}) {
                HttpResponse<String> again = post(node, "/api/v1/screens/pair",
                        "{\"code\":\"" + code + "\",\"name\":\"x\",\"channelId\":" + channel + "}");
                assertEquals(400, again.statusCode(), again.body());
                assertEquals("code", json(again).at("/errors/0/field").asText());
            }
            // the token the page received works, on either node
            for (Loopboard node : new Loopboard[] {nodeA, nodeB}) {
                try (WsClient screen = new WsClient("ws://localhost:" + node.port() + "/display/ws?token=" + token)) {
                    assertEquals("Lager TV 📦", screen.next("hello", Duration.ofSeconds(5)).at("/screen/name").asText());
                    assertEquals(channel, screen.next("playlist", Duration.ofSeconds(5)).at("/channel/id").asInt());
                }
            }
        }
    }
}

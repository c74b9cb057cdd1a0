package io.loopboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.PostgresCluster;
import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out store keeps the same promise: while the server imports an uploaded export into
 * PostgreSQL, every approval and takedown succeeds and reaches the screen, and the import still
 * stores every row.
 */
class DecisionsDuringUploadPostgresTest {

    @TempDir
    Path dir;

    @Test
    void every_decision_succeeds_and_reaches_the_screen_while_an_upload_is_imported_into_postgresql() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start()) {
            pg.createDatabase("decisions");
            try (TestServer server = new TestServer(io.loopboard.store.Clock.SYSTEM,
                    c -> c.withDatabase(pg.jdbcUrl("decisions"), pg.user(), ""))) {
                int channel = server.lb.screens.createChannel("desk", "Desk", 10, "test");
                String token = server.lb.screens.createScreen("Desk TV", channel, "test").token();
                int quotes = 20;
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < quotes; i++) {
                    ids.add(server.ingestAndFindQuote("desk-" + i, DecisionsDuringCliImportTest.text(i),
                            "\"score\":9,\"scoreType\":\"NPS\",\"language\":\"sv\""));
                }
                byte[] export = java.nio.file.Files.readAllBytes(DecisionsDuringCliImportTest.writeExport(dir.resolve("export.csv")));
                HttpResponse<String> created = server.postJson("/api/v1/sources", server.adminKey,
                        "{\"name\":\"nightly-export\",\"kind\":\"csv\",\"mapping\":\"generic\"}");
                assertEquals(201, created.statusCode(), created.body());
                int source = TestServer.json(created).get("id").asInt();

                try (WsClient screen = new WsClient(server.wsBase() + "/display/ws?token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
                    screen.next("playlist", Duration.ofSeconds(5));
                    for (int i = 0; i < quotes / 2; i++) {
                        assertEquals(2, server.postJson("/api/v1/quotes/" + ids.get(i) + "/approve", server.moderatorKey, "{}")
                                .statusCode() / 100);
                    }
                    HttpResponse<String> accepted = server.send(server.request("/api/v1/sources/" + source + "/imports?filename=export.csv")
                            .header("Authorization", "Bearer " + server.moderatorKey).header("Content-Type", "text/csv")
                            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(export)).build());
                    assertEquals(202, accepted.statusCode(), accepted.body());
                    int job = TestServer.json(accepted).get("id").asInt();

                    List<String> failures = new ArrayList<>();
                    List<Long> screenMs = new ArrayList<>();
                    int duringImport = 0;
                    for (int n = 0; running(server, job) && n < 200; n++) {
                        int down = ids.get(n % (quotes / 2));
                        int up = ids.get(quotes / 2 + n % (quotes / 2));
                        for (String[] d : new String[][] {{"unpublish", String.valueOf(down), "false"}, {"approve", String.valueOf(up), "true"},
                            {"approve", String.valueOf(down), "true"}, {"unpublish", String.valueOf(up), "false"}}) {
                            int id = Integer.parseInt(d[1]);
                            long t0 = System.nanoTime();
                            HttpResponse<String> res = server.postJson("/api/v1/quotes/" + id + "/" + d[0], server.moderatorKey, "{}");
                            if (res.statusCode() / 100 != 2) {
                                failures.add(d[0] + " " + id + " → " + res.statusCode() + " " + res.body());
                                continue;
                            }
                            String quoteText = DecisionsDuringCliImportTest.text(ids.indexOf(id));
                            boolean shouldShow = Boolean.parseBoolean(d[2]);
                            try {
                                screen.next(m -> "playlist".equals(m.path("type").asText())
                                                && m.get("slides").toString().contains(quoteText) == shouldShow,
                                        Duration.ofSeconds(5), "the screen following '" + d[0] + "' of quote " + id);
                                screenMs.add((System.nanoTime() - t0) / 1_000_000);
                            } catch (AssertionError e) {
                                failures.add(e.getMessage());
                            }
                        }
                        if (running(server, job)) {
                            duringImport++;
                        }
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                    while (running(server, job) && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    JsonNode done = TestServer.json(server.get("/api/v1/imports/" + job, server.moderatorKey));
                    System.out.println("DecisionsDuringUploadPostgresTest: " + duringImport + " rounds during the import; "
                            + "on the screen after (ms) " + screenMs);
                    assertEquals(List.of(), failures, "every decision succeeds while the upload is imported");
                    assertTrue(duringImport >= 3, "decisions were made while the import ran: " + duringImport);
                    assertEquals("done", done.get("status").asText(), done.toString());
                    assertEquals(DecisionsDuringCliImportTest.IMPORT_ROWS, done.get("created").asInt(), done.toString());
                }
            }
        }
    }

    private static boolean running(TestServer server, int job) {
        return "running".equals(TestServer.json(server.get("/api/v1/imports/" + job, server.moderatorKey)).get("status").asText());
    }
}

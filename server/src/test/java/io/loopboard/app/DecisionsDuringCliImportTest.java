package io.loopboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.io.BufferedWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command-line import is another process writing the server's SQLite file. Moderators keep
 * working while it runs: every approval and every takedown must succeed (never SQLITE_BUSY as a
 * 500), and a quote taken down must leave the screen, while the import still finishes whole.
 */
class DecisionsDuringCliImportTest {

    static final int IMPORT_ROWS = 120_000;

    @TempDir
    Path dir;

    static String text(int i) {
        return "Kommentar " + i + ": personalen i Umeå var snäll och hjälpsam 😊";
    }

    @Test
    void every_decision_succeeds_and_reaches_the_screen_while_a_cli_import_writes_the_same_store() throws Exception {
        try (TestServer server = new TestServer()) {
            int channel = server.lb.screens.createChannel("desk", "Desk", 10, "test");
            String token = server.lb.screens.createScreen("Desk TV", channel, "test").token();
            int quotes = 40;
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < quotes; i++) {
                ids.add(server.ingestAndFindQuote("desk-" + i, text(i), "\"score\":9,\"scoreType\":\"NPS\",\"language\":\"sv\""));
            }
            Path csv = writeExport(dir.resolve("export.csv"));

            try (WsClient screen = new WsClient(server.wsBase() + "/display/ws?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
                screen.next("playlist", Duration.ofSeconds(5));
                // half of them on air before the import begins
                for (int i = 0; i < quotes / 2; i++) {
                    decide(server, ids.get(i), "approve");
                }

                ProcessBuilder pb = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        "io.loopboard.app.Main", "import", csv.toString(), "--source", "nightly-export"))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile());
                pb.environment().put("LOOPBOARD_DATA_DIR", server.dataDir.toString());
                pb.environment().remove("LOOPBOARD_DATABASE_URL");
                Process cli = pb.start();
                // decisions only once the import writes rows: its job is in the store
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (cli.isAlive() && importedRows(server, quotes) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                List<String> failures = new ArrayList<>();
                List<Long> answerMs = new ArrayList<>();
                List<Long> screenMs = new ArrayList<>();
                int duringImport = 0;
                for (int n = 0; cli.isAlive() && n < quotes; n++) {
                    // take down one that is on air, then put up one that is not
                    int down = ids.get(n % (quotes / 2));
                    int up = ids.get(quotes / 2 + n % (quotes / 2));
                    for (String[] d : new String[][] {{"unpublish", String.valueOf(down)}, {"approve", String.valueOf(up)}}) {
                        int id = Integer.parseInt(d[1]);
                        long t0 = System.nanoTime();
                        HttpResponse<String> res = server.postJson("/api/v1/quotes/" + id + "/" + d[0], server.moderatorKey, "{}");
                        answerMs.add((System.nanoTime() - t0) / 1_000_000);
                        if (res.statusCode() / 100 != 2) {
                            failures.add(d[0] + " " + id + " → " + res.statusCode() + " " + res.body());
                            continue;
                        }
                        String quoteText = text(ids.indexOf(id));
                        boolean shouldShow = d[0].equals("approve");
                        try {
                            screen.next(m -> "playlist".equals(m.path("type").asText())
                                            && m.get("slides").toString().contains(quoteText) == shouldShow,
                                    Duration.ofSeconds(5), "the screen following '" + d[0] + "' of quote " + id);
                            screenMs.add((System.nanoTime() - t0) / 1_000_000);
                        } catch (AssertionError e) {
                            failures.add(e.getMessage() + " (answered in " + answerMs.get(answerMs.size() - 1) + " ms)");
                        }
                    }
                    if (cli.isAlive()) {
                        duringImport++;
                    }
                    // and the reverse, so the next round has the same quotes to decide on
                    decide(server, down, "approve");
                    decide(server, up, "unpublish");
                }

                assertTrue(cli.waitFor(120, TimeUnit.SECONDS), "the import finishes");
                String log = Files.readString(dir.resolve("cli.log"));
                assertEquals(0, cli.exitValue(), log);
                assertTrue(log.contains(String.format("%,d new", IMPORT_ROWS)) || log.contains(IMPORT_ROWS + " new"), log);
                System.out.println("DecisionsDuringCliImportTest: " + duringImport + " rounds of decisions during the import;"
                        + " answered in (ms) " + answerMs + "; on the screen after (ms) " + screenMs);
                assertEquals(List.of(), failures, "every decision succeeds while the import writes");
                assertTrue(duringImport >= 3, "decisions were made while the import ran: " + duringImport + "\n" + log);
                assertEquals(IMPORT_ROWS + quotes, server.lb.db.dsl().fetchCount(server.lb.db.dsl().selectFrom("feedback")),
                        "every imported row is stored once");
            }
        }
    }

    private static void decide(TestServer server, int id, String action) {
        HttpResponse<String> res = server.postJson("/api/v1/quotes/" + id + "/" + action, server.moderatorKey, "{}");
        assertEquals(2, res.statusCode() / 100, action + " " + id + ": " + res.body());
    }

    /** Feedback stored beyond the quotes the test made itself (the newest id: no scan of a growing table). */
    private static long importedRows(TestServer server, int own) {
        Integer newest = server.lb.db.dsl().fetchOne("SELECT max(id) FROM feedback").get(0, Integer.class);
        return newest == null ? 0 : Math.max(0, newest - own);
    }

    /** A survey export: random answer ids and e-mail addresses, Swedish and English comments. */
    static Path writeExport(Path file) throws Exception {
        Random random = new Random(7);
        String[] comments = {"Bra bemötande i kassan", "Leveransen var sen, igen.", "Great staff, slow checkout",
            "Appen kraschar när jag betalar 😡", "\"Tack, Åsa!\" – bästa servicen"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("externalId;comment;score;scoreType;language;customerEmail\r\n");
            for (int i = 0; i < IMPORT_ROWS; i++) {
                String comment = comments[i % comments.length];
                w.write("n-" + Long.toHexString(random.nextLong()) + i + ";" + (comment.contains("\"") ? "\"" + comment.replace("\"", "\"\"") + "\"" : comment)
                        + ";" + random.nextInt(11) + ";NPS;" + (i % 3 == 0 ? "en" : "sv") + ";k" + random.nextInt(1_000_000) + "@example.se\r\n");
            }
        }
        return file;
    }
}

package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.IMPORT_JOB;
import static io.loopboard.store.generated.Tables.QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing doubled: the command-line import is killed (SIGKILL, no shutdown
 * hooks) in the middle of 120,000 rows; the store must be consistent, and running the same
 * import again must complete it exactly.
 */
class ImportCrashTest {

    static final int ROWS = 120_000;

    @TempDir
    Path dir;

    private Process startImport(Path data, Path csv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.loopboard.app.Main", "import", csv.toString(), "--source", "crash-test", "--mapping", "generic"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LOOPBOARD_DATA_DIR", data.toString());
        pb.environment().remove("LOOPBOARD_DATABASE_URL");
        return pb.start();
    }

    @Test
    void killing_an_import_midway_leaves_a_consistent_store_and_running_it_again_completes_it() throws Exception {
        Path csv = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("externalId,comment,score,scoreType,location\r\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write("k-" + i + ",\"Svar nummer " + i + ": leveransen kom i tid, tack!\"," + (i % 11) + ",NPS,Malmö\r\n");
            }
        }
        Path data = dir.resolve("data");

        Process first = startImport(data, csv);
        long committedBeforeKill = 0;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                // progress lines: "  <rows> rows: ..." after each committed chunk
                String t = line.strip();
                if (t.matches("\\d+ rows:.*")) {
                    committedBeforeKill = Long.parseLong(t.substring(0, t.indexOf(' ')));
                    if (committedBeforeKill >= 4 * CsvImport.CHUNK_ROWS) {
                        first.destroyForcibly();
                        break;
                    }
                }
            }
        }
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertTrue(committedBeforeKill >= 4 * CsvImport.CHUNK_ROWS, "the import got going before the kill");

        String url = "jdbc:sqlite:" + data.resolve("loopboard.db").toAbsolutePath();
        int stored;
        try (Database db = Database.open(url, null, null)) {
            stored = db.dsl().fetchCount(FEEDBACK);
            int quotes = db.dsl().fetchCount(QUOTE);
            var job = db.dsl().selectFrom(IMPORT_JOB).fetchOne();
            assertTrue(stored < ROWS, "killed before the end: " + stored);
            assertEquals(0, stored % CsvImport.CHUNK_ROWS, "only whole chunks commit: " + stored);
            assertEquals(stored, quotes, "every stored comment has its quote, none without");
            assertEquals(stored, job.getRowsRead(), "the job's figures are those of the committed chunks");
            assertEquals(stored, job.getCreatedCount());
            assertEquals("running", job.getStatus());
        }

        // the server, starting on this store, marks the dead import as interrupted
        try (Loopboard lb = new Loopboard(Config.forDataDir(data, 0), Clock.SYSTEM)) {
            assertEquals("interrupted", lb.sources.job(1).status());
        }

        long started = System.nanoTime();
        Process again = startImport(data, csv);
        String errText = new String(again.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), errText);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ImportCrashTest: resumed import of %,d rows (%,d already stored) in %.1f s%n", ROWS, stored, seconds);

        try (Database db = Database.open(url, null, null)) {
            assertEquals(ROWS, db.dsl().fetchCount(FEEDBACK));
            assertEquals(ROWS, db.dsl().fetchCount(QUOTE));
            assertEquals(ROWS, db.dsl().fetchCount(FEEDBACK, FEEDBACK.EXTERNAL_ID.like("k-%")));
            var job = db.dsl().selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(2)).fetchOne();
            assertEquals("done", job.getStatus());
            assertEquals(ROWS - stored, job.getCreatedCount());
            assertEquals(stored, job.getUnchangedCount());
            assertEquals(0L, job.getUpdatedCount());
            assertEquals("Svar nummer 112233: leveransen kom i tid, tack!", db.dsl().select(FEEDBACK.COMMENT).from(FEEDBACK)
                    .where(FEEDBACK.EXTERNAL_ID.eq("k-112233")).fetchOne(FEEDBACK.COMMENT));
            // the search index (its own file, caught up after the rows, also when the kill hit it) holds
            // every quote exactly once by the time the import command exits
            assertEquals(ROWS, ftsCount(db, "\"leveransen kom\""));
            assertEquals(1, ftsCount(db, "\"nummer 112233:\""));
        }
    }

    private static int ftsCount(Database db, String query) {
        return db.dsl().fetchValue("SELECT count(*) FROM search.quote_fts WHERE quote_fts MATCH ?", query) instanceof Number n
                ? n.intValue() : -1;
    }
}

package io.loopboard.bench;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.store.Clock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Scenario 5: ingest a million feedback rows (each with a comment, so each also becomes a
 * pending quote) into a fresh SQLite store, in chunks of 1,000. Loopboard's path is whatever
 * {@link IngestPath} says; today that is {@code FeedbackService.store(List)}, the service behind
 * {@code POST /api/v1/feedback}. When the CSV import (issue 8) lands, add a path that writes the
 * same rows as CSV and calls the import, and report both.
 *
 * <p>Baseline: plain batched JDBC into the same schema: one prepared INSERT per feedback row in
 * a batch per chunk, then one INSERT … SELECT for the chunk's quotes, one transaction per chunk.
 */
final class IngestScenario {

    static final int CHUNK = 1000;

    /** One way of getting a chunk of rows into Loopboard. */
    interface IngestPath {
        String name();

        void store(Loopboard lb, List<FeedbackInput> chunk) throws Exception;
    }

    static final IngestPath SERVICE = new IngestPath() {
        @Override
        public String name() {
            return "`FeedbackService.store(List)` (the API's path), chunks of 1,000";
        }

        @Override
        public void store(Loopboard lb, List<FeedbackInput> chunk) {
            lb.feedback.store(chunk);
        }
    };

    void run(Bench bench, Report report) throws Exception {
        int rows = bench.quick ? 100_000 : 1_000_000;
        IngestPath path = SERVICE;
        double lbRate = viaLoopboard(bench.work().resolve("ingest-loopboard"), rows, path);
        double baseRate = viaJdbc(bench.work().resolve("ingest-baseline"), rows);
        report.header("ingest", String.format("### 5. Ingest\n\n%,d feedback rows, each with a comment (so each also becomes a pending quote), into a fresh SQLite file (WAL, synchronous=NORMAL), in chunks of %,d rows, one transaction per chunk, in the harness's JVM. Loopboard path: %s. Baseline: plain batched JDBC into the same schema (a batched INSERT of the feedback rows plus one INSERT … SELECT for their quotes per chunk).", rows, CHUNK, path.name()));
        report.row("ingest", new Report.Row(String.format("rows per second (%,d rows)", rows), Report.num(lbRate, "rows/s"),
                Report.num(baseRate, "rows/s"), Report.ratio(lbRate, baseRate), "≥ 50,000 rows/s", lbRate >= 50_000));
        report.note("ingest", "The CSV import of issue 8 is not merged yet; `IngestScenario.IngestPath` is the seam for it (write the same rows as CSV, call the import, report its rate next to this one).");
    }

    static Path freshDir(Path dir) throws java.io.IOException {
        Bench.deleteTree(dir);
        java.nio.file.Files.createDirectories(dir);
        return dir;
    }

    private static double viaLoopboard(Path dir, int rows, IngestPath path) throws Exception {
        freshDir(dir);
        try (Loopboard lb = new Loopboard(Config.forDataDir(dir, 0), Clock.SYSTEM)) {
            long t0 = System.nanoTime();
            List<FeedbackInput> chunk = new ArrayList<>(CHUNK);
            for (int i = 0; i < rows; i++) {
                chunk.add(Fixture.Rows.feedback(i));
                if (chunk.size() == CHUNK || i == rows - 1) {
                    path.store(lb, chunk);
                    chunk = new ArrayList<>(CHUNK);
                }
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("  loopboard ingest: %,d rows, %.0f rows/s%n", i + 1, (i + 1) / ((System.nanoTime() - t0) / 1e9));
                }
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Plain JDBC; the schema comes from Loopboard's own migrations (Loopboard is opened once, then closed). */
    static double viaJdbc(Path dir, int rows) throws Exception {
        freshDir(dir);
        new Loopboard(Config.forDataDir(dir, 0), Clock.SYSTEM).close();
        SQLiteConfig sc = new SQLiteConfig();
        sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sc.enforceForeignKeys(true);
        String url = "jdbc:sqlite:" + dir.resolve("loopboard.db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, sc.toProperties())) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement fb = c.prepareStatement("INSERT INTO feedback (source, external_id, received_at, updated_at, responded_at, score, score_type, comment, language, touchpoint, location, customer_name, customer_email, customer_segment, consent_to_publish, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement quotes = c.prepareStatement("INSERT INTO quote (feedback_id, status, original_text, display_text, attribution, sentiment, created_at, updated_at) SELECT id, 'pending', comment, comment, 'Customer, ' || location, CASE WHEN score >= 9 THEN 'praise' WHEN score <= 6 THEN 'critique' ELSE 'mixed' END, received_at, received_at FROM feedback WHERE id > ?");
                 Statement st = c.createStatement()) {
                long lastId = 0;
                for (int i = 0; i < rows; i++) {
                    FeedbackInput in = Fixture.Rows.feedback(i);
                    long now = in.respondedAt() + 60_000; // distinct, increasing times, as a real import over time would have
                    fb.setString(1, in.source());
                    fb.setString(2, in.externalId());
                    fb.setLong(3, now);
                    fb.setLong(4, now);
                    fb.setLong(5, in.respondedAt());
                    fb.setInt(6, in.score());
                    fb.setString(7, in.scoreType().name());
                    fb.setString(8, in.comment());
                    fb.setString(9, in.language());
                    fb.setString(10, in.touchpoint());
                    fb.setString(11, in.location());
                    fb.setString(12, in.customerName());
                    fb.setString(13, in.customerEmail());
                    fb.setString(14, in.customerSegment());
                    fb.setInt(15, in.consentToPublish() ? 1 : 0);
                    if (in.payload() == null) {
                        fb.setNull(16, Types.VARCHAR);
                    } else {
                        fb.setString(16, in.payload());
                    }
                    fb.addBatch();
                    if ((i + 1) % CHUNK == 0 || i == rows - 1) {
                        fb.executeBatch();
                        quotes.setLong(1, lastId);
                        quotes.executeUpdate();
                        try (var rs = st.executeQuery("SELECT max(id) FROM feedback")) {
                            rs.next();
                            lastId = rs.getLong(1);
                        }
                        c.commit();
                    }
                }
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        }
    }
}

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
import java.util.concurrent.TimeUnit;
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
        int rows = Integer.getInteger("bench.ingestRows", bench.quick ? 100_000 : 1_000_000);
        int seconds = Integer.getInteger("bench.ingestSeconds", bench.quick ? 30 : 90);
        long budget = TimeUnit.SECONDS.toNanos(seconds);
        IngestPath path = SERVICE;
        double[] lb = viaLoopboard(bench.work().resolve("ingest-loopboard"), rows, path, budget);
        double[] base = viaJdbc(bench.work().resolve("ingest-baseline"), rows, budget);
        report.header("ingest", String.format("### 5. Ingest\n\nUp to %,d feedback rows, each with a comment (so each also becomes a pending quote), into a fresh SQLite file (WAL, synchronous=NORMAL), in chunks of %,d rows, one transaction per chunk, in the harness's JVM. Each side stops after the chunk that passes a time budget of %d s, so a slow path cannot hold the run: Loopboard stored %,.0f rows, the baseline %,.0f. Loopboard path: %s. Baseline: plain batched JDBC into the same schema (a batched INSERT of the feedback rows plus one INSERT … SELECT for their quotes per chunk).",
                rows, CHUNK, seconds, lb[0], base[0], path.name()));
        report.row("ingest", new Report.Row("rows per second", Report.num(lb[1], "rows/s"),
                Report.num(base[1], "rows/s"), Report.ratio(lb[1], base[1]), "≥ 50,000 rows/s", lb[1] >= 50_000));
        report.row("ingest", new Report.Row("CPU time per row (ingesting thread, incl. SQLite)", String.format("%.0f µs", lb[2]),
                String.format("%.0f µs", base[2]), Report.ratio(lb[2], base[2]), "≤ 20 µs (= 50,000 rows/s on one core)", lb[2] <= 20));
        report.note("ingest", "Wall-clock rates on a shared machine include waiting for a core; CPU time per row does not, and shows the cost of the path itself.");
        report.note("ingest", "The CSV import of issue 8 is not merged yet; `IngestScenario.IngestPath` is the seam for it (write the same rows as CSV, call the import, report its rate next to this one).");
    }

    static Path freshDir(Path dir) throws java.io.IOException {
        Bench.deleteTree(dir);
        java.nio.file.Files.createDirectories(dir);
        return dir;
    }

    /** Returns {rows stored, rows per second}. */
    private static double[] viaLoopboard(Path dir, int rows, IngestPath path, long budgetNanos) throws Exception {
        freshDir(dir);
        try (Loopboard lb = new Loopboard(Config.forDataDir(dir, 0), Clock.SYSTEM)) {
            long t0 = System.nanoTime();
            long cpu0 = threadCpu();
            List<FeedbackInput> chunk = new ArrayList<>(CHUNK);
            int done = 0;
            for (int i = 0; i < rows; i++) {
                chunk.add(Fixture.Rows.feedback(i));
                if (chunk.size() == CHUNK || i == rows - 1) {
                    path.store(lb, chunk);
                    chunk = new ArrayList<>(CHUNK);
                    done = i + 1;
                    if (System.nanoTime() - t0 > budgetNanos) {
                        break;
                    }
                }
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("  loopboard ingest: %,d rows, %.0f rows/s%n", i + 1, (i + 1) / ((System.nanoTime() - t0) / 1e9));
                }
            }
            return new double[] {done, done / ((System.nanoTime() - t0) / 1e9), (threadCpu() - cpu0) / 1e3 / done};
        }
    }

    /** CPU time of this thread (JDBC and SQLite's native code run on it), in nanoseconds. */
    static long threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Plain JDBC; the schema comes from Loopboard's own migrations (Loopboard is opened once, then closed). */
    static double[] viaJdbc(Path dir, int rows, long budgetNanos) throws Exception {
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
            long cpu0 = threadCpu();
            try (PreparedStatement fb = c.prepareStatement("INSERT INTO feedback (source, external_id, received_at, updated_at, responded_at, score, score_type, comment, language, touchpoint, location, customer_name, customer_email, customer_segment, consent_to_publish, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement quotes = c.prepareStatement("INSERT INTO quote (feedback_id, status, original_text, display_text, attribution, sentiment, created_at, updated_at) SELECT id, 'pending', comment, comment, 'Customer, ' || location, CASE WHEN score >= 9 THEN 'praise' WHEN score <= 6 THEN 'critique' ELSE 'mixed' END, received_at, received_at FROM feedback WHERE id > ?");
                 Statement st = c.createStatement()) {
                long lastId = 0;
                int done = 0;
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
                        done = i + 1;
                        if (System.nanoTime() - t0 > budgetNanos) {
                            break;
                        }
                    }
                }
                return new double[] {done, done / ((System.nanoTime() - t0) / 1e9), (threadCpu() - cpu0) / 1e3 / done};
            }
        }
    }
}

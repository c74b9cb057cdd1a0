package io.loopboard.bench;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.store.Clock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: the moderation queue at a million feedback rows. One page (50 quotes, a status
 * filter, newest first) through {@link QueuePage}; today that is {@code QuoteService.list(status,
 * limit, offset)}, the call behind {@code GET /api/v1/quotes}. When the richer list of issue 3
 * (more filters, new indexes) lands, add a QueuePage for it with its typical filters.
 *
 * <p>Baseline: the same SQL through plain JDBC, reading every column, without jOOQ's mapping.
 */
final class QueueScenario {

    static final int PAGE = 50;
    static final int PAGES = 20;
    private static final String[] STATUSES = {"pending", "approved", "rejected", "archived", null};

    /** One way of reading a page of the moderation queue. */
    interface QueuePage {
        String name();

        int page(Loopboard lb, String status, int limit, int offset);
    }

    static final QueuePage SERVICE = new QueuePage() {
        @Override
        public String name() {
            return "`QuoteService.list(status, 50, offset)` (the call behind `GET /api/v1/quotes`)";
        }

        @Override
        public int page(Loopboard lb, String status, int limit, int offset) {
            return lb.quotes.list(status, limit, offset).size();
        }
    };

    void run(Bench bench, Report report) throws Exception {
        int rows = 1_000_000;
        int passes = bench.quick ? 2 : 5;
        Path dir = bench.work().resolve("queue");
        long t0 = System.nanoTime();
        IngestScenario.viaJdbc(dir, rows, Long.MAX_VALUE);
        Path db = dir.resolve("loopboard.db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            // a realistic spread: most quotes waiting, some on air, some decided against or taken down
            st.executeUpdate("UPDATE quote SET status = CASE id % 10 WHEN 0 THEN 'approved' WHEN 1 THEN 'rejected' WHEN 2 THEN 'archived' ELSE 'pending' END");
        }
        System.out.printf("  queue fixture: %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

        QueuePage path = SERVICE;
        Stats lb = new Stats();
        double deepLb;
        try (Loopboard l = new Loopboard(Config.forDataDir(dir, 0), Clock.SYSTEM)) {
            pass(l, path, null);
            for (int p = 0; p < passes; p++) {
                pass(l, path, lb);
            }
            deepLb = timeMs(() -> path.page(l, "pending", PAGE, 100_000));
        }
        Stats base = new Stats();
        double deepBase;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            jdbcPass(c, null);
            for (int p = 0; p < passes; p++) {
                jdbcPass(c, base);
            }
            deepBase = timeMs(() -> jdbcPage(c, "pending", 100_000));
        }
        report.header("queue", String.format("### 6. Moderation queue at a million feedback rows\n\n%,d feedback rows and their quotes (70%% pending, 10%% each approved, rejected, unpublished); one page of %d, filtered by status (each of the four, and none), newest first, pages 1–%d; %d passes after one warm-up pass, in the harness's JVM. Loopboard: %s. Baseline: the same SQL through plain JDBC.",
                rows, PAGE, PAGES, passes, path.name()));
        report.row("queue", new Report.Row("one page: p50", Report.ms(lb.median()), Report.ms(base.median()), Report.ratio(lb.median(), base.median()), "", null));
        report.row("queue", new Report.Row("one page: p95", Report.ms(lb.percentile(95)), Report.ms(base.percentile(95)),
                Report.ratio(lb.percentile(95), base.percentile(95)), "≤ 20 ms", lb.percentile(95) <= 20));
        report.row("queue", new Report.Row("one page: p99", Report.ms(lb.percentile(99)), Report.ms(base.percentile(99)), Report.ratio(lb.percentile(99), base.percentile(99)), "", null));
        report.row("queue", new Report.Row("deep page (pending, offset 100,000)", Report.ms(deepLb), Report.ms(deepBase), Report.ratio(deepLb, deepBase), "", null));
    }

    private interface Call {
        int run() throws Exception;
    }

    private static double timeMs(Call call) throws Exception {
        long t0 = System.nanoTime();
        int n = call.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (n != PAGE) {
            throw new IllegalStateException("a page had " + n + " rows, expected " + PAGE);
        }
        return ms;
    }

    private static void pass(Loopboard l, QueuePage path, Stats into) throws Exception {
        for (String status : STATUSES) {
            for (int page = 0; page < PAGES; page++) {
                int offset = page * PAGE;
                double ms = timeMs(() -> path.page(l, status, PAGE, offset));
                if (into != null) {
                    into.add(ms);
                }
            }
        }
    }

    private static void jdbcPass(Connection c, Stats into) throws Exception {
        for (String status : STATUSES) {
            for (int page = 0; page < PAGES; page++) {
                int offset = page * PAGE;
                double ms = timeMs(() -> jdbcPage(c, status, offset));
                if (into != null) {
                    into.add(ms);
                }
            }
        }
    }

    private static int jdbcPage(Connection c, String status, int offset) throws Exception {
        String sql = "SELECT q.*, f.score, f.score_type, f.touchpoint, f.location, f.language, f.responded_at"
                + " FROM quote q JOIN feedback f ON f.id = q.feedback_id"
                + (status == null ? "" : " WHERE q.status = ?")
                + " ORDER BY q.created_at DESC, q.id DESC LIMIT ? OFFSET ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (status != null) {
                ps.setString(i++, status);
            }
            ps.setInt(i++, PAGE);
            ps.setInt(i, offset);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[cols];
                    for (int k = 0; k < cols; k++) {
                        row[k] = rs.getObject(k + 1);
                    }
                    rows.add(row);
                }
            }
            return rows.size();
        }
    }
}

package io.loopboard.bench;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.curation.ModerationQueue;
import io.loopboard.curation.QuoteQuery;
import io.loopboard.curation.QuoteService;
import io.loopboard.store.Clock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6: the moderation queue at a million feedback rows, through the call behind
 * {@code GET /api/v1/quotes} and the /admin queue: {@code ModerationQueue.page(QuoteQuery)}, with
 * the filter combinations a moderator uses (each status and none, a score band, touchpoint and
 * location, language, a date range, free text common, rare and Swedish in another case, both
 * sort orders), pages 1–20 by the cursor each page returns, as the page's "More" button does.
 *
 * <p>Baseline: the very SQL each page ran (as {@code ModerationQueue.sql} renders it, values
 * inlined), through plain JDBC reading every column, without Loopboard's plan choice (its
 * counting probes), jOOQ's mapping or the channel lookup of the page's quotes.
 */
final class QueueScenario {

    static final int PAGE = 50;
    static final int PAGES = 20;
    /** The fixture's quotes are stamped one second apart from this instant (see IngestScenario.viaJdbc). */
    private static final long T0 = 1_760_000_000_000L + 60_000;

    /** One filter combination of the queue; cursor paging is added per page. */
    record Case(String name, QuoteQuery query) {
        QuoteQuery at(String cursor) {
            QuoteQuery q = query;
            return new QuoteQuery(q.status(), q.band(), q.touchpoint(), q.location(), q.language(), q.from(), q.to(), q.text(),
                    q.flagged(), q.sort(), cursor, null, 0, PAGE);
        }
    }

    private static Case c(String name, String status, String band, String touchpoint, String location, String language,
                          Long from, Long to, String text, String sort) {
        return new Case(name, new QuoteQuery(status, band, touchpoint, location, language, from, to, text, null, sort, null,
                null, 0, PAGE));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String status : new String[] {"pending", "approved", "rejected", "archived", null}) {
            cases.add(c((status == null ? "all statuses" : status) + ", newest", status, null, null, null, null, null, null, null, "newest"));
        }
        cases.add(c("pending, most quotable", "pending", null, null, null, null, null, null, null, "quotability"));
        cases.add(c("all statuses, most quotable", null, null, null, null, null, null, null, null, "quotability"));
        cases.add(c("pending, NPS critics", "pending", "nps-critic", null, null, null, null, null, null, "newest"));
        cases.add(c("pending, NPS promoters, most quotable", "pending", "nps-promoter", null, null, null, null, null, null, "quotability"));
        cases.add(c("pending, touchpoint + location (Umeå)", "pending", null, "delivery", "Umeå", null, null, null, null, "newest"));
        cases.add(c("pending, language de", "pending", null, null, null, "de", null, null, null, "newest"));
        cases.add(c("all statuses, language sv, most quotable", null, null, null, null, "sv", null, null, null, "quotability"));
        long from = T0 + 300_000L * 1000;
        cases.add(c("pending, a 2-day window", "pending", null, null, null, null, from, from + 2 * 86_400_000L, null, "newest"));
        cases.add(c("pending, text common (\"leverans\")", "pending", null, null, null, null, null, null, "leverans", "newest"));
        cases.add(c("pending, text common, most quotable", "pending", null, null, null, null, null, null, "leverans", "quotability"));
        cases.add(c("pending, text rare (\"VÅLÅDALEN\", 200 rows)", "pending", null, null, null, null, null, null, "VÅLÅDALEN", "newest"));
        cases.add(c("pending, text rare, most quotable", "pending", null, null, null, null, null, null, "VÅLÅDALEN", "quotability"));
        cases.add(c("all statuses, text Swedish other case (\"JÄTTETREVLIG\")", null, null, null, null, null, null, null, "JÄTTETREVLIG", "newest"));
        cases.add(c("approved, text Swedish + location, most quotable", "approved", null, null, "Göteborg", null, null, null, "jÄttetrevlig", "quotability"));
        return cases;
    }

    void run(Bench bench, Report report) throws Exception {
        int rows = 1_000_000;
        int passes = bench.quick ? 2 : 5;
        Path dir = bench.work().resolve("queue");
        long t0 = System.nanoTime();
        IngestScenario.viaJdbc(dir, rows, Long.MAX_VALUE, false);
        Path db = dir.resolve("loopboard.db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            // a realistic spread: most quotes waiting, some on air, some decided against or taken down;
            // quotability 0-100; and a place name that only 1 quote in 5,000 mentions
            st.executeUpdate("UPDATE quote SET status = CASE id % 10 WHEN 0 THEN 'approved' WHEN 1 THEN 'rejected' WHEN 2 THEN 'archived' ELSE 'pending' END,"
                    + " quotability = (id * 37) % 101");
            st.executeUpdate("UPDATE quote SET display_text = display_text || ' Vi bor i Vålådalen.' WHERE id % 5000 = 3");
        }
        System.out.printf("  queue fixture: %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

        List<Case> cases = cases();
        Map<String, Stats> perCase = new LinkedHashMap<>();
        Stats lb = new Stats();
        Stats base = new Stats();
        List<String[]> sqls = new ArrayList<>(); // case name, SQL of each page, as Loopboard ran it
        List<Double> erasures = new ArrayList<>();
        double deepLb;
        double deepOffsetLb;
        String deepCursor = (T0 + 300_000L * 1000) + "." + 300_001;
        Map<String, Stats> perCaseBase = new LinkedHashMap<>();
        // the two sides take turns, pass by pass, so that both meet the same load on this shared machine
        try (Loopboard l = new Loopboard(Config.forDataDir(dir, 0), Clock.SYSTEM);
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            l.start(); // the search index's thread starts with the server
            try (Statement st = c.createStatement()) {
                st.execute("ATTACH DATABASE '" + dir.resolve("loopboard-search.db").toAbsolutePath() + "' AS search");
            }
            // the fixture's edits of 200 texts are re-indexed by Loopboard's indexer before anything is measured
            if (!l.search.awaitCurrent(java.time.Duration.ofMinutes(2))) {
                throw new IllegalStateException("the search index did not catch up with the fixture");
            }
            pass(l.quotes, cases, null, null, sqls);
            jdbcPass(c, sqls, null, null);
            for (int p = 0; p < passes; p++) {
                pass(l.quotes, cases, lb, perCase, null);
                jdbcPass(c, sqls, base, perCaseBase);
            }
            QuoteQuery deep = cases.get(0).at(deepCursor);
            deepLb = timeMs(() -> l.quotes.queue().page(deep).quotes().size());
            deepOffsetLb = timeMs(() -> l.quotes.list("pending", PAGE, 100_000).size());
            // an erasure by e-mail reads the whole feedback table on SQLite (V16): one customer at a time
            for (int i = 0; i < 5; i++) {
                String email = Fixture.Rows.feedback(123_457 + i * 100_003).customerEmail().toUpperCase(java.util.Locale.ROOT);
                erasures.add(timeMs(() -> l.erasure.erase(email, "bench").feedback()));
            }
        }
        report.header("queue", String.format("### 6. Moderation queue at a million feedback rows\n\n%,d feedback rows and their quotes (70%% pending, 10%% each approved, rejected, unpublished; quotability spread 0–100; 1 in 5,000 mentions \"Vålådalen\"); one page of %d through `ModerationQueue.page(QuoteQuery)` (the call behind `GET /api/v1/quotes` and the /admin queue), %d filter combinations (below), pages 1–%d each by the cursor the previous page returned (fewer where the filter has fewer rows): %,d pages per pass, %d passes after one warm-up pass, in the harness's JVM, Loopboard and baseline taking turns pass by pass. Baseline: the same SQL each page ran (values inlined) through plain JDBC, reading every column, without Loopboard's plan choice, jOOQ's mapping or the channel lookup.",
                rows, PAGE, cases.size(), PAGES, sqls.size(), passes));
        report.row("queue", new Report.Row("one page: p50", Report.ms(lb.median()), Report.ms(base.median()), Report.ratio(lb.median(), base.median()), "", null));
        report.row("queue", new Report.Row("one page: p95", Report.ms(lb.percentile(95)), Report.ms(base.percentile(95)),
                Report.ratio(lb.percentile(95), base.percentile(95)), "≤ 20 ms", lb.percentile(95) <= 20));
        report.row("queue", new Report.Row("one page: p99", Report.ms(lb.percentile(99)), Report.ms(base.percentile(99)), Report.ratio(lb.percentile(99), base.percentile(99)), "", null));
        for (Map.Entry<String, Stats> e : perCase.entrySet()) {
            Stats b = perCaseBase.get(e.getKey());
            report.row("queue", new Report.Row("p95 — " + e.getKey(), Report.ms(e.getValue().percentile(95)), Report.ms(b.percentile(95)),
                    Report.ratio(e.getValue().percentile(95), b.percentile(95)), "", null));
        }
        report.row("queue", new Report.Row("deep page by cursor (pending, 300,000 quotes in)", Report.ms(deepLb), "", "", "", null));
        report.row("queue", new Report.Row("deep page by offset (pending, offset 100,000; the old `list(status, limit, offset)`)", Report.ms(deepOffsetLb), "", "", "", null));
        erasures.sort(null);
        report.row("queue", new Report.Row("erasure of one customer by e-mail (median of 5; reads the feedback table, V16)",
                Report.ms(erasures.get(2)), "", "", "", null));
        report.note("queue", "Each case's p95 is over its pages of all passes. Free text takes 3 characters or more; the plan each case runs is described in docs/moderation.md, \"How the queue stays fast\".");
    }

    private interface Call {
        int run() throws Exception;
    }

    private static double timeMs(Call call) throws Exception {
        long t0 = System.nanoTime();
        int n = call.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (n == 0) {
            throw new IllegalStateException("an empty page: the fixture does not fit the case");
        }
        return ms;
    }

    private static void pass(QuoteService quotes, List<Case> cases, Stats into, Map<String, Stats> perCase, List<String[]> sqls) throws Exception {
        for (Case k : cases) {
            String cursor = null;
            for (int page = 0; page < PAGES; page++) {
                QuoteQuery q = k.at(cursor);
                ModerationQueue.QuotePage[] result = new ModerationQueue.QuotePage[1];
                double ms = timeMs(() -> {
                    result[0] = quotes.queue().page(q);
                    return result[0].quotes().size();
                });
                if (into != null) {
                    into.add(ms);
                    perCase.computeIfAbsent(k.name(), x -> new Stats()).add(ms);
                }
                if (sqls != null) {
                    sqls.add(new String[] {k.name(), quotes.queue().sql(q)});
                }
                cursor = result[0].nextCursor();
                if (cursor == null) {
                    break;
                }
            }
        }
    }

    private static void jdbcPass(Connection c, List<String[]> sqls, Stats into, Map<String, Stats> perCase) throws Exception {
        for (String[] s : sqls) {
            double ms = timeMs(() -> jdbcPage(c, s[1]));
            if (into != null) {
                into.add(ms);
                perCase.computeIfAbsent(s[0], x -> new Stats()).add(ms);
            }
        }
    }

    private static int jdbcPage(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Object[]> rows = new ArrayList<>();
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[cols];
                for (int k = 0; k < cols; k++) {
                    row[k] = rs.getObject(k + 1);
                }
                rows.add(row);
            }
            return rows.size();
        }
    }
}

package io.loopboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Scenarios 1 and 2: approve → every screen, and unpublish → gone from every screen. Screens are
 * added in steps (100, 1,000, 5,000) to one running server; at each step every round approves a
 * pending quote through the HTTP API and then unpublishes it, and measures from just before the
 * request is sent to the moment the last screen receives the playlist with (or without) it.
 *
 * <p>The baseline is a bare Jetty broadcast of the very playlist Loopboard sent, to the same
 * number of sockets of the same client, triggered by an HTTP POST in the same way.
 */
final class FanoutScenario {

    static final String APPROVE = "approve";
    static final String TAKEDOWN = "takedown";
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient api = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void run(Bench bench, Report report, boolean doApprove, boolean doTakedown) throws Exception {
        List<Integer> steps = bench.quick ? List.of(100, 1000) : List.of(100, 1000, 5000);
        int rounds = bench.quick ? 10 : 30;
        int warmup = 3;
        int maxN = steps.get(steps.size() - 1);
        Fixture fx = bench.fixture();
        Path jar = bench.serverJar();

        Stats[][] lb = new Stats[steps.size()][2];
        Stats[][] base = new Stats[steps.size()][2];
        double[] lbCpu = new double[steps.size()];
        double[] baseCpu = new double[steps.size()];
        String[] payloads = new String[2];
        int[] sizes = new int[2];
        try (ServerProcess server = ServerProcess.loopboard(jar, fx.dataDir(), ServerProcess.freePort(), bench.log("fanout-loopboard"));
             Screens fleet = new Screens(false)) {
            server.awaitHealthy(Duration.ofSeconds(120));
            int quote = 0;
            for (int s = 0; s < steps.size(); s++) {
                int n = steps.get(s);
                fleet.connect(fx.urls(server, fleet.size(), n), Duration.ofSeconds(120));
                lb[s][0] = new Stats();
                lb[s][1] = new Stats();
                double cpu0 = 0;
                for (int r = 0; r < warmup + rounds; r++) {
                    if (r == warmup) {
                        cpu0 = server.cpuMillis();
                    }
                    int id = fx.pendingQuotes().get(quote++ % fx.pendingQuotes().size());
                    String marker = "\"quote-" + id + "\"";
                    Screens.Watch on = fleet.watch(t -> t.contains(marker));
                    double approve = timed(on, () -> post(server.base() + "/api/v1/quotes/" + id + "/approve", fx.moderatorKey(), "{}"));
                    Screens.Watch off = fleet.watch(t -> !t.contains(marker));
                    double takedown = timed(off, () -> post(server.base() + "/api/v1/quotes/" + id + "/unpublish", fx.moderatorKey(), null));
                    if (r >= warmup) {
                        lb[s][0].add(approve);
                        lb[s][1].add(takedown);
                    }
                    payloads[0] = on.sample;
                    payloads[1] = off.sample;
                    Thread.sleep(50);
                }
                lbCpu[s] = (server.cpuMillis() - cpu0) / (2.0 * rounds);
                System.out.printf("  loopboard N=%d: approve p50 %.1f ms, takedown p50 %.1f ms, server CPU %.1f ms per change%n",
                        n, lb[s][0].median(), lb[s][1].median(), lbCpu[s]);
            }
        }
        sizes[0] = payloads[0].length();
        sizes[1] = payloads[1].length();
        // The baseline broadcasts exactly what Loopboard sent in its last round.
        String marker = payloads[0].substring(payloads[0].indexOf("\"quote-"), payloads[0].indexOf("\"", payloads[0].indexOf("\"quote-") + 1) + 1);
        try (ServerProcess server = ServerProcess.baseline(ServerProcess.freePort(), bench.log("fanout-baseline"));
             Screens fleet = new Screens(false)) {
            server.awaitHealthy(Duration.ofSeconds(120));
            for (int s = 0; s < steps.size(); s++) {
                int n = steps.get(s);
                fleet.connect(Fixture.baselineUrls(server, n - fleet.size()), Duration.ofSeconds(120));
                base[s][0] = new Stats();
                base[s][1] = new Stats();
                double cpu0 = 0;
                for (int r = 0; r < warmup + rounds; r++) {
                    if (r == warmup) {
                        cpu0 = server.cpuMillis();
                    }
                    Screens.Watch on = fleet.watch(t -> t.contains(marker));
                    double approve = timed(on, () -> post(server.base() + "/broadcast", null, payloads[0]));
                    Screens.Watch off = fleet.watch(t -> !t.contains(marker));
                    double takedown = timed(off, () -> post(server.base() + "/broadcast", null, payloads[1]));
                    if (r >= warmup) {
                        base[s][0].add(approve);
                        base[s][1].add(takedown);
                    }
                    Thread.sleep(50);
                }
                baseCpu[s] = (server.cpuMillis() - cpu0) / (2.0 * rounds);
                System.out.printf("  baseline N=%d: p50 %.1f ms, server CPU %.1f ms per change%n", n, base[s][0].median(), baseCpu[s]);
            }
        }

        String[] names = {APPROVE, TAKEDOWN};
        boolean[] wanted = {doApprove, doTakedown};
        for (int k = 0; k < 2; k++) {
            if (!wanted[k]) {
                continue;
            }
            String scenario = names[k];
            report.header(scenario, k == 0
                    ? "### 1. Approve → on every screen\n\nFrom just before `POST /api/v1/quotes/{id}/approve` is sent to the moment the last connected screen has received the playlist containing the quote. Baseline: a bare Jetty 12 WebSocket server broadcasting the same playlist (same bytes) to the same number of sockets of the same client, triggered by a POST."
                    : "### 2. Takedown → gone from every screen\n\nFrom just before `POST /api/v1/quotes/{id}/unpublish` is sent to the moment the last connected screen has received a playlist without the quote. Baseline as in 1.");
            for (int s = 0; s < steps.size(); s++) {
                int n = steps.get(s);
                Stats l = lb[s][k];
                Stats b = base[s][k];
                String goal = k == 0 ? (n == 1000 ? "p99 ≤ 100 ms" : "") : "p99 ≤ 1 s (design: takedown within a second)";
                Boolean met = null;
                if (k == 1) {
                    met = l.percentile(99) <= 1000;
                } else if (n == 1000) {
                    met = l.percentile(99) <= 100;
                }
                report.row(scenario, new Report.Row(String.format("N = %,d screens: p50", n), Report.ms(l.median()),
                        Report.ms(b.median()), Report.ratio(l.median(), b.median()), "", null));
                report.row(scenario, new Report.Row(String.format("N = %,d screens: p99", n), Report.ms(l.percentile(99)),
                        Report.ms(b.percentile(99)), Report.ratio(l.percentile(99), b.percentile(99)), goal, met));
                if (k == 0) {
                    report.row(scenario, new Report.Row(String.format("N = %,d screens: server CPU per change (mean of approve and takedown)", n),
                            Report.ms(lbCpu[s]), Report.ms(baseCpu[s]), Report.ratio(lbCpu[s], baseCpu[s]), "", null));
                }
            }
            report.note(scenario, String.format("%d measured rounds per N after %d warm-up rounds; with fewer than 100 rounds p99 is the slowest round. Payload %,d characters (%d slides). Every screen acknowledges every playlist with an `ack`, as the display client does.",
                    rounds, warmup, sizes[k], countSlides(payloads[k])));
        }
    }

    private static int countSlides(String playlist) {
        int n = 0;
        for (int i = playlist.indexOf("\"quote-"); i >= 0; i = playlist.indexOf("\"quote-", i + 1)) {
            n++;
        }
        return n;
    }

    private interface Action {
        void run() throws Exception;
    }

    private static double timed(Screens.Watch w, Action action) throws Exception {
        long t0 = System.nanoTime();
        action.run();
        if (!w.await(ROUND_TIMEOUT)) {
            throw new IllegalStateException(w.left.get() + " screens did not receive the change within " + ROUND_TIMEOUT);
        }
        return (w.lastNanos - t0) / 1e6;
    }

    private void post(String url, String apiKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> res = api.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " → " + res.statusCode() + " " + res.body());
        }
    }
}

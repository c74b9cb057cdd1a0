package io.loopboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 7: cold start. From launching the server on an existing data directory to a screen
 * holding its first playlist; the screen keeps trying to connect every 10 ms from the moment
 * the process is launched. Loopboard is launched two ways: {@code java -jar} with default
 * flags, and {@code server/loopboard} (the launcher, mapping the class-data archive a first
 * start wrote). Baseline: the same for the bare Jetty server (a JVM start plus Jetty).
 */
final class ColdStartScenario {

    private final HttpClient http = HttpClient.newHttpClient();

    void run(Bench bench, Report report) throws Exception {
        int repeats = bench.quick ? 3 : 7;
        Fixture fx = bench.fixture();
        Stats lb = new Stats();
        Stats cds = new Stats();
        Stats base = new Stats();
        Stats lbCpu = new Stats();
        Stats cdsCpu = new Stats();
        Stats baseCpu = new Stats();
        bench.trainCds();
        for (int i = 0; i < repeats; i++) {
            double[] l = once(bench, fx, Launch.JAR);
            double[] c = once(bench, fx, Launch.LAUNCHER);
            double[] b = once(bench, fx, Launch.BASELINE);
            lb.add(l[0]);
            cds.add(c[0]);
            base.add(b[0]);
            lbCpu.add(l[1]);
            cdsCpu.add(c[1]);
            baseCpu.add(b[1]);
            System.out.printf("  cold start %d: java -jar %.0f ms (%.0f ms CPU), server/loopboard %.0f ms (%.0f ms CPU), baseline %.0f ms (%.0f ms CPU)%n",
                    i + 1, l[0], l[1], c[0], c[1], b[0], b[1]);
        }
        report.header("coldstart", String.format("### 7. Cold start\n\nFrom launching the server (existing data directory with %,d screens, migrations already applied) to a screen holding its first playlist; the screen retries its WebSocket every 10 ms from the launch. Loopboard two ways: `java -jar server/target/loopboard.jar serve` with default JVM flags, and `server/loopboard serve`, the launcher a server runs it with, which maps the class-data-sharing archive (AppCDS) that a first start of the same jar wrote on exit (made once before the measured starts). Baseline: the bare Jetty server started with `java -cp`. %d starts each, taking turns.", fx.screenTokens().size(), repeats));
        report.row("coldstart", new Report.Row("`server/loopboard` (AppCDS): launch → first screen served, median", Report.ms(cds.median()),
                Report.ms(base.median()), Report.ratio(cds.median(), base.median()), "≤ 2 s", cds.median() <= 2000));
        report.row("coldstart", new Report.Row("`server/loopboard` (AppCDS): CPU time used by then, median", Report.ms(cdsCpu.median()),
                Report.ms(baseCpu.median()), Report.ratio(cdsCpu.median(), baseCpu.median()), "", null));
        report.row("coldstart", new Report.Row("`java -jar`, default flags: launch → first screen served, median", Report.ms(lb.median()), Report.ms(base.median()),
                Report.ratio(lb.median(), base.median()), "", null));
        report.row("coldstart", new Report.Row("`java -jar`, default flags: CPU time used by then (user + system), median", Report.ms(lbCpu.median()),
                Report.ms(baseCpu.median()), Report.ratio(lbCpu.median(), baseCpu.median()), "", null));
        report.note("coldstart", "Wall time includes waiting for a core; the CPU time of the server process (from /proc/<pid>/stat, all threads, so it can exceed wall time on two cores) is the steadier figure on a shared machine.");
    }

    private enum Launch { JAR, LAUNCHER, BASELINE }

    /** Returns {wall ms, server CPU ms} from launch to the first playlist. */
    private double[] once(Bench bench, Fixture fx, Launch how) throws Exception {
        int port = ServerProcess.freePort();
        String url = how != Launch.BASELINE ? "ws://127.0.0.1:" + port + "/display/ws?token=" + fx.screenTokens().get(0) : "ws://127.0.0.1:" + port + "/ws";
        long t0 = System.nanoTime();
        try (ServerProcess server = switch (how) {
            case JAR -> ServerProcess.loopboard(bench.serverJar(), fx.dataDir(), port, bench.log("coldstart-loopboard"));
            case LAUNCHER -> bench.launchLoopboard(port, "coldstart-launcher");
            case BASELINE -> ServerProcess.baseline(port, bench.log("coldstart-baseline"));
        }) {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!server.process.isAlive()) {
                    throw new IllegalStateException(server.name + " exited during start (see its log)");
                }
                CompletableFuture<Long> playlist = new CompletableFuture<>();
                try {
                    WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
                            .buildAsync(URI.create(url), new WebSocket.Listener() {
                                final StringBuilder partial = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    partial.append(data);
                                    if (last) {
                                        if (partial.toString().startsWith("{\"type\":\"playlist\"")) {
                                            playlist.complete(System.nanoTime());
                                        }
                                        partial.setLength(0);
                                    }
                                    w.request(1);
                                    return null;
                                }
                            }).get(5, TimeUnit.SECONDS);
                    long at = playlist.get(10, TimeUnit.SECONDS);
                    double cpu = server.cpuMillis();
                    ws.abort();
                    return new double[] {(at - t0) / 1e6, cpu};
                } catch (java.util.concurrent.ExecutionException notYet) {
                    Thread.sleep(10);
                }
            }
            throw new IllegalStateException(server.name + " served no screen within 120 s");
        }
    }
}

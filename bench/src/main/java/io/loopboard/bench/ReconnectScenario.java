package io.loopboard.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: a reconnect storm. Screens that reconnect like the display client (exponential
 * backoff, full jitter) are connected; the server is stopped (SIGTERM, its shutdown hook closes
 * the sockets) and started again on the same port and data; measured from the stop to the moment
 * every screen has received its playlist on a new connection and acknowledged it.
 */
final class ReconnectScenario {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    void run(Bench bench, Report report) throws Exception {
        int n = 1000;
        int repeats = bench.quick ? 1 : 3;
        Fixture fx = bench.fixture();
        Stats lbTotal = new Stats();
        Stats lbRestart = new Stats();
        Stats baseTotal = new Stats();
        Stats baseRestart = new Stats();
        int[] lbErrors = new int[2];
        int[] baseErrors = new int[2];
        bench.trainCds(); // restarted as a server runs it: through server/loopboard, with its class-data archive
        storm(bench, fx, n, repeats, true, lbTotal, lbRestart, lbErrors);
        storm(bench, fx, n, repeats, false, baseTotal, baseRestart, baseErrors);
        report.header("reconnect", String.format("### 4. Reconnect storm\n\n%,d screens that reconnect like the display client (backoff 500 ms × 2^attempt, full jitter, 30 s cap). The server is stopped with SIGTERM and started again through `server/loopboard` (same port, same data, the class-data archive of an earlier start); measured from the stop to the moment every screen has received its playlist on a new connection and sent its `ack`. Baseline: the same restart of the bare Jetty server. %d restart(s) each; the median is shown.", n, repeats));
        report.row("reconnect", new Report.Row("stop → all screens back and acknowledged", Report.ms(lbTotal.median()),
                Report.ms(baseTotal.median()), Report.ratio(lbTotal.median(), baseTotal.median()), "≤ 10 s", lbTotal.max() <= 10_000));
        report.row("reconnect", new Report.Row("of which: stop → new server healthy", Report.ms(lbRestart.median()),
                Report.ms(baseRestart.median()), Report.ratio(lbRestart.median(), baseRestart.median()), "", null));
        report.row("reconnect", new Report.Row("screens not back / unexpected close codes", lbErrors[0] + " / " + lbErrors[1],
                baseErrors[0] + " / " + baseErrors[1], "", "no errors", lbErrors[0] == 0 && lbErrors[1] == 0));
        report.note("reconnect", "Refused connection attempts while the server is down are expected and not errors; the screens retry them. Most of the time is the jittered backoff itself: after 3 failed attempts a screen waits up to 4 s, by design, so that a building full of screens does not reconnect in the same millisecond.");
    }

    private static void storm(Bench bench, Fixture fx, int n, int repeats, boolean loopboard,
                              Stats total, Stats restart, int[] errors) throws Exception {
        int port = ServerProcess.freePort();
        ServerProcess server = start(bench, fx, port, loopboard);
        try (Screens fleet = new Screens(true)) {
            server.awaitHealthy(Duration.ofSeconds(120));
            fleet.connect(loopboard ? fx.urls(server, 0, n) : Fixture.baselineUrls(server, n), Duration.ofSeconds(120));
            for (int r = 0; r < repeats; r++) {
                Thread.sleep(1000);
                Screens.Phase phase = fleet.newPhase();
                long t0 = System.nanoTime();
                server.stop();
                server = start(bench, fx, port, loopboard);
                server.awaitHealthy(Duration.ofSeconds(120));
                double healthy = (System.nanoTime() - t0) / 1e6;
                boolean all = phase.ready().await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                double back = (System.nanoTime() - t0) / 1e6;
                errors[0] += (int) phase.ready().getCount();
                total.add(all ? back : Double.POSITIVE_INFINITY);
                restart.add(healthy);
                System.out.printf("  %s restart %d: healthy after %.0f ms, all back after %.0f ms (%d missing, %d refused attempts, %d sockets abandoned as hung or silent so far)%n",
                        server.name, r + 1, healthy, back, phase.ready().getCount(), fleet.failedAttempts.get(), fleet.abandonedSockets.get());
            }
            errors[1] += fleet.unexpectedCloses.get();
        } finally {
            server.close();
        }
    }

    private static ServerProcess start(Bench bench, Fixture fx, int port, boolean loopboard) throws Exception {
        return loopboard
                ? bench.launchLoopboard(port, "reconnect-loopboard")
                : ServerProcess.baseline(port, bench.log("reconnect-baseline"));
    }
}

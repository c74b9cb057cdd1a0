package io.loopboard.bench;

import java.time.Duration;

/**
 * Scenario 3: memory with many idle screens. Heap is read after a full GC (jcmd GC.run, then
 * GC.heap_info) and RSS from /proc, first with no screens and then with all of them connected
 * and quiet; the baseline is the bare Jetty server holding the same number of sockets.
 */
final class IdleScenario {

    void run(Bench bench, Report report) throws Exception {
        int n = 10_000;
        Fixture fx = bench.fixture();
        ServerProcess.Memory[] lb = measure(bench, n, true, fx);
        ServerProcess.Memory[] base = measure(bench, n, false, fx);
        report.header("idle", "### 3. Idle screens\n\nHeap after a full GC (`jcmd <pid> GC.run` then `GC.heap_info`) and resident set size (`/proc/<pid>/status` VmRSS) of the server JVM (default JVM flags), with no screen and with "
                + String.format("%,d", n) + " connected, quiet screens. Baseline: the bare Jetty server holding the same number of sockets.");
        report.row("idle", new Report.Row("heap after GC, no screens", mib(lb[0].heapUsedMiB()), mib(base[0].heapUsedMiB()),
                Report.ratio(lb[0].heapUsedMiB(), base[0].heapUsedMiB()), "", null));
        report.row("idle", new Report.Row(String.format("heap after GC, %,d screens", n), mib(lb[1].heapUsedMiB()), mib(base[1].heapUsedMiB()),
                Report.ratio(lb[1].heapUsedMiB(), base[1].heapUsedMiB()), "< 512 MB", lb[1].heapUsedMiB() < 512));
        double perLb = (lb[1].heapUsedMiB() - lb[0].heapUsedMiB()) * 1024 / n;
        double perBase = (base[1].heapUsedMiB() - base[0].heapUsedMiB()) * 1024 / n;
        report.row("idle", new Report.Row("heap per screen", String.format("%.1f KiB", perLb), String.format("%.1f KiB", perBase),
                Report.ratio(perLb, perBase), "", null));
        report.row("idle", new Report.Row(String.format("RSS, %,d screens", n), mib(lb[1].rssMiB()), mib(base[1].rssMiB()),
                Report.ratio(lb[1].rssMiB(), base[1].rssMiB()), "", null));
        report.row("idle", new Report.Row(String.format("heap committed, %,d screens", n), mib(lb[1].heapCommittedMiB()),
                mib(base[1].heapCommittedMiB()), Report.ratio(lb[1].heapCommittedMiB(), base[1].heapCommittedMiB()), "", null));
    }

    private static String mib(double v) {
        return String.format(java.util.Locale.ROOT, "%.0f MiB", v);
    }

    private static ServerProcess.Memory[] measure(Bench bench, int n, boolean loopboard, Fixture fx) throws Exception {
        int port = ServerProcess.freePort();
        try (ServerProcess server = loopboard
                ? ServerProcess.loopboard(bench.serverJar(), fx.dataDir(), port, bench.log("idle-loopboard"))
                : ServerProcess.baseline(port, bench.log("idle-baseline"));
             Screens fleet = new Screens(false)) {
            server.awaitHealthy(Duration.ofSeconds(120));
            ServerProcess.Memory empty = server.memory();
            long t0 = System.nanoTime();
            fleet.connect(loopboard ? fx.urls(server, 0, n) : Fixture.baselineUrls(server, n), Duration.ofSeconds(240));
            System.out.printf("  %s: %,d screens connected in %.1f s (%d handshakes failed and were retried)%n",
                    server.name, n, (System.nanoTime() - t0) / 1e9, fleet.failedAttempts.get());
            Thread.sleep(3000); // let connect-time work (last-seen writes) drain
            ServerProcess.Memory full = server.memory();
            System.out.printf("  %s: heap %.0f → %.0f MiB, RSS %.0f MiB%n", server.name, empty.heapUsedMiB(), full.heapUsedMiB(), full.rssMiB());
            return new ServerProcess.Memory[] {empty, full};
        }
    }
}

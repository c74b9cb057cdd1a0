package io.loopboard.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in its own JVM: Loopboard from its executable jar, or the bare Jetty
 * baseline. A separate JVM keeps the server's heap, GC and JIT apart from the load generator's
 * (they still share the machine's two cores).
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Process process;
    final long startedNanos;

    private ServerProcess(String name, int port, Process process, long startedNanos) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** More than the largest fleet a scenario connects, from the one address they share. */
    private static final String SCREENS_FROM_ONE_ADDRESS = "100000";

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@code java -jar loopboard.jar serve}, configured by environment variables only, like in production. */
    static ServerProcess loopboard(Path jar, Path dataDir, int port, Path log) throws IOException {
        List<String> cmd = List.of(java().toString(), "-jar", jar.toString(), "serve");
        return start("loopboard", cmd, Map.of(
                "LOOPBOARD_PORT", String.valueOf(port),
                "LOOPBOARD_DATA_DIR", dataDir.toString(),
                "LOOPBOARD_ADMIN_PASSWORD", Fixture.ADMIN_PASSWORD,
                // every simulated screen connects from 127.0.0.1, as screens behind one proxy would
                "LOOPBOARD_MAX_CONNECTIONS_PER_ADDRESS", SCREENS_FROM_ONE_ADDRESS), port, log);
    }

    /**
     * Loopboard as a server should run it: through {@code server/loopboard}, which maps the
     * class-data-sharing archive {@code archive} (written by an earlier run's exit; see
     * {@link Bench#trainCds}).
     */
    static ServerProcess launched(Path launcher, Path jar, Path archive, Path dataDir, int port, Path log) throws IOException {
        return start("loopboard", List.of(launcher.toString(), "serve"), Map.of(
                "JAVA", java().toString(),
                "LOOPBOARD_JAR", jar.toString(),
                "LOOPBOARD_CDS_ARCHIVE", archive.toString(),
                "LOOPBOARD_PORT", String.valueOf(port),
                "LOOPBOARD_DATA_DIR", dataDir.toString(),
                "LOOPBOARD_ADMIN_PASSWORD", Fixture.ADMIN_PASSWORD,
                // every simulated screen connects from 127.0.0.1, as screens behind one proxy would
                "LOOPBOARD_MAX_CONNECTIONS_PER_ADDRESS", SCREENS_FROM_ONE_ADDRESS), port, log);
    }

    /** The bare Jetty 12 WebSocket broadcaster, from the harness's own classpath. */
    static ServerProcess baseline(int port, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java().toString(), "-cp", System.getProperty("java.class.path"),
                BaselineServer.class.getName(), String.valueOf(port)));
        return start("baseline", cmd, Map.of(), port, log);
    }

    private static ServerProcess start(String name, List<String> cmd, Map<String, String> env, int port, Path log)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        return new ServerProcess(name, port, pb.start(), t0);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String ws(String pathAndQuery) {
        return "ws://127.0.0.1:" + port + pathAndQuery;
    }

    /** Polls /health until it answers 200; returns the milliseconds since the process started. */
    double awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " server exited with " + process.exitValue() + " (see its log)");
            }
            try {
                if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(name + " server not healthy within " + timeout);
    }

    /**
     * CPU time (user + system, all threads) the server process has used so far, from
     * /proc/&lt;pid&gt;/stat. On a shared machine this is steadier than wall time: it does not
     * grow while the process waits for a core.
     */
    double cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name, in clock ticks of 10 ms
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
    }

    /** Heap after a full GC and resident set size, in MiB. */
    record Memory(double heapUsedMiB, double heapCommittedMiB, double rssMiB) {
    }

    Memory memory() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(500);
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("cannot read heap from jcmd output: " + info);
        }
        double committed = Long.parseLong(m.group(1)) / 1024.0;
        double used = Long.parseLong(m.group(2)) / 1024.0;
        double rss = Double.NaN;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return new Memory(used, committed, rss);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    /** SIGTERM (the server's shutdown hook runs), then SIGKILL if it has not exited within 10 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                stop();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

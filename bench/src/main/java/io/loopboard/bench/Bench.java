package io.loopboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark harness: {@code bench/run [--quick] [scenario...]}. Runs the chosen scenarios
 * (all by default) against the real server and its baselines and writes the figures into
 * docs/performance.md. Every client is on loopback, bounded in number and time, and stops by
 * itself; every server it starts is stopped before it moves on.
 */
public final class Bench {

    static final List<String> SCENARIOS = List.of("approve", "takedown", "idle", "reconnect", "ingest", "queue", "coldstart",
            ImportTakedownScenario.NAME);

    static final int PAIRED_SCREENS = 1000;
    private static String loadAtStart = "?";

    final boolean quick;
    private final Path root;
    private Fixture fixture;

    private Bench(boolean quick, Path root) {
        this.quick = quick;
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> chosen = new LinkedHashSet<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.equals("all")) {
                chosen.addAll(SCENARIOS);
            } else if (SCENARIOS.contains(a)) {
                chosen.add(a);
            } else {
                System.err.println("usage: bench/run [--quick] [all | " + String.join(" | ", SCENARIOS) + " ...]");
                System.exit(2);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(SCENARIOS);
        }
        loadAtStart = loadAverage();
        Path root = Path.of(System.getProperty("loopboard.root", ".")).toAbsolutePath().normalize();
        Bench bench = new Bench(quick, root);
        deleteTree(bench.work());
        Files.createDirectories(bench.work());
        Report report = new Report();
        current = report;
        currentRoot = root;
        currentCommand = "bench/run" + (quick ? " --quick" : "") + (chosen.size() == SCENARIOS.size() ? "" : " " + String.join(" ", chosen));
        long t0 = System.nanoTime();
        List<String> failed = new ArrayList<>();
        if (chosen.contains("approve") || chosen.contains("takedown")) {
            failed.addAll(step("approve/takedown", () -> new FanoutScenario().run(bench, report, chosen.contains("approve"), chosen.contains("takedown"))));
        }
        if (chosen.contains("idle")) {
            failed.addAll(step("idle", () -> new IdleScenario().run(bench, report)));
        }
        if (chosen.contains("reconnect")) {
            failed.addAll(step("reconnect", () -> new ReconnectScenario().run(bench, report)));
        }
        if (chosen.contains("ingest")) {
            failed.addAll(step("ingest", () -> new IngestScenario().run(bench, report)));
        }
        if (chosen.contains("queue")) {
            failed.addAll(step("queue", () -> new QueueScenario().run(bench, report)));
        }
        if (chosen.contains(ImportTakedownScenario.NAME)) {
            failed.addAll(step(ImportTakedownScenario.NAME, () -> new ImportTakedownScenario().run(bench, report)));
        }
        if (chosen.contains("coldstart")) {
            failed.addAll(step("coldstart", () -> new ColdStartScenario().run(bench, report)));
        }
        System.out.printf("%nbench: %s in %.0f s; figures written to docs/performance.md%n",
                failed.isEmpty() ? "done" : "FAILED " + failed, (System.nanoTime() - t0) / 1e9);
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one scenario and writes the report so far; a failing scenario is reported and does not stop the others. */
    private static List<String> step(String name, Step step) {
        List<String> failed = run(name, step);
        try {
            current.write(currentRoot.resolve("docs/performance.md"), currentCommand, machine());
        } catch (IOException e) {
            System.out.println("cannot write docs/performance.md: " + e);
        }
        return failed;
    }

    private static Report current;
    private static Path currentRoot;
    private static String currentCommand;

    private static List<String> run(String name, Step step) {
        System.out.println("== " + name);
        long t0 = System.nanoTime();
        try {
            step.run();
            System.out.printf("== %s: %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
            return List.of();
        } catch (Exception | AssertionError e) {
            System.out.println("== " + name + " FAILED: " + e);
            e.printStackTrace(System.out);
            return List.of(name);
        }
    }

    Path work() {
        return root.resolve("bench/target/work");
    }

    Path log(String name) {
        return work().resolve(name + ".log");
    }

    /** The launcher a server runs Loopboard with (server/loopboard). */
    Path launcher() {
        return root.resolve("server/loopboard");
    }

    Path cdsArchive() {
        return work().resolve("loopboard.jsa");
    }

    /** Loopboard started through the launcher, on the fixture's data, mapping the run's class-data archive. */
    ServerProcess launchLoopboard(int port, String logName) throws IOException {
        return ServerProcess.launched(launcher(), serverJar(), cdsArchive(), fixture().dataDir(), port, log(logName));
    }

    /**
     * Makes the class-data archive of this build, as a server's first start does: the launcher
     * starts Loopboard without one, and the archive is written when that process exits.
     */
    void trainCds() throws Exception {
        Files.deleteIfExists(cdsArchive());
        try (ServerProcess training = launchLoopboard(ServerProcess.freePort(), "cds-training")) {
            training.awaitHealthy(Duration.ofSeconds(120));
            training.stop();
        }
        if (!Files.exists(cdsArchive())) {
            throw new IllegalStateException("the launcher wrote no class-data archive at " + cdsArchive() + " (see cds-training.log)");
        }
    }

    Path serverJar() {
        Path jar = root.resolve("server/target/loopboard.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the server first: " + jar + " is missing (bench/run builds it)");
        }
        return jar;
    }

    /** One prepared data directory for all screen scenarios of a run: 1,000 paired screens (see {@link Fixture#urls}). */
    Fixture fixture() throws IOException {
        if (fixture == null) {
            fixture = Fixture.prepare(work().resolve("screens"), PAIRED_SCREENS, 500);
        }
        return fixture;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** What the report says about where it ran: the load generator and the servers share these cores. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: say less
        }
        long memGb = -1;
        try {
            memGb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024).orElse(-1L);
        } catch (IOException ignored) {
            // not Linux
        }
        String load = ", 1-minute load average " + loadAtStart + " at the start and " + loadAverage() + " at the end";
        return String.format("%d cores (%s), %d GB RAM, Java %s, %s%s — the load generator (this JVM) and the server JVM share these cores",
                Runtime.getRuntime().availableProcessors(), cpu, memGb, System.getProperty("java.version"), System.getProperty("os.name"), load);
    }
}

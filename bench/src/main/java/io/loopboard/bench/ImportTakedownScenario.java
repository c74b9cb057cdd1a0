package io.loopboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Takedown during a million-row import: the promise that matters most (an unpublished quote
 * leaves every screen within a second) while something else writes the store. With 1,000
 * screens connected, rounds of approve → unpublish run first with nothing else writing (the
 * baseline, same server, same screens), then while {@code loopboard import} writes a million rows
 * as a second process on the same SQLite file, then while the server itself imports a million
 * rows uploaded through the API. Every decision must answer 2xx; the takedown is timed from just
 * before the request to the last screen's playlist without the quote. The imports' own rates
 * are reported beside them.
 */
final class ImportTakedownScenario {

    static final String NAME = "import-takedown";
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient api = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Takedowns measured in one phase, and what went wrong. */
    private static final class Phase {
        final Stats takedown = new Stats();
        final Stats answer = new Stats();
        int decisions;
        final List<String> failures = new ArrayList<>();
    }

    void run(Bench bench, Report report) throws Exception {
        int rows = bench.quick ? 200_000 : 1_000_000;
        int screens = Bench.PAIRED_SCREENS;
        Fixture fx = bench.fixture();
        Path cliCsv = IngestScenario.writeCsv(bench.work().resolve("import-takedown-cli.csv"), rows, true);
        Path uploadCsv = IngestScenario.writeCsv(bench.work().resolve("import-takedown-upload.csv"), rows, rows, true);

        Phase quiet;
        Phase cli;
        Phase upload;
        double cliRate;
        double uploadRate;
        try (ServerProcess server = ServerProcess.loopboard(bench.serverJar(), fx.dataDir(), ServerProcess.freePort(),
                bench.log("import-takedown-loopboard"));
             Screens fleet = new Screens(false)) {
            server.awaitHealthy(Duration.ofSeconds(120));
            fleet.connect(fx.urls(server, 0, screens), Duration.ofSeconds(120));
            int[] next = {0};

            quiet = new Phase();
            long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(bench.quick ? 10 : 20);
            rounds(server, fleet, fx, next, quiet, () -> System.nanoTime() < quietUntil);
            System.out.printf("  nothing else writing: %d takedowns, p50 %.0f ms, p99 %.0f ms%n",
                    quiet.takedown.count(), quiet.takedown.median(), quiet.takedown.percentile(99));

            // a second process on the same store, as `loopboard import` runs beside a server
            ProcessBuilder cliImport = new ProcessBuilder(List.of(ServerProcess.java().toString(), "-cp", bench.serverJar().toString(),
                    "io.loopboard.app.Main", "import", cliCsv.toString(), "--source", "bench-import"))
                    .redirectErrorStream(true).redirectOutput(bench.log("import-takedown-cli").toFile());
            cliImport.environment().put("LOOPBOARD_DATA_DIR", fx.dataDir().toString()); // the server's own store
            cliImport.environment().remove("LOOPBOARD_DATABASE_URL");
            Process importer = cliImport.start();
            long t0 = System.nanoTime();
            cli = new Phase();
            rounds(server, fleet, fx, next, cli, importer::isAlive);
            if (!importer.waitFor(20, TimeUnit.MINUTES) || importer.exitValue() != 0) {
                throw new IllegalStateException("the command-line import failed; see " + bench.log("import-takedown-cli"));
            }
            cliRate = rows / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("  beside a CLI import (%,.0f rows/s): %d takedowns, p50 %.0f ms, p99 %.0f ms, %d failed%n",
                    cliRate, cli.takedown.count(), cli.takedown.median(), cli.takedown.percentile(99), cli.failures.size());

            // the server's own import of an uploaded file
            int source = sourceId(server, fx, "bench-import");
            long u0 = System.nanoTime();
            HttpResponse<String> accepted = api.send(HttpRequest.newBuilder(
                            URI.create(server.base() + "/api/v1/sources/" + source + "/imports?filename=upload.csv"))
                    .header("Authorization", "Bearer " + fx.moderatorKey())
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofFile(uploadCsv)).build(), HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("upload → " + accepted.statusCode() + " " + accepted.body());
            }
            int job = Integer.parseInt(accepted.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
            upload = new Phase();
            rounds(server, fleet, fx, next, upload, () -> !jobDone(server, fx, job));
            while (!jobDone(server, fx, job)) {
                Thread.sleep(200);
            }
            uploadRate = rows / ((System.nanoTime() - u0) / 1e9);
            System.out.printf("  during an upload's import (%,.0f rows/s incl. the upload): %d takedowns, p50 %.0f ms, p99 %.0f ms, %d failed%n",
                    uploadRate, upload.takedown.count(), upload.takedown.median(), upload.takedown.percentile(99), upload.failures.size());
        }

        report.header(NAME, "### Takedown during a million-row import\n\nFrom just before `POST /api/v1/quotes/{id}/unpublish` to the moment the last of "
                + String.format("%,d", screens) + " screens has a playlist without the quote, while an import of "
                + String.format("%,d", rows) + " rows (random survey ids and e-mails) writes the same SQLite store: first `loopboard import` as a second process, then an upload the server imports itself. Each round approves a pending quote and takes it down again. Baseline: the same rounds on the same server and screens with nothing else writing.");
        for (Object[] p : new Object[][] {{"beside a CLI import", cli, cliRate}, {"during an upload's import", upload, uploadRate}}) {
            Phase ph = (Phase) p[1];
            report.row(NAME, new Report.Row(p[0] + ": takedown p50", Report.ms(ph.takedown.median()), Report.ms(quiet.takedown.median()),
                    Report.ratio(ph.takedown.median(), quiet.takedown.median()), "", null));
            report.row(NAME, new Report.Row(p[0] + ": takedown p99", Report.ms(ph.takedown.percentile(99)),
                    Report.ms(quiet.takedown.percentile(99)), Report.ratio(ph.takedown.percentile(99), quiet.takedown.percentile(99)),
                    "p99 ≤ 1 s", ph.takedown.percentile(99) <= 1000));
            report.row(NAME, new Report.Row(p[0] + ": decisions answered 2xx", ph.decisions - ph.failures.size() + " of " + ph.decisions,
                    "", "", "every one", ph.failures.isEmpty()));
            report.row(NAME, new Report.Row(p[0] + ": the import's own rate", String.format("%,.0f rows/s", p[2]), "", "", "", null));
        }
        report.note(NAME, String.format("%d, %d and %d takedowns measured (quiet, CLI, upload). Failures, if any: %s",
                quiet.takedown.count(), cli.takedown.count(), upload.takedown.count(), failuresOf(cli, upload)));
    }

    private static String failuresOf(Phase... phases) {
        List<String> all = new ArrayList<>();
        for (Phase p : phases) {
            all.addAll(p.failures.subList(0, Math.min(3, p.failures.size())));
        }
        return all.isEmpty() ? "none" : String.join("; ", all);
    }

    /** Approve → unpublish rounds while {@code go} says so; every decision is counted, failures kept. */
    private void rounds(ServerProcess server, Screens fleet, Fixture fx, int[] next, Phase phase, BooleanSupplier go) throws Exception {
        while (go.getAsBoolean()) {
            int id = fx.pendingQuotes().get(next[0]++ % fx.pendingQuotes().size());
            String marker = "\"quote-" + id + "\"";
            Screens.Watch on = fleet.watch(t -> t.contains(marker));
            if (!decide(server, fx, id, "approve", phase) || !on.await(ROUND_TIMEOUT)) {
                continue;
            }
            Screens.Watch off = fleet.watch(t -> !t.contains(marker));
            long t0 = System.nanoTime();
            if (!decide(server, fx, id, "unpublish", phase)) {
                continue;
            }
            if (!off.await(ROUND_TIMEOUT)) {
                phase.failures.add("quote " + id + " stayed on " + off.left.get() + " screens for " + ROUND_TIMEOUT);
                continue;
            }
            phase.takedown.add((off.lastNanos - t0) / 1e6);
            Thread.sleep(50);
        }
    }

    private boolean decide(ServerProcess server, Fixture fx, int id, String action, Phase phase) throws Exception {
        phase.decisions++;
        long t0 = System.nanoTime();
        HttpResponse<String> res = api.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/quotes/" + id + "/" + action))
                .header("Authorization", "Bearer " + fx.moderatorKey()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        phase.answer.add((System.nanoTime() - t0) / 1e6);
        if (res.statusCode() / 100 != 2) {
            phase.failures.add(action + " " + id + " → " + res.statusCode() + " " + res.body());
            return false;
        }
        return true;
    }

    private int sourceId(ServerProcess server, Fixture fx, String name) throws Exception {
        String body = get(server, fx, "/api/v1/sources");
        var sources = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("sources");
        for (var s : sources) {
            if (name.equals(s.get("name").asText())) {
                return s.get("id").asInt();
            }
        }
        throw new IllegalStateException("no source " + name + ": " + body);
    }

    private boolean jobDone(ServerProcess server, Fixture fx, int job) {
        try {
            String status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(server, fx, "/api/v1/imports/" + job))
                    .path("status").asText();
            if (status.equals("failed")) {
                throw new IllegalStateException("the uploaded import failed");
            }
            return status.equals("done");
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            return false;
        }
    }

    private String get(ServerProcess server, Fixture fx, String path) throws Exception {
        HttpResponse<String> res = api.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", "Bearer " + fx.moderatorKey()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " → " + res.statusCode());
        }
        return res.body();
    }
}

package io.loopboard.app;

import io.loopboard.auth.AuthService;
import io.loopboard.auth.Role;
import io.loopboard.config.Config;
import io.loopboard.demo.DemoContent;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The executable jar: {@code serve} (the default), {@code apikey create} and {@code import}. */
@Command(name = "loopboard", mixinStandardHelpOptions = true, version = "Loopboard 0.1.0",
        description = "Self-hosted digital signage for customer feedback.",
        subcommands = {Main.Serve.class, Main.ApiKey.class, Main.Import.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            WarmUp.begin();
        }
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The command line. Picocli's @FILE argument files are off: "--mapping @butiker.json" names
     * a mapping file, which that expansion would otherwise read as more arguments.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExpandAtFiles(false);
    }

    /** No subcommand: serve. */
    @Override
    public Integer call() {
        return new Serve().call();
    }

    static Config config(java.nio.file.Path dataDir) {
        Config config = Config.fromEnvironment(System.getenv());
        return dataDir == null ? config : config.withDataDir(dataDir);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the server (the default). Configured by LOOPBOARD_* environment variables.")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--demo", description = "Seed a demo channel, screen and feedback (same as LOOPBOARD_DEMO=true).")
        boolean demo;

        @Option(names = "--data-dir", description = "Data directory (overrides LOOPBOARD_DATA_DIR).")
        java.nio.file.Path dataDir;

        @Override
        public Integer call() {
            Config config = config(dataDir);
            if (demo) {
                config = config.withDemo(true);
            }
            Loopboard lb = new Loopboard(config, Clock.SYSTEM);
            Runtime.getRuntime().addShutdownHook(new Thread(lb::close, "shutdown"));
            Bootstrap.firstAdmin(lb, System.out);
            String screenToken = config.demo() ? DemoContent.seed(lb.feedback, lb.quotes, lb.screens,
                    config.dataDir().resolve(DemoContent.TOKEN_FILE)) : null;
            lb.start();
            String base = config.publicUrl() != null ? config.publicUrl() : "http://localhost:" + lb.port();
            System.out.println("  Loopboard is running at " + base);
            System.out.println("    moderation:  " + base + "/admin");
            if (screenToken != null) {
                System.out.println("    demo screen: " + base + "/display/?token=" + screenToken);
            }
            return waitForever();
        }

        private static Integer waitForever() {
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    @Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys.",
            subcommands = {ApiKeyCreate.class})
    static final class ApiKey implements Callable<Integer> {
        @Override
        public Integer call() {
            new CommandLine(this).usage(System.out);
            return 2;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and print it once (only its hash is stored).")
    static final class ApiKeyCreate implements Callable<Integer> {

        @Option(names = "--name", required = true, description = "What the key is for, e.g. 'typeform-webhook'.")
        String name;

        @Option(names = "--role", required = true, description = "ingest, moderator or admin.")
        String role;

        @Option(names = "--data-dir", description = "Data directory (overrides LOOPBOARD_DATA_DIR).")
        java.nio.file.Path dataDir;

        @Override
        public Integer call() {
            Role parsed;
            try {
                parsed = Role.parse(role);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Config config = config(dataDir);
            try (Database db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword())) {
                var key = new AuthService(db, Clock.SYSTEM).createApiKey(name, parsed, "cli");
                System.out.println(key.key());
                System.err.println("API key '" + key.name() + "' (" + key.role().id() + ") created. It is shown only this once.");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }

    // --- CSV import from the command line (docs/ingest.md) ---
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a CSV file of feedback into a source (created when new). Idempotent: "
                    + "importing the same file again changes nothing, and completes an import that was interrupted.")
    static final class Import implements Callable<Integer> {

        @picocli.CommandLine.Parameters(index = "0", description = "The CSV file (comma, semicolon or tab; UTF-8, UTF-8 with BOM or Windows-1252).")
        java.nio.file.Path file;

        @Option(names = "--source", required = true, description = "The source's name, e.g. 'qualtrics-nps'.")
        String source;

        @Option(names = "--mapping", description = "A preset (generic, qualtrics, delighted, medallia), a JSON mapping, "
                + "@FILE with one, or 'auto' to detect it from the file's header and values. Saved to the source; without "
                + "it the source's saved mapping is used, and a new source gets the detected one (printed).")
        String mapping;

        @Option(names = "--errors", description = "Write the rejected rows (line, id, columns, problems and the row's cells) "
                + "to this CSV file, in the input's delimiter with a BOM.")
        java.nio.file.Path errors;

        @Option(names = "--dry-run", description = "Read, map and check every row, and say what an import would store and "
                + "reject and why; nothing is written.")
        boolean dryRun;

        @Option(names = "--data-dir", description = "Data directory (overrides LOOPBOARD_DATA_DIR).")
        java.nio.file.Path dataDir;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isReadable(file)) {
                System.err.println("cannot read " + file);
                return 2;
            }
            io.loopboard.feedback.ingest.Mapping parsed = null;
            boolean detect = "auto".equalsIgnoreCase(mapping == null ? null : mapping.strip());
            try {
                if (mapping != null && !detect) {
                    String text = mapping.startsWith("@") ? java.nio.file.Files.readString(java.nio.file.Path.of(mapping.substring(1))) : mapping;
                    parsed = io.loopboard.feedback.ingest.Mapping.parse(text, "generic");
                }
            } catch (io.loopboard.core.Refusal e) {
                System.err.println("--mapping: " + e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                System.err.println("--mapping: cannot read " + mapping.substring(1) + ": " + e.getMessage());
                return 2;
            }
            Config config = config(dataDir);
            try (Database db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword());
                 io.loopboard.signage.ContentEvents events = db.dialect() == org.jooq.SQLDialect.POSTGRES
                         ? new io.loopboard.signage.PostgresContentEvents(db.dataSource())
                         : io.loopboard.signage.ContentSignal.raising(db, new io.loopboard.signage.LocalContentEvents());
                 // quotes are analysed and the auto-approve rules run exactly as for an upload in /admin; a
                 // running server's screens hear of auto-approvals through NOTIFY (PostgreSQL) or the store's
                 // content signal, which a server on the same SQLite file reads every second
                 IngestParts parts = IngestParts.wire(config, Clock.SYSTEM, db, events)) {
                // the queue's search index catches up after the rows are in; the command waits for it below
                var search = parts.search();
                var sources = parts.sources();
                var imports = parts.imports();
                search.start();
                if (detect || (parsed == null && sources.byName(source).isEmpty())) {
                    var found = imports.detect(file);
                    if (found.mapping() == null) {
                        System.err.println(String.join("; ", found.problems().stream()
                                .map(io.loopboard.feedback.ingest.MappingDetector::problemText).toList()));
                        return 2;
                    }
                    System.out.println("mapping detected from the file's header and values (" + found.encoding() + ", "
                            + found.delimiter() + "):");
                    for (var c : found.choices()) {
                        System.out.println("  " + c.field() + (c.column() == null ? "" : " ← '" + c.column() + "'") + ": " + c.why());
                    }
                    for (String p : found.problems()) {
                        System.out.println("  " + io.loopboard.feedback.ingest.MappingDetector.problemText(p));
                    }
                    System.out.println("  " + found.mapping().toJson());
                    parsed = found.mapping();
                }
                if (dryRun) {
                    var r = imports.dryRun(file, source, parsed);
                    System.out.println("dry run: " + r.rows() + " rows: " + r.stored() + " would be stored (" + r.created()
                            + " new, " + r.existing() + " already stored), " + r.rejected() + " rejected; nothing was written"
                            + (r.message() == null ? "" : " (" + r.message() + ")"));
                    for (var e : r.errors()) {
                        System.out.println("  line " + e.line() + (e.column() == null ? "" : ", column '" + e.column() + "'")
                                + ": " + e.problem());
                    }
                    return r.message() != null && r.rows() == 0 ? 1 : 0;
                }
                var result = imports.importCsv(file, source, parsed, "cli", job -> System.err.println(
                        "  " + job.rowsRead() + " rows: " + job.created() + " new, " + job.updated() + " updated, "
                                + job.unchanged() + " unchanged, " + job.rejected() + " rejected"));
                System.out.println("import " + result.jobId() + " " + result.status() + ": " + result.rowsRead() + " rows, "
                        + result.created() + " new, " + result.updated() + " updated, " + result.unchanged()
                        + " unchanged, " + result.rejected() + " rejected"
                        + (result.message() == null ? "" : " (" + result.message() + ")"));
                // a server on this store would catch the index up too, but the store may have none running
                if (search.available() && search.lag() > 0) {
                    System.err.println("  indexing the new quotes for the queue's text search …");
                }
                if (search.available() && !search.awaitCurrent(java.time.Duration.ofMinutes(10))) {
                    System.err.println("the search index has not caught up yet: the queue searches the texts until it has");
                }
                if (errors != null) {
                    var job = sources.job(result.jobId());
                    try (var out = java.nio.file.Files.newBufferedWriter(errors)) {
                        io.loopboard.feedback.ingest.RejectedRows.write(out, io.loopboard.feedback.ingest.RejectedRows.delimiter(job.delimiter()),
                                sources.header(job.id()), sources.rowErrors(job.id()));
                    }
                }
                return "done".equals(result.status()) ? 0 : 1;
            } catch (io.loopboard.core.Refusal e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
    // --- end of the CSV import ---
}

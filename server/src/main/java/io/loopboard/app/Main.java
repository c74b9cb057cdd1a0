package io.loopboard.app;

import io.loopboard.auth.AuthService;
import io.loopboard.auth.Role;
import io.loopboard.config.Config;
import io.loopboard.demo.DemoContent;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The executable jar: {@code serve} (the default), {@code apikey create} and {@code import}. */
@Command(name = "loopboard", mixinStandardHelpOptions = true, version = "Loopboard 0.1.0",
        description = "Self-hosted digital signage for customer feedback.",
        subcommands = {Main.Serve.class, Main.ApiKey.class, Main.Import.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            WarmUp.begin();
        }
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
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
            String screenToken = config.demo() ? DemoContent.seed(lb.feedback, lb.quotes, lb.screens) : null;
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

    // --- issue 8: CSV import from the command line (docs/ingest.md) ---
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a CSV file of feedback into a source (created when new). Idempotent: "
                    + "importing the same file again changes nothing, and completes an import that was interrupted.")
    static final class Import implements Callable<Integer> {

        @picocli.CommandLine.Parameters(index = "0", description = "The CSV file (comma, semicolon or tab; UTF-8, UTF-8 with BOM or Windows-1252).")
        java.nio.file.Path file;

        @Option(names = "--source", required = true, description = "The source's name, e.g. 'qualtrics-nps'.")
        String source;

        @Option(names = "--mapping", description = "A preset (generic, qualtrics, delighted, medallia), a JSON mapping, "
                + "or @FILE with one. Saved to the source; without it the source's saved mapping is used.")
        String mapping;

        @Option(names = "--errors", description = "Write the rejected rows (line, column, problem) to this CSV file.")
        java.nio.file.Path errors;

        @Option(names = "--data-dir", description = "Data directory (overrides LOOPBOARD_DATA_DIR).")
        java.nio.file.Path dataDir;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isReadable(file)) {
                System.err.println("cannot read " + file);
                return 2;
            }
            io.loopboard.feedback.ingest.Mapping parsed = null;
            try {
                if (mapping != null) {
                    String text = mapping.startsWith("@") ? java.nio.file.Files.readString(java.nio.file.Path.of(mapping.substring(1))) : mapping;
                    parsed = io.loopboard.feedback.ingest.Mapping.parse(text, "generic");
                }
            } catch (io.loopboard.web.ApiException e) {
                System.err.println("--mapping: " + e.getMessage());
                return 2;
            }
            Config config = config(dataDir);
            try (Database db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword());
                 io.loopboard.signage.ContentEvents events = db.dialect() == org.jooq.SQLDialect.POSTGRES
                         ? new io.loopboard.signage.PostgresContentEvents(db.dataSource())
                         : io.loopboard.signage.ContentSignal.raising(db, new io.loopboard.signage.LocalContentEvents());
                 // the queue's search index catches up after the rows are in; the command waits for it below
                 var search = io.loopboard.curation.SearchIndex.start(db)) {
                // quotes are analysed and the auto-approve rules run exactly as for an upload in /admin; a
                // running server's screens hear of auto-approvals through NOTIFY (PostgreSQL) or the store's
                // content signal, which a server on the same SQLite file reads every second
                var quotes = new io.loopboard.curation.QuoteService(db, Clock.SYSTEM, events,
                        new io.loopboard.curation.ModerationSettings(db, Clock.SYSTEM),
                        new io.loopboard.curation.AutoApproveRules(db, Clock.SYSTEM), search);
                var sources = new io.loopboard.feedback.ingest.SourceService(db, Clock.SYSTEM);
                try (var imports = new io.loopboard.feedback.ingest.ImportService(db, Clock.SYSTEM, sources, quotes,
                        config.dataDir().resolve("uploads"), config.timeZone())) {
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
                        try (var out = java.nio.file.Files.newBufferedWriter(errors);
                             var p = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.RFC4180.builder()
                                     .setHeader("line", "column", "problem").get())) {
                            for (var e : sources.rowErrors(result.jobId())) {
                                p.printRecord(e.line(), e.column() == null ? "" : e.column(), e.problem());
                            }
                        }
                    }
                    return "done".equals(result.status()) ? 0 : 1;
                }
            } catch (io.loopboard.web.ApiException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
    // --- end issue 8 ---
}

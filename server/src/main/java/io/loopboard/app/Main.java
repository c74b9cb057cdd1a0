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

/** The executable jar: {@code serve} (the default) and {@code apikey create}. */
@Command(name = "loopboard", mixinStandardHelpOptions = true, version = "Loopboard 0.1.0",
        description = "Self-hosted digital signage for customer feedback.",
        subcommands = {Main.Serve.class, Main.ApiKey.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
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
}

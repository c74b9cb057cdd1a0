package io.loopboard.app;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.loopboard.core.Json;

/**
 * A head start for {@code serve}: two threads load and initialise the classes the server needs
 * first, while the main thread parses the command line and opens the store.
 *
 * <p>A cold start is mostly loading and initialising classes, on one thread; on two cores the
 * other sits mostly idle. One thread builds a web server that is never started (Jetty, Javalin,
 * its static-file handlers over the jar, the JSON mapper); the other sets up logging, loads
 * SQLite's native library and renders a query with jOOQ. Nothing they build is kept: the real
 * server and store are built as before and report any problem themselves. Class initialisation
 * is safe across threads (whichever thread comes second waits for the first), so the only
 * effect is time: see docs/performance.md, cold start.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void begin() {
        start("warm-up: web", () -> Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            Loopboard.staticFiles(cfg);
        }));
        start("warm-up: store", () -> {
            org.slf4j.LoggerFactory.getLogger(WarmUp.class);
            try {
                org.sqlite.SQLiteJDBCLoader.initialize();
            } catch (Exception e) {
                // the store reports it when it opens
            }
            Class.forName("com.zaxxer.hikari.HikariDataSource");
            io.loopboard.curation.QuoteStore.warmUp();
            return null;
        });
    }

    private static void start(String name, java.util.concurrent.Callable<?> work) {
        Thread t = new Thread(() -> {
            try {
                work.call();
            } catch (Exception | LinkageError e) {
                // only a head start
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}

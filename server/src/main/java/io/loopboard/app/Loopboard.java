package io.loopboard.app;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.loopboard.auth.AccessControl;
import io.loopboard.auth.AuthController;
import io.loopboard.auth.AuthService;
import io.loopboard.config.Config;
import io.loopboard.curation.QuoteController;
import io.loopboard.curation.QuoteService;
import io.loopboard.feedback.FeedbackController;
import io.loopboard.feedback.FeedbackService;
import io.loopboard.feedback.ingest.ImportService;
import io.loopboard.feedback.ingest.IngestController;
import io.loopboard.feedback.ingest.SourceService;
import io.loopboard.feedback.ingest.WebhookService;
import io.loopboard.signage.ContentEvents;
import io.loopboard.signage.DisplayHub;
import io.loopboard.signage.LocalContentEvents;
import io.loopboard.signage.PlaylistService;
import io.loopboard.signage.ScreenService;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.web.ErrorMapper;
import io.loopboard.web.Json;
import io.loopboard.web.Pages;
import io.loopboard.web.SecurityHeaders;

/**
 * The composition root: wires the services with plain constructors and builds an unstarted
 * Javalin whose whole HTTP surface is declared in {@link Routes}. Tests construct it on a
 * temporary data directory and start it on port 0.
 */
public final class Loopboard implements AutoCloseable {

    /** Request bodies above this are refused with 413 before they are read. */
    public static final long MAX_REQUEST_BYTES = 5L * 1024 * 1024;

    public final Config config;
    public final Database db;
    public final Clock clock;
    public final ContentEvents events;
    public final AuthService auth;
    public final QuoteService quotes;
    public final FeedbackService feedback;
    public final ScreenService screens;
    public final PlaylistService playlists;
    public final DisplayHub hub;
    // issue 8: sources, CSV imports, survey webhooks
    public final SourceService sources;
    public final ImportService imports;
    public final WebhookService webhooks;
    public final Javalin app;

    public Loopboard(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword());
        this.events = new LocalContentEvents();
        this.auth = new AuthService(db, clock);
        this.quotes = new QuoteService(db, clock, events);
        this.feedback = new FeedbackService(db, clock, quotes);
        this.screens = new ScreenService(db, clock);
        this.playlists = new PlaylistService(db, clock);
        this.hub = new DisplayHub(screens, playlists, clock, events);
        // issue 8: imports left running by a stopped process are marked interrupted
        this.sources = new SourceService(db, clock);
        this.sources.markInterrupted();
        this.imports = new ImportService(db, clock, sources, config.dataDir().resolve("uploads"));
        this.webhooks = new WebhookService(db, clock, sources, feedback);

        AccessControl access = new AccessControl(auth);
        Routes routes = new Routes(
                new AuthController(auth, config.secureCookies()),
                new FeedbackController(feedback),
                new QuoteController(quotes),
                hub,
                new Pages(),
                new IngestController(sources, imports, webhooks));
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            // "/display" and "/display/" differ: the display page resolves its assets relative to the folder
            cfg.router.ignoreTrailingSlashes = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/display";
                sf.directory = "/loopboard-display";
                sf.location = Location.CLASSPATH;
                // kiosks must pick up a new client version on their next reload
                sf.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/assets";
                sf.directory = "/web/assets";
                sf.location = Location.CLASSPATH;
            });
            cfg.routes.before(SecurityHeaders::apply);
            cfg.routes.beforeMatched(access::check);
            ErrorMapper.register(cfg.routes);
            routes.register(cfg.routes);
        });
    }

    public Javalin start() {
        return app.start(config.port());
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        imports.close();
        hub.close();
        db.close();
    }
}

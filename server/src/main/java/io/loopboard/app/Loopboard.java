package io.loopboard.app;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.loopboard.audit.AuditController;
import io.loopboard.audit.AuditService;
import io.loopboard.auth.AccessControl;
import io.loopboard.auth.AdminController;
import io.loopboard.auth.AuthController;
import io.loopboard.auth.AuthService;
import io.loopboard.auth.ClientAddress;
import io.loopboard.auth.LoginThrottle;
import io.loopboard.config.Config;
import io.loopboard.core.Json;
import io.loopboard.curation.ModerationController;
import io.loopboard.curation.QuoteController;
import io.loopboard.curation.QuoteService;
import io.loopboard.curation.QuoteSlides;
import io.loopboard.erasure.ErasureService;
import io.loopboard.feedback.FeedbackController;
import io.loopboard.feedback.FeedbackService;
import io.loopboard.feedback.ingest.ImportService;
import io.loopboard.feedback.ingest.IngestController;
import io.loopboard.feedback.ingest.SourceService;
import io.loopboard.feedback.ingest.WebhookService;
import io.loopboard.insights.ScoreService;
import io.loopboard.signage.ChannelController;
import io.loopboard.signage.ChannelService;
import io.loopboard.signage.ContentEvents;
import io.loopboard.signage.DisplayHub;
import io.loopboard.signage.LocalContentEvents;
import io.loopboard.signage.PlaylistService;
import io.loopboard.signage.PostgresContentEvents;
import io.loopboard.signage.ScheduleWatcher;
import io.loopboard.signage.ScoreSlides;
import io.loopboard.signage.ScreenController;
import io.loopboard.signage.ScreenService;
import io.loopboard.signage.TakeoverController;
import io.loopboard.signage.TakeoverService;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.web.ErrorMapper;
import io.loopboard.web.Pages;
import io.loopboard.web.SecurityHeaders;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

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
    /** The queue's full-text index and its indexer thread (SQLite). */
    public final io.loopboard.curation.SearchIndex search;
    public final ErasureService erasure;
    public final FeedbackService feedback;
    public final ScreenService screens;
    public final PlaylistService playlists;
    public final DisplayHub hub;
    public final io.loopboard.signage.FleetFeed fleet;
    // channels, takeover, schedules
    public final ChannelService channels;
    public final TakeoverService takeovers;
    public final ScheduleWatcher schedule;
    // improvement stories and the board
    public final io.loopboard.stories.StoryService stories;
    public final io.loopboard.stories.BoardService board;
    // sources, CSV imports, survey webhooks
    public final SourceService sources;
    public final ImportService imports;
    public final WebhookService webhooks;
    /** Follow-up of critics and callback requests; the reminders run only with an SMTP server configured. */
    public final io.loopboard.followup.FollowUpService followups;
    private final io.loopboard.followup.Reminders reminders;
    /** Opens cases for answers that came in by CSV import (here or from the command line). */
    public final io.loopboard.followup.CaseSweeper followupSweep;
    public final io.loopboard.followup.FollowUpSlides followupFigure;
    public final Javalin app;
    private final io.loopboard.signage.ContentSignal contentSignal;

    public Loopboard(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        io.loopboard.store.DataFiles.prepare(config.dataDir());
        this.db = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword());
        // One node: in-process events. PostgreSQL: NOTIFY/LISTEN, so every node's screens follow.
        this.events = db.dialect() == org.jooq.SQLDialect.POSTGRES
                ? new PostgresContentEvents(db.dataSource())
                : new LocalContentEvents();
        this.auth = new AuthService(db, clock);
        IngestParts ingest = IngestParts.wire(config, clock, db, events);
        this.search = ingest.search();
        this.quotes = ingest.quotes();
        this.erasure = new ErasureService(db, clock, events, quotes);
        var followupStore = new io.loopboard.followup.FollowUpStore(db);
        this.followupFigure = new io.loopboard.followup.FollowUpSlides(followupStore, clock, events);
        this.feedback = new FeedbackService(db, clock, ingest.intake(), config.timeZone(),
                new io.loopboard.followup.CaseOpener(followupStore));
        this.screens = new ScreenService(db, clock);
        // channel rules, every kind of slide besides quotes (mixed in this order), takeover, schedules
        this.channels = new ChannelService(db, clock, events);
        this.takeovers = new TakeoverService(db, clock, events);
        this.playlists = new PlaylistService(channels, new QuoteSlides(db),
                java.util.List.of(new ScoreSlides(new ScoreService(db)), followupFigure,
                        new io.loopboard.stories.StorySlides(db)), // "you said, we did" slides
                takeovers, clock);
        this.hub = new DisplayHub(screens, playlists, clock, events, config.screenMaxStaleMillis(),
                config.screenSilenceSeconds() * 1000L);
        this.fleet = new io.loopboard.signage.FleetFeed(screens, channels, hub, events);
        this.schedule = new ScheduleWatcher(db, after -> io.loopboard.curation.QuoteStore.nextPublishBoundary(db.dsl(), after),
                channels, events, clock);
        // SQLite: a command-line import (another process) signals its auto-approvals through the store
        this.contentSignal = db.dialect() == org.jooq.SQLDialect.SQLITE
                ? new io.loopboard.signage.ContentSignal(db, events) : null;

        // improvement stories and the board
        this.stories = new io.loopboard.stories.StoryService(db, clock, events);
        this.board = new io.loopboard.stories.BoardService(db, clock);
        var storyImages = new io.loopboard.stories.StoryImages(db, clock, config.dataDir());
        var storyController = new io.loopboard.stories.StoryController(stories, storyImages,
                new io.loopboard.stories.ChannelShare(db, clock, events), board);
        var boardController = new io.loopboard.stories.BoardController(board, storyImages, new Pages(),
                new io.loopboard.web.PublicUrl(config.publicUrl(), config.trustedProxies()));
        // imports left running by a stopped process are marked interrupted
        this.sources = ingest.sources();
        this.sources.markInterrupted();
        this.sources.sealStoredSecrets();
        this.imports = ingest.imports();
        this.webhooks = new WebhookService(db, clock, sources, feedback);

        io.loopboard.web.PublicUrl publicUrl = new io.loopboard.web.PublicUrl(config.publicUrl(), config.trustedProxies());
        ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
        hub.pairing().guard(publicUrl, clientAddress);
        this.followups = new io.loopboard.followup.FollowUpService(followupStore, clock, auth, stories);
        this.followupSweep = new io.loopboard.followup.CaseSweeper(followupStore, clock,
                followupFigure::announceIfChanged);
        var mailer = config.smtp().enabled() ? new io.loopboard.followup.Mailer(config.smtp()) : null;
        this.reminders = mailer == null ? null : new io.loopboard.followup.Reminders(followups, mailer,
                () -> config.publicUrl() != null ? config.publicUrl() : "http://localhost:" + app().port());
        var followupController = new io.loopboard.followup.FollowUpController(followups,
                new io.loopboard.followup.StoryNotices(followups, mailer));

        AccessControl access = new AccessControl(auth);
        access.admitAnonymousViewers(ctx -> board.admitsAnonymous(ctx.path())); // the board open without login
        Routes routes = new Routes(new Routes.Controllers(
                new AuthController(auth, new LoginThrottle(), clientAddress, config.secureCookies(), publicUrl),
                new AdminController(auth),
                new FeedbackController(feedback),
                new IngestController(sources, imports, webhooks),
                new QuoteController(quotes),
                new ModerationController(channels, quotes),
                new io.loopboard.erasure.ErasureController(erasure),
                new AuditController(new AuditService(db)),
                new ChannelController(channels),
                new ScreenController(screens, channels, hub, fleet),
                new TakeoverController(takeovers),
                hub,
                storyController,
                boardController,
                followupController), new Pages());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            // "/display" and "/display/" differ: the display page resolves its assets relative to the folder
            cfg.router.ignoreTrailingSlashes = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // Our own connector, so slow or stalled clients are cut off after the configured idle time
            // instead of holding a thread and a socket (Javalin adds its default one only when none is set).
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setPort(config.port());
                connector.setIdleTimeout(config.httpIdleTimeoutSeconds() * 1000L);
                ServerLimits.capConnections(connector, config.maxConnectionsPerAddress(), clientAddress);
                return connector;
            });
            // Jetty's own answers (malformed requests) in the API's error shape, with the security headers
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new io.loopboard.web.JettyErrors());
                // the first handler: Javalin puts its own inside it
                server.setHandler(ServerLimits.threadLimit(clientAddress));
            });
            staticFiles(cfg);
            cfg.routes.before(SecurityHeaders::apply);
            cfg.routes.before(ctx -> {
                if (ctx.method() == io.javalin.http.HandlerType.HEAD) {
                    access.checkHead(ctx, getRolesOf(ctx.path()));
                }
            });
            cfg.routes.beforeMatched(access::check);
            ErrorMapper.register(cfg.routes);
            routes.register(cfg.routes);
        });
    }

    /** The roles of the GET route at {@code path}; none when there is no such route. */
    private java.util.Set<io.javalin.security.RouteRole> getRolesOf(String path) {
        var get = app.unsafe.internalRouter.findFirstHttpHandlerEntry(io.javalin.http.HandlerType.GET, path);
        io.javalin.security.Roles roles = get == null ? null : get.endpoint.metadata(io.javalin.security.Roles.class);
        return roles == null ? java.util.Set.of() : roles.getRoles();
    }

    /** The display client and the admin pages' assets, served from the jar. */
    static void staticFiles(io.javalin.config.JavalinConfig cfg) {
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
    }

    /**
     * The parts that run threads of their own, in the order they start (and the reverse of the
     * order they stop): the store's listeners and indexer first, the screens' hub before the
     * fleet view that watches it, the follow-up rounds last.
     */
    private java.util.List<io.loopboard.core.Worker> workers() {
        java.util.List<io.loopboard.core.Worker> list = new java.util.ArrayList<>();
        if (events instanceof io.loopboard.core.Worker w) {
            list.add(w);
        }
        list.add(search);
        if (contentSignal != null) {
            list.add(contentSignal);
        }
        list.add(schedule);
        list.add(hub);
        list.add(fleet);
        list.add(followupSweep);
        if (reminders != null) {
            list.add(reminders);
        }
        return list;
    }

    /** Starts every worker, then the HTTP server; constructing a Loopboard only wires it. */
    public Javalin start() {
        for (io.loopboard.core.Worker w : workers()) {
            w.start();
        }
        hub.prepare(channels.list().stream().map(c -> c.id()).toList());
        return app.start();
    }

    private Javalin app() {
        return app;
    }

    /** The follow-up e-mails (null without an SMTP server): tests run a round with {@code tick()}. */
    public io.loopboard.followup.Reminders reminders() {
        return reminders;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        fleet.close(); // ends open event streams while their requests still exist
        hub.restarting(); // screens come back quickly to the next start
        app.stop();
        imports.close(); // an import in progress stops before the index and the store it writes
        quotes.close();
        java.util.List<io.loopboard.core.Worker> workers = workers();
        java.util.Collections.reverse(workers);
        for (io.loopboard.core.Worker w : workers) {
            w.close();
        }
        events.close();
        db.close();
    }
}

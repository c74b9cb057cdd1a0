package io.loopboard.signage;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.loopboard.core.Json;
import io.loopboard.core.Worker;
import io.loopboard.store.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket hub of the display protocol (see docs/display-protocol.md). Keeps the connected
 * screens by channel, and on every content change rebuilds the affected playlists on one
 * publisher thread, serialises each once and sends the same string to every screen of the
 * channel with non-blocking writes. A screen that stops reading is dropped once its outgoing
 * queue is full, so one dead TV cannot hold memory.
 */
public final class DisplayHub implements Worker {

    public static final int PROTOCOL = 1;
    /** Close code for a token that is unknown or revoked; the client shows its pairing view. */
    public static final int CLOSE_INVALID_TOKEN = 4401;
    private static final int MAX_QUEUED_FRAMES = 16;
    private static final int MAX_CLIENT_MESSAGE = 4096;

    private static final Logger log = LoggerFactory.getLogger(DisplayHub.class);

    private final ScreenService screens;
    private final ScreenPairing pairing;
    private final ContentEvents events;
    private final PlaylistService playlists;
    private final Clock clock;
    private final long maxStaleMillis;
    private final long silenceMillis;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<Integer, String> currentPlaylist = new ConcurrentHashMap<>();
    /** The playlists behind currentPlaylist, so the fleet view can say what a slide id is. */
    private final Map<Integer, Playlist> currentSlides = new ConcurrentHashMap<>();
    /**
     * Last-seen and client facts go to the store on their own thread: a reconnect storm must not
     * queue every screen's playlist behind every other screen's SQLite write.
     */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screen-recorder");
        t.setDaemon(true);
        return t;
    });
    /** Told whenever what the fleet view shows may have changed (see FleetFeed). */
    private volatile Runnable fleetChanged = () -> { };
    private final java.util.concurrent.ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "screen-maintenance");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "playlist-publisher");
        t.setDaemon(true);
        return t;
    });

    /** One connected screen and what it last told us. */
    public static final class Connection {
        final WsContext ctx;
        // replaced when an administrator moves the screen to another channel
        volatile ScreenService.ScreenInfo screen;
        volatile long ackedVersion = -1;
        volatile String showing;
        final long connectedAt = System.currentTimeMillis();
        /** When the screen last sent anything (System.nanoTime): a silent screen is a dead one. */
        volatile long lastHeard = System.nanoTime();

        Connection(WsContext ctx, ScreenService.ScreenInfo screen) {
            this.ctx = ctx;
            this.screen = screen;
        }

        public int screenId() {
            return screen.id();
        }

        public long ackedVersion() {
            return ackedVersion;
        }

        public String showing() {
            return showing;
        }

        public ScreenService.ScreenInfo screen() {
            return screen;
        }
    }

    public DisplayHub(ScreenService screens, PlaylistService playlists, Clock clock, ContentEvents events) {
        this(screens, playlists, clock, events, 24 * 3_600_000L, 30_000L);
    }

    /**
     * @param maxStaleMillis how long a screen cut off from the server may keep showing its cached playlist
     * @param silenceMillis how long a screen may send nothing before it counts as gone (see {@link #dropSilent})
     */
    public DisplayHub(ScreenService screens, PlaylistService playlists, Clock clock, ContentEvents events,
            long maxStaleMillis, long silenceMillis) {
        this.maxStaleMillis = maxStaleMillis;
        this.silenceMillis = silenceMillis;
        this.screens = screens;
        this.playlists = playlists;
        this.clock = clock;
        this.events = events;
        events.subscribe(this::onContentChanged);
        this.pairing = new ScreenPairing(screens, events, recorder, () -> fleetChanged.run(), MAX_CLIENT_MESSAGE);
    }

    /** The pairing of new screens: the codes this node's pages show and the hand-over of tokens. */
    public ScreenPairing pairing() {
        return pairing;
    }

    /** Starts the maintenance rounds: pairing codes this node vouches for, screens gone silent. */
    @Override
    public void start() {
        // this node vouches for the codes its pages show; codes of nodes gone silent are dropped
        maintenance.scheduleWithFixedDelay(() -> {
            pairing.vouch();
        }, 60, 60, TimeUnit.SECONDS);
        long sweep = Math.max(200, silenceMillis / 10);
        maintenance.scheduleWithFixedDelay(this::dropSilent, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** How often a screen is asked to send something (its time probes), so that silence means death. */
    public long heartbeatMillis() {
        return silenceMillis / 3;
    }

    /**
     * A TV that loses power or network never closes its socket, and the server's pings do not tell:
     * their bytes sit in the kernel's send buffer as if delivered. So the hub listens instead. Every
     * screen sends a time probe at least every {@link #heartbeatMillis()} (it is told so in
     * {@code hello}); one that has been silent for three of those is dropped and shown offline, and
     * its socket is aborted rather than closed, since nobody is there to answer a closing handshake.
     */
    private void dropSilent() {
        long now = System.nanoTime();
        boolean dropped = false;
        for (Connection c : connections.values()) {
            if (now - c.lastHeard > silenceMillis * 1_000_000L && connections.remove(c.ctx.sessionId(), c)) {
                dropped = true;
                log.info("screen {} sent nothing for {} s: taken for gone", c.screen.id(), (now - c.lastHeard) / 1_000_000_000L);
                int id = c.screen.id();
                String agent = c.ctx.header("User-Agent");
                record(() -> screens.seen(id, agent));
                try {
                    c.ctx.session.disconnect();
                } catch (RuntimeException e) {
                    log.debug("aborting the socket of screen {}: {}", id, e.toString());
                }
            }
        }
        if (dropped) {
            fleetChanged.run();
        }
    }

    /** Registers the fleet view's listener: called after any change in what the fleet view shows. */
    public void onFleetChange(Runnable listener) {
        this.fleetChanged = listener;
    }

    /** Last-seen and client facts are written off the socket threads; the fleet view hears after the write. */
    private void record(Runnable write) {
        recorder.execute(() -> {
            try {
                write.run();
            } finally {
                fleetChanged.run();
            }
        });
    }

    public void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onMessage(this::onMessage);
        ws.onClose(this::onClose);
        ws.onError(ctx -> {
            if (connections.remove(ctx.sessionId()) != null) {
                fleetChanged.run();
            }
            pairing.closed(ctx.sessionId());
        });
    }

    private void onConnect(WsConnectContext ctx) {
        if (ctx.queryParam("token") == null && "1".equals(ctx.queryParam("pair"))) {
            pairing.open(ctx);
            return;
        }
        Optional<ScreenService.ScreenInfo> screen = screens.authenticate(ctx.queryParam("token"));
        if (screen.isEmpty()) {
            ctx.send(Json.write(new DisplayMessage.Error("invalid_token", "This screen's token is unknown or revoked.")));
            ctx.closeSession(CLOSE_INVALID_TOKEN, "invalid token");
            return;
        }
        ctx.session.setMaxOutgoingFrames(MAX_QUEUED_FRAMES);
        ctx.session.setMaxTextMessageSize(MAX_CLIENT_MESSAGE);
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        Connection c = new Connection(ctx, screen.get());
        connections.put(ctx.sessionId(), c);
        send(c, Json.write(new DisplayMessage.Hello(PROTOCOL, clock.now(),
                new DisplayMessage.Hello.ScreenRef(screen.get().id(), screen.get().name()), maxStaleMillis, heartbeatMillis())));
        // The current playlist goes out from the publisher thread, so it is ordered with any
        // change being published right now and the screen never applies an older version last.
        publisher.execute(() -> {
            if (!connections.containsKey(ctx.sessionId())) {
                return;
            }
            String playlist = playlistFor(screen.get().channelId());
            if (playlist != null) {
                send(c, playlist);
            }
            String agent = ctx.header("User-Agent");
            record(() -> screens.seen(screen.get().id(), agent));
        });
    }

    private void onMessage(WsMessageContext ctx) {
        Connection c = connections.get(ctx.sessionId());
        if (c == null) {
            return;
        }
        c.lastHeard = System.nanoTime();
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(ctx.message());
        } catch (Exception e) {
            return; // a screen is not a place for error dialogues; ignore what we cannot read
        }
        DisplayMessage.FromScreen m = DisplayMessage.FromScreen.read(msg).orElse(null);
        if (m instanceof DisplayMessage.FromScreen.TimeProbe t) {
            send(c, Json.write(new DisplayMessage.Time(t.clientSent(), clock.now())));
        } else if (m instanceof DisplayMessage.FromScreen.Ack a) {
            boolean changed = a.version() != c.ackedVersion || !java.util.Objects.equals(a.showing(), c.showing);
            c.ackedVersion = a.version();
            c.showing = a.showing();
            if (changed) {
                fleetChanged.run();
            }
        } else if (m instanceof DisplayMessage.FromScreen.Status st) {
            // what the page says about itself, for the fleet view
            int w = st.width();
            int h = st.height();
            String resolution = w > 0 && h > 0 && w < 100_000 && h < 100_000 ? w + "×" + h : null;
            String version = st.clientVersion().isEmpty() ? null : st.clientVersion();
            int id = c.screen.id();
            record(() -> screens.reportClient(id, version, resolution));
        }
    }

    private void onClose(WsCloseContext ctx) {
        pairing.closed(ctx.sessionId());
        Connection c = connections.remove(ctx.sessionId());
        if (c != null) {
            String agent = ctx.header("User-Agent");
            record(() -> screens.seen(c.screen.id(), agent));
        }
    }

    private void onContentChanged(ContentEvents.Change change) {
        publisher.execute(() -> {
            if (change.all()) {
                currentPlaylist.clear();
            } else {
                change.channelIds().forEach(currentPlaylist::remove);
            }
            Set<Integer> live = ConcurrentHashMap.newKeySet();
            for (Connection c : connections.values()) {
                Integer ch = c.screen.channelId();
                if (ch != null && change.affects(ch)) {
                    live.add(ch);
                }
            }
            for (int channelId : live) {
                String json = playlistFor(channelId);
                if (json == null) {
                    continue;
                }
                for (Connection c : connections.values()) {
                    if (c.screen.channelId() != null && c.screen.channelId() == channelId) {
                        send(c, json);
                    }
                }
            }
        });
    }

    /** Serialised once per version and shared by every screen of the channel. */
    /**
     * Builds and keeps the playlists of these channels before any of their screens asks, on the
     * publisher thread (ordered with any change, as every build is). At start, while the web
     * server starts on the other thread, so the first screen that connects, usually within a
     * second of a restart, is sent its playlist without waiting for the first build of a cold JVM.
     */
    public void prepare(java.util.Collection<Integer> channelIds) {
        publisher.execute(() -> {
            for (Integer id : channelIds) {
                try {
                    playlistFor(id);
                } catch (RuntimeException e) {
                    log.warn("preparing the playlist of channel {}: {}", id, e.toString());
                }
            }
        });
    }

    private String playlistFor(Integer channelId) {
        if (channelId == null) {
            return Json.write(new Playlist(0, clock.now(), 10_000, null, List.of()));
        }
        return currentPlaylist.computeIfAbsent(channelId, id -> playlists.build(id).map(p -> {
            currentSlides.put(id, p);
            return Json.write(p);
        }).orElse(null));
    }

    private void send(Connection c, String text) {
        try {
            c.ctx.session.sendText(text, Callback.from(() -> { }, failure -> {
                log.debug("dropping screen {} after a failed send: {}", c.screen.id(), failure.toString());
                connections.remove(c.ctx.sessionId());
                c.ctx.session.close(1011, "send failed", Callback.NOOP);
            }));
        } catch (RuntimeException e) {
            connections.remove(c.ctx.sessionId());
        }
    }

    // ---- pairing, fleet actions -------------------------------------------------------

    /** Sends every connection of a revoked screen back to its pairing view at once. */
    public void disconnect(int screenId) {
        for (Connection c : connections.values()) {
            if (c.screen.id() == screenId) {
                connections.remove(c.ctx.sessionId());
                send(c, Json.write(new DisplayMessage.Error("invalid_token", "This screen's token was revoked.")));
                c.ctx.closeSession(CLOSE_INVALID_TOKEN, "revoked");
            }
        }
        fleetChanged.run();
    }

    /** Sends a command ({@code identify}, {@code reload}) to a screen's pages; returns how many got it. */
    public int command(int screenId, DisplayMessage message) {
        String json = Json.write(message);
        int sent = 0;
        for (Connection c : connections.values()) {
            if (c.screen.id() == screenId) {
                send(c, json);
                sent++;
            }
        }
        return sent;
    }

    /** The screen now belongs to another channel: its pages get that channel's playlist at once. */
    public void moved(ScreenService.ScreenInfo screen) {
        publisher.execute(() -> {
            for (Connection c : connections.values()) {
                if (c.screen.id() == screen.id()) {
                    c.screen = screen;
                    String playlist = playlistFor(screen.channelId());
                    if (playlist != null) {
                        send(c, playlist);
                    }
                }
            }
            fleetChanged.run();
        });
    }

    /** A short description of a slide id in a channel's current playlist, for the fleet view. */
    public String describe(Integer channelId, String slideId) {
        if (channelId == null || slideId == null) {
            return null;
        }
        Playlist p = currentSlides.get(channelId);
        if (p == null) {
            return null;
        }
        if (p.takeover() != null && p.takeover().id().equals(slideId)) {
            return p.takeover().text();
        }
        return p.slides().stream().filter(s -> s.id().equals(slideId)).findFirst()
                .map(s -> s.text() != null ? s.text() : s.type())
                .orElse(null);
    }

    /** Close code of a planned stop: the screen comes back within seconds instead of backing off. */
    public static final int CLOSE_RESTARTING = 1012;

    /**
     * A planned stop (a restart, an upgrade): every page is told so with close code 1012 (Service
     * Restart) before the web server stops, so screens retry every second or two instead of backing
     * off exponentially and are back within seconds of the server's return.
     */
    public void restarting() {
        for (Connection c : connections.values()) {
            c.ctx.closeSession(CLOSE_RESTARTING, "restarting");
        }
        pairing.restarting(CLOSE_RESTARTING);
    }

    /** Screens connected now, for status pages and tests. */
    public List<Connection> connections() {
        return List.copyOf(connections.values());
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        publisher.shutdownNow();
        recorder.shutdownNow();
    }
}

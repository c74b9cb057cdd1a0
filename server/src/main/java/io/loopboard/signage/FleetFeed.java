package io.loopboard.signage;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.core.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live fleet view: every screen with its stored facts and what the hub knows now, as a
 * snapshot for {@code GET /api/v1/screens} and pushed to open admin pages as Server-Sent Events
 * ({@code GET /api/v1/screens/events}) whenever something changes: a screen connects or goes
 * away, acknowledges a playlist, shows another slide, reports its client; a screen is paired,
 * moved or revoked; content changes. Changes are coalesced for {@link #COALESCE_MS}, and each
 * snapshot is serialised once for every open page.
 */
public final class FleetFeed implements Worker {

    /** Changes closer together than this go out as one snapshot (an ack storm is one event). */
    static final long COALESCE_MS = 100;
    /** A comment this often keeps the stream through the HTTP idle timeout and proxies. */
    static final long KEEP_ALIVE_SECONDS = 15;

    private static final Logger log = LoggerFactory.getLogger(FleetFeed.class);

    private final ScreenService screens;
    private final ChannelService channels;
    private final DisplayHub hub;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pending = new AtomicBoolean();
    /** One thread sends, so a page never gets two writes at once; admin pages are few. */
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-feed");
        t.setDaemon(true);
        return t;
    });
    private final SseHandler stream = new SseHandler(this::opened);

    /** One screen in the fleet view: stored facts plus what the hub knows live. */
    public record FleetScreen(int id, String name, String location, Integer channelId, String channelName, boolean online,
                              int connections, Long lastSeenAt, String clientVersion, String resolution, String userAgent,
                              Long ackedVersion, String showing, String showingText, Long pairedAt) {
    }

    public FleetFeed(ScreenService screens, ChannelService channels, DisplayHub hub, ContentEvents events) {
        this.screens = screens;
        this.channels = channels;
        this.hub = hub;
        hub.onFleetChange(this::changed);
        // what a screen shows is described from its channel's playlist, and channels may be renamed
        events.subscribe(change -> changed());
    }

    /** Starts the keep-alive comments that hold the fleet view's streams open through proxies. */
    @Override
    public void start() {
        sender.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** Every screen holding a token, by name. */
    public List<FleetScreen> snapshot() {
        Map<Integer, List<DisplayHub.Connection>> live = new HashMap<>();
        for (DisplayHub.Connection c : hub.connections()) {
            live.computeIfAbsent(c.screenId(), k -> new ArrayList<>()).add(c);
        }
        Map<Integer, String> channelNames = new HashMap<>();
        for (Channel c : channels.list()) {
            channelNames.put(c.id(), c.name());
        }
        List<FleetScreen> out = new ArrayList<>();
        for (ScreenService.ScreenRow s : screens.list()) {
            List<DisplayHub.Connection> conns = live.getOrDefault(s.id(), List.of());
            DisplayHub.Connection latest = conns.stream()
                    .max((a, b) -> Long.compare(a.ackedVersion(), b.ackedVersion())).orElse(null);
            Long acked = latest == null || latest.ackedVersion() < 0 ? null : latest.ackedVersion();
            String showing = latest == null ? null : latest.showing();
            out.add(new FleetScreen(s.id(), s.name(), s.location(), s.channelId(), channelNames.get(s.channelId()),
                    !conns.isEmpty(), conns.size(), s.lastSeenAt(), s.clientVersion(), s.resolution(), s.clientInfo(),
                    acked, showing, hub.describe(s.channelId(), showing), s.pairedAt()));
        }
        return out;
    }

    /** {@code GET /api/v1/screens/events}: an event stream for the screens page (EventSource). */
    public void stream(Context ctx) throws Exception {
        String accept = ctx.header(Header.ACCEPT);
        if (accept == null || !accept.contains("text/event-stream")) {
            throw Refusal.invalid("Accept", "must be text/event-stream: this is an event stream for the screens page");
        }
        stream.handle(ctx);
    }

    private void opened(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        // the page starts from the full picture; later events replace it
        sender.execute(() -> send(client, Json.write(Map.of("screens", snapshot()))));
    }

    /** Something in the fleet changed: push a fresh snapshot to open pages soon. */
    public void changed() {
        if (clients.isEmpty() || !pending.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.schedule(this::push, COALESCE_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.set(false); // shutting down
        }
    }

    private void push() {
        pending.set(false);
        if (clients.isEmpty()) {
            return;
        }
        try {
            String json = Json.write(Map.of("screens", snapshot()));
            for (SseClient c : clients) {
                send(c, json);
            }
        } catch (RuntimeException e) {
            log.warn("could not push the fleet view", e);
        }
    }

    private void send(SseClient client, String json) {
        if (client.terminated()) {
            clients.remove(client);
            return;
        }
        try {
            client.sendEvent("fleet", json);
        } catch (RuntimeException e) {
            clients.remove(client);
        }
    }

    private void keepAlive() {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendComment("keep-alive");
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        for (SseClient c : clients) {
            clients.remove(c);
            if (!c.terminated()) {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // the page went away at the same moment
                }
            }
        }
    }
}

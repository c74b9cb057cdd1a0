package io.loopboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fleet of simulated screens on loopback: the JDK's WebSocket client (one shared HttpClient,
 * one selector thread, two worker threads), which costs a few kilobytes per socket. Each screen
 * speaks the display protocol as far as load matters: it acknowledges every playlist with an
 * {@code ack}, sends a time probe every {@value #PROBE_EVERY_MS} ms as the display client's
 * heartbeat (the server drops a screen it has not heard from for 30 s), and in reconnecting
 * fleets it reconnects like display-client/src/connection.js
 * (exponential backoff with full jitter, 500 ms base, 30 s cap, reset on the first message).
 *
 * <p>Messages are recognised by cheap string tests, not parsed, so the load generator spends
 * its share of the two cores on sockets rather than on JSON.
 */
final class Screens implements AutoCloseable {

    private static final long BASE_DELAY_MS = 500;
    private static final long MAX_DELAY_MS = 30_000;
    /** How long the display client waits for a handshake, or for the first message of an open socket. */
    private static final long SILENCE_MS = 15_000;
    private static final String PLAYLIST_PREFIX = "{\"type\":\"playlist\"";
    /** The server's default heartbeat (hello.heartbeatMillis); each screen probes this often, spread over the fleet. */
    private static final long PROBE_EVERY_MS = 10_000;
    private static final int PROBE_SLOTS = 10;
    private long probeTick;

    private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("screen-io"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("screen-retry"));
    private final HttpClient http = HttpClient.newBuilder().executor(workers).build();
    private final boolean reconnect;
    private final List<Screen> screens = new ArrayList<>();
    private volatile boolean closing;
    private volatile Watch watch;
    /** Counts screens that have received a playlist on a connection opened in the current phase. */
    private volatile Phase phase = new Phase(0, new CountDownLatch(0));

    final AtomicInteger failedAttempts = new AtomicInteger();
    final AtomicInteger unexpectedCloses = new AtomicInteger();
    final AtomicInteger acksSent = new AtomicInteger();
    /** Sockets given up like the display client does: a hung handshake, or opened and silent for 15 s. */
    final AtomicInteger abandonedSockets = new AtomicInteger();

    Screens(boolean reconnect) {
        this.reconnect = reconnect;
        long slot = PROBE_EVERY_MS / PROBE_SLOTS;
        timer.scheduleAtFixedRate(this::probeSome, slot, slot, TimeUnit.MILLISECONDS);
    }

    /** A tenth of the fleet per tick, so that each screen probes every {@value #PROBE_EVERY_MS} ms. */
    private void probeSome() {
        int turn = (int) (probeTick++ % PROBE_SLOTS);
        List<Screen> all;
        synchronized (screens) {
            all = List.copyOf(screens);
        }
        for (int i = turn; i < all.size(); i += PROBE_SLOTS) {
            all.get(i).send("{\"type\":\"time\",\"clientSent\":" + System.currentTimeMillis() + "}", false);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    int size() {
        return screens.size();
    }

    /** Opens one socket per URL (at most 200 handshakes in flight) and waits until each has its first playlist. */
    void connect(List<String> urls, Duration timeout) throws InterruptedException {
        Phase p = new Phase(phase.id + 1, new CountDownLatch(urls.size()));
        phase = p;
        Semaphore handshakes = new Semaphore(200);
        for (String url : urls) {
            if (!handshakes.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("handshakes stalled");
            }
            Screen s = new Screen(url);
            synchronized (screens) {
                screens.add(s);
            }
            s.open(handshakes);
        }
        if (!p.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(p.ready.getCount() + " of " + urls.size() + " screens got no playlist within " + timeout);
        }
    }

    /** Starts counting reconnections: every screen must get a playlist on a new connection. */
    Phase newPhase() {
        Phase p = new Phase(phase.id + 1, new CountDownLatch(screens.size()));
        phase = p;
        return p;
    }

    record Phase(long id, CountDownLatch ready) {
    }

    /** Waits for a playlist that passes the test on every screen, and records when the last one arrived. */
    static final class Watch {
        private static final AtomicLong IDS = new AtomicLong();
        final long id = IDS.incrementAndGet();
        final Predicate<String> wanted;
        final AtomicInteger left;
        final CountDownLatch done = new CountDownLatch(1);
        volatile long lastNanos;
        volatile String sample;

        Watch(Predicate<String> wanted, int screens) {
            this.wanted = wanted;
            this.left = new AtomicInteger(screens);
        }

        boolean await(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    Watch watch(Predicate<String> wanted) {
        Watch w = new Watch(wanted, screens.size());
        watch = w;
        return w;
    }

    private final class Screen implements WebSocket.Listener {
        final String url;
        final StringBuilder partial = new StringBuilder();
        final java.util.Set<WebSocket> abandoned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile WebSocket ws;
        int attempt;
        long phaseSeen = -1;
        long watchSeen = -1;
        boolean firstMessage;
        boolean firstPlaylist;
        volatile boolean everConnected;
        CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Screen(String url) {
            this.url = url;
        }

        void open(Semaphore handshakes) {
            if (closing) {
                return;
            }
            // like display-client/src/connection.js: a handshake that hangs is abandoned after 15 s
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(url), this)
                    .orTimeout(SILENCE_MS, TimeUnit.MILLISECONDS)
                    .whenComplete((socket, failure) -> {
                        if (handshakes != null) {
                            handshakes.release();
                        }
                        if (failure instanceof java.util.concurrent.TimeoutException) {
                            abandonedSockets.incrementAndGet();
                        }
                        if (failure != null) {
                            failedAttempts.incrementAndGet();
                            retry();
                        }
                    });
        }

        /**
         * A screen that never got in keeps trying (under load the server's accept queue of 50
         * overflows and some handshakes time out, and a real screen would retry); once it has
         * been connected, only a reconnecting fleet comes back after a close.
         */
        void retry() {
            if (closing || (!reconnect && everConnected)) {
                return;
            }
            long ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(attempt, 16));
            attempt = Math.min(attempt + 1, 30);
            long delay = (long) (ThreadLocalRandom.current().nextDouble() * ceiling);
            timer.schedule(() -> open(null), delay, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            everConnected = true;
            firstMessage = true;
            firstPlaylist = true;
            synchronized (this) {
                sending = CompletableFuture.completedFuture(null);
            }
            webSocket.request(1);
            // and, like its watchdog, a socket that opened but stays silent is given up and retried
            timer.schedule(() -> {
                if (ws == webSocket && firstMessage && !closing) {
                    ws = null;
                    abandoned.add(webSocket); // its close is not a reason to retry again
                    abandonedSockets.incrementAndGet();
                    webSocket.abort();
                    retry();
                }
            }, SILENCE_MS, TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(webSocket, text);
            }
            webSocket.request(1);
            return null;
        }

        private void received(WebSocket webSocket, String text) {
            if (firstMessage) {
                firstMessage = false;
                attempt = 0; // like the display client: a greeting server resets the backoff
            }
            if (!text.startsWith(PLAYLIST_PREFIX)) {
                return;
            }
            long now = System.nanoTime();
            Watch w = watch;
            if (w != null && watchSeen != w.id && w.wanted.test(text)) {
                watchSeen = w.id;
                if (w.sample == null) {
                    w.sample = text;
                }
                if (w.left.decrementAndGet() == 0) {
                    w.lastNanos = now;
                    w.done.countDown();
                }
            }
            send("{\"type\":\"ack\",\"version\":" + version(text) + ",\"showing\":null}", true);
            Phase p = phase;
            if (firstPlaylist && phaseSeen != p.id) {
                // acknowledged: the first playlist of this connection was applied and acked
                phaseSeen = p.id;
                p.ready.countDown();
            }
            firstPlaylist = false;
        }

        /** One message after the other: the JDK's client refuses a send while another is under way. */
        synchronized void send(String message, boolean ack) {
            WebSocket socket = ws;
            if (socket == null) {
                return;
            }
            sending = sending.thenCompose(x -> socket.sendText(message, true))
                    .handle((x, failure) -> {
                        if (failure == null && ack) {
                            acksSent.incrementAndGet();
                        }
                        return null;
                    });
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (abandoned.remove(webSocket)) {
                return null;
            }
            if (!closing && statusCode != 1001 && statusCode != 1006) {
                unexpectedCloses.incrementAndGet();
            }
            ws = null;
            retry();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (abandoned.remove(webSocket)) {
                return;
            }
            ws = null;
            retry();
        }
    }

    private static String version(String playlist) {
        int i = playlist.indexOf("\"version\":");
        if (i < 0) {
            return "-1";
        }
        int start = i + 10;
        int end = start;
        while (end < playlist.length() && Character.isDigit(playlist.charAt(end))) {
            end++;
        }
        return end > start ? playlist.substring(start, end) : "-1";
    }

    @Override
    public void close() {
        closing = true;
        for (Screen s : screens) {
            WebSocket ws = s.ws;
            if (ws != null) {
                ws.abort();
            }
        }
        timer.shutdownNow();
        workers.shutdownNow();
    }
}

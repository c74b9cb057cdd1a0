package io.loopboard.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) speaking the display protocol, for tests. Like a display
 * page, it sends a time probe every {@code heartbeatMillis} the server asks for in {@code hello},
 * so that the server does not take it for a dead screen.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private static final java.util.concurrent.ScheduledExecutorService PROBES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ws-client-probes");
                t.setDaemon(true);
                return t;
            });
    private volatile java.util.concurrent.ScheduledFuture<?> probing;

    public final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    public WsClient(String url) {
        this(url, java.util.Map.of());
    }

    /** With request headers, e.g. the {@code Origin} a browser page would send. */
    public WsClient(String url, java.util.Map<String, String> headers) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        socket = b.buildAsync(URI.create(url), this).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = Json.MAPPER.readTree(partial.toString());
                if ("hello".equals(message.path("type").asText()) && message.path("heartbeatMillis").asLong() > 0 && probing == null) {
                    long every = message.path("heartbeatMillis").asLong();
                    probing = PROBES.scheduleAtFixedRate(this::probe, every, every, TimeUnit.MILLISECONDS);
                }
                messages.add(message);
            } catch (Exception e) {
                throw new AssertionError("server sent non-JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    private void probe() {
        try {
            send("{\"type\":\"time\",\"clientSent\":" + System.currentTimeMillis() + "}");
        } catch (RuntimeException closed) {
            stopProbing();
        }
    }

    /** One message at a time: the JDK's client refuses a send while another is under way. */
    public synchronized void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next message of the given type, skipping others, or an AssertionError after the timeout. */
    public JsonNode next(String type, Duration timeout) {
        return next(m -> type.equals(m.path("type").asText()), timeout, "a '" + type + "' message");
    }

    public JsonNode next(Predicate<JsonNode> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
                }
                if (wanted.test(m)) {
                    return m;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Closes as a page does when it goes away: a close frame, code 1001. */
    public void closeCleanly() {
        stopProbing();
        socket.sendClose(1001, "going away").join();
    }

    private void stopProbing() {
        if (probing != null) {
            probing.cancel(false);
        }
    }

    @Override
    public void close() {
        stopProbing();
        socket.abort();
    }
}

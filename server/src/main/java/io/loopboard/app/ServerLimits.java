package io.loopboard.app;

import io.loopboard.auth.ClientAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client may hold of the server, so that a few hostile or broken clients cannot
 * starve everyone else (the moderators, the screens, the health check):
 * <ul>
 * <li>a request body still arriving after {@value #BODY_GRACE_SECONDS} seconds must have come
 *     at {@value #MIN_REQUEST_BYTES_PER_SECOND} bytes a second or better since then (a client
 *     that announces a megabyte and sends a byte every few seconds is cut off with 408 at its
 *     next byte instead of holding a thread until the body ends). Jetty's own minimum data
 *     rate is not used: it measures from the body's first byte to every read, the last one
 *     included, so a two-byte body read 3 ms later on a busy server was refused as too slow
 *     (a moderator's takedown answered 408);</li>
 * <li>one address has at most {@value #THREADS_PER_ADDRESS} requests on server threads at
 *     once; its further requests wait without a thread, so slow bodies from one address never
 *     take the threads others need;</li>
 * <li>one address holds at most a configured number of connections; further ones are closed
 *     at once.</li>
 * </ul>
 * Behind a trusted reverse proxy, the thread limit counts the client it forwards for, and the
 * proxy's own connections are not capped.
 */
final class ServerLimits {

    private static final Logger log = LoggerFactory.getLogger(ServerLimits.class);

    /** Well below any real upload (a 5 MB CSV at this rate takes 1.4 hours). */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;
    /** Enough for a browser's parallel requests and a few people behind one NAT. */
    static final int THREADS_PER_ADDRESS = 16;

    private ServerLimits() {
    }

    /** How long any body may take before the minimum rate applies: a small body is never "slow". */
    static final long BODY_GRACE_SECONDS = 5;

    /**
     * The server's first handler: the thread limit, and inside it the body-rate guard; Javalin
     * puts its own handlers inside them.
     */
    static ThreadLimitHandler threadLimit(ClientAddress clients) {
        ThreadLimitHandler limit = new ThreadLimitHandler() {
            @Override
            protected String getRemoteIP(Request request) {
                SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
                String peer = remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
                return clients.of(peer, request.getHeaders().get("X-Forwarded-For"));
            }
        };
        limit.setThreadLimit(THREADS_PER_ADDRESS);
        limit.setHandler(new MinimumBodyRate(BODY_GRACE_SECONDS * 1_000_000_000L, MIN_REQUEST_BYTES_PER_SECOND));
        return limit;
    }

    /** Refuses a request body that, after a grace time, arrives slower than a minimum rate. */
    static final class MinimumBodyRate extends Handler.Wrapper {
        private final long graceNanos;
        private final long bytesPerSecond;

        MinimumBodyRate(long graceNanos, long bytesPerSecond) {
            this.graceNanos = graceNanos;
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return super.handle(new Timed(request), response, callback);
        }

        private final class Timed extends Request.Wrapper {
            private final long started = NanoTime.now();
            private long arrived;

            Timed(Request request) {
                super(request);
            }

            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                if (chunk == null || Content.Chunk.isFailure(chunk)) {
                    return chunk;
                }
                arrived += chunk.remaining();
                long late = NanoTime.since(started) - graceNanos;
                if (!chunk.isLast() && late > 0 && arrived < bytesPerSecond * late / 1_000_000_000L) {
                    chunk.release();
                    return Content.Chunk.from(new BadMessageException(408, "Request content data rate < "
                            + bytesPerSecond + " B/s after " + graceNanos / 1_000_000_000L + " s"));
                }
                return chunk;
            }
        }
    }

    /** Caps the open connections of each peer address on a connector. */
    static void capConnections(ServerConnector connector, int perAddress, ClientAddress clients) {
        connector.addBean(new ConnectionsPerAddress(perAddress, clients));
    }

    /**
     * Counts connections by their endpoint (a socket), not by Jetty's connection objects: an
     * upgrade to WebSocket replaces the connection on the same socket, and the screen's socket
     * is still one connection.
     */
    static final class ConnectionsPerAddress implements Connection.Listener {
        private final int max;
        private final ClientAddress clients;
        private final Map<EndPoint, String> open = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> lastWarned = new ConcurrentHashMap<>();

        ConnectionsPerAddress(int max, ClientAddress clients) {
            this.max = max;
            this.clients = clients;
        }

        @Override
        public void onOpened(Connection connection) {
            EndPoint endPoint = connection.getEndPoint();
            String address = address(endPoint);
            if (address == null || clients.isTrustedProxy(address) || open.putIfAbsent(endPoint, address) != null) {
                return;
            }
            int now = byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            if (now > max) {
                now = forgetClosed(address);
            }
            if (now > max) {
                warnAtMostEveryMinute(address, now);
                endPoint.close();
            }
        }

        @Override
        public void onClosed(Connection connection) {
            EndPoint endPoint = connection.getEndPoint();
            if (endPoint.isOpen()) {
                return; // replaced by an upgrade: the socket goes on
            }
            String address = open.remove(endPoint);
            if (address != null) {
                byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        }

        /** Drops sockets of this address that closed without a word (a safety net; returns its count now). */
        private int forgetClosed(String address) {
            open.forEach((endPoint, a) -> {
                if (a.equals(address) && !endPoint.isOpen() && open.remove(endPoint, a)) {
                    byAddress.computeIfPresent(a, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
                }
            });
            return openFrom(address);
        }

        int openFrom(String address) {
            AtomicInteger n = byAddress.get(address);
            return n == null ? 0 : n.get();
        }

        private void warnAtMostEveryMinute(String address, int count) {
            long now = System.currentTimeMillis();
            AtomicLong last = lastWarned.computeIfAbsent(address, a -> new AtomicLong());
            long before = last.get();
            if (now - before > 60_000 && last.compareAndSet(before, now)) {
                log.warn("connections from {} refused: {} open, at most {} per address (LOOPBOARD_MAX_CONNECTIONS_PER_ADDRESS)",
                        address, count - 1, max);
            }
        }

        private static String address(EndPoint endPoint) {
            SocketAddress remote = endPoint.getRemoteSocketAddress();
            return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : null;
        }
    }
}

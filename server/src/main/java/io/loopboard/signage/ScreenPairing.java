package io.loopboard.signage;

import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.loopboard.core.Json;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairing new screens. A page without a token waits on a pairing socket showing a short code
 * (letters and digits that cannot be mistaken for each other when read off a TV across a
 * room); an administrator types the code in /admin, on whichever node, and the page gets its
 * screen's token and connects as that screen. Codes are unique across nodes (the
 * {@code pairing_code} table says which are taken and which node shows each), limited per
 * client address and in all, and this node vouches for the codes its pages show.
 */
public final class ScreenPairing {

    private static final Logger log = LoggerFactory.getLogger(ScreenPairing.class);

    private final ScreenService screens;
    private final ContentEvents events;
    /** Where the store's writes of pairing go, off the socket threads. */
    private final Executor writes;
    /** Told when the fleet view may have changed (a screen was paired). */
    private final Runnable changed;
    private final int maxMessage;
    /** This server process, as the pairing_code table names it. */
    private final String node = java.util.UUID.randomUUID().toString();
    private volatile io.loopboard.web.PublicUrl origin;
    private volatile io.loopboard.auth.ClientAddress clients;

    ScreenPairing(ScreenService screens, ContentEvents events, Executor writes, Runnable changed, int maxMessage) {
        this.screens = screens;
        this.events = events;
        this.writes = writes;
        this.changed = changed;
        this.maxMessage = maxMessage;
        events.subscribePairing(this::onPairing);
    }

    /**
     * Who may ask for a pairing code: the page must come from this server ({@code Origin}, when
     * a browser sends it) and one client address holds at most {@value #PER_ADDRESS}
     * codes at once, so no one address can take every code there is.
     */
    public void guard(io.loopboard.web.PublicUrl publicUrl, io.loopboard.auth.ClientAddress clients) {
        this.origin = publicUrl;
        this.clients = clients;
    }


    /** A page asks for a code: only Loopboard's own display page, within the limits. */
    void open(WsConnectContext ctx) {
        String o = ctx.header("Origin");
        if (o != null && origin != null && !origin.sameOrigin(o, ctx.header("Host"))) {
            log.warn("pairing socket from a page of another site refused (Origin {})", o.replaceAll("\\p{Cntrl}", "_"));
            ctx.closeSession(1008, "pairing is only for Loopboard's own display page");
            return;
        }
        open(ctx, clientOf(ctx));
    }

    /** Keeps this node's codes alive in the store; codes of nodes gone silent are dropped there. */
    void vouch() {
        try {
            screens.refreshPairings(node, showingAny());
        } catch (RuntimeException e) {
            log.warn("could not refresh pairing codes: {}", e.toString());
        }
    }

    /** A planned stop: the waiting pages are told so and come back within seconds. */
    void restarting(int closeCode) {
        for (WsContext ctx : byCode.values()) {
            ctx.closeSession(closeCode, "restarting");
        }
    }

    /**
     * Claims a code an administrator entered, on whichever node its page is connected to: once
     * only, and only while that page shows it. Empty if no page shows it now.
     */
    public Optional<String> claim(String code) {
        return code == null ? Optional.empty() : screens.claimPairing(normalise(code));
    }

    /**
     * Hands the new screen's token to the page showing {@code code} and closes its pairing socket;
     * the page stores the token and connects as the screen. A page on this node gets the token at
     * once (false if it has gone); a page on another node gets it through {@link ContentEvents},
     * where that node mints the token itself, so no secret crosses the database.
     */
    public boolean complete(String code, String claimedBy, ScreenService.NewScreen screen) {
        String normal = normalise(code);
        if (!node.equals(claimedBy)) {
            events.publishPairing(new ContentEvents.Pairing(normal, claimedBy, screen.id()));
            return true;
        }
        WsContext ctx = take(normal);
        if (ctx == null) {
            return false;
        }
        sendPaired(ctx, screen.token());
        return true;
    }

    /** A code shown on this node was entered on another one. */
    private void onPairing(ContentEvents.Pairing p) {
        if (!node.equals(p.node())) {
            return;
        }
        WsContext ctx = take(p.code());
        writes.execute(() -> {
            if (ctx == null) {
                // the page went away meanwhile: no token nobody holds
                screens.revoke(p.screenId(), "system:pairing");
            } else {
                sendPaired(ctx, screens.rotateToken(p.screenId(), "system:pairing"));
            }
            changed.run();
        });
    }

    private static void sendPaired(WsContext ctx, String token) {
        ctx.send(Json.write(new DisplayMessage.Paired(token)));
        ctx.closeSession(1000, "paired");
    }

    /** The page's client address, as the proxies in front of Loopboard say (see ClientAddress). */
    private String clientOf(WsConnectContext ctx) {
        java.net.SocketAddress remote = ctx.session.getRemoteSocketAddress();
        String peer = remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        return clients == null ? peer : clients.of(peer, ctx.header("X-Forwarded-For"));
    }


    /** Codes one client address may show at once: a room of new TVs behind one router, not the whole set. */
    static final int PER_ADDRESS = 10;
    private final Map<String, String> addressBySession = new ConcurrentHashMap<>();
    private final Map<String, Integer> openByAddress = new ConcurrentHashMap<>();
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 6;
    /** Enough for a building full of unpaired TVs; more is someone opening sockets in a loop. */
    private static final int MAX_OPEN = 500;
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final Map<String, WsContext> byCode = new ConcurrentHashMap<>();
    private final Map<String, String> codeBySession = new ConcurrentHashMap<>();

    private void open(WsConnectContext ctx, String address) {
        if (byCode.size() >= MAX_OPEN) {
            ctx.closeSession(1013, "too many screens waiting to be paired");
            return;
        }
        if (openByAddress.merge(address, 1, Integer::sum) > PER_ADDRESS) {
            release(address);
            log.warn("pairing code refused to {}: it shows {} already", address, PER_ADDRESS);
            ctx.closeSession(1013, "too many screens waiting to be paired from one address");
            return;
        }
        addressBySession.put(ctx.sessionId(), address);
        ctx.session.setMaxTextMessageSize(maxMessage);
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        String code;
        try {
            // unique across every node: the pairing_code table says which codes are taken
            do {
                StringBuilder b = new StringBuilder(LENGTH);
                for (int i = 0; i < LENGTH; i++) {
                    b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                code = b.toString();
            } while (!screens.openPairing(code, node) || byCode.putIfAbsent(code, ctx) != null);
        } catch (RuntimeException e) {
            log.warn("could not register a pairing code: {}", e.toString());
            releaseSession(ctx.sessionId());
            ctx.closeSession(1011, "try again");
            return;
        }
        codeBySession.put(ctx.sessionId(), code);
        ctx.send(Json.write(new DisplayMessage.Pairing(code)));
    }

    boolean showingAny() {
        return !byCode.isEmpty();
    }

    /** The socket of a page showing {@code code} (normalised) on this node, taken out of the set. */
    private WsContext take(String code) {
        WsContext ctx = byCode.remove(code);
        if (ctx != null) {
            codeBySession.remove(ctx.sessionId());
            releaseSession(ctx.sessionId());
        }
        return ctx;
    }

    private void releaseSession(String sessionId) {
        String address = addressBySession.remove(sessionId);
        if (address != null) {
            release(address);
        }
    }

    private void release(String address) {
        openByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    void closed(String sessionId) {
        releaseSession(sessionId);
        String code = codeBySession.remove(sessionId);
        if (code != null) {
            byCode.remove(code);
            writes.execute(() -> screens.closePairing(code, node));
        }
    }

    /** People type codes in lower case and with spaces or dashes; screens show "K7Q 2MX". */
    static String normalise(String code) {
        return code.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
    }
}

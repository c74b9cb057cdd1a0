package io.loopboard.auth;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * The address of the client behind a request. Behind a reverse proxy every request comes from
 * the proxy, so the proxy's {@code X-Forwarded-For} is believed, but only when the direct peer
 * is one of the configured trusted proxies; otherwise anyone could claim any address and
 * dodge the login limits.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /** The client behind a connection from {@code peer} that sent this {@code X-Forwarded-For} (or none). */
    public String of(String peer, String forwarded) {
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        // The right-most address not added by one of our own proxies is the real client.
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** Whether connections from this address are a reverse proxy's, carrying many clients. */
    public boolean isTrustedProxy(String peer) {
        return trustedProxies.contains(peer);
    }
}

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
        String peer = ctx.req().getRemoteAddr();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
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
}

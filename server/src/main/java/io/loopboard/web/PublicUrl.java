package io.loopboard.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address people and screens reach Loopboard at, and whether a browser request came from a
 * page of that address. The configured {@code LOOPBOARD_PUBLIC_URL} wins; without it, links
 * name the request's host only when a trusted reverse proxy forwarded it, since anyone can send
 * any {@code Host} to the server directly (and a feed reader or cache would keep such links).
 */
public final class PublicUrl {

    /** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port: nothing else. */
    private static final Pattern AUTHORITY = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");

    private final String configured;
    private final Set<String> trustedProxies;

    public PublicUrl(String configured, List<String> trustedProxies) {
        this.configured = configured == null ? null : stripSlash(configured);
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** The base URL for absolute links in answers to this request, without a trailing slash. */
    public String base(Context ctx) {
        if (configured != null) {
            return configured;
        }
        if (trustedProxies.contains(ctx.req().getRemoteAddr())) {
            String host = first(ctx.header("X-Forwarded-Host"));
            if (host == null) {
                host = ctx.header("Host");
            }
            String proto = first(ctx.header("X-Forwarded-Proto"));
            if (host != null && AUTHORITY.matcher(host).matches()) {
                return ("https".equalsIgnoreCase(proto) ? "https" : "http") + "://" + host.toLowerCase(Locale.ROOT);
            }
        }
        return "http://localhost:" + ctx.req().getLocalPort();
    }

    /**
     * Whether {@code origin} (an {@code Origin} header) is this server: the configured URL's
     * origin, or without one, the host the browser addressed (its {@code Host}); the scheme is
     * then not compared, since TLS may end at a proxy.
     */
    public boolean sameOrigin(Context ctx, String origin) {
        return sameOrigin(origin, ctx.header("Host"));
    }

    /** {@link #sameOrigin(Context, String)} for a request that is no Javalin context (a WebSocket upgrade). */
    public boolean sameOrigin(String origin, String host) {
        if (origin == null || origin.equals("null")) {
            return false;
        }
        URI o;
        try {
            o = new URI(origin.strip());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (o.getScheme() == null || o.getRawAuthority() == null) {
            return false;
        }
        if (configured != null) {
            return originOf(configured).equals(originOf(o.toString()));
        }
        return host != null && withoutDefaultPort(o.getRawAuthority()).equalsIgnoreCase(withoutDefaultPort(host.strip()));
    }

    private static String withoutDefaultPort(String authority) {
        return authority.endsWith(":80") || authority.endsWith(":443")
                ? authority.substring(0, authority.lastIndexOf(':')) : authority;
    }

    /** scheme://host:port, lower case, with the scheme's default port written out. */
    static String originOf(String url) {
        URI u = URI.create(url);
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + withDefaultPort(u.getScheme(), u.getRawAuthority()).toLowerCase(Locale.ROOT);
    }

    private static String withDefaultPort(String scheme, String authority) {
        if (authority.matches(".*:\\d+$") && !authority.endsWith("]")) {
            return authority;
        }
        return authority + ("https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme) ? ":443" : ":80");
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.loopboard.web;

import io.javalin.http.Context;

/** Headers every response carries: a strict CSP (no inline script anywhere) and friends. */
public final class SecurityHeaders {

    static final String CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    /** The headers every answer carries, Jetty's own error answers included (see {@link JettyErrors}). */
    static final java.util.Map<String, String> ALWAYS = java.util.Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin");

    public static void apply(Context ctx) {
        ALWAYS.forEach(ctx::header);
        if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/admin") || ctx.path().startsWith("/login")) {
            ctx.header("Cache-Control", "no-store");
        } else if (ctx.path().startsWith("/improvements")) {
            // the board and its feed: behind a login (or for one trusted network) and changed by
            // every unpublish, so no shared cache keeps them and a browser asks again each time
            ctx.header("Cache-Control", "private, no-cache");
        }
    }
}

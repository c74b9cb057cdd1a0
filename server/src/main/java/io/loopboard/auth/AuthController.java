package io.loopboard.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Login and logout for people; the page itself is static (web/login.html). */
public final class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    private final AuthService auth;
    private final LoginThrottle throttle;
    private final ClientAddress clientAddress;
    private final boolean secureCookies;
    private final io.loopboard.web.PublicUrl publicUrl;

    public AuthController(AuthService auth, LoginThrottle throttle, ClientAddress clientAddress, boolean secureCookies,
                          io.loopboard.web.PublicUrl publicUrl) {
        this.auth = auth;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
        this.secureCookies = secureCookies;
        this.publicUrl = publicUrl;
    }

    /** A classic form post, so logging in works even before any script has loaded. */
    public void login(Context ctx) {
        refuseCrossSite(ctx);
        String email = ctx.formParam("email");
        String password = ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        String address = clientAddress.of(ctx);
        String shownEmail = email == null ? "" : email.replaceAll("[\\p{Cntrl}]", "_");
        if (throttle.locked(email, address)) {
            log.warn("login for '{}' from {} refused: too many failures, locked out for now", shownEmail, address);
            ctx.header("Retry-After", String.valueOf(LoginThrottle.WINDOW.toSeconds()));
            ctx.redirect("/login?locked=1&next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8),
                    io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        var session = auth.login(email, password);
        if (session.isEmpty()) {
            throttle.failed(email, address);
            // Never log the password; the e-mail and address are what an operator needs.
            log.warn("failed login for '{}' from {}", shownEmail, address);
            ctx.redirect("/login?failed=1&next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        throttle.succeeded(email);
        ctx.cookie(sessionCookie(session.get().sessionId(), -1));
        ctx.redirect(next);
    }

    public void logout(Context ctx) {
        auth.logout(ctx.cookie(AccessControl.SESSION_COOKIE));
        ctx.cookie(sessionCookie("", 0));
        ctx.redirect("/login");
    }

    /** Ends every session of the caller, on every device (this one included). */
    public void logoutEverywhere(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        if (p.kind() != Principal.Kind.USER) {
            throw io.loopboard.core.Refusal.invalid("Authorization", "an API key has no sessions to end");
        }
        int ended = auth.logoutEverywhere(p.id(), p.actor());
        ctx.cookie(sessionCookie("", 0));
        ctx.json(Map.of("sessionsEnded", ended));
    }

    /** Who is logged in, and the CSRF token their page must send with every change. */
    public void me(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", p.name());
        body.put("role", p.role().id());
        body.put("csrfToken", p.csrfToken());
        ctx.json(body);
    }

    private Cookie sessionCookie(String value, int maxAge) {
        return new Cookie(AccessControl.SESSION_COOKIE, value, "/", maxAge, secureCookies, true, null, SameSite.STRICT);
    }

    /**
     * Login CSRF: a foreign page must not log a visitor's browser into an account of the
     * attacker's choosing. Browsers say where a form post comes from in {@code Sec-Fetch-Site}
     * (all current ones) and {@code Origin}; a post that names another site is refused. A
     * request with neither header is no browser's, so no visitor can be tricked into it.
     */
    private void refuseCrossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        String origin = ctx.header("Origin");
        boolean foreign;
        if (site != null) {
            // "none": the person typed or bookmarked it; "same-site" is another host of the same site
            foreign = !site.equals("same-origin") && !site.equals("none");
        } else {
            // our pages send no referrer, so a same-origin post may carry "Origin: null"; an older
            // browser without Sec-Fetch-Site that sends it cannot be told from a sandboxed foreign page
            foreign = origin != null && !publicUrl.sameOrigin(ctx, origin);
        }
        if (foreign) {
            log.warn("login from {} refused: posted from another site (Sec-Fetch-Site {}, Origin {})", clientAddress.of(ctx),
                    site == null ? "-" : site.replaceAll("\\p{Cntrl}", "_"), origin == null ? "-" : origin.replaceAll("\\p{Cntrl}", "_"));
            throw new io.loopboard.core.Refusal(io.loopboard.core.Refusal.Kind.FORBIDDEN, "forbidden", "Origin: a login must be posted from Loopboard's own login page",
                    java.util.List.of(new io.loopboard.core.FieldProblem("Origin",
                            "the login form was posted from another site")));
        }
    }

    /**
     * Only a path on this server: an open redirect after login would be a phishing aid. The
     * value is parsed as a URI reference and must be a path (no scheme, no host); browsers drop
     * tabs and line breaks inside URLs and read {@code \} as {@code /}, so {@code /\t/host} and
     * {@code /\\host} would become {@code //host}: any control character, space or backslash is
     * refused outright.
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000) {
            return "/admin";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) {
                return "/admin";
            }
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(next);
        } catch (java.net.URISyntaxException e) {
            return "/admin";
        }
        String path = uri.getRawPath();
        if (uri.getScheme() != null || uri.getRawAuthority() != null || path == null || !path.startsWith("/")
                || path.startsWith("//")) {
            return "/admin";
        }
        // resolved against any origin, it must stay on that origin and keep its path
        java.net.URI resolved = java.net.URI.create("http://loopboard.invalid/").resolve(uri);
        if (!"loopboard.invalid".equals(resolved.getHost()) || resolved.getPort() != -1) {
            return "/admin";
        }
        return uri.toString();
    }
}

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

    public AuthController(AuthService auth, LoginThrottle throttle, ClientAddress clientAddress, boolean secureCookies) {
        this.auth = auth;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
        this.secureCookies = secureCookies;
    }

    /** A classic form post, so logging in works even before any script has loaded. */
    public void login(Context ctx) {
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
            throw io.loopboard.web.ApiException.badRequest("Authorization", "an API key has no sessions to end");
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

    /** Only same-site paths: an open redirect after login would be a phishing aid. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/admin";
        }
        return next;
    }
}

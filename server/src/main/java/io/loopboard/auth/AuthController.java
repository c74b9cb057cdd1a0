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
    private final boolean secureCookies;

    public AuthController(AuthService auth, boolean secureCookies) {
        this.auth = auth;
        this.secureCookies = secureCookies;
    }

    /** A classic form post, so logging in works even before any script has loaded. */
    public void login(Context ctx) {
        String email = ctx.formParam("email");
        String password = ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        var session = auth.login(email, password);
        if (session.isEmpty()) {
            // Never log the password; the e-mail and address are what an operator needs.
            log.warn("failed login for '{}' from {}", email == null ? "" : email.replaceAll("[\\r\\n]", "_"), ctx.ip());
            ctx.redirect("/login?failed=1&next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        ctx.cookie(sessionCookie(session.get().sessionId(), -1));
        ctx.redirect(next);
    }

    public void logout(Context ctx) {
        auth.logout(ctx.cookie(AccessControl.SESSION_COOKIE));
        ctx.cookie(sessionCookie("", 0));
        ctx.redirect("/login");
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

package io.loopboard.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import io.loopboard.core.Refusal;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: resolves the caller from a bearer API key or a session
 * cookie, checks the route's roles, and for session callers checks the CSRF token on every
 * state-changing request. A route without roles is public.
 */
public final class AccessControl {

    public static final String SESSION_COOKIE = "lb_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL_ATTRIBUTE = "loopboard.principal";

    private final AuthService auth;
    private java.util.function.Predicate<Context> anonymousViewers = ctx -> false;

    public AccessControl(AuthService auth) {
        this.auth = auth;
    }

    /**
     * Lets a caller without login read a route that admits {@link Role#VIEWER} when
     * {@code when} says so (the improvements board, opened by an administrator for a trusted
     * network). Such requests have no principal.
     */
    public void admitAnonymousViewers(java.util.function.Predicate<Context> when) {
        this.anonymousViewers = when;
    }

    public void check(Context ctx) {
        checkRoles(ctx, ctx.routeRoles());
    }

    /**
     * A HEAD request matches no route of ours (every route is a GET or a change), yet Javalin
     * answers it for any GET path: it is held to the roles of the GET route of its path, so a
     * HEAD tells a caller nothing (not even that a resource exists) that the GET would not.
     */
    public void checkHead(Context ctx, Set<RouteRole> getRoles) {
        checkRoles(ctx, getRoles);
    }

    private void checkRoles(Context ctx, Set<RouteRole> roles) {
        if (roles.isEmpty()) {
            return;
        }
        Optional<Principal> principal = resolve(ctx);
        if (principal.isEmpty()) {
            if (reads(ctx.method()) && roles.contains(Role.VIEWER) && anonymousViewers.test(ctx)) {
                return;
            }
            if (wantsPage(ctx)) {
                // the query string too: a link such as /admin/stories?quote=42 must survive the login
                String target = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
                ctx.redirect("/login?next=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8));
                ctx.skipRemainingHandlers();
                return;
            }
            throw Refusal.unauthenticated("authentication required: a session or 'Authorization: Bearer <api key>'");
        }
        Principal p = principal.get();
        boolean allowed = roles.stream().anyMatch(r -> r instanceof Role required && p.role().satisfies(required));
        if (!allowed) {
            throw Refusal.forbidden("the role '" + p.role().id() + "' may not use this route");
        }
        if (p.kind() == Principal.Kind.USER && changesState(ctx.method())) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null) {
                sent = ctx.formParam("csrf");
            }
            if (!Secrets.constantTimeEquals(sent, p.csrfToken())) {
                throw Refusal.forbidden("missing or wrong CSRF token (send the X-CSRF-Token header)");
            }
        }
        ctx.attribute(PRINCIPAL_ATTRIBUTE, p);
    }

    /** The caller of a request that passed {@link #check}. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        if (p == null) {
            throw new IllegalStateException("route has no roles, so it has no principal: " + ctx.path());
        }
        return p;
    }

    public Optional<Principal> resolve(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            return auth.fromApiKey(authorization.substring(7).trim());
        }
        return auth.fromSession(ctx.cookie(SESSION_COOKIE));
    }

    private static boolean wantsPage(Context ctx) {
        return reads(ctx.method()) && !ctx.path().startsWith("/api/");
    }

    private static boolean reads(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD;
    }

    private static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }
}

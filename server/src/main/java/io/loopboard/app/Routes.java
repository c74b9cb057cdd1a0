package io.loopboard.app;

import static io.loopboard.auth.Role.ADMIN;
import static io.loopboard.auth.Role.INGEST;
import static io.loopboard.auth.Role.MODERATOR;

import io.javalin.config.RoutesConfig;
import io.loopboard.auth.AuthController;
import io.loopboard.curation.QuoteController;
import io.loopboard.feedback.FeedbackController;
import io.loopboard.feedback.ingest.IngestController;
import io.loopboard.signage.DisplayHub;
import io.loopboard.web.Pages;

/**
 * The whole HTTP surface on one screen. Every route names the roles it admits; routes with
 * none are public on purpose (the login page, the display page and its socket, which checks
 * the screen token itself).
 */
final class Routes {

    private final AuthController auth;
    private final FeedbackController feedback;
    private final QuoteController quotes;
    private final DisplayHub hub;
    private final Pages pages;
    private final IngestController ingest;

    Routes(AuthController auth, FeedbackController feedback, QuoteController quotes, DisplayHub hub, Pages pages,
           IngestController ingest) {
        this.auth = auth;
        this.feedback = feedback;
        this.quotes = quotes;
        this.hub = hub;
        this.pages = pages;
        this.ingest = ingest;
    }

    void register(RoutesConfig r) {
        // public
        r.get("/", ctx -> ctx.redirect("/admin"));
        r.get("/login", ctx -> pages.serve(ctx, "login.html"));
        r.post("/login", auth::login);
        r.post("/logout", auth::logout);
        r.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
        // the display page uses relative URLs, so it must be addressed as a folder
        r.get("/display", ctx -> ctx.redirect("/display/" + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
        r.ws("/display/ws", hub::configure);

        // people
        r.get("/admin", ctx -> pages.serve(ctx, "admin.html"), MODERATOR, ADMIN);
        r.get("/api/v1/me", auth::me, MODERATOR, ADMIN);

        // integrations
        r.post("/api/v1/feedback", feedback::ingest, INGEST, ADMIN);

        // moderation
        r.get("/api/v1/quotes", quotes::list, MODERATOR, ADMIN);
        r.get("/api/v1/quotes/{id}", quotes::get, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/approve", quotes::approve, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/reject", quotes::reject, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/unpublish", quotes::unpublish, MODERATOR, ADMIN);

        // --- issue 8: sources, CSV imports and survey webhooks (docs/ingest.md) ---
        r.get("/admin/sources", ctx -> pages.serve(ctx, "sources.html"), MODERATOR, ADMIN);
        r.get("/api/v1/sources", ingest::list, MODERATOR, ADMIN);
        r.post("/api/v1/sources", ingest::create, ADMIN);
        r.put("/api/v1/sources/{id}", ingest::update, ADMIN);
        r.post("/api/v1/sources/{id}/imports", ingest::upload, MODERATOR, ADMIN);
        r.get("/api/v1/imports/{id}", ingest::job, MODERATOR, ADMIN);
        r.get("/api/v1/imports/{id}/errors.csv", ingest::errors, MODERATOR, ADMIN);
        // public: authenticated by the HMAC signature of the body with the source's secret
        r.post("/api/v1/webhooks/{source}", ingest::webhook);
        // --- end issue 8 ---
    }
}

package io.loopboard.app;

import static io.loopboard.auth.Role.ADMIN;
import static io.loopboard.auth.Role.INGEST;
import static io.loopboard.auth.Role.MODERATOR;

import io.javalin.config.RoutesConfig;
import io.loopboard.audit.AuditController;
import io.loopboard.auth.AuthController;
import io.loopboard.curation.ModerationController;
import io.loopboard.curation.QuoteController;
import io.loopboard.feedback.FeedbackController;
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
    // issue 3: the moderation workspace
    private final ModerationController moderation;
    private final AuditController audit;

    Routes(AuthController auth, FeedbackController feedback, QuoteController quotes, DisplayHub hub, Pages pages,
           ModerationController moderation, AuditController audit) {
        this.auth = auth;
        this.feedback = feedback;
        this.quotes = quotes;
        this.hub = hub;
        this.pages = pages;
        this.moderation = moderation;
        this.audit = audit;
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

        registerModerationWorkspace(r);
    }

    /** Issue 3: the CX lead's moderation workspace (see docs/moderation.md). */
    private void registerModerationWorkspace(RoutesConfig r) {
        r.get("/admin/audit", ctx -> pages.serve(ctx, "audit.html"), MODERATOR, ADMIN);
        r.put("/api/v1/quotes/{id}", quotes::edit, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/check", quotes::check, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/undo", quotes::undo, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/bulk", quotes::bulk, MODERATOR, ADMIN);
        r.get("/api/v1/moderation/channels", moderation::channels, MODERATOR, ADMIN);
        r.get("/api/v1/moderation/settings", moderation::settings, MODERATOR, ADMIN);
        r.put("/api/v1/moderation/settings", moderation::updateSettings, MODERATOR, ADMIN);
        r.get("/api/v1/auto-approve-rules", moderation::rules, MODERATOR, ADMIN);
        r.post("/api/v1/auto-approve-rules", moderation::createRule, MODERATOR, ADMIN);
        r.delete("/api/v1/auto-approve-rules/{id}", moderation::deleteRule, MODERATOR, ADMIN);
        r.post("/api/v1/erasure", moderation::erase, MODERATOR, ADMIN);
        r.get("/api/v1/audit", audit::list, MODERATOR, ADMIN);
    }
}

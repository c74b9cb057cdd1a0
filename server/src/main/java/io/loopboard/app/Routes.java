package io.loopboard.app;

import static io.loopboard.auth.Role.ADMIN;
import static io.loopboard.auth.Role.INGEST;
import static io.loopboard.auth.Role.MODERATOR;
import static io.loopboard.auth.Role.VIEWER;

import io.javalin.config.RoutesConfig;
import io.loopboard.auth.AdminController;
import io.loopboard.audit.AuditController;
import io.loopboard.auth.AuthController;
import io.loopboard.curation.ModerationController;
import io.loopboard.curation.QuoteController;
import io.loopboard.feedback.FeedbackController;
import io.loopboard.followup.FollowUpController;
import io.loopboard.signage.ChannelController;
import io.loopboard.feedback.ingest.IngestController;
import io.loopboard.signage.DisplayHub;
import io.loopboard.signage.ScreenController;
import io.loopboard.signage.TakeoverController;
import io.loopboard.web.Pages;

/**
 * The whole HTTP surface on one screen. Every route names the roles it admits; routes with
 * none are public on purpose (the login page, the display page and its socket, which checks
 * the screen token itself).
 */
final class Routes {

    private final AuthController auth;
    private final AdminController admin;
    private final FeedbackController feedback;
    private final QuoteController quotes;
    private final DisplayHub hub;
    private final Pages pages;
    private final Signage signage;

    /** The controllers of screens and channels: channels, the fleet of screens, takeover. */
    record Signage(ChannelController channels, ScreenController screens, TakeoverController takeover) {
    }

    private final IngestController ingest;

    // the moderation workspace
    private final ModerationController moderation;
    private final AuditController audit;

    Routes(AuthController auth, AdminController admin, FeedbackController feedback, QuoteController quotes, DisplayHub hub,
           Pages pages, Signage signage, ModerationController moderation, AuditController audit,
           IngestController ingest) {
        this.auth = auth;
        this.admin = admin;
        this.feedback = feedback;
        this.quotes = quotes;
        this.hub = hub;
        this.pages = pages;
        this.signage = signage;
        this.moderation = moderation;
        this.audit = audit;
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
        r.get("/api/v1/me", auth::me, VIEWER, MODERATOR, ADMIN);
        r.post("/api/v1/me/logout-everywhere", auth::logoutEverywhere, VIEWER, MODERATOR, ADMIN);

        // administration: users and API keys
        r.get("/admin/users", ctx -> pages.serve(ctx, "users.html"), ADMIN);
        r.get("/api/v1/users", admin::users, ADMIN);
        r.post("/api/v1/users", admin::createUser, ADMIN);
        r.post("/api/v1/users/{id}/disable", admin::disableUser, ADMIN);
        r.post("/api/v1/users/{id}/enable", admin::enableUser, ADMIN);
        r.post("/api/v1/users/{id}/password", admin::resetPassword, ADMIN);
        r.get("/api/v1/apikeys", admin::apiKeys, ADMIN);
        r.post("/api/v1/apikeys", admin::createApiKey, ADMIN);
        r.post("/api/v1/apikeys/{id}/revoke", admin::revokeApiKey, ADMIN);

        // integrations
        r.post("/api/v1/feedback", feedback::ingest, INGEST, ADMIN);

        // moderation
        r.get("/api/v1/quotes", quotes::list, MODERATOR, ADMIN);
        r.get("/api/v1/quotes/{id}", quotes::get, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/approve", quotes::approve, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/reject", quotes::reject, MODERATOR, ADMIN);
        r.post("/api/v1/quotes/{id}/unpublish", quotes::unpublish, MODERATOR, ADMIN);

        // ---- screens and channels (docs/screens-and-channels.md) ----
        r.get("/admin/screens", ctx -> pages.serve(ctx, "screens.html"), MODERATOR, ADMIN);
        r.get("/api/v1/channels", signage.channels()::list, MODERATOR, ADMIN);
        r.post("/api/v1/channels", signage.channels()::create, ADMIN);
        r.get("/api/v1/channels/{id}", signage.channels()::get, MODERATOR, ADMIN);
        r.patch("/api/v1/channels/{id}", signage.channels()::update, ADMIN);
        r.get("/api/v1/screens", signage.screens()::list, MODERATOR, ADMIN);
        r.get("/api/v1/screens/events", signage.screens()::events, MODERATOR, ADMIN); // the fleet view, pushed
        r.post("/api/v1/screens/pair", signage.screens()::pair, ADMIN);
        r.post("/api/v1/screens/{id}/identify", signage.screens()::identify, MODERATOR, ADMIN);
        r.post("/api/v1/screens/{id}/reload", signage.screens()::reload, MODERATOR, ADMIN);
        r.post("/api/v1/screens/{id}/move", signage.screens()::move, ADMIN);
        r.post("/api/v1/screens/{id}/revoke", signage.screens()::revoke, ADMIN);
        r.get("/api/v1/announcements", signage.takeover()::list, MODERATOR, ADMIN);
        r.post("/api/v1/announcements", signage.takeover()::announce, MODERATOR, ADMIN);
        r.post("/api/v1/announcements/{id}/end", signage.takeover()::end, MODERATOR, ADMIN);
        r.get("/api/v1/signage/quotes-hidden", signage.takeover()::state, MODERATOR, ADMIN);
        r.post("/api/v1/signage/hide-quotes", signage.takeover()::hideQuotes, MODERATOR, ADMIN);
        r.post("/api/v1/signage/show-quotes", signage.takeover()::showQuotes, MODERATOR, ADMIN);
        // stories, the improvements board and its feed live in stories/StoryRoutes,
        // registered right after this by Loopboard.
        // --- sources, CSV imports and survey webhooks (docs/ingest.md) ---
        r.get("/admin/sources", ctx -> pages.serve(ctx, "sources.html"), MODERATOR, ADMIN);
        r.get("/api/v1/sources", ingest::list, MODERATOR, ADMIN);
        r.post("/api/v1/sources", ingest::create, ADMIN);
        r.put("/api/v1/sources/{id}", ingest::update, ADMIN);
        r.post("/api/v1/sources/{id}/imports", ingest::upload, MODERATOR, ADMIN);
        r.post("/api/v1/sources/{id}/preview", ingest::preview, MODERATOR, ADMIN);
        r.post("/api/v1/sources/{id}/dry-run", ingest::dryRun, MODERATOR, ADMIN);
        r.get("/api/v1/imports/{id}", ingest::job, MODERATOR, ADMIN);
        r.get("/api/v1/imports/{id}/errors.csv", ingest::errors, MODERATOR, ADMIN);
        // public: authenticated by the HMAC signature of the body with the source's secret
        r.post("/api/v1/webhooks/{source}", ingest::webhook);
        registerModerationWorkspace(r);
    }

    /** The CX lead's moderation workspace (see docs/moderation.md). */
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
        r.put("/api/v1/auto-approve-rules/{id}/enabled", moderation::setRuleEnabled, MODERATOR, ADMIN);
        r.post("/api/v1/erasure", moderation::erase, MODERATOR, ADMIN);
        r.get("/api/v1/audit", audit::list, MODERATOR, ADMIN);
    }

    /** Following up critics and callback requests (see docs/follow-up.md): the inbox, its settings, telling customers. */
    static void registerFollowUps(RoutesConfig r, Pages pages, FollowUpController f) {
        r.get("/admin/followups", ctx -> pages.serve(ctx, "followups.html"), MODERATOR, ADMIN);
        r.get("/api/v1/followup/cases", f::list, MODERATOR, ADMIN);
        r.get("/api/v1/followup/cases/{id}", f::get, MODERATOR, ADMIN);
        r.patch("/api/v1/followup/cases/{id}", f::update, MODERATOR, ADMIN);
        // the customer's name, e-mail and phone: each look is audited
        r.get("/api/v1/followup/cases/{id}/contact", f::contact, MODERATOR, ADMIN);
        r.get("/api/v1/followup/figure", f::figure, MODERATOR, ADMIN);
        r.get("/api/v1/followup/owners", f::owners, MODERATOR, ADMIN);
        r.get("/api/v1/followup/settings", f::settings, MODERATOR, ADMIN);
        r.put("/api/v1/followup/settings", f::updateSettings, MODERATOR, ADMIN);
        r.get("/api/v1/followup/rules", f::rules, MODERATOR, ADMIN);
        r.post("/api/v1/followup/rules", f::addRule, MODERATOR, ADMIN);
        r.delete("/api/v1/followup/rules/{id}", f::deleteRule, MODERATOR, ADMIN);
        r.get("/api/v1/followup/stories/{id}/recipients", f::recipients, MODERATOR, ADMIN);
        r.get("/api/v1/followup/stories/{id}/recipients.csv", f::recipientsCsv, MODERATOR, ADMIN);
        r.post("/api/v1/followup/stories/{id}/notify", f::notify, MODERATOR, ADMIN);
    }
}

package io.loopboard.app;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.javalin.apibuilder.ApiBuilder.ws;
import static io.loopboard.auth.Role.ADMIN;
import static io.loopboard.auth.Role.INGEST;
import static io.loopboard.auth.Role.MODERATOR;
import static io.loopboard.auth.Role.VIEWER;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.loopboard.audit.AuditController;
import io.loopboard.auth.AdminController;
import io.loopboard.auth.AuthController;
import io.loopboard.curation.ModerationController;
import io.loopboard.curation.QuoteController;
import io.loopboard.erasure.ErasureController;
import io.loopboard.feedback.FeedbackController;
import io.loopboard.feedback.ingest.IngestController;
import io.loopboard.followup.FollowUpController;
import io.loopboard.signage.ChannelController;
import io.loopboard.signage.DisplayHub;
import io.loopboard.signage.ScreenController;
import io.loopboard.signage.TakeoverController;
import io.loopboard.stories.BoardController;
import io.loopboard.stories.StoryController;
import io.loopboard.web.Pages;
import java.util.Map;

/**
 * The whole HTTP surface in one place, a block per feature. Every route names the roles it
 * admits; routes with none are public on purpose (the login page, the health check, the display
 * page and its socket, which checks the screen token itself, and the survey webhooks, which
 * check the body's signature). Moderators and administrators satisfy the board's viewer role;
 * the board admits anyone when it is switched open (auth/AccessControl).
 */
final class Routes {

    /** The controllers, one per feature's HTTP needs. */
    record Controllers(AuthController auth, AdminController admin, FeedbackController feedback, IngestController ingest,
                       QuoteController quotes, ModerationController moderation, ErasureController erasure, AuditController audit,
                       ChannelController channels, ScreenController screens, TakeoverController takeover, DisplayHub hub,
                       StoryController stories, BoardController board, FollowUpController followups) {
    }

    private final Controllers c;
    private final Pages pages;

    Routes(Controllers controllers, Pages pages) {
        this.c = controllers;
        this.pages = pages;
    }

    void register(RoutesConfig r) {
        r.apiBuilder(() -> {
            everyone();
            people();
            feedbackIn();
            moderation();
            screensAndChannels();
            storiesAndBoard();
            followUp();
        });
    }

    private Handler page(String file) {
        return ctx -> pages.serve(ctx, file);
    }

    /** Public: login, health, the display page and its socket. */
    private void everyone() {
        get("/", ctx -> ctx.redirect("/admin"));
        get("/login", page("login.html"));
        post("/login", c.auth()::login);
        post("/logout", c.auth()::logout);
        get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        // the display page uses relative URLs, so it must be addressed as a folder
        get("/display", ctx -> ctx.redirect("/display/" + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
        ws("/display/ws", c.hub()::configure);
    }

    /** The signed-in person, users and API keys. */
    private void people() {
        get("/admin", page("admin.html"), MODERATOR, ADMIN);
        path("/api/v1/me", () -> {
            get(c.auth()::me, VIEWER, MODERATOR, ADMIN);
            post("/logout-everywhere", c.auth()::logoutEverywhere, VIEWER, MODERATOR, ADMIN);
        });
        get("/admin/users", page("users.html"), ADMIN);
        path("/api/v1/users", () -> {
            get(c.admin()::users, ADMIN);
            post(c.admin()::createUser, ADMIN);
            post("/{id}/disable", c.admin()::disableUser, ADMIN);
            post("/{id}/enable", c.admin()::enableUser, ADMIN);
            post("/{id}/password", c.admin()::resetPassword, ADMIN);
        });
        path("/api/v1/apikeys", () -> {
            get(c.admin()::apiKeys, ADMIN);
            post(c.admin()::createApiKey, ADMIN);
            post("/{id}/revoke", c.admin()::revokeApiKey, ADMIN);
        });
    }

    /** Feedback in: the ingest API, sources, CSV imports and survey webhooks (docs/ingest.md). */
    private void feedbackIn() {
        post("/api/v1/feedback", c.feedback()::ingest, INGEST, ADMIN);
        get("/admin/sources", page("sources.html"), MODERATOR, ADMIN);
        path("/api/v1/sources", () -> {
            get(c.ingest()::list, MODERATOR, ADMIN);
            post(c.ingest()::create, ADMIN);
            put("/{id}", c.ingest()::update, ADMIN);
            post("/{id}/imports", c.ingest()::upload, MODERATOR, ADMIN);
            post("/{id}/preview", c.ingest()::preview, MODERATOR, ADMIN);
            post("/{id}/dry-run", c.ingest()::dryRun, MODERATOR, ADMIN);
        });
        path("/api/v1/imports/{id}", () -> {
            get(c.ingest()::job, MODERATOR, ADMIN);
            get("/errors.csv", c.ingest()::errors, MODERATOR, ADMIN);
        });
        // public: authenticated by the HMAC signature of the body with the source's secret
        post("/api/v1/webhooks/{source}", c.ingest()::webhook);
    }

    /** The CX lead's moderation workspace (docs/moderation.md). */
    private void moderation() {
        get("/admin/audit", page("audit.html"), MODERATOR, ADMIN);
        path("/api/v1/quotes", () -> {
            get(c.quotes()::list, MODERATOR, ADMIN);
            post("/bulk", c.quotes()::bulk, MODERATOR, ADMIN);
            get("/{id}", c.quotes()::get, MODERATOR, ADMIN);
            put("/{id}", c.quotes()::edit, MODERATOR, ADMIN);
            post("/{id}/approve", c.quotes()::approve, MODERATOR, ADMIN);
            post("/{id}/reject", c.quotes()::reject, MODERATOR, ADMIN);
            post("/{id}/unpublish", c.quotes()::unpublish, MODERATOR, ADMIN);
            post("/{id}/check", c.quotes()::check, MODERATOR, ADMIN);
            post("/{id}/undo", c.quotes()::undo, MODERATOR, ADMIN);
        });
        path("/api/v1/moderation", () -> {
            get("/channels", c.moderation()::channels, MODERATOR, ADMIN);
            get("/settings", c.moderation()::settings, MODERATOR, ADMIN);
            put("/settings", c.moderation()::updateSettings, MODERATOR, ADMIN);
        });
        path("/api/v1/auto-approve-rules", () -> {
            get(c.moderation()::rules, MODERATOR, ADMIN);
            post(c.moderation()::createRule, MODERATOR, ADMIN);
            delete("/{id}", c.moderation()::deleteRule, MODERATOR, ADMIN);
            put("/{id}/enabled", c.moderation()::setRuleEnabled, MODERATOR, ADMIN);
        });
        post("/api/v1/erasure", c.erasure()::erase, MODERATOR, ADMIN);
        get("/api/v1/audit", c.audit()::list, MODERATOR, ADMIN);
    }

    /** Screens and channels: the fleet, pairing, channels, takeover (docs/screens-and-channels.md). */
    private void screensAndChannels() {
        get("/admin/screens", page("screens.html"), MODERATOR, ADMIN);
        path("/api/v1/channels", () -> {
            get(c.channels()::list, MODERATOR, ADMIN);
            post(c.channels()::create, ADMIN);
            get("/{id}", c.channels()::get, MODERATOR, ADMIN);
            patch("/{id}", c.channels()::update, ADMIN);
        });
        path("/api/v1/screens", () -> {
            get(c.screens()::list, MODERATOR, ADMIN);
            get("/events", c.screens()::events, MODERATOR, ADMIN); // the fleet view, pushed
            post("/pair", c.screens()::pair, ADMIN);
            post("/{id}/identify", c.screens()::identify, MODERATOR, ADMIN);
            post("/{id}/reload", c.screens()::reload, MODERATOR, ADMIN);
            post("/{id}/move", c.screens()::move, ADMIN);
            post("/{id}/revoke", c.screens()::revoke, ADMIN);
        });
        path("/api/v1/announcements", () -> {
            get(c.takeover()::list, MODERATOR, ADMIN);
            post(c.takeover()::announce, MODERATOR, ADMIN);
            post("/{id}/end", c.takeover()::end, MODERATOR, ADMIN);
        });
        path("/api/v1/signage", () -> {
            get("/quotes-hidden", c.takeover()::state, MODERATOR, ADMIN);
            post("/hide-quotes", c.takeover()::hideQuotes, MODERATOR, ADMIN);
            post("/show-quotes", c.takeover()::showQuotes, MODERATOR, ADMIN);
        });
    }

    /** Improvement stories ("you said, we did") and the teams' board (docs/improvements.md). */
    private void storiesAndBoard() {
        get("/admin/stories", c.board()::authoringPage, MODERATOR, ADMIN);
        path("/api/v1/stories", () -> {
            get(c.stories()::list, MODERATOR, ADMIN);
            post(c.stories()::create, MODERATOR, ADMIN);
            get("/{id}", c.stories()::get, MODERATOR, ADMIN);
            put("/{id}", c.stories()::update, MODERATOR, ADMIN);
            post("/{id}/publish", c.stories()::publish, MODERATOR, ADMIN);
            post("/{id}/archive", c.stories()::archive, MODERATOR, ADMIN);
            post("/{id}/links", c.stories()::link, MODERATOR, ADMIN);
            post("/{id}/unlink", c.stories()::unlink, MODERATOR, ADMIN);
            get("/{id}/suggestions", c.stories()::suggestions, MODERATOR, ADMIN);
            get("/{id}/image", c.board()::draftImage, MODERATOR, ADMIN);
            put("/{id}/image", c.stories()::putImage, MODERATOR, ADMIN);
            delete("/{id}/image", c.stories()::deleteImage, MODERATOR, ADMIN);
        });
        get("/api/v1/story-shares", c.stories()::channels, MODERATOR, ADMIN);
        put("/api/v1/story-shares/{id}", c.stories()::setShare, MODERATOR, ADMIN);
        get("/api/v1/improvements/settings", c.stories()::settings, MODERATOR, ADMIN);
        put("/api/v1/improvements/settings", c.stories()::setSettings, ADMIN);
        // the board: the viewer role, or anyone when it is switched open
        get("/improvements", c.board()::boardPage, VIEWER);
        get("/improvements.atom", c.board()::feed, VIEWER);
        get("/improvements/{id}", c.board()::storyPage, VIEWER);
        get("/improvements/{id}/image", c.board()::image, VIEWER);
        get("/api/v1/improvements", c.board()::list, VIEWER);
        get("/api/v1/improvements/{id}", c.board()::get, VIEWER);
    }

    /** Following up critics and callback requests: the inbox, its settings, telling customers (docs/follow-up.md). */
    private void followUp() {
        get("/admin/followups", page("followups.html"), MODERATOR, ADMIN);
        path("/api/v1/followup", () -> {
            get("/cases", c.followups()::list, MODERATOR, ADMIN);
            get("/cases/{id}", c.followups()::get, MODERATOR, ADMIN);
            patch("/cases/{id}", c.followups()::update, MODERATOR, ADMIN);
            // the customer's name, e-mail and phone: each look is audited
            get("/cases/{id}/contact", c.followups()::contact, MODERATOR, ADMIN);
            get("/figure", c.followups()::figure, MODERATOR, ADMIN);
            get("/owners", c.followups()::owners, MODERATOR, ADMIN);
            get("/settings", c.followups()::settings, MODERATOR, ADMIN);
            put("/settings", c.followups()::updateSettings, MODERATOR, ADMIN);
            get("/rules", c.followups()::rules, MODERATOR, ADMIN);
            post("/rules", c.followups()::addRule, MODERATOR, ADMIN);
            delete("/rules/{id}", c.followups()::deleteRule, MODERATOR, ADMIN);
            get("/stories/{id}/recipients", c.followups()::recipients, MODERATOR, ADMIN);
            get("/stories/{id}/recipients.csv", c.followups()::recipientsCsv, MODERATOR, ADMIN);
            post("/stories/{id}/notify", c.followups()::notify, MODERATOR, ADMIN);
        });
    }
}

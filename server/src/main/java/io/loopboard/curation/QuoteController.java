package io.loopboard.curation;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.core.JsonFields;
import io.loopboard.core.Refusal;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** The moderation API under /api/v1/quotes: the queue, the editor, decisions, bulk and undo. */
public final class QuoteController {

    private final QuoteService quotes;

    public QuoteController(QuoteService quotes) {
        this.quotes = quotes;
    }

    public void list(Context ctx) {
        QuoteQuery query = new QuoteQuery(
                param(ctx, "status"), param(ctx, "band"), param(ctx, "touchpoint"), param(ctx, "location"),
                param(ctx, "language"), day(ctx, "from", 0), day(ctx, "to", 1), param(ctx, "q"),
                ctx.queryParam("flagged") == null ? null : Boolean.valueOf("true".equals(ctx.queryParam("flagged"))),
                param(ctx, "sort"), param(ctx, "cursor"),
                ctx.queryParam("newerThan") == null ? null : number(ctx, "newerThan", 0),
                number(ctx, "offset", 0), number(ctx, "limit", 50));
        ModerationQueue.QuotePage page = quotes.queue().page(query);
        ctx.json(page.nextCursor() == null ? Map.of("quotes", page.quotes())
                : Map.of("quotes", page.quotes(), "nextCursor", page.nextCursor()));
    }

    public void get(Context ctx) {
        ctx.json(quotes.get(Params.id(ctx)));
    }

    /** Analyses a draft without saving: body {"displayText": "..."}. */
    public void check(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("displayText"));
        ctx.json(quotes.check(Params.id(ctx), body.textAsSent("displayText")));
    }

    public void edit(Context ctx) {
        ctx.json(quotes.edit(Params.id(ctx), editOf(ctx), actor(ctx)));
    }

    public void approve(Context ctx) {
        ctx.json(quotes.approve(Params.id(ctx), editOf(ctx), actor(ctx)));
    }

    public void reject(Context ctx) {
        ctx.json(quotes.reject(Params.id(ctx), actor(ctx)));
    }

    public void unpublish(Context ctx) {
        ctx.json(quotes.unpublish(Params.id(ctx), actor(ctx)));
    }

    public void undo(Context ctx) {
        ctx.json(quotes.undo(Params.id(ctx), actor(ctx)));
    }

    /** Body {"action": "approve|reject|unpublish|undo", "ids": [..], "overridePii": false}. */
    public void bulk(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("action", "ids", "overridePii"));
        String action = body.textAsSent("action");
        if (action == null) {
            throw Refusal.invalid("action", "is required");
        }
        ctx.json(Map.of("results", quotes.bulk(action, body.integers("ids", QuoteService.MAX_BULK),
                Boolean.TRUE.equals(body.bool("overridePii")), actor(ctx))));
    }

    private static QuoteEdit editOf(Context ctx) {
        JsonFields body = JsonBody.of(ctx, QuoteEdit.FIELDS);
        return new QuoteEdit(body.present(), body.textAsSent("displayText"), body.textAsSent("attribution"),
                body.textAsSent("attributionStyle"), body.textAsSent("sentiment"), body.integers("channelIds", 200),
                body.millis("publishFrom"), body.millis("publishUntil"), body.bool("pinned"),
                Boolean.TRUE.equals(body.bool("overridePii")));
    }

    private static String actor(Context ctx) {
        return AccessControl.principal(ctx).actor();
    }


    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static int number(Context ctx, String name, int fallback) {
        String v = param(ctx, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name, "must be a whole number");
        }
    }

    /** A date (yyyy-mm-dd, UTC) as epoch millis; plusDays 1 makes "to" inclusive of that day. */
    private static Long day(Context ctx, String name, int plusDays) {
        String v = param(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(name, "must be a date like 2026-11-02");
        }
    }
}

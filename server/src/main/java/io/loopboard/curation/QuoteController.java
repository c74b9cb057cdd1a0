package io.loopboard.curation;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.web.ApiException;
import io.loopboard.web.Json;
import java.util.Map;

/** The moderation API under /api/v1/quotes. */
public final class QuoteController {

    private final QuoteService quotes;

    public QuoteController(QuoteService quotes) {
        this.quotes = quotes;
    }

    public void list(Context ctx) {
        String status = ctx.queryParam("status");
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(50);
        int offset = ctx.queryParamAsClass("offset", Integer.class).getOrDefault(0);
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit", "must be 1-500");
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset", "must not be negative");
        }
        ctx.json(Map.of("quotes", quotes.list(status == null || status.isBlank() ? null : status, limit, offset)));
    }

    public void get(Context ctx) {
        ctx.json(quotes.get(id(ctx)));
    }

    public void approve(Context ctx) throws Exception {
        String displayText = null;
        String attribution = null;
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > 0) {
            JsonNode body = Json.MAPPER.readTree(raw);
            if (body != null && !body.isNull()) {
                if (!body.isObject()) {
                    throw ApiException.badRequest("body", "must be a JSON object");
                }
                body.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("displayText") && !name.equals("attribution")) {
                        throw ApiException.badRequest(name, "unknown field");
                    }
                });
                displayText = text(body, "displayText");
                attribution = text(body, "attribution");
            }
        }
        ctx.json(quotes.approve(id(ctx), displayText, attribution, AccessControl.principal(ctx).actor()));
    }

    public void reject(Context ctx) {
        ctx.json(quotes.reject(id(ctx), AccessControl.principal(ctx).actor()));
    }

    public void unpublish(Context ctx) {
        ctx.json(quotes.unpublish(id(ctx), AccessControl.principal(ctx).actor()));
    }

    private static int id(Context ctx) {
        return ctx.pathParamAsClass("id", Integer.class).check(i -> i > 0, "must be a positive number").get();
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, "must be a string");
        }
        return node.textValue();
    }
}

package io.loopboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.loopboard.core.Json;
import io.loopboard.core.JsonFields;
import io.loopboard.core.Refusal;
import java.util.Set;

/**
 * The one reader of JSON request bodies: a body that is not JSON is a 400 on {@code body}, one
 * that is not an object or has unknown fields a 400 naming them (core/JsonFields reads the
 * fields). A body that could not be read at all (the client stalled or went away) is not bad
 * JSON: that failure reaches the error mapper, which answers 408 and logs one line.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /** A JSON object with only {@code allowed} fields; an empty body or {@code null} has none. */
    public static JsonFields of(Context ctx, Set<String> allowed) {
        return JsonFields.of(tree(ctx), allowed);
    }

    /** A JSON object with any fields, for readers that walk it themselves. */
    public static JsonFields anyObject(Context ctx) {
        return JsonFields.of(tree(ctx), null);
    }

    /** The body as JSON (an empty body reads as JSON null). */
    public static JsonNode tree(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        try {
            return raw.length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(raw);
        } catch (java.io.IOException | RuntimeException e) {
            throw Refusal.invalid("body", "is not valid JSON");
        }
    }
}

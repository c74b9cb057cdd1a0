package io.loopboard.web;

import io.javalin.http.Context;
import io.loopboard.core.Refusal;

/** The path and query parameters every controller reads, read one way. */
public final class Params {

    private Params() {
    }

    /** The {@code {id}} of the path: a positive whole number, else a 400 naming {@code id}. */
    public static int id(Context ctx) {
        return positive(ctx, "id");
    }

    /** A positive whole number path parameter, else a 400 naming it. */
    public static int positive(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            int n = Integer.parseInt(raw.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the same answer as a number out of range
        }
        throw Refusal.invalid(name, "must be a positive whole number");
    }
}

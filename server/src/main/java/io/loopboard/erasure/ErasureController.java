package io.loopboard.erasure;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.core.JsonFields;
import io.loopboard.web.JsonBody;
import java.util.Set;

/** A customer's right to be forgotten, over HTTP: body {"email": "..."}. */
public final class ErasureController {

    private final ErasureService erasure;

    public ErasureController(ErasureService erasure) {
        this.erasure = erasure;
    }

    /** Erases everything held about the customer with that e-mail address. */
    public void erase(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("email"));
        ctx.json(erasure.erase(body.textAsSent("email"), AccessControl.principal(ctx).actor()));
    }
}

package io.loopboard.audit;

import io.javalin.http.Context;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Refusal;

/** GET /api/v1/audit: who approved, edited, rejected or unpublished what, when, before and after. */
public final class AuditController {

    private final AuditService audit;

    public AuditController(AuditService audit) {
        this.audit = audit;
    }

    public void list(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100);
        if (limit < 1 || limit > 500) {
            throw Refusal.invalid("limit", "must be 1-500");
        }
        Long before = ctx.queryParam("before") == null ? null : ctx.queryParamAsClass("before", Long.class).get();
        boolean admin = io.loopboard.auth.AccessControl.principal(ctx).role().satisfies(io.loopboard.auth.Role.ADMIN);
        String entityType = blank(ctx.queryParam("entityType"));
        if (!admin && entityType != null && AuditService.ADMIN_ONLY_ENTITIES.contains(entityType)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", "entityType: only administrators read the audit of users and API keys",
                    java.util.List.of(new FieldProblem("entityType", "only administrators read the audit of " + entityType)));
        }
        ctx.json(audit.page(entityType, blank(ctx.queryParam("entityId")),
                blank(ctx.queryParam("action")), blank(ctx.queryParam("actor")), before, limit, admin));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

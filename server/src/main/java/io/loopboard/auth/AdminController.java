package io.loopboard.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Users and API keys, for administrators: /api/v1/users and /api/v1/apikeys. */
public final class AdminController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final AuthService auth;

    public AdminController(AuthService auth) {
        this.auth = auth;
    }

    public void users(Context ctx) {
        ctx.json(Map.of("users", auth.users()));
    }

    public void createUser(Context ctx) throws Exception {
        JsonNode body = JsonBody.of(ctx, Set.of("email", "displayName", "password", "role")).node();
        String email = text(body, "email", true, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw Refusal.invalid("email", "is not an e-mail address");
        }
        String displayName = text(body, "displayName", false, 100);
        String password = password(body);
        String problem = Passwords.policyProblem(password);
        if (problem != null) {
            throw Refusal.invalid("password", problem);
        }
        Role role = role(text(body, "role", true, 20), Set.of(Role.ADMIN, Role.MODERATOR, Role.VIEWER));
        if (auth.users().stream().anyMatch(u -> u.email().equalsIgnoreCase(email.trim()))) {
            throw Refusal.conflict("email", "a user with this e-mail already exists");
        }
        int id = auth.createUser(email, displayName, password, role, AccessControl.principal(ctx).actor());
        ctx.status(201).json(Map.of("id", id));
    }

    public void disableUser(Context ctx) {
        auth.setDisabled(Params.id(ctx), true, AccessControl.principal(ctx).actor());
        ctx.status(204);
    }

    public void enableUser(Context ctx) {
        auth.setDisabled(Params.id(ctx), false, AccessControl.principal(ctx).actor());
        ctx.status(204);
    }

    public void resetPassword(Context ctx) throws Exception {
        JsonNode body = JsonBody.of(ctx, Set.of("password")).node();
        auth.resetPassword(Params.id(ctx), password(body), AccessControl.principal(ctx).actor());
        ctx.status(204);
    }

    public void apiKeys(Context ctx) {
        ctx.json(Map.of("apiKeys", auth.apiKeys()));
    }

    /** The only response that ever contains the key itself. */
    public void createApiKey(Context ctx) throws Exception {
        JsonNode body = JsonBody.of(ctx, Set.of("name", "role")).node();
        String name = text(body, "name", true, 100);
        Role role = role(text(body, "role", true, 20), Set.of(Role.INGEST, Role.MODERATOR, Role.ADMIN));
        var key = auth.createApiKey(name, role, AccessControl.principal(ctx).actor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("name", key.name());
        out.put("role", key.role().id());
        out.put("key", key.key());
        ctx.status(201).json(out);
    }

    public void revokeApiKey(Context ctx) {
        auth.revokeApiKey(Params.id(ctx), AccessControl.principal(ctx).actor());
        ctx.status(204);
    }



    private static String text(JsonNode body, String field, boolean required, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.textValue().isBlank())) {
            if (required) {
                throw Refusal.invalid(field, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw Refusal.invalid(field, "must be a string");
        }
        String problem = io.loopboard.core.TextRules.problem(n.textValue(), max, false);
        if (problem != null) {
            throw Refusal.invalid(field, problem);
        }
        return n.textValue().strip();
    }

    /** Passwords are taken exactly as typed: no trimming. */
    private static String password(JsonNode body) {
        text(body, "password", true, 500);
        return body.get("password").textValue();
    }

    private static Role role(String raw, Set<Role> allowed) {
        try {
            Role r = Role.parse(raw);
            if (allowed.contains(r)) {
                return r;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Refusal.invalid("role", "must be one of " + allowed.stream().map(Role::id).sorted().toList());
    }
}

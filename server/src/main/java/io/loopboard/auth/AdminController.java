package io.loopboard.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.loopboard.web.ApiException;
import io.loopboard.web.Json;
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
        JsonNode body = object(ctx, Set.of("email", "displayName", "password", "role"));
        String email = text(body, "email", true, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("email", "is not an e-mail address");
        }
        String displayName = text(body, "displayName", false, 100);
        String password = password(body);
        String problem = Passwords.policyProblem(password);
        if (problem != null) {
            throw ApiException.badRequest("password", problem);
        }
        Role role = role(text(body, "role", true, 20), Set.of(Role.ADMIN, Role.MODERATOR, Role.VIEWER));
        if (auth.users().stream().anyMatch(u -> u.email().equalsIgnoreCase(email.trim()))) {
            throw ApiException.conflict("email", "a user with this e-mail already exists");
        }
        int id = auth.createUser(email, displayName, password, role, AccessControl.principal(ctx).actor());
        ctx.status(201).json(Map.of("id", id));
    }

    public void disableUser(Context ctx) {
        auth.setDisabled(id(ctx), true, AccessControl.principal(ctx).actor());
        ctx.status(204);
    }

    public void enableUser(Context ctx) {
        auth.setDisabled(id(ctx), false, AccessControl.principal(ctx).actor());
        ctx.status(204);
    }

    public void resetPassword(Context ctx) throws Exception {
        JsonNode body = object(ctx, Set.of("password"));
        auth.resetPassword(id(ctx), password(body), AccessControl.principal(ctx).actor());
        ctx.status(204);
    }

    public void apiKeys(Context ctx) {
        ctx.json(Map.of("apiKeys", auth.apiKeys()));
    }

    /** The only response that ever contains the key itself. */
    public void createApiKey(Context ctx) throws Exception {
        JsonNode body = object(ctx, Set.of("name", "role"));
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
        auth.revokeApiKey(id(ctx), AccessControl.principal(ctx).actor());
        ctx.status(204);
    }

    private static int id(Context ctx) {
        return ctx.pathParamAsClass("id", Integer.class).check(i -> i > 0, "must be a positive number").get();
    }

    private static JsonNode object(Context ctx, Set<String> allowed) throws Exception {
        JsonNode body = Json.MAPPER.readTree(ctx.bodyAsBytes());
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body", "must be a JSON object");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw ApiException.badRequest(f, "unknown field");
            }
        });
        return body;
    }

    private static String text(JsonNode body, String field, boolean required, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.textValue().isBlank())) {
            if (required) {
                throw ApiException.badRequest(field, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field, "must be a string");
        }
        String problem = io.loopboard.feedback.TextRules.problem(n.textValue(), max, false);
        if (problem != null) {
            throw ApiException.badRequest(field, problem);
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
        throw ApiException.badRequest("role", "must be one of " + allowed.stream().map(Role::id).sorted().toList());
    }
}

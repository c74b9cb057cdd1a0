package io.loopboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strictly read JSON object body: unknown fields and wrong types are a 400 naming the field.
 * An empty body reads as an empty object.
 */
public final class RequestJson {

    private final JsonNode node;

    private RequestJson(JsonNode node) {
        this.node = node;
    }

    public static RequestJson read(Context ctx, Set<String> allowed) {
        byte[] raw = ctx.bodyAsBytes();
        JsonNode body;
        try {
            body = raw.length == 0 ? null : Json.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw ApiException.badRequest("body", "is not valid JSON");
        }
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = Json.MAPPER.createObjectNode();
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("body", "must be a JSON object");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(name, "unknown field");
            }
        });
        return new RequestJson(body);
    }

    /** The fields the client sent, including those sent as null. */
    public Set<String> present() {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public String text(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field, "must be a string");
        }
        return n.textValue();
    }

    public Integer integer(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiException.badRequest(field, "must be a whole number");
        }
        return n.intValue();
    }

    /** Epoch milliseconds. */
    public Long millis(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw ApiException.badRequest(field, "must be a time in epoch milliseconds");
        }
        return n.longValue();
    }

    public Boolean bool(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest(field, "must be true or false");
        }
        return n.booleanValue();
    }

    public List<Integer> integers(String field, int max) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray() || n.size() > max) {
            throw ApiException.badRequest(field, "must be a list of at most " + max + " whole numbers");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw ApiException.badRequest(field, "must be a list of whole numbers");
            }
            out.add(e.intValue());
        }
        return out;
    }

    public List<String> texts(String field, int max) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray() || n.size() > max) {
            throw ApiException.badRequest(field, "must be a list of at most " + max + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw ApiException.badRequest(field, "must be a list of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }
}

package io.loopboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON object (a request body, a stored setting) that must have only known fields with known fields, read field by field with
 * precise 400s ("name: must be a string"). Absent fields read as "not given", so the same
 * reader serves create (required fields) and partial update; {@link #present()} tells a
 * field sent as null from one not sent. An empty body, or just {@code null}, has no fields.
 * Texts come two ways: {@link #text} trims and applies the short-text rules, while
 * {@link #textAsSent} keeps a moderator's text exactly as typed (its own rules apply later).
 */
public final class JsonFields {

    private final JsonNode node;

    private JsonFields(JsonNode node) {
        this.node = node;
    }

    /**
     * The fields of a JSON object, refusing any not in {@code allowed} (null: any field). JSON
     * null and an absent body read as an object without fields.
     */
    public static JsonFields of(JsonNode body, Set<String> allowed) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = Json.MAPPER.createObjectNode();
        }
        if (!body.isObject()) {
            throw Refusal.invalid("body", "must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (allowed != null && !allowed.contains(name)) {
                throw Refusal.invalid(name, "unknown field");
            }
        }
        return new JsonFields(body);
    }

    /** The object as read. */
    public JsonNode node() {
        return node;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** A single-line text, trimmed; null when absent or JSON null. Empty after trimming counts as null. */
    public String text(String field, int maxChars) {
        String sent = textAsSent(field);
        if (sent == null) {
            return null;
        }
        String s = sent.strip();
        String problem = TextRules.problem(s, maxChars, false);
        if (problem != null) {
            throw Refusal.invalid(field, problem);
        }
        return s.isEmpty() ? null : s;
    }

    /** A required text that may span lines (announcements); surrounding space trimmed. */
    public String requiredMultiline(String field, int maxChars) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw Refusal.invalid(field, "is required");
        }
        if (!v.isTextual()) {
            throw Refusal.invalid(field, "must be a string");
        }
        String s = v.textValue().strip();
        String problem = TextRules.problem(s, maxChars, true);
        if (problem != null) {
            throw Refusal.invalid(field, problem);
        }
        if (s.isEmpty()) {
            throw Refusal.invalid(field, "is required");
        }
        return s;
    }

    public String requiredText(String field, int maxChars) {
        String s = text(field, maxChars);
        if (s == null) {
            throw Refusal.invalid(field, "is required");
        }
        return s;
    }

    /** One of the given words, or null when absent. */
    public String oneOf(String field, Set<String> values) {
        String s = text(field, 40);
        if (s != null && !values.contains(s)) {
            throw Refusal.invalid(field, "must be one of " + String.join(", ", values.stream().sorted().toList()));
        }
        return s;
    }

    /** A whole number in [min, max], or null when absent or JSON null. */
    public Integer integer(String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw Refusal.invalid(field, "must be a whole number");
        }
        int i = v.asInt();
        if (i < min || i > max) {
            throw Refusal.invalid(field, "must be between " + min + " and " + max);
        }
        return i;
    }

    public long requiredLong(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw Refusal.invalid(field, "is required");
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw Refusal.invalid(field, "must be epoch milliseconds (a whole number)");
        }
        return v.asLong();
    }

    public Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw Refusal.invalid(field, "must be true or false");
        }
        return v.booleanValue();
    }

    /** A list of short texts (null when absent or null; an empty list also means "no filter"). */
    public List<String> texts(String field, int maxItems, int maxChars) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw Refusal.invalid(field, "must be a list of strings");
        }
        if (v.size() > maxItems) {
            throw Refusal.invalid(field, "may hold at most " + maxItems + " values");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw Refusal.invalid(field, "must be a list of strings");
            }
            String s = item.textValue().strip();
            String problem = TextRules.problem(s, maxChars, false);
            if (problem != null) {
                throw Refusal.invalid(field, problem);
            }
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The fields the client sent, including those sent as null. */
    public Set<String> present() {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A string exactly as sent (not trimmed, no length rule); null when absent or JSON null. */
    public String textAsSent(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw Refusal.invalid(field, "must be a string");
        }
        return n.textValue();
    }

    public Integer integer(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw Refusal.invalid(field, "must be a whole number");
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
            throw Refusal.invalid(field, "must be a time in epoch milliseconds");
        }
        return n.longValue();
    }

    public List<Integer> integers(String field, int max) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray() || n.size() > max) {
            throw Refusal.invalid(field, "must be a list of at most " + max + " whole numbers");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw Refusal.invalid(field, "must be a list of whole numbers");
            }
            out.add(e.intValue());
        }
        return out;
    }

    /** A list of strings exactly as sent; null when absent or JSON null. */
    public List<String> textsAsSent(String field, int max) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray() || n.size() > max) {
            throw Refusal.invalid(field, "must be a list of at most " + max + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw Refusal.invalid(field, "must be a list of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }
}

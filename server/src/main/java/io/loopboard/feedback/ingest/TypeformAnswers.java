package io.loopboard.feedback.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.feedback.ScoreType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Takes feedback fields from a Typeform response. A real form's fields have generated refs
 * ("a8d3f3c1-…"), not "score" and "comment", so a field whose ref (or id, or hidden field
 * name) the mapping names is taken first, and a mapped field that no ref matches is taken by
 * the question's <b>type</b>: {@code nps}, {@code opinion_scale}, {@code rating} → the score,
 * on the scale the form's definition gives; {@code long_text}, else {@code short_text} → the
 * comment; {@code email} → the customer's e-mail; hidden fields named like a location,
 * touchpoint or language → those. A field the mapping leaves unmapped is never taken.
 */
final class TypeformAnswers {

    private TypeformAnswers() {
    }

    /** The values taken by feedback field, what was not taken and why, and what the response held (for an error). */
    record Taken(Map<String, JsonNode> values, List<String> notes, String seen) {
    }

    private static final Set<String> SCORE_TYPES = Set.of("nps", "opinion_scale", "rating");
    /** Words that name a hidden field, compared as {@link Mapping#normalise} compares columns. */
    private static final Map<String, List<String>> HIDDEN_WORDS = Map.of(
            "location", List.of("location", "store", "butik", "ort", "stad", "city", "plats", "site", "branch", "filial"),
            "touchpoint", List.of("touchpoint", "kontaktpunkt", "kanal", "channel"),
            "language", List.of("language", "lang", "språk", "sprak", "locale"),
            "customerSegment", List.of("segment", "kundsegment"));

    static Taken take(JsonNode fr, Mapping m) {
        Map<String, JsonNode> definitions = new HashMap<>();
        for (JsonNode f : fr.path("definition").path("fields")) {
            definitions.put(f.path("id").asText(""), f);
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Set<JsonNode> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        JsonNode scoreAnswer = null;
        for (var e : m.columns().entrySet()) {
            String field = e.getKey();
            for (JsonNode a : fr.path("answers")) {
                JsonNode f = a.path("field");
                if (e.getValue().equals(f.path("ref").asText(null)) || e.getValue().equals(f.path("id").asText(null))) {
                    used.add(a);
                    if (field.equals("score")) {
                        scoreAnswer = a;
                    } else {
                        put(values, field, value(a));
                    }
                    break;
                }
            }
            if (!values.containsKey(field) && !field.equals("score") && fr.path("hidden").hasNonNull(e.getValue())) {
                put(values, field, fr.path("hidden").get(e.getValue()));
            }
        }
        // mapped fields that no ref named: by the question's type
        if (scoreAnswer == null && m.column("score") != null) {
            scoreAnswer = firstOfType(fr, SCORE_TYPES, used);
        }
        if (scoreAnswer != null) {
            used.add(scoreAnswer);
            score(scoreAnswer, definitions.get(scoreAnswer.path("field").path("id").asText("")), m, values, notes);
        }
        if (!values.containsKey("comment") && m.column("comment") != null) {
            JsonNode text = firstOfType(fr, Set.of("long_text"), used);
            if (text == null) {
                text = firstOfType(fr, Set.of("short_text"), used);
            }
            if (text != null) {
                used.add(text);
                put(values, "comment", value(text));
            }
        }
        if (!values.containsKey("customerEmail") && m.column("customerEmail") != null) {
            JsonNode email = firstOfType(fr, Set.of("email"), used);
            if (email != null) {
                put(values, "customerEmail", value(email));
            }
        }
        JsonNode hidden = fr.path("hidden");
        for (var e : HIDDEN_WORDS.entrySet()) {
            if (values.containsKey(e.getKey()) || m.column(e.getKey()) == null) {
                continue;
            }
            for (Iterator<String> it = hidden.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                String key = Mapping.normalise(name);
                if (hidden.hasNonNull(name) && e.getValue().stream().anyMatch(key::contains)) {
                    put(values, e.getKey(), hidden.get(name));
                    break;
                }
            }
        }
        Set<String> types = new TreeSet<>();
        fr.path("answers").forEach(a -> types.add(a.path("field").path("type").asText("?")));
        String seen = fr.path("answers").size() + " answers of type " + (types.isEmpty() ? "none" : String.join(", ", types));
        return new Taken(values, notes, seen);
    }

    private static void put(Map<String, JsonNode> values, String field, JsonNode v) {
        if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank())) {
            values.put(field, v);
        }
    }

    private static JsonNode firstOfType(JsonNode fr, Set<String> types, Set<JsonNode> used) {
        for (JsonNode a : fr.path("answers")) {
            if (!used.contains(a) && types.contains(a.path("field").path("type").asText(""))) {
                return a;
            }
        }
        return null;
    }

    /** An answer's value: the number, text, e-mail, a choice's label, the labels of several choices. */
    static JsonNode value(JsonNode a) {
        String type = a.path("type").asText("");
        JsonNode v = a.get(type);
        if (v != null && v.isObject() && v.has("label")) {
            return v.get("label");
        }
        if (v != null && v.isObject() && v.has("labels")) {
            List<String> labels = new ArrayList<>();
            v.get("labels").forEach(l -> labels.add(l.asText()));
            return Json.MAPPER.getNodeFactory().textNode(String.join(", ", labels));
        }
        return v;
    }

    /**
     * The score with its type: the scale of the question (its definition's {@code steps} and
     * {@code start_at_one}; Typeform's defaults 0-10 for an opinion scale, 1-5 for a rating).
     * The mapping's score type is used when the scale is its scale; otherwise 0-10 is NPS, 1-5
     * CSAT and 1-7 CES, and a score on any other scale is not stored (it stays in the payload).
     */
    private static void score(JsonNode answer, JsonNode definition, Mapping m, Map<String, JsonNode> values, List<String> notes) {
        JsonNode v = value(answer);
        String type = answer.path("field").path("type").asText("");
        JsonNode props = definition == null ? Json.MAPPER.createObjectNode() : definition.path("properties");
        int min;
        int max;
        switch (type) {
            case "nps" -> {
                min = 0;
                max = 10;
            }
            case "rating" -> {
                min = 1;
                max = props.path("steps").asInt(5);
            }
            case "opinion_scale" -> {
                min = props.path("start_at_one").asBoolean(false) ? 1 : 0;
                max = min + props.path("steps").asInt(11) - 1;
            }
            default -> {
                // a question mapped by ref that is not a scale (a choice, a number): the mapping's type
                put(values, "score", v);
                if (m.scoreType() != null) {
                    values.put("scoreType", Json.MAPPER.getNodeFactory().textNode(m.scoreType()));
                }
                return;
            }
        }
        ScoreType chosen = null;
        ScoreType mapped = m.scoreType() == null ? null : ScoreType.parse(m.scoreType());
        if (mapped != null && mapped.min == min && mapped.max == max) {
            chosen = mapped;
        } else {
            for (ScoreType t : ScoreType.values()) {
                if (t.min == min && t.max == max) {
                    chosen = t;
                    break;
                }
            }
        }
        String title = definition == null ? "" : " '" + definition.path("title").asText("") + "'";
        if (chosen == null) {
            notes.add("Typeform " + type + title + " scores " + min + "-" + max + ": Loopboard stores NPS 0-10, CSAT 1-5 "
                    + "and CES 1-7, so the score " + (v == null ? "" : v.asText()) + " is kept in the payload only");
            return;
        }
        put(values, "score", v);
        values.put("scoreType", Json.MAPPER.getNodeFactory().textNode(chosen.name()));
    }
}

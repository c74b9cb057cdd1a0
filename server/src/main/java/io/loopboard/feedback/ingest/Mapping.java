package io.loopboard.feedback.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.feedback.ScoreType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the columns of a CSV file (or the fields of a webhook payload) become feedback: which
 * column holds which feedback field, how many header rows the file has, the score type when
 * the file does not say, and how to read its dates. Saved per source as JSON.
 *
 * <p>Column names are matched ignoring case, spaces, underscores and hyphens, so "Response ID",
 * "response_id" and "responseId" are the same column.
 */
public record Mapping(String preset, int headerRows, String scoreType, String timeZone, String dateFormat,
                      Map<String, String> columns, String language) {

    /** The feedback fields a column can fill, in the order they are shown. */
    public static final List<String> FIELDS = List.of("externalId", "comment", "score", "scoreType", "respondedAt",
            "touchpoint", "location", "language", "customerName", "customerEmail", "customerSegment",
            "consentToPublish", "consentToContact", "customerPhone");
    public static final List<String> PRESETS = List.of("generic", "qualtrics", "delighted", "medallia", "typeform");

    public Mapping {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Mapping(String preset, int headerRows, String scoreType, String timeZone, String dateFormat,
                   Map<String, String> columns) {
        this(preset, headerRows, scoreType, timeZone, dateFormat, columns, null);
    }

    /** The built-in mappings of the survey tools' usual exports (see docs/ingest.md). */
    public static Mapping preset(String name) {
        Map<String, String> c = new LinkedHashMap<>();
        switch (name) {
            case "generic" -> {
                for (String f : FIELDS) {
                    c.put(f, f);
                }
                return new Mapping("generic", 1, null, null, null, c);
            }
            case "qualtrics" -> {
                // Qualtrics: row 1 the export tags, row 2 the question texts, row 3 the ImportId JSON
                c.put("externalId", "ResponseId");
                c.put("respondedAt", "RecordedDate");
                c.put("score", "Q1");
                c.put("comment", "Q2");
                c.put("language", "UserLanguage");
                c.put("customerEmail", "RecipientEmail");
                return new Mapping("qualtrics", 3, "NPS", null, null, c);
            }
            case "delighted" -> {
                c.put("externalId", "Response ID");
                c.put("score", "Score");
                c.put("comment", "Comment");
                c.put("respondedAt", "Response timestamp");
                c.put("customerName", "Name");
                c.put("customerEmail", "Email");
                c.put("location", "Location");
                c.put("touchpoint", "Touchpoint");
                return new Mapping("delighted", 1, "NPS", null, null, c);
            }
            case "medallia" -> {
                c.put("externalId", "Survey ID");
                c.put("respondedAt", "Response Date");
                c.put("score", "Likelihood to Recommend");
                c.put("comment", "Comments");
                c.put("location", "Site");
                c.put("touchpoint", "Touchpoint");
                c.put("language", "Language");
                c.put("customerName", "Customer Name");
                c.put("customerEmail", "Customer Email");
                c.put("customerSegment", "Segment");
                return new Mapping("medallia", 1, "NPS", null, "MM/dd/yyyy HH:mm", c);
            }
            case "typeform" -> {
                // webhook only: the values are the `ref`s of the form's fields (or hidden field names);
                // a mapped field that no ref matches is taken by its question's type (TypeformAnswers)
                c.put("score", "score");
                c.put("comment", "comment");
                c.put("customerEmail", "email");
                c.put("language", "language");
                c.put("location", "location");
                c.put("touchpoint", "touchpoint");
                return new Mapping("typeform", 1, "NPS", null, null, c);
            }
            default -> throw Refusal.invalid("mapping.preset", "must be one of " + String.join(", ", PRESETS));
        }
    }

    /** The default mapping of a kind of source. */
    public static Mapping forKind(String kind) {
        return switch (kind) {
            case "delighted" -> preset("delighted");
            case "typeform" -> preset("typeform");
            default -> preset("generic");
        };
    }

    /**
     * Reads a mapping: a preset name, or a JSON object {@code {"preset": ..., "headerRows": ...,
     * "scoreType": ..., "timeZone": ..., "dateFormat": ..., "columns": {field: column}}} whose
     * values override those of its preset (generic when none is named). A column set to null
     * or "" is unmapped.
     */
    public static Mapping parse(JsonNode node, String defaultPreset) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return preset(defaultPreset);
        }
        return parse(node, node.isObject() && !node.hasNonNull("preset") ? preset(defaultPreset) : null);
    }

    /**
     * Reads a mapping whose settings override {@code base} (a saved mapping being changed)
     * unless it names a preset of its own; null base: the named preset.
     */
    public static Mapping parse(JsonNode node, Mapping base) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return base;
        }
        if (node.isTextual()) {
            return preset(node.textValue().trim().toLowerCase(Locale.ROOT));
        }
        if (!node.isObject()) {
            throw Refusal.invalid("mapping", "must be a preset name or a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("preset", "headerRows", "scoreType", "timeZone", "dateFormat", "columns", "language").contains(k)) {
                throw Refusal.invalid("mapping." + k, "unknown setting");
            }
        }
        String presetName = node.hasNonNull("preset") ? node.get("preset").asText().trim().toLowerCase(Locale.ROOT) : base.preset;
        if (base == null || node.hasNonNull("preset")) {
            base = preset(presetName);
        }
        int headerRows = base.headerRows;
        if (node.has("headerRows")) {
            JsonNode h = node.get("headerRows");
            if (!h.isIntegralNumber() || h.intValue() < 1 || h.intValue() > 10) {
                throw Refusal.invalid("mapping.headerRows", "must be a whole number 1-10");
            }
            headerRows = h.intValue();
        }
        String scoreType = base.scoreType;
        if (node.has("scoreType")) {
            scoreType = node.get("scoreType").isNull() ? null : node.get("scoreType").asText();
            if (scoreType != null && !scoreType.isBlank() && ScoreType.parse(scoreType) == null) {
                throw Refusal.invalid("mapping.scoreType", "must be NPS, CSAT or CES");
            }
            scoreType = scoreType == null || scoreType.isBlank() ? null : ScoreType.parse(scoreType).name();
        }
        // null: the server's zone (LOOPBOARD_TIME_ZONE)
        String timeZone = node.has("timeZone") && (node.get("timeZone").isNull() || node.get("timeZone").asText().isBlank())
                ? null : text(node, "timeZone", base.timeZone);
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw Refusal.invalid("mapping.timeZone", "must be a time zone such as Europe/Stockholm or UTC");
            }
        }
        String dateFormat = node.has("dateFormat") ? (node.get("dateFormat").isNull() ? null : node.get("dateFormat").asText()) : base.dateFormat;
        if (dateFormat != null && !dateFormat.isBlank()) {
            try {
                DateTimeFormatter.ofPattern(dateFormat);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("mapping.dateFormat", "is not a date pattern such as dd.MM.yyyy HH:mm");
            }
        } else {
            dateFormat = null;
        }
        Map<String, String> columns = new LinkedHashMap<>(base.columns);
        JsonNode cols = node.get("columns");
        if (cols != null && !cols.isNull()) {
            if (!cols.isObject()) {
                throw Refusal.invalid("mapping.columns", "must be an object of field: column");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = cols.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!FIELDS.contains(e.getKey())) {
                    throw Refusal.invalid("mapping.columns." + e.getKey(), "unknown field; fields are " + String.join(", ", FIELDS));
                }
                JsonNode v = e.getValue();
                if (v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
                    columns.remove(e.getKey());
                } else if (!v.isTextual() || v.textValue().length() > 200) {
                    throw Refusal.invalid("mapping.columns." + e.getKey(), "must be a column name of at most 200 characters");
                } else {
                    columns.put(e.getKey(), v.textValue());
                }
            }
        }
        if (!presetName.equals("typeform") && !columns.containsKey("externalId")) {
            throw Refusal.invalid("mapping.columns.externalId", "is required: the column that identifies each answer");
        }
        // the language of answers whose row or payload names none
        String language = node.has("language") ? (node.get("language").isNull() ? null : node.get("language").asText().strip())
                : base.language;
        if (language != null && language.isEmpty()) {
            language = null;
        }
        if (language != null && !language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")) {
            throw Refusal.invalid("mapping.language", "must be a language tag such as sv or en");
        }
        return new Mapping(presetName, headerRows, scoreType, timeZone, dateFormat, columns, language);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? fallback : v.asText().trim();
    }

    /** Reads a mapping given as text: a preset name or JSON. */
    public static Mapping parse(String text, String defaultPreset) {
        if (text == null || text.isBlank()) {
            return preset(defaultPreset);
        }
        String t = text.strip();
        if (!t.startsWith("{")) {
            return preset(t.toLowerCase(Locale.ROOT));
        }
        try {
            return parse(Json.MAPPER.readTree(t), defaultPreset);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Refusal.invalid("mapping", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The mapping as saved and shown. Every field is written, an unmapped one as null: read
     * back, a null unmaps the field again, so a column the admin left out (a customer's name
     * or e-mail) never returns from the preset.
     */
    public ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("preset", preset);
        n.put("headerRows", headerRows);
        n.put("scoreType", scoreType);
        n.put("timeZone", timeZone);
        n.put("dateFormat", dateFormat);
        n.put("language", language);
        ObjectNode c = n.putObject("columns");
        for (String field : FIELDS) {
            c.put(field, columns.get(field));
        }
        columns.forEach((field, column) -> {
            if (!FIELDS.contains(field)) {
                c.put(field, column);
            }
        });
        return n;
    }

    /** The zone of the times in a file or payload that carry no offset: the mapping's, else the server's. */
    public ZoneId zone(ZoneId serverZone) {
        return timeZone == null ? serverZone : ZoneId.of(timeZone);
    }

    public String column(String field) {
        return columns.get(field);
    }

    /** How column names are compared: case, spaces, underscores and hyphens do not matter. */
    public static String normalise(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        header.codePoints()
                .filter(cp -> cp != 0xFEFF && !Character.isWhitespace(cp) && cp != '_' && cp != '-' && cp != '.')
                .map(Character::toLowerCase)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }
}

package io.loopboard.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Json;
import io.loopboard.core.TextRules;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one JSON item of the ingest API into a {@link FeedbackInput} or a list of precise
 * problems. Parsing by hand (not data binding) is deliberate: every wrong type, unknown field
 * and out-of-range value gets its own field name and explanation.
 */
public final class FeedbackValidator {

    /**
     * The longest comment stored, in characters: what a customer wrote is kept whole (a long
     * complaint is still feedback; the text on a screen is what moderation shortens). A JSON
     * body holds strings of at most {@link #MAX_JSON_STRING} characters.
     */
    public static final int MAX_COMMENT = 1_000_000;
    /** The longest string the JSON parser reads ({@code web/Json}). */
    public static final int MAX_JSON_STRING = 2_000_000;
    private static final int MAX_SHORT = 200;
    private static final Set<String> FIELDS = Set.of("source", "externalId", "comment", "score", "scoreType",
            "respondedAt", "touchpoint", "location", "language", "customer", "consentToPublish", "consentToContact");
    private static final Set<String> CUSTOMER_FIELDS = Set.of("name", "email", "segment", "phone");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /**
     * Reads a JSON body; a string longer than the parser reads is a 413 that says so (not "not
     * valid JSON": the body may be perfectly good JSON with a text too long to store).
     */
    public static JsonNode readBody(byte[] body) throws java.io.IOException {
        try {
            return Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("String value length")) {
                throw e; // nesting too deep: a 400 like any malformed body
            }
            String problem = "holds a text longer than " + String.format(Locale.ROOT, "%,d", MAX_JSON_STRING)
                    + " characters; comments of up to " + String.format(Locale.ROOT, "%,d", MAX_COMMENT) + " characters are stored";
            throw new io.loopboard.core.Refusal(io.loopboard.core.Refusal.Kind.TOO_LARGE, "payload_too_large", "body " + problem,
                    List.of(new FieldProblem("body", problem)));
        }
    }

    /** Where a respondedAt without an offset is read; null: such a time is refused. */
    private final ZoneId zone;

    /** A validator that refuses times without an offset. */
    public FeedbackValidator() {
        this(null);
    }

    /** A validator that reads times without an offset in {@code zone} (LOOPBOARD_TIME_ZONE). */
    public FeedbackValidator(ZoneId zone) {
        this.zone = zone;
    }

    /** The outcome for one item: exactly one of input and problems is meaningful. */
    public record Result(FeedbackInput input, List<FieldProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result validate(JsonNode item) {
        return validate(item, true);
    }

    /**
     * As {@link #validate(JsonNode)}; {@code keepPayload} false leaves out the item's JSON, for
     * callers whose original is not JSON (a CSV row is fully held by the columns it maps to).
     */
    public Result validate(JsonNode item, boolean keepPayload) {
        List<FieldProblem> problems = new ArrayList<>();
        if (item == null || !item.isObject()) {
            problems.add(new FieldProblem("item", "must be a JSON object"));
            return new Result(null, problems);
        }
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "unknown field"));
            }
        }
        String source = requiredText(item, "source", 100, problems);
        String externalId = externalId(item, problems);
        String comment = optionalText(item, "comment", MAX_COMMENT, true, problems);
        ScoreType scoreType = null;
        String rawType = optionalText(item, "scoreType", 10, false, problems);
        if (rawType != null) {
            scoreType = ScoreType.parse(rawType);
            if (scoreType == null) {
                problems.add(new FieldProblem("scoreType", "must be NPS, CSAT or CES"));
            }
        }
        Integer score = null;
        JsonNode scoreNode = item.get("score");
        if (scoreNode != null && !scoreNode.isNull()) {
            if (!scoreNode.isIntegralNumber() || !scoreNode.canConvertToInt()) {
                problems.add(new FieldProblem("score", "must be a whole number"));
            } else {
                score = scoreNode.intValue();
                if (rawType == null) {
                    problems.add(new FieldProblem("scoreType", "is required when a score is given (NPS, CSAT or CES)"));
                } else if (scoreType != null && (score < scoreType.min || score > scoreType.max)) {
                    problems.add(new FieldProblem("score", "must be " + scoreType.min + "-" + scoreType.max + " for " + scoreType));
                }
            }
        }
        Long respondedAt = null;
        String rawTime = optionalText(item, "respondedAt", 64, false, problems);
        if (rawTime != null) {
            try {
                respondedAt = OffsetDateTime.parse(rawTime).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    if (zone == null) {
                        throw e;
                    }
                    respondedAt = LocalDateTime.parse(rawTime).atZone(zone).toInstant().toEpochMilli();
                } catch (DateTimeParseException notLocal) {
                    problems.add(new FieldProblem("respondedAt", zone == null
                            ? "must be an ISO-8601 date-time with offset, e.g. 2026-11-02T09:14:00Z"
                            : "must be an ISO-8601 date-time, e.g. 2026-11-02T09:14:00+01:00 (without an offset it is read in " + zone + ")"));
                }
            }
        }
        String touchpoint = optionalText(item, "touchpoint", 100, false, problems);
        String location = optionalText(item, "location", 100, false, problems);
        String language = optionalText(item, "language", 35, false, problems);
        if (language != null) {
            if (!LANGUAGE.matcher(language).matches()) {
                problems.add(new FieldProblem("language", "must be a language tag such as en, sv or pt-BR"));
            } else {
                language = normaliseLanguage(language);
            }
        }
        String customerName = null;
        String customerEmail = null;
        String customerSegment = null;
        JsonNode customer = item.get("customer");
        if (customer != null && !customer.isNull()) {
            if (!customer.isObject()) {
                problems.add(new FieldProblem("customer", "must be an object with name, email and segment"));
            } else {
                for (Iterator<String> it = customer.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!CUSTOMER_FIELDS.contains(name)) {
                        problems.add(new FieldProblem("customer." + name, "unknown field"));
                    }
                }
                customerName = optionalText(customer, "name", MAX_SHORT, false, problems, "customer.name");
                customerEmail = optionalText(customer, "email", 254, false, problems, "customer.email");
                if (customerEmail != null && !EMAIL.matcher(customerEmail).matches()) {
                    problems.add(new FieldProblem("customer.email", "is not an e-mail address"));
                }
                customerSegment = optionalText(customer, "segment", 100, false, problems, "customer.segment");
                // kept in the payload only, for the follow-up of this answer (followup/CaseOpener)
                optionalText(customer, "phone", 40, false, problems, "customer.phone");
            }
        }
        boolean consent = false;
        JsonNode consentNode = item.get("consentToPublish");
        if (consentNode != null && !consentNode.isNull()) {
            if (!consentNode.isBoolean()) {
                problems.add(new FieldProblem("consentToPublish", "must be true or false"));
            } else {
                consent = consentNode.booleanValue();
            }
        }
        JsonNode contactNode = item.get("consentToContact");
        if (contactNode != null && !contactNode.isNull() && !contactNode.isBoolean()) {
            problems.add(new FieldProblem("consentToContact", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new FeedbackInput(source, externalId, comment, score, scoreType, respondedAt, touchpoint,
                location, language, customerName,
                customerEmail == null ? null : customerEmail.toLowerCase(Locale.ROOT),
                customerSegment, consent, keepPayload ? Json.write(item) : null), List.of());
    }

    private static String externalId(JsonNode item, List<FieldProblem> problems) {
        JsonNode node = item.get("externalId");
        if (node != null && node.isIntegralNumber()) {
            // Survey tools often use numeric response ids; they are identifiers, not numbers.
            return node.asText();
        }
        return requiredText(item, "externalId", MAX_SHORT, problems);
    }

    private static String requiredText(JsonNode item, String field, int max, List<FieldProblem> problems) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        if (node.isTextual() && node.textValue().isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank"));
            return null;
        }
        return optionalText(item, field, max, false, problems);
    }

    private static String optionalText(JsonNode item, String field, int max, boolean multiline, List<FieldProblem> problems) {
        return optionalText(item, field, max, multiline, problems, field);
    }

    private static String optionalText(JsonNode item, String field, int max, boolean multiline,
                                       List<FieldProblem> problems, String reportedName) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(reportedName, "must be a string"));
            return null;
        }
        String value = TextRules.normalise(node.textValue());
        String problem = TextRules.problem(value, max, multiline);
        if (problem != null) {
            problems.add(new FieldProblem(reportedName, problem));
            return null;
        }
        if (!multiline) {
            value = value.strip();
        }
        return value.isEmpty() ? null : value;
    }

    private static String normaliseLanguage(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag.toLowerCase(Locale.ROOT) : tag.substring(0, dash).toLowerCase(Locale.ROOT) + tag.substring(dash);
    }
}

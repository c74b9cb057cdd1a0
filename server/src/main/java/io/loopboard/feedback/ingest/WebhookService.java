package io.loopboard.feedback.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.feedback.FeedbackService;
import io.loopboard.feedback.FeedbackValidator;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.web.ApiException;
import io.loopboard.web.ApiException.FieldProblem;
import io.loopboard.web.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Survey webhooks: verifies the HMAC signature of the raw body with the source's secret,
 * turns the tool's payload into feedback items and stores them idempotently, so a replayed
 * or re-sent event changes nothing and Delighted's later {@code survey_response.updated}
 * (which usually brings the comment) updates the answer its {@code .created} stored.
 */
public final class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

    public static final String TYPEFORM_HEADER = "Typeform-Signature";
    public static final String DELIGHTED_HEADER = "X-Delighted-Webhook-Signature";
    public static final String GENERIC_HEADER = "X-Loopboard-Signature";

    private final Database db;
    private final Clock clock;
    private final SourceService sources;
    private final FeedbackService feedback;
    private final FeedbackValidator validator;

    public WebhookService(Database db, Clock clock, SourceService sources, FeedbackService feedback) {
        this.db = db;
        this.clock = clock;
        this.sources = sources;
        this.feedback = feedback;
        this.validator = new FeedbackValidator(feedback.zone());
    }

    /** What a delivery did; {@code ignored} says why an event was acknowledged without storing anything. */
    public record Outcome(int created, int updated, String ignored) {
    }

    public Outcome receive(String sourceName, byte[] body, Function<String, String> header) {
        SourceService.Source source = sources.byName(sourceName)
                .filter(s -> !s.kind().equals("csv"))
                .orElseThrow(() -> ApiException.notFound("webhook source '" + sourceName + "'"));
        String secret = sources.secret(source.id());
        String headerName = switch (source.kind()) {
            case "typeform" -> TYPEFORM_HEADER;
            case "delighted" -> DELIGHTED_HEADER;
            default -> GENERIC_HEADER;
        };
        String sent = header.apply(headerName);
        if (secret == null || sent == null || !signatureMatches(source.kind(), secret, body, sent.strip())) {
            String why = sent == null ? "no " + headerName + " header" : "a wrong " + headerName;
            log.warn("webhook source '{}': refused a request with {}", sourceName, why);
            sources.problem(source.id(), "refused a request with " + why + " (401)");
            throw ApiException.unauthorized("missing or wrong " + headerName + " signature");
        }
        JsonNode json;
        try {
            json = FeedbackValidator.readBody(body);
        } catch (ApiException e) {
            sources.problem(source.id(), "a signed request " + e.getMessage() + " (" + e.status() + ")");
            throw e;
        } catch (IOException e) {
            sources.problem(source.id(), "a signed request whose body is not JSON (400)");
            throw ApiException.badRequest("body", "is not valid JSON");
        }
        if (json == null || json.isMissingNode()) {
            sources.problem(source.id(), "a signed request with an empty body (400)");
            throw ApiException.badRequest("body", "is empty");
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        List<ObjectNode> items = new ArrayList<>();
        String ignored = switch (source.kind()) {
            case "typeform" -> typeform(json, source, items);
            case "delighted" -> delighted(json, source, items);
            default -> generic(json, source, items);
        };
        if (ignored != null) {
            return new Outcome(0, 0, ignored);
        }
        List<FeedbackInput> valid = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            FeedbackValidator.Result r = validator.validate(items.get(i));
            if (r.ok()) {
                FeedbackInput in = r.input();
                // one event, one answer: keep the tool's own payload as the original
                valid.add(items.size() == 1 && !source.kind().equals("webhook") ? withPayload(in, raw) : in);
            } else {
                String prefix = items.size() > 1 ? "[" + i + "]." : "";
                r.problems().forEach(p -> problems.add(new FieldProblem(prefix + p.field(), p.problem())));
            }
        }
        int[] counts = feedback.store(valid);
        long now = clock.now();
        int rejected = items.size() - valid.size();
        db.write(cfg -> {
            SourceService.received(DSL.using(cfg), source.id(), now, valid.size(), rejected);
            return null;
        });
        if (!problems.isEmpty()) {
            FieldProblem first = problems.get(0);
            sources.problem(source.id(), rejected + " of " + items.size() + " answers rejected: " + first.field() + " " + first.problem());
            if (valid.isEmpty()) {
                throw new ApiException(400, "bad_request", first.field() + ": " + first.problem(), problems);
            }
        }
        return new Outcome(counts[0], counts[1], null);
    }

    static boolean signatureMatches(String kind, String secret, byte[] body, String sent) {
        byte[] mac = hmac(secret, body);
        String expected = kind.equals("typeform")
                ? "sha256=" + Base64.getEncoder().encodeToString(mac)
                : "sha256=" + HexFormat.of().formatHex(mac);
        String given = kind.equals("typeform") ? sent : sent.toLowerCase(Locale.ROOT);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of the raw body with the secret. */
    public static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FeedbackInput withPayload(FeedbackInput in, String payload) {
        return new FeedbackInput(in.source(), in.externalId(), in.comment(), in.score(), in.scoreType(), in.respondedAt(),
                in.touchpoint(), in.location(), in.language(), in.customerName(), in.customerEmail(),
                in.customerSegment(), in.consentToPublish(), payload);
    }

    // ---- the tools' payloads

    /** Typeform: {"event_type":"form_response","form_response":{"token", "submitted_at", "answers":[...], "hidden":{...}}}. */
    private static String typeform(JsonNode json, SourceService.Source source, List<ObjectNode> items) {
        String type = json.path("event_type").asText("");
        if (!type.equals("form_response")) {
            throw ApiException.badRequest("event_type", "must be form_response");
        }
        JsonNode fr = json.path("form_response");
        if (!fr.isObject()) {
            throw ApiException.badRequest("form_response", "is required");
        }
        Mapping m = source.mapping();
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("source", source.name());
        item.set("externalId", fr.has("token") ? fr.get("token") : fr.get("response_id"));
        if (fr.hasNonNull("submitted_at")) {
            item.set("respondedAt", fr.get("submitted_at"));
        }
        ObjectNode customer = Json.MAPPER.createObjectNode();
        for (var e : m.columns().entrySet()) {
            JsonNode v = typeformValue(fr, e.getValue());
            if (v == null || v.isNull()) {
                continue;
            }
            put(item, customer, e.getKey(), v);
        }
        if (!customer.isEmpty()) {
            item.set("customer", customer);
        }
        if (item.has("score") && !item.has("scoreType") && m.scoreType() != null) {
            item.put("scoreType", m.scoreType());
        }
        items.add(item);
        return null;
    }

    /** The answer to the field with this ref, or the hidden field of this name. */
    private static JsonNode typeformValue(JsonNode fr, String ref) {
        for (JsonNode a : fr.path("answers")) {
            if (ref.equals(a.path("field").path("ref").asText(null)) || ref.equals(a.path("field").path("id").asText(null))) {
                String type = a.path("type").asText("");
                JsonNode v = a.get(type);
                if (v != null && v.isObject() && v.has("label")) {
                    return v.get("label");
                }
                return v;
            }
        }
        JsonNode hidden = fr.path("hidden").get(ref);
        return hidden;
    }

    /** Delighted: {"event_type":"survey_response.created|updated","event_data":{"id","score","comment","survey_type","person",...}}. */
    private static String delighted(JsonNode json, SourceService.Source source, List<ObjectNode> items) {
        String type = json.path("event_type").asText("");
        if (type.startsWith("unsubscribe.")) {
            return "unsubscribe events carry no feedback";
        }
        if (!type.equals("survey_response.created") && !type.equals("survey_response.updated")) {
            throw ApiException.badRequest("event_type", "must be survey_response.created or survey_response.updated");
        }
        JsonNode d = json.path("event_data");
        if (!d.isObject()) {
            throw ApiException.badRequest("event_data", "is required");
        }
        Mapping m = source.mapping();
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("source", source.name());
        item.set("externalId", d.get("id"));
        if (d.hasNonNull("comment")) {
            item.set("comment", d.get("comment"));
        }
        String scoreType = switch (d.path("survey_type").asText("").toLowerCase(Locale.ROOT)) {
            case "nps" -> "NPS";
            case "csat" -> "CSAT";
            case "ces" -> "CES";
            default -> null;
        };
        if (d.hasNonNull("score") && scoreType != null) {
            item.set("score", d.get("score"));
            item.put("scoreType", scoreType);
        }
        if (d.path("created_at").canConvertToLong()) {
            item.put("respondedAt", Instant.ofEpochSecond(d.get("created_at").asLong()).toString());
        }
        ObjectNode customer = Json.MAPPER.createObjectNode();
        JsonNode person = d.path("person");
        if (person.hasNonNull("name")) {
            customer.set("name", person.get("name"));
        }
        if (person.hasNonNull("email")) {
            customer.set("email", person.get("email"));
        }
        if (!customer.isEmpty()) {
            item.set("customer", customer);
        }
        // location, touchpoint and language come from the person's properties, named by the mapping
        JsonNode props = d.path("person_properties");
        for (String field : List.of("location", "touchpoint", "language", "customerSegment")) {
            String key = m.column(field);
            if (key != null && props.hasNonNull(key)) {
                put(item, customer, field, props.get(key));
            }
        }
        if (!customer.isEmpty() && !item.has("customer")) {
            item.set("customer", customer);
        }
        items.add(item);
        return null;
    }

    /** Our own: one item or an array of up to 1,000, as POST /api/v1/feedback takes them, without "source". */
    private static String generic(JsonNode json, SourceService.Source source, List<ObjectNode> items) {
        List<JsonNode> nodes = new ArrayList<>();
        if (json.isArray()) {
            if (json.size() > FeedbackService.MAX_ITEMS_PER_REQUEST) {
                throw ApiException.badRequest("body", "has " + json.size() + " items; send at most " + FeedbackService.MAX_ITEMS_PER_REQUEST);
            }
            json.forEach(nodes::add);
        } else {
            nodes.add(json);
        }
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            if (!n.isObject()) {
                throw ApiException.badRequest(nodes.size() > 1 ? "[" + i + "]" : "body", "must be a JSON object");
            }
            ObjectNode item = ((ObjectNode) n).deepCopy();
            JsonNode given = item.get("source");
            if (given != null && !given.isNull() && !given.asText().equals(source.name())) {
                throw ApiException.badRequest("source", "is set by the webhook URL; leave it out");
            }
            item.put("source", source.name());
            items.add(item);
        }
        return null;
    }

    private static void put(ObjectNode item, ObjectNode customer, String field, JsonNode v) {
        switch (field) {
            case "customerName" -> customer.set("name", v);
            case "customerEmail" -> customer.set("email", v);
            case "customerSegment" -> customer.set("segment", v);
            case "score" -> {
                if (v.isNumber()) {
                    item.set("score", v);
                } else {
                    Integer s = Values.score(v.asText());
                    item.set("score", s == null ? v : Json.MAPPER.getNodeFactory().numberNode(s));
                }
            }
            default -> item.set(field, v.isTextual() || v.isNumber() || v.isBoolean() ? v : Json.MAPPER.getNodeFactory().textNode(v.toString()));
        }
    }
}

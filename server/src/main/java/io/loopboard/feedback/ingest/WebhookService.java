package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.WEBHOOK_EVENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.feedback.FeedbackService;
import io.loopboard.feedback.FeedbackValidator;
import io.loopboard.feedback.ScoreType;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
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
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Survey webhooks: verifies the HMAC signature of the raw body with the source's secret,
 * turns the tool's payload into feedback items and stores them idempotently.
 *
 * <p>Deliveries are not trusted to arrive once or in order: a Typeform or Delighted event
 * whose id was seen before is acknowledged and dropped; a Delighted answer older than the one
 * stored (its {@code updated_at}) changes nothing; the generic webhook signs a timestamp with
 * the body and a delivery older than {@value #MAX_AGE_SECONDS} seconds is refused. An unknown
 * source is answered exactly like a wrong signature, so source names cannot be guessed.
 */
public final class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

    public static final String TYPEFORM_HEADER = "Typeform-Signature";
    public static final String DELIGHTED_HEADER = "X-Delighted-Webhook-Signature";
    public static final String GENERIC_HEADER = "X-Loopboard-Signature";
    public static final String TIMESTAMP_HEADER = "X-Loopboard-Timestamp";
    /** How old (or how far ahead of the server's clock) a generic delivery's signed timestamp may be. */
    public static final long MAX_AGE_SECONDS = 300;
    /** How long the ids of the events taken are remembered. */
    static final long EVENT_MEMORY_MILLIS = 7L * 24 * 3600 * 1000;
    /** The one answer to an unknown source and to a missing or wrong signature. */
    static final String REFUSED = "missing or wrong signature";

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

    /**
     * What a delivery did. {@code ignored} says why an event was acknowledged without storing
     * anything; {@code errors} are the rejected items (index, field, problem) as the JSON API
     * reports them; {@code notes} say what was kept but not stored as sent (a score on a scale
     * Loopboard does not store).
     */
    public record Outcome(int created, int updated, int rejected, List<FeedbackService.Rejection> errors,
                          String ignored, List<String> notes) {
        static Outcome ignored(String why) {
            return new Outcome(0, 0, 0, List.of(), why, List.of());
        }
    }

    /** One item made from a payload, and what could not be taken from it. */
    private record Item(ObjectNode json, List<String> notes, long version) {
    }

    public Outcome receive(String sourceName, byte[] body, Function<String, String> header) {
        SourceService.Source source = sources.byName(sourceName).filter(s -> !s.kind().equals("csv")).orElse(null);
        if (source == null) {
            // the same answer, and about the same work, as a wrong signature: no way to list source names
            signatureMatches("webhook", "no source has this secret 0000", body, "sha256=00");
            log.warn("webhook: refused a request for '{}', which is no webhook source", clip(sourceName));
            throw Refusal.unauthenticated(REFUSED);
        }
        String secret = sources.secret(source.id());
        String headerName = switch (source.kind()) {
            case "typeform" -> TYPEFORM_HEADER;
            case "delighted" -> DELIGHTED_HEADER;
            default -> GENERIC_HEADER;
        };
        String sent = header.apply(headerName);
        String why = null;
        if (sent == null) {
            why = "no " + headerName + " header";
        } else if (source.kind().equals("webhook")) {
            why = genericProblem(secret, body, sent.strip(), header.apply(TIMESTAMP_HEADER));
        } else if (secret == null || !signatureMatches(source.kind(), secret, body, sent.strip())) {
            why = "a wrong " + headerName;
        }
        if (why != null) {
            log.warn("webhook source '{}': refused a request with {}", sourceName, why);
            sources.problem(source.id(), "refused a request with " + why + " (401)");
            throw Refusal.unauthenticated(REFUSED);
        }
        JsonNode json;
        try {
            json = FeedbackValidator.readBody(body);
        } catch (Refusal e) {
            sources.problem(source.id(), "a signed request whose body " + e.problems().get(0).problem() + " (" + refused(e) + ")");
            throw e;
        } catch (IOException e) {
            sources.problem(source.id(), "a signed request whose body is not JSON (400)");
            throw Refusal.invalid("body", "is not valid JSON");
        }
        if (json == null || json.isMissingNode()) {
            sources.problem(source.id(), "a signed request with an empty body (400)");
            throw Refusal.invalid("body", "is empty");
        }
        String eventId = source.kind().equals("webhook") ? null : json.path("event_id").asText(null);
        if (eventId != null && seen(source.id(), eventId)) {
            return Outcome.ignored("event " + clip(eventId) + " was received before");
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        List<Item> items = new ArrayList<>();
        String ignored;
        try {
            ignored = switch (source.kind()) {
                case "typeform" -> typeform(json, source, items);
                case "delighted" -> delighted(json, source, items);
                default -> generic(json, source, items);
            };
        } catch (Refusal e) {
            FieldProblem p = e.problems().isEmpty() ? new FieldProblem("body", e.getMessage()) : e.problems().get(0);
            sources.problem(source.id(), "a signed request refused: " + p.field() + " " + p.problem() + " (" + refused(e) + ")");
            throw e;
        }
        if (ignored != null) {
            remember(source.id(), eventId);
            return Outcome.ignored(ignored);
        }
        List<FeedbackInput> valid = new ArrayList<>();
        Map<FeedbackInput, Long> versions = new java.util.IdentityHashMap<>();
        List<FeedbackService.Rejection> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            FeedbackValidator.Result r = validator.validate(item.json());
            if (r.ok()) {
                // one event, one answer: keep the tool's own payload as the original
                FeedbackInput in = items.size() == 1 && !source.kind().equals("webhook") ? r.input().withPayload(raw) : r.input();
                valid.add(in);
                versions.put(in, item.version());
                notes.addAll(item.notes());
            } else {
                for (FieldProblem p : r.problems()) {
                    errors.add(new FeedbackService.Rejection(i, p.field(), p.problem()));
                }
            }
        }
        // Delighted: never replace a newer version of an answer with an older delivery
        int[] counts = feedback.store(valid, (tx, in) -> {
            Long version = versions.get(in);
            return version == null || version < 0 || !storedIsNewer(tx, in, version);
        });
        long now = clock.now();
        int rejected = (int) errors.stream().mapToInt(FeedbackService.Rejection::index).distinct().count();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            SourceService.received(tx, source.id(), now, valid.size() - counts[2], rejected);
            if (eventId != null) {
                rememberIn(tx, source.id(), eventId, now);
            }
            return null;
        });
        for (String note : notes) {
            sources.problem(source.id(), note);
        }
        if (!errors.isEmpty()) {
            FeedbackService.Rejection first = errors.get(0);
            String where = items.size() > 1 ? "[" + first.index() + "]." : "";
            sources.problem(source.id(), rejected + " of " + items.size() + " answers rejected: " + where + first.field() + " " + first.problem());
            if (valid.isEmpty()) {
                List<FieldProblem> problems = errors.stream()
                        .map(e -> new FieldProblem((items.size() > 1 ? "[" + e.index() + "]." : "") + e.field(), e.problem())).toList();
                throw new Refusal(Refusal.Kind.INVALID, "bad_request", problems.get(0).field() + ": " + problems.get(0).problem(), problems);
            }
        }
        if (counts[2] > 0 && valid.size() == 1) {
            return new Outcome(0, 0, 0, List.of(), "an older version of an answer stored newer", notes);
        }
        return new Outcome(counts[0], counts[1], rejected, errors, null, notes);
    }

    // ---- signatures, replays

    /** Null when the generic webhook's signature of "timestamp.body" is right and the timestamp recent. */
    private String genericProblem(String secret, byte[] body, String sent, String timestamp) {
        if (timestamp == null || !timestamp.strip().matches("\\d{1,12}")) {
            return "no " + TIMESTAMP_HEADER + " header (Unix seconds)";
        }
        long at = Long.parseLong(timestamp.strip());
        if (secret == null || !signatureMatches("webhook", secret, signedContent(at, body), sent)) {
            return "a wrong " + GENERIC_HEADER;
        }
        long age = clock.now() / 1000 - at;
        if (Math.abs(age) > MAX_AGE_SECONDS) {
            return "a signed timestamp " + age + " s old (at most " + MAX_AGE_SECONDS + " s either way): a replay, or a wrong clock";
        }
        return null;
    }

    /** What the generic webhook signs: the timestamp, a dot, the body. */
    public static byte[] signedContent(long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
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

    private boolean seen(int sourceId, String eventId) {
        return db.dsl().fetchExists(WEBHOOK_EVENT, WEBHOOK_EVENT.SOURCE_ID.eq(sourceId).and(WEBHOOK_EVENT.EVENT_ID.eq(clip(eventId))));
    }

    private void remember(int sourceId, String eventId) {
        if (eventId != null) {
            long now = clock.now();
            db.write(cfg -> {
                rememberIn(DSL.using(cfg), sourceId, eventId, now);
                return null;
            });
        }
    }

    private static void rememberIn(DSLContext tx, int sourceId, String eventId, long now) {
        tx.insertInto(WEBHOOK_EVENT).set(WEBHOOK_EVENT.SOURCE_ID, sourceId).set(WEBHOOK_EVENT.EVENT_ID, clip(eventId))
                .set(WEBHOOK_EVENT.RECEIVED_AT, now).onConflictDoNothing().execute();
        tx.deleteFrom(WEBHOOK_EVENT).where(WEBHOOK_EVENT.RECEIVED_AT.lt(now - EVENT_MEMORY_MILLIS)).execute();
    }

    /** Whether the stored answer came from a Delighted delivery newer than {@code version} (or as new, with a comment this one lacks). */
    private static boolean storedIsNewer(DSLContext tx, FeedbackInput in, long version) {
        String payload = tx.select(FEEDBACK.PAYLOAD).from(FEEDBACK)
                .where(FEEDBACK.SOURCE.eq(in.source()).and(FEEDBACK.EXTERNAL_ID.eq(in.externalId())))
                .fetchOne(FEEDBACK.PAYLOAD);
        if (payload == null) {
            return false;
        }
        try {
            JsonNode stored = Json.MAPPER.readTree(payload).path("event_data");
            long storedVersion = version(stored);
            return storedVersion > version
                    || (storedVersion == version && !in.hasComment() && stored.hasNonNull("comment") && !stored.get("comment").asText().isBlank());
        } catch (IOException e) {
            return false;
        }
    }

    /** A Delighted response's version: {@code updated_at}, else {@code created_at} (Unix seconds); -1 when neither. */
    private static long version(JsonNode d) {
        if (d.path("updated_at").canConvertToLong()) {
            return d.get("updated_at").asLong();
        }
        return d.path("created_at").canConvertToLong() ? d.get("created_at").asLong() : -1;
    }

    /** How a refusal reads on the source's list of problems: "invalid", "too large". */
    private static String refused(Refusal e) {
        return e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String clip(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }

    // ---- the tools' payloads

    /**
     * Typeform: {"event_id", "event_type":"form_response","form_response":{"token", "submitted_at",
     * "definition":{"fields":[...]}, "answers":[...], "hidden":{...}}}. A field is taken by the
     * ref (or id) the mapping names; a field no ref names is taken by its type (see {@link TypeformAnswers}).
     */
    private static String typeform(JsonNode json, SourceService.Source source, List<Item> items) {
        String type = json.path("event_type").asText("");
        if (!type.equals("form_response")) {
            throw Refusal.invalid("event_type", "must be form_response");
        }
        JsonNode fr = json.path("form_response");
        if (!fr.isObject()) {
            throw Refusal.invalid("form_response", "is required");
        }
        TypeformAnswers.Taken taken = TypeformAnswers.take(fr, source.mapping());
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("source", source.name());
        item.set("externalId", fr.has("token") ? fr.get("token") : fr.get("response_id"));
        if (fr.hasNonNull("submitted_at")) {
            item.set("respondedAt", fr.get("submitted_at"));
        }
        ObjectNode customer = Json.MAPPER.createObjectNode();
        taken.values().forEach((field, v) -> put(item, customer, field, v));
        if (!customer.isEmpty()) {
            item.set("customer", customer);
        }
        if (!item.has("score") && !item.has("comment")) {
            throw Refusal.invalid("form_response.answers", "hold neither a score nor a comment that Loopboard can take: "
                    + "map the refs of your score and comment questions on the source (" + taken.seen() + ")");
        }
        items.add(new Item(item, taken.notes(), -1));
        return null;
    }

    /** Delighted: {"event_type":"survey_response.created|updated","event_id","event_data":{"id","score","comment","survey_type","person",...}}. */
    private static String delighted(JsonNode json, SourceService.Source source, List<Item> items) {
        String type = json.path("event_type").asText("");
        if (type.startsWith("unsubscribe.")) {
            return "unsubscribe events carry no feedback";
        }
        if (!type.equals("survey_response.created") && !type.equals("survey_response.updated")) {
            throw Refusal.invalid("event_type", "must be survey_response.created or survey_response.updated");
        }
        JsonNode d = json.path("event_data");
        if (!d.isObject()) {
            throw Refusal.invalid("event_data", "is required");
        }
        Mapping m = source.mapping();
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("source", source.name());
        item.set("externalId", d.get("id"));
        if (d.hasNonNull("comment")) {
            item.set("comment", d.get("comment"));
        }
        List<String> notes = new ArrayList<>();
        if (d.hasNonNull("score")) {
            String surveyType = d.path("survey_type").asText("nps").toLowerCase(Locale.ROOT);
            ScoreType scoreType = delightedScale(surveyType);
            JsonNode score = d.get("score");
            String id = d.path("id").asText();
            if (scoreType == null) {
                notes.add("Delighted answer " + id + ": a " + surveyType + " score (" + score.asText() + ") is kept in the payload only: "
                        + "Loopboard stores NPS, CSAT and CES scores; the comment is stored");
            } else if (!score.canConvertToInt() || score.asInt() < scoreType.min || score.asInt() > scoreType.max) {
                notes.add("Delighted answer " + id + ": a " + surveyType + " score " + score.asText() + " is outside " + scoreType
                        + " " + scoreType.min + "-" + scoreType.max + " and is kept in the payload only; the comment is stored");
            } else {
                item.set("score", score);
                item.put("scoreType", scoreType.name());
            }
        }
        if (d.path("created_at").canConvertToLong()) {
            item.put("respondedAt", Instant.ofEpochSecond(d.get("created_at").asLong()).toString());
        }
        ObjectNode customer = Json.MAPPER.createObjectNode();
        JsonNode person = d.path("person");
        if (person.hasNonNull("name") && m.column("customerName") != null) {
            customer.set("name", person.get("name"));
        }
        if (person.hasNonNull("email") && m.column("customerEmail") != null) {
            customer.set("email", person.get("email"));
        }
        // location, touchpoint and language come from the person's properties, named by the mapping
        JsonNode props = d.path("person_properties");
        for (String field : List.of("location", "touchpoint", "language", "customerSegment")) {
            String key = m.column(field);
            if (key != null && props.hasNonNull(key)) {
                put(item, customer, field, props.get(key));
            }
        }
        if (!customer.isEmpty()) {
            item.set("customer", customer);
        }
        items.add(new Item(item, notes, version(d)));
        return null;
    }

    /**
     * The scale Loopboard stores a Delighted survey type's score on: NPS 0-10, CSAT 1-5, CES 1-7;
     * the 5-star and smileys surveys rate satisfaction on 1-5 like CSAT. Null for the types whose
     * score is no customer score Loopboard keeps (eNPS asks employees, PMF and thumbs are no scale).
     */
    static ScoreType delightedScale(String surveyType) {
        return switch (surveyType) {
            case "nps" -> ScoreType.NPS;
            case "csat", "five_star", "smileys" -> ScoreType.CSAT;
            case "ces" -> ScoreType.CES;
            default -> null;
        };
    }

    /** Our own: one item or an array of up to 1,000, as POST /api/v1/feedback takes them, without "source". */
    private static String generic(JsonNode json, SourceService.Source source, List<Item> items) {
        List<JsonNode> nodes = new ArrayList<>();
        if (json.isArray()) {
            if (json.size() > FeedbackService.MAX_ITEMS_PER_REQUEST) {
                throw Refusal.invalid("body", "has " + json.size() + " items; send at most " + FeedbackService.MAX_ITEMS_PER_REQUEST);
            }
            json.forEach(nodes::add);
        } else {
            nodes.add(json);
        }
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            if (!n.isObject()) {
                throw Refusal.invalid(nodes.size() > 1 ? "[" + i + "]" : "body", "must be a JSON object");
            }
            ObjectNode item = ((ObjectNode) n).deepCopy();
            JsonNode given = item.get("source");
            if (given != null && !given.isNull() && !given.asText().equals(source.name())) {
                throw Refusal.invalid("source", "is set by the webhook URL; leave it out");
            }
            item.put("source", source.name());
            items.add(new Item(item, List.of(), -1));
        }
        return null;
    }

    static void put(ObjectNode item, ObjectNode customer, String field, JsonNode v) {
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

package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.QUOTE;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.core.TextRules;
import io.loopboard.feedback.FeedbackStore;
import io.loopboard.signage.ChannelStore;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.QuoteRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Moderation decisions on quotes: the editor's checks, approve, edit, reject, unpublish and
 * undo, one by one or in bulk, gated by the analysis ({@link QuoteAnalysis}: personal data,
 * blocked words, quotability). The queue is {@link ModerationQueue}; what ingest makes of
 * comments is {@link QuoteIntake}. Every change commits with its audit row in one transaction; only after the
 * commit does it announce the content change, so a screen never sees an uncommitted state.
 */
public final class QuoteService {

    public static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "archived");
    public static final Set<String> SENTIMENTS = Set.of("praise", "critique", "mixed");
    public static final int MAX_DISPLAY_TEXT = 1000;
    public static final int MAX_ATTRIBUTION = 120;
    public static final int MAX_BULK = 500;

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;
    private final ModerationSettings settings;
    private final AutoApproveRules rules;
    private final QuoteAnalysis analysis;
    /** Re-scores pending quotes in the background when the on-air set or the word lists change. */
    private final QuotabilityRefresher refresher;
    private final SearchIndex search;
    private final ModerationQueue queue;
    private final QuoteIntake intake;

    public QuoteService(Database db, Clock clock, ContentEvents events, ModerationSettings settings, AutoApproveRules rules,
                        SearchIndex search) {
        this.db = db;
        this.search = search;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.rules = rules;
        this.analysis = new QuoteAnalysis(db, settings);
        this.refresher = new QuotabilityRefresher(analysis);
        this.queue = new ModerationQueue(db, search);
        this.intake = new QuoteIntake(rules, analysis, refresher, events, search);
    }

    /** Stops the background re-scoring; call before the store closes. */
    public void close() {
        refresher.close();
    }

    /** The queue's full-text index (SQLite): the import waits for it, erasure has it purge at once. */
    public SearchIndex search() {
        return search;
    }

    public ModerationSettings settings() {
        return settings;
    }

    public AutoApproveRules rules() {
        return rules;
    }

    /** Where ingest hands the comments it stored: they become pending quotes (or auto-approved ones). */
    public QuoteIntake intake() {
        return intake;
    }

    /** The moderation queue: filters, sorts, paging and text search. */
    public ModerationQueue queue() {
        return queue;
    }

    /** The first page of a status, newest first. */
    public List<QuoteView> list(String status, int limit, int offset) {
        return queue.list(status, limit, offset);
    }

    /** One quote, analysed afresh: its findings with positions, blocked words, quotability and why. */
    public QuoteView get(int id) {
        return queue.one(id, analysis::analyze);
    }

    /** Analyses a draft text of a quote without saving it: what the editor shows while typing. */
    public QuoteView check(int id, String draft) {
        QuoteView q = get(id);
        if (draft == null) {
            return q;
        }
        FeedbackStore.Facts fb = FeedbackStore.facts(db.dsl(), q.feedbackId());
        QuoteAnalyzer.Analysis a = analysis.analyze(draft, q.language(),
                new PiiDetector.Customer(fb == null ? null : fb.customerName(), fb == null ? null : fb.customerEmail()), id);
        return new QuoteView(q.id(), q.feedbackId(), q.status(), q.originalText(), draft, q.attribution(),
                q.attributionStyle(), q.sentiment(), q.suggestedSentiment(), q.pinned(), q.publishFrom(), q.publishUntil(),
                q.channelIds(), q.score(), q.scoreType(), q.touchpoint(), q.location(), q.language(), q.respondedAt(),
                q.canNameCustomer(), q.createdAt(), q.decidedBy(), q.decidedAt(), q.autoRuleId(), a.quotability(),
                a.reasons(), a.findings().size(), a.flaggedWords(), a.findings().stream().map(QuoteView.FindingView::of).toList());
    }

    // ---------------------------------------------------------------- decisions

    /** Approves a quote (from any state), applying the edit first. Refused while personal data remains, unless overridden. */
    public QuoteView approve(int id, QuoteEdit edit, String actor) {
        return one(id, "approve", actor, (tx, q, fb, after) -> {
            applyEdit(tx, q, fb, edit);
            q.setStatus("approved");
            q.setAutoRuleId(null);
            gate(tx, q, fb, edit.overridePii(), after);
        });
    }

    /** The skeleton's approve: optional display text and attribution. */
    public QuoteView approve(int id, String displayText, String attribution, String actor) {
        Set<String> present = new HashSet<>();
        if (displayText != null) {
            present.add("displayText");
        }
        if (attribution != null) {
            present.add("attribution");
        }
        return approve(id, new QuoteEdit(present, displayText, attribution, null, null, null, null, null, null, false), actor);
    }

    /** Changes a quote without deciding it; an edit of a quote on air reaches the screens. */
    public QuoteView edit(int id, QuoteEdit edit, String actor) {
        return one(id, "edit", actor, (tx, q, fb, after) -> {
            applyEdit(tx, q, fb, edit);
            if ("approved".equals(q.getStatus())) {
                gate(tx, q, fb, edit.overridePii(), after);
            }
        });
    }

    public QuoteView reject(int id, String actor) {
        return one(id, "reject", actor, (tx, q, fb, after) -> q.setStatus("rejected"));
    }

    /** Takes an approved quote off every screen; it can be approved again later. */
    public QuoteView unpublish(int id, String actor) {
        return one(id, "unpublish", actor, UNPUBLISH);
    }

    /** Restores the quote to how it was before its last change (a decision, an edit or an automatic approval). */
    public QuoteView undo(int id, String actor) {
        return one(id, "undo", actor, this::undoLast);
    }

    /** The outcome for one quote of a bulk action. */
    public record BulkResult(int id, boolean ok, String status, String error) {
    }

    /** Approve, reject, unpublish or undo many quotes in one transaction; each succeeds or fails on its own. */
    public List<BulkResult> bulk(String action, List<Integer> ids, boolean overridePii, String actor) {
        Change change = switch (action) {
            case "approve" -> (tx, q, fb, after) -> {
                q.setStatus("approved");
                q.setAutoRuleId(null);
                gate(tx, q, fb, overridePii, after);
            };
            case "reject" -> (tx, q, fb, after) -> q.setStatus("rejected");
            case "unpublish" -> UNPUBLISH;
            case "undo" -> this::undoLast;
            default -> throw Refusal.invalid("action", "must be approve, reject, unpublish or undo");
        };
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK) {
            throw Refusal.invalid("ids", "must name 1-" + MAX_BULK + " quotes");
        }
        List<BulkResult> results = new ArrayList<>();
        apply(new ArrayList<>(new java.util.LinkedHashSet<>(ids)), false, action, actor, change, results);
        return results;
    }

    // ---------------------------------------------------------------- the machinery of a change

    /** One change to one quote inside the transaction; may add to the audit's after-state. */
    @FunctionalInterface
    private interface Change {
        void apply(DSLContext tx, QuoteRecord q, FeedbackStore.Facts fb, Map<String, Object> auditExtra);
    }

    private static final Change UNPUBLISH = (tx, q, fb, after) -> {
        if (!"approved".equals(q.getStatus())) {
            throw Refusal.conflict("status", "only an approved quote can be unpublished; this one is " + q.getStatus());
        }
        q.setStatus("archived");
    };

    /** Puts a quote back as its last audited change found it. */
    private void undoLast(DSLContext tx, QuoteRecord q, FeedbackStore.Facts fb, Map<String, Object> after) {
        AuditLog.Entry last = AuditLog.last(tx, "quote", q.getId());
        if (last == null || last.beforeJson() == null || "quote.undo".equals(last.action())) {
            throw Refusal.conflict("id", "nothing to undo for quote " + q.getId());
        }
        JsonNode before = readTree(last.beforeJson());
        q.setStatus(before.path("status").asText());
        q.setDisplayText(before.path("displayText").asText());
        q.setAttribution(before.path("attribution").isNull() ? null : before.path("attribution").asText());
        q.setAttributionStyle(before.path("attributionStyle").asText("location"));
        q.setSentiment(before.path("sentiment").isNull() ? null : before.path("sentiment").asText());
        q.setPinned(before.path("pinned").asBoolean() ? 1 : 0);
        q.setPublishFrom(before.path("publishFrom").isNumber() ? before.path("publishFrom").asLong() : null);
        q.setPublishUntil(before.path("publishUntil").isNumber() ? before.path("publishUntil").asLong() : null);
        q.setAutoRuleId(before.path("autoRuleId").isNumber() ? before.path("autoRuleId").asInt() : null);
        List<Integer> channels = new ArrayList<>();
        before.path("channelIds").forEach(n -> channels.add(n.asInt()));
        QuoteStore.replaceChannels(tx, q.getId(), channels);
        after.put("undid", last.action());
        analysis.analyzeInto(tx, q, fb);
    }

    private QuoteView one(int id, String action, String actor, Change change) {
        List<BulkResult> results = new ArrayList<>();
        apply(List.of(id), true, action, actor, change, results);
        return get(id);
    }

    /**
     * Applies a change to each quote in one transaction, audits each, and announces the
     * channels whose screens may change after the commit. For a single decision ({@code single})
     * its Refusal propagates; for a bulk request, even of one id, each failure is reported in
     * results and the rest go on.
     */
    private void apply(List<Integer> ids, boolean single, String action, String actor, Change change,
                       List<BulkResult> results) {
        long now = clock.now();
        Set<Integer> channels = new HashSet<>();
        boolean[] all = new boolean[1];
        List<String> airTexts = new ArrayList<>();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            airTexts.clear(); // a retried transaction starts over
            for (int id : ids) {
                QuoteRecord q = tx.selectFrom(QUOTE).where(QUOTE.ID.eq(id)).fetchOne();
                if (q == null) {
                    if (single) {
                        throw Refusal.notFound("quote " + id);
                    }
                    results.add(new BulkResult(id, false, null, "not found"));
                    continue;
                }
                FeedbackStore.Facts fb = FeedbackStore.facts(tx, q.getFeedbackId());
                List<Integer> channelsBefore = QuoteStore.channelsOf(tx, List.of(id)).getOrDefault(id, List.of());
                Map<String, Object> before = QuoteStore.snapshot(q, channelsBefore);
                boolean wasOnAir = "approved".equals(q.getStatus());
                Map<String, Object> extra = new LinkedHashMap<>();
                try {
                    change.apply(tx, q, fb, extra);
                } catch (Refusal e) {
                    if (single) {
                        throw e;
                    }
                    q.refresh();
                    results.add(new BulkResult(id, false, q.getStatus(), e.getMessage()));
                    continue;
                }
                if (!"edit".equals(action) && !"undo".equals(action)) {
                    q.setDecidedBy(actor);
                    q.setDecidedAt(now);
                }
                q.setUpdatedAt(now);
                q.store();
                List<Integer> channelsAfter = QuoteStore.channelsOf(tx, List.of(id)).getOrDefault(id, List.of());
                Map<String, Object> after = QuoteStore.snapshot(q, channelsAfter);
                after.putAll(extra);
                AuditLog.record(tx, now, actor, "quote." + action, "quote", id, before, after);
                boolean onAirNow = "approved".equals(q.getStatus());
                String textBefore = (String) before.get("displayText");
                if (wasOnAir != onAirNow || (onAirNow && !textBefore.equals(q.getDisplayText()))) {
                    // the on-air set changed: pending quotes like these texts may gain or lose near-duplicate points
                    airTexts.add(textBefore);
                    airTexts.add(q.getDisplayText());
                }
                if (wasOnAir || "approved".equals(q.getStatus())) {
                    if (channelsBefore.isEmpty() || channelsAfter.isEmpty()) {
                        all[0] = true;
                    }
                    channels.addAll(channelsBefore);
                    channels.addAll(channelsAfter);
                }
                results.add(new BulkResult(id, true, q.getStatus(), null));
            }
            return null;
        });
        analysis.forget();
        airTexts.forEach(refresher::onAirChanged);
        refresher.schedule();
        if (all[0]) {
            events.publish(ContentEvents.Change.allChannels());
        } else if (!channels.isEmpty()) {
            events.publish(ContentEvents.Change.channels(channels));
        }
    }

    /** Refuses approval while personal data remains, unless the moderator overrides; an override is audited. */
    private void gate(DSLContext tx, QuoteRecord q, FeedbackStore.Facts fb, boolean override, Map<String, Object> after) {
        QuoteAnalyzer.Analysis a = analysis.analyzeInto(tx, q, fb);
        if (a.findings().isEmpty()) {
            return;
        }
        if (!override) {
            List<FieldProblem> problems = a.findings().stream()
                    .map(f -> new FieldProblem("displayText", f.kind().code() + " at " + f.start() + "-" + f.end()))
                    .toList();
            throw new Refusal(Refusal.Kind.CONFLICT, "personal_data", "displayText: contains personal data ("
                    + String.join(", ", a.findings().stream().map(f -> f.kind().code()).distinct().toList())
                    + "); redact it or override explicitly", problems);
        }
        after.put("piiOverride", a.findings().stream().map(f -> f.kind().code()).distinct().toList());
    }

    private void applyEdit(DSLContext tx, QuoteRecord q, FeedbackStore.Facts fb, QuoteEdit edit) {
        if (edit.has("displayText")) {
            String t = edit.displayText();
            String problem = t == null || t.isBlank() ? "must not be blank" : TextRules.problem(t, MAX_DISPLAY_TEXT, true);
            if (problem != null) {
                throw Refusal.invalid("displayText", problem);
            }
            q.setDisplayText(t.strip());
        }
        if (edit.has("attributionStyle") && edit.attributionStyle() != null && !"custom".equals(edit.attributionStyle())) {
            String style = edit.attributionStyle();
            if (!Suggestions.STYLES.contains(style)) {
                throw Refusal.invalid("attributionStyle", "must be one of customer, location, touchpoint, first_name, custom");
            }
            String text = Suggestions.attribution(style, fb.language(), fb.location(), fb.touchpoint(),
                    fb.customerName(), fb.consentToPublish());
            if (text == null) {
                throw Refusal.invalid("attributionStyle", "the customer did not consent to be named");
            }
            q.setAttributionStyle(style);
            q.setAttribution(text);
        } else if (edit.has("attribution")) {
            String a = edit.attribution();
            String problem = a == null ? null : TextRules.problem(a, MAX_ATTRIBUTION, false);
            if (problem != null) {
                throw Refusal.invalid("attribution", problem);
            }
            q.setAttributionStyle("custom");
            q.setAttribution(a == null || a.isBlank() ? null : a.strip());
        }
        if (edit.has("sentiment")) {
            if (edit.sentiment() != null && !SENTIMENTS.contains(edit.sentiment())) {
                throw Refusal.invalid("sentiment", "must be praise, critique or mixed");
            }
            q.setSentiment(edit.sentiment());
        }
        if (edit.has("pinned")) {
            q.setPinned(Boolean.TRUE.equals(edit.pinned()) ? 1 : 0);
        }
        if (edit.has("publishFrom")) {
            q.setPublishFrom(edit.publishFrom());
        }
        if (edit.has("publishUntil")) {
            q.setPublishUntil(edit.publishUntil());
        }
        if (q.getPublishFrom() != null && q.getPublishUntil() != null && q.getPublishFrom() >= q.getPublishUntil()) {
            throw Refusal.invalid("publishUntil", "must be after publishFrom");
        }
        if (edit.has("channelIds")) {
            List<Integer> ids = edit.channelIds() == null ? List.of() : edit.channelIds();
            Set<Integer> known = ChannelStore.existing(tx, ids);
            for (Integer cid : ids) {
                if (!known.contains(cid)) {
                    throw Refusal.invalid("channelIds", "no channel " + cid);
                }
            }
            QuoteStore.replaceChannels(tx, q.getId(), ids);
        }
        analysis.analyzeInto(tx, q, fb);
    }

    // ---------------------------------------------------------------- on air and settings

    /** Quotes with these texts left the air outside this service (erasure): re-score the pending quotes like them. */
    public void leftAir(List<String> texts) {
        analysis.forget();
        texts.forEach(refresher::onAirChanged);
        refresher.schedule();
    }

    /** Saves the moderators' word lists and patterns, then re-scores every pending quote in the background. */
    public ModerationSettings.Values updateSettings(ModerationSettings.Values values, String actor) {
        ModerationSettings.Values saved = settings.update(values, actor);
        refresher.everything();
        refresher.schedule();
        return saved;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

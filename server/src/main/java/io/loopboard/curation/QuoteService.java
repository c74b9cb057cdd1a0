package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;
import static io.loopboard.store.generated.Tables.CHANNEL;
import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.FieldProblem;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.core.TextRules;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.AuditLogRecord;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.store.generated.tables.records.QuoteRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Moderation of quotes: the queue (filters, sort, keyset paging), the editor, decisions one
 * by one or in bulk, undo, and the analysis (personal data, blocked words, quotability) that
 * gates approval. Every change commits with its audit row in one transaction; only after the
 * commit does it announce the content change, so a screen never sees an uncommitted state.
 */
public final class QuoteService {

    public static final Set<String> STATUSES = Set.of("pending", "approved", "rejected", "archived");
    public static final Set<String> SENTIMENTS = Set.of("praise", "critique", "mixed");
    public static final int MAX_DISPLAY_TEXT = 1000;
    public static final int MAX_ATTRIBUTION = 120;
    public static final int MAX_BULK = 500;
    /** Compared against for near-duplicates; a playlist holds at most 200 slides. */
    static final int ON_AIR_COMPARED = 500;

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;
    private final ModerationSettings settings;
    private final AutoApproveRules rules;
    /** Display texts on air, for the near-duplicate check; reloaded after any decision. */
    private final AtomicReference<List<QuoteAnalyzer.OnAir>> onAir = new AtomicReference<>();
    /** Re-scores pending quotes in the background when the on-air set or the word lists change. */
    private final QuotabilityRefresher refresher;
    private final SearchIndex search;

    public QuoteService(Database db, Clock clock, ContentEvents events, ModerationSettings settings, AutoApproveRules rules,
                        SearchIndex search) {
        this.db = db;
        this.search = search;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.rules = rules;
        this.refresher = new QuotabilityRefresher(this);
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

    // ---------------------------------------------------------------- ingest

    /**
     * What the bulk path (the CSV import) stores with a new or refreshed quote, computed before
     * its transaction: the analysis columns, and whether an auto-approve rule will take it (if
     * so, {@link #autoApprove} runs the rules inside the transaction, audited as for one item).
     */
    public record Assessment(float quotability, String reasons, int piiCount, String flaggedWords, boolean ruleMatches)
            implements io.loopboard.feedback.CommentIntake.Prepared {
    }

    public Assessment assess(String text, String language, String customerName, String customerEmail, Integer score,
                             String scoreType) {
        QuoteAnalyzer.Analysis a = analyze(text, language, new PiiDetector.Customer(customerName, customerEmail), 0);
        boolean matches = rules.enabled().stream().anyMatch(r -> r.matches(text, score, scoreType, language, a));
        return new Assessment((float) a.quotability(), a.storedReasons(), a.findings().size(),
                a.flaggedWords().isEmpty() ? null : String.join(",", a.flaggedWords()), matches);
    }

    /**
     * Runs the auto-approve rules on the pending quote of a feedback row the bulk path wrote in
     * this transaction. Returns the channels it was approved onto, to announce after the commit.
     */
    public Set<Integer> autoApprove(DSLContext tx, int feedbackId, long now) {
        QuoteRecord q = tx.selectFrom(QUOTE).where(QUOTE.FEEDBACK_ID.eq(feedbackId)).fetchOne();
        FeedbackRecord fb = tx.selectFrom(FEEDBACK).where(FEEDBACK.ID.eq(feedbackId)).fetchOne();
        if (q == null || fb == null || !"pending".equals(q.getStatus())) {
            return Set.of();
        }
        QuoteAnalyzer.Analysis analysis = analyzeInto(tx, q, fb);
        q.store();
        return applyRules(tx, q, fb, analysis, now);
    }

    private Set<Integer> applyRules(DSLContext tx, QuoteRecord q, FeedbackRecord fb, QuoteAnalyzer.Analysis analysis, long now) {
        String text = q.getOriginalText();
        Set<Integer> channels = new TreeSet<>();
        List<AutoApproveRules.Rule> matching = rules.enabled().stream()
                .filter(r -> r.matches(text, fb.getScore(), fb.getScoreType(), fb.getLanguage(), analysis)).toList();
        if (!matching.isEmpty()) {
            Map<String, Object> before = snapshot(q, List.of());
            AutoApproveRules.Rule rule = matching.get(0);
            q.setStatus("approved");
            q.setAutoRuleId(rule.id());
            q.setDecidedBy(rule.actor());
            q.setDecidedAt(now);
            q.store();
            for (AutoApproveRules.Rule r : matching) {
                channels.add(r.channelId());
            }
            replaceChannels(tx, q.getId(), new ArrayList<>(channels));
            Map<String, Object> after = snapshot(q, new ArrayList<>(channels));
            after.put("rules", matching.stream().map(AutoApproveRules.Rule::id).toList());
            AuditLog.record(tx, now, rule.actor(), "quote.auto_approve", "quote", q.getId(), before, after);
            onAir.set(null);
            refresher.onAirChanged(q.getDisplayText()); // scheduled by announce(), after the commit
        }
        return channels;
    }

    /** Announces auto-approvals after the ingest transaction has committed. */
    public void announce(Set<Integer> channels) {
        refresher.schedule();
        if (!channels.isEmpty()) {
            events.publish(ContentEvents.Change.channels(channels));
        }
    }

    // ---------------------------------------------------------------- queue

    /** One page of the queue. The benchmark harness calls this directly. */
    public record QuotePage(List<QuoteView> quotes, String nextCursor) {
    }

    public QuotePage page(QuoteQuery query) {
        boolean byQuotability = "quotability".equals(query.sort());
        List<Record> rows = plan(query).fetch();
        boolean more = rows.size() > query.limit();
        if (more) {
            rows = rows.subList(0, query.limit());
        }
        Map<Integer, List<Integer>> channels = channelsOf(db.dsl(), rows.stream().map(r -> r.get(QUOTE.ID)).toList());
        List<QuoteView> views = rows.stream().map(r -> view(r, channels.getOrDefault(r.get(QUOTE.ID), List.of()), null)).toList();
        String next = null;
        if (more) {
            Record last = rows.get(rows.size() - 1);
            next = (byQuotability ? String.valueOf(Math.round(last.get(QUOTE.QUOTABILITY))) : String.valueOf(last.get(QUOTE.CREATED_AT)))
                    + "." + last.get(QUOTE.ID);
        }
        return new QuotePage(views, next);
    }

    /** The SQL of one page as {@link #page} runs it, values inlined: the benchmark's plain-JDBC baseline replays it. */
    public String sql(QuoteQuery query) {
        return plan(query).getSQL(org.jooq.conf.ParamType.INLINED);
    }

    /** The full-text index (SQLite only; see V8). Plain SQL: jOOQ's code generation skips virtual tables. */
    private static final Table<?> FTS = DSL.table(DSL.name("search", SearchIndex.TABLE));
    /** The index's own column, the left side of MATCH (unqualified: {@code search.quote_fts} would name a column). */
    private static final Field<Object> FTS_SELF = DSL.field(DSL.name(SearchIndex.TABLE));
    private static final Field<Integer> FTS_ROWID = DSL.field(DSL.name("quote_fts", "rowid"), Integer.class);
    /**
     * Up to this many text matches, a quotability-sorted search reads the matches from the index and
     * sorts them (10,000 rows: about 10 ms); beyond it, matches are common enough that walking the
     * quotability order and testing each row finds a page sooner.
     */
    static final int FEW_MATCHES = 10_000;
    /** Below this many rows with a feedback value, driving from that value's index beats walking the order. */
    static final int RARE_VALUE = 5_000;

    /**
     * Chooses how to read one page, then builds it. Every shape was checked with EXPLAIN QUERY
     * PLAN on a file of a million quotes (docs/moderation.md, "How the queue stays fast"):
     * SQLite has no statistics unless someone runs ANALYZE, so where a guess would go wrong, a
     * cheap count on an index ({@link #fewer}) decides, and CROSS JOIN fixes the join order.
     */
    private org.jooq.ResultQuery<Record> plan(QuoteQuery query) {
        boolean sqlite = db.dialect() == SQLDialect.SQLITE;
        boolean byQuotability = "quotability".equals(query.sort());
        Condition c = DSL.noCondition();
        if (query.status() != null) {
            c = c.and(QUOTE.STATUS.eq(query.status()));
        }
        if (query.band() != null) {
            int[] range = query.bandRange();
            c = c.and(FEEDBACK.SCORE_TYPE.eq(query.bandType())).and(FEEDBACK.SCORE.between(range[0], range[1]));
        }
        if (query.touchpoint() != null) {
            c = c.and(FEEDBACK.TOUCHPOINT.eq(query.touchpoint()));
        }
        if (query.location() != null) {
            c = c.and(FEEDBACK.LOCATION.eq(query.location()));
        }
        if (query.language() != null) {
            c = c.and(FEEDBACK.LANGUAGE.eq(query.language()));
        }
        if (query.from() != null) {
            c = c.and(QUOTE.CREATED_AT.ge(query.from()));
        }
        if (query.to() != null) {
            c = c.and(QUOTE.CREATED_AT.lt(query.to()));
        }
        if (query.flagged() != null) {
            Condition flagged = QUOTE.PII_COUNT.gt(0).or(QUOTE.FLAGGED_WORDS.isNotNull());
            c = c.and(query.flagged() ? flagged : DSL.not(flagged));
        }
        if (query.newerThan() != null) {
            c = c.and(QUOTE.ID.gt(query.newerThan()));
        }
        Long cursorKey = null;
        Integer cursorId = null;
        if (query.cursor() != null) {
            String[] parts = query.cursor().split("\\.");
            cursorKey = Long.parseLong(parts[0]);
            cursorId = Integer.parseInt(parts[1]);
        }
        String text = query.text();
        Table<?> from = QUOTE.join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID));
        // "what arrived since id N" walks the primary key from N: ordered by created_at, it would scan the
        // whole status index first (0.8 s at a million rows, measured); ids grow with arrival anyway
        List<org.jooq.SortField<?>> order = query.newerThan() != null ? List.of(QUOTE.ID.desc())
                : byQuotability ? List.of(QUOTE.QUOTABILITY.desc(), QUOTE.ID.desc())
                : List.of(QUOTE.CREATED_AT.desc(), QUOTE.ID.desc());
        boolean keyset = true;
        if (text != null && !sqlite) {
            // pg_trgm's GIN indexes answer ILIKE '%…%' (V8); ILIKE folds case by the database's locale
            String like = QuoteSearch.likePattern(text);
            c = c.and(QUOTE.DISPLAY_TEXT.likeIgnoreCase(like, '!').or(QUOTE.ORIGINAL_TEXT.likeIgnoreCase(like, '!')));
        } else if (text != null && !search.readyForQuery()) {
            // The index is far behind (a rebuild, or another process importing): walk the queue's
            // order and test each row's text, as the "many matches" plan below does. Slower for a
            // rare word, complete for every word.
            String glob = QuoteSearch.glob(text);
            c = c.and(DSL.condition("{0} GLOB {1}", QUOTE.DISPLAY_TEXT, DSL.val(glob))
                    .or(DSL.condition("{0} GLOB {1}", QUOTE.ORIGINAL_TEXT, DSL.val(glob))));
        } else if (text != null && !byQuotability) {
            // Newest first with free text: the index hands out its matches by id, newest first, and the
            // page is the first matches that pass the other filters, common word or rare. Ids grow with
            // arrival (created_at is stamped by the one writer), so this is the newest-first order.
            Condition match = DSL.condition("{0} MATCH {1}", FTS_SELF, DSL.val(QuoteSearch.ftsPhrase(text)));
            from = FTS.crossJoin(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID));
            c = c.and(match).and(QUOTE.ID.eq(FTS_ROWID));
            if (query.newerThan() != null) {
                c = c.and(FTS_ROWID.gt(query.newerThan()));
            }
            if (cursorId != null) {
                c = c.and(FTS_ROWID.lt(cursorId));
                keyset = false;
            }
            order = List.of(FTS_ROWID.desc());
        } else if (text != null) {
            String phrase = QuoteSearch.ftsPhrase(text);
            if (fewer(DSL.select(FTS_ROWID).from(FTS).where(DSL.condition("{0} MATCH {1}", FTS_SELF, DSL.val(phrase))), FEW_MATCHES)) {
                // few matches: read them all from the index, then filter and sort those
                Table<?> matches = DSL.select(FTS_ROWID.as("id")).from(FTS)
                        .where(DSL.condition("{0} MATCH {1}", FTS_SELF, DSL.val(phrase))).asTable("m");
                from = matches.crossJoin(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID));
                c = c.and(QUOTE.ID.eq(matches.field("id", Integer.class)));
            } else {
                // many: walk the quotability order; GLOB tests each row with Unicode case folding
                String glob = QuoteSearch.glob(text);
                c = c.and(DSL.condition("{0} GLOB {1}", QUOTE.DISPLAY_TEXT, DSL.val(glob))
                        .or(DSL.condition("{0} GLOB {1}", QUOTE.ORIGINAL_TEXT, DSL.val(glob))));
            }
        } else if (sqlite && (query.touchpoint() != null || query.location() != null || query.language() != null)) {
            // Common values of feedback columns: walk the queue's order and look each feedback row up by
            // its key. Left to itself, SQLite may start from the feedback index and sort: 0.3 s for one
            // language in eight at a million rows. A rare value: start from its index, sort the few.
            from = rareFeedbackValue(query) ? FEEDBACK.crossJoin(QUOTE) : QUOTE.crossJoin(FEEDBACK);
            c = c.and(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID));
        }
        if (keyset && cursorKey != null) {
            c = c.and(byQuotability ? DSL.row(QUOTE.QUOTABILITY, QUOTE.ID).lt((float) (long) cursorKey, cursorId)
                    : DSL.row(QUOTE.CREATED_AT, QUOTE.ID).lt(cursorKey, cursorId));
        }
        var ordered = db.dsl().select(viewFields()).from(from).where(c).orderBy(order);
        return query.cursor() == null && query.offset() > 0 ? ordered.limit(query.limit() + 1).offset(query.offset())
                : ordered.limit(query.limit() + 1);
    }

    /** Whether one of the feedback values the query filters on is rare: see {@link #plan}. */
    private boolean rareFeedbackValue(QuoteQuery query) {
        List<Condition> values = new ArrayList<>();
        if (query.touchpoint() != null) {
            values.add(FEEDBACK.TOUCHPOINT.eq(query.touchpoint()));
        }
        if (query.location() != null) {
            values.add(FEEDBACK.LOCATION.eq(query.location()));
        }
        if (query.language() != null) {
            values.add(FEEDBACK.LANGUAGE.eq(query.language()));
        }
        for (Condition v : values) {
            if (fewer(DSL.select(DSL.one()).from(FEEDBACK).where(v), RARE_VALUE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a query has at most n rows: counts no further than n + 1, on an index (under a
     * millisecond for a feedback value, a few for 10,000 text matches). Remembered for a minute per
     * SQL and values, as paging through one search asks the same question on every page; a stale
     * answer costs speed, never correctness: both plans return the same rows.
     */
    private boolean fewer(org.jooq.SelectLimitStep<?> rows, int n) {
        org.jooq.Select<?> limited = rows.limit(DSL.inline(n + 1));
        String key = limited.getSQL(org.jooq.conf.ParamType.INLINED);
        long now = System.nanoTime();
        synchronized (fewerSeen) {
            long[] seen = fewerSeen.get(key);
            if (seen != null && now - seen[1] < FEWER_REMEMBERED_NANOS) {
                return seen[0] == 1;
            }
        }
        boolean few = db.dsl().fetchCount(limited) <= n;
        synchronized (fewerSeen) {
            fewerSeen.put(key, new long[] {few ? 1 : 0, now});
        }
        return few;
    }

    private static final long FEWER_REMEMBERED_NANOS = 60_000_000_000L;
    /** The last answers of {@link #fewer}: SQL → {few ? 1 : 0, when}; the 256 most recently used. */
    private final Map<String, long[]> fewerSeen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 256;
        }
    };

    /** The first page of a status, newest first (the skeleton's list). */
    public List<QuoteView> list(String status, int limit, int offset) {
        return page(new QuoteQuery(status, null, null, null, null, null, null, null, null, "newest", null, null, offset, limit)).quotes();
    }

    /** One quote, analysed afresh: its findings with positions, blocked words, quotability and why. */
    public QuoteView get(int id) {
        Record r = db.dsl().select(viewFields()).select(FEEDBACK.CUSTOMER_NAME, FEEDBACK.CUSTOMER_EMAIL)
                .from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(QUOTE.ID.eq(id)).fetchOne();
        if (r == null) {
            throw Refusal.notFound("quote " + id);
        }
        QuoteAnalyzer.Analysis a = analyze(r.get(QUOTE.DISPLAY_TEXT), r.get(FEEDBACK.LANGUAGE),
                new PiiDetector.Customer(r.get(FEEDBACK.CUSTOMER_NAME), r.get(FEEDBACK.CUSTOMER_EMAIL)), id);
        return view(r, channelsOf(db.dsl(), List.of(id)).getOrDefault(id, List.of()), a);
    }

    /** Analyses a draft text of a quote without saving it: what the editor shows while typing. */
    public QuoteView check(int id, String draft) {
        QuoteView q = get(id);
        if (draft == null) {
            return q;
        }
        Record fb = db.dsl().select(FEEDBACK.CUSTOMER_NAME, FEEDBACK.CUSTOMER_EMAIL).from(FEEDBACK)
                .where(FEEDBACK.ID.eq(q.feedbackId())).fetchOne();
        QuoteAnalyzer.Analysis a = analyze(draft, q.language(),
                new PiiDetector.Customer(fb.get(FEEDBACK.CUSTOMER_NAME), fb.get(FEEDBACK.CUSTOMER_EMAIL)), id);
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
        return one(id, "undo", actor, UNDO);
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
            case "undo" -> UNDO;
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
        void apply(DSLContext tx, QuoteRecord q, FeedbackRecord fb, Map<String, Object> auditExtra);
    }

    private static final Change UNPUBLISH = (tx, q, fb, after) -> {
        if (!"approved".equals(q.getStatus())) {
            throw Refusal.conflict("status", "only an approved quote can be unpublished; this one is " + q.getStatus());
        }
        q.setStatus("archived");
    };

    private final Change UNDO = (tx, q, fb, after) -> {
        AuditLogRecord last = tx.selectFrom(AUDIT_LOG)
                .where(AUDIT_LOG.ENTITY_TYPE.eq("quote").and(AUDIT_LOG.ENTITY_ID.eq(String.valueOf(q.getId()))))
                .orderBy(AUDIT_LOG.ID.desc()).limit(1).fetchOne();
        if (last == null || last.getBeforeJson() == null || "quote.undo".equals(last.getAction())) {
            throw Refusal.conflict("id", "nothing to undo for quote " + q.getId());
        }
        JsonNode before = readTree(last.getBeforeJson());
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
        replaceChannels(tx, q.getId(), channels);
        after.put("undid", last.getAction());
        analyzeInto(tx, q, fb);
    };

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
                FeedbackRecord fb = tx.selectFrom(FEEDBACK).where(FEEDBACK.ID.eq(q.getFeedbackId())).fetchOne();
                List<Integer> channelsBefore = channelsOf(tx, List.of(id)).getOrDefault(id, List.of());
                Map<String, Object> before = snapshot(q, channelsBefore);
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
                List<Integer> channelsAfter = channelsOf(tx, List.of(id)).getOrDefault(id, List.of());
                Map<String, Object> after = snapshot(q, channelsAfter);
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
        onAir.set(null);
        airTexts.forEach(refresher::onAirChanged);
        refresher.schedule();
        if (all[0]) {
            events.publish(ContentEvents.Change.allChannels());
        } else if (!channels.isEmpty()) {
            events.publish(ContentEvents.Change.channels(channels));
        }
    }

    /** Refuses approval while personal data remains, unless the moderator overrides; an override is audited. */
    private void gate(DSLContext tx, QuoteRecord q, FeedbackRecord fb, boolean override, Map<String, Object> after) {
        QuoteAnalyzer.Analysis a = analyzeInto(tx, q, fb);
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

    private void applyEdit(DSLContext tx, QuoteRecord q, FeedbackRecord fb, QuoteEdit edit) {
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
            String text = Suggestions.attribution(style, fb.getLanguage(), fb.getLocation(), fb.getTouchpoint(),
                    fb.getCustomerName(), fb.getConsentToPublish() != 0);
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
            Set<Integer> known = new HashSet<>(tx.select(CHANNEL.ID).from(CHANNEL).where(CHANNEL.ID.in(ids)).fetch(CHANNEL.ID));
            for (Integer cid : ids) {
                if (!known.contains(cid)) {
                    throw Refusal.invalid("channelIds", "no channel " + cid);
                }
            }
            replaceChannels(tx, q.getId(), ids);
        }
        analyzeInto(tx, q, fb);
    }

    private static void replaceChannels(DSLContext tx, int quoteId, List<Integer> channelIds) {
        tx.deleteFrom(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.eq(quoteId)).execute();
        for (int cid : new TreeSet<>(channelIds)) {
            tx.insertInto(QUOTE_CHANNEL).set(QUOTE_CHANNEL.QUOTE_ID, quoteId).set(QUOTE_CHANNEL.CHANNEL_ID, cid).execute();
        }
    }

    // ---------------------------------------------------------------- analysis

    private QuoteAnalyzer.Analysis analyzeInto(DSLContext tx, QuoteRecord q, FeedbackRecord fb) {
        QuoteAnalyzer.Analysis a = settings.analyzer().analyze(q.getDisplayText(), fb.getLanguage(),
                new PiiDetector.Customer(fb.getCustomerName(), fb.getCustomerEmail()),
                q.getId() == null ? 0 : q.getId(), onAir(tx));
        q.setQuotability((float) a.quotability());
        q.setQuotabilityReasons(a.storedReasons());
        q.setPiiCount(a.findings().size());
        q.setFlaggedWords(a.flaggedWords().isEmpty() ? null : String.join(",", a.flaggedWords()));
        return a;
    }

    private QuoteAnalyzer.Analysis analyze(String text, String language, PiiDetector.Customer customer, int selfId) {
        return settings.analyzer().analyze(text, language, customer, selfId, onAir(db.dsl()));
    }

    private List<QuoteAnalyzer.OnAir> onAir(DSLContext ctx) {
        List<QuoteAnalyzer.OnAir> list = onAir.get();
        if (list == null) {
            list = onAirQuery(ctx).fetch(r -> new QuoteAnalyzer.OnAir(r.get(QUOTE.ID), r.get(QUOTE.DISPLAY_TEXT)));
            onAir.set(list);
        }
        return list;
    }

    /** The quotes on air, most recently decided first: read from V14's index of approved quotes (QueuePlanTest). */
    static org.jooq.ResultQuery<org.jooq.Record2<Integer, String>> onAirQuery(DSLContext ctx) {
        return ctx.select(QUOTE.ID, QUOTE.DISPLAY_TEXT).from(QUOTE).where(QUOTE.STATUS.eq("approved"))
                .orderBy(QUOTE.DECIDED_AT.desc()).limit(ON_AIR_COMPARED);
    }

    /** Forgets cached state after a change made elsewhere (erasure). */
    void changed() {
        onAir.set(null);
    }

    /** Quotes with these texts left the air outside this service (erasure): re-score the pending quotes like them. */
    public void leftAir(List<String> texts) {
        onAir.set(null);
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

    /** The id and display text of pending quotes after an id, in id order: what the refresher scans. */
    record PendingText(int id, String text) {
    }

    /**
     * The pending quotes among the next {@code limit} quotes after an id. The status is tested here,
     * not in SQL: with it, SQLite (no statistics) walks the status index and sorts every pending quote
     * for each batch (0.3 s at a million); without it, this is a range of the primary key.
     * An empty list with quotes left is possible; {@code last} says where to go on from.
     */
    record PendingBatch(List<PendingText> pending, int last) {
    }

    PendingBatch pendingTexts(int afterId, int limit) {
        List<Record> rows = new ArrayList<>(db.dsl().select(QUOTE.ID, QUOTE.STATUS, QUOTE.DISPLAY_TEXT).from(QUOTE)
                .where(QUOTE.ID.gt(afterId)).orderBy(QUOTE.ID).limit(limit).fetch());
        List<PendingText> pending = rows.stream().filter(r -> "pending".equals(r.get(QUOTE.STATUS)))
                .map(r -> new PendingText(r.get(QUOTE.ID), r.get(QUOTE.DISPLAY_TEXT))).toList();
        return new PendingBatch(pending, rows.isEmpty() ? -1 : rows.get(rows.size() - 1).get(QUOTE.ID));
    }

    /**
     * Re-analyses these quotes if they are still pending and stores their quotability, reasons and
     * flags where those changed. Not an edit: no audit row, no updated_at. Returns how many changed.
     */
    int reanalysePending(List<Integer> ids) {
        return db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            int changed = 0;
            for (Record r : tx.select(QUOTE.ID, QUOTE.STATUS, QUOTE.DISPLAY_TEXT, QUOTE.QUOTABILITY, QUOTE.QUOTABILITY_REASONS,
                            QUOTE.PII_COUNT, QUOTE.FLAGGED_WORDS, FEEDBACK.LANGUAGE, FEEDBACK.CUSTOMER_NAME, FEEDBACK.CUSTOMER_EMAIL)
                    .from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                    .where(QUOTE.ID.in(ids)).fetch()) { // by key only: see pendingTexts
                if (!"pending".equals(r.get(QUOTE.STATUS))) {
                    continue;
                }
                int id = r.get(QUOTE.ID);
                String text = r.get(QUOTE.DISPLAY_TEXT);
                QuoteAnalyzer.Analysis a = settings.analyzer().analyze(text, r.get(FEEDBACK.LANGUAGE),
                        new PiiDetector.Customer(r.get(FEEDBACK.CUSTOMER_NAME), r.get(FEEDBACK.CUSTOMER_EMAIL)), id, onAir(tx));
                String reasons = a.storedReasons();
                String flagged = a.flaggedWords().isEmpty() ? null : String.join(",", a.flaggedWords());
                if (reasons.equals(r.get(QUOTE.QUOTABILITY_REASONS)) && java.util.Objects.equals(flagged, r.get(QUOTE.FLAGGED_WORDS))
                        && r.get(QUOTE.PII_COUNT) == a.findings().size()) {
                    continue;
                }
                changed += tx.update(QUOTE)
                        .set(QUOTE.QUOTABILITY, (float) a.quotability())
                        .set(QUOTE.QUOTABILITY_REASONS, reasons)
                        .set(QUOTE.PII_COUNT, a.findings().size())
                        .set(QUOTE.FLAGGED_WORDS, flagged)
                        // only if nobody changed it meanwhile; their change analysed it afresh anyway
                        .where(QUOTE.ID.eq(id).and(QUOTE.STATUS.eq("pending")).and(QUOTE.DISPLAY_TEXT.eq(text)))
                        .execute();
            }
            return changed;
        });
    }

    // ---------------------------------------------------------------- mapping

    private static List<SelectFieldOrAsterisk> viewFields() {
        List<SelectFieldOrAsterisk> f = new ArrayList<>(List.of(QUOTE.fields()));
        f.addAll(List.of(FEEDBACK.SCORE, FEEDBACK.SCORE_TYPE, FEEDBACK.TOUCHPOINT, FEEDBACK.LOCATION, FEEDBACK.LANGUAGE,
                FEEDBACK.RESPONDED_AT, FEEDBACK.CONSENT_TO_PUBLISH,
                DSL.field(FEEDBACK.CUSTOMER_NAME.isNotNull()).as("has_name")));
        return f;
    }

    private static Map<Integer, List<Integer>> channelsOf(DSLContext ctx, List<Integer> quoteIds) {
        Map<Integer, List<Integer>> out = new HashMap<>();
        if (quoteIds.isEmpty()) {
            return out;
        }
        ctx.select(QUOTE_CHANNEL.QUOTE_ID, QUOTE_CHANNEL.CHANNEL_ID).from(QUOTE_CHANNEL)
                .where(QUOTE_CHANNEL.QUOTE_ID.in(quoteIds)).orderBy(QUOTE_CHANNEL.CHANNEL_ID)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    private static Map<String, Object> snapshot(QuoteRecord q, List<Integer> channelIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", q.getStatus());
        m.put("displayText", q.getDisplayText());
        m.put("attribution", q.getAttribution());
        m.put("attributionStyle", q.getAttributionStyle());
        m.put("sentiment", q.getSentiment());
        m.put("pinned", q.getPinned() != null && q.getPinned() != 0);
        m.put("publishFrom", q.getPublishFrom());
        m.put("publishUntil", q.getPublishUntil());
        m.put("channelIds", channelIds);
        m.put("autoRuleId", q.getAutoRuleId());
        return m;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static QuoteView view(Record r, List<Integer> channelIds, QuoteAnalyzer.Analysis fresh) {
        List<QuoteAnalyzer.Reason> reasons;
        if (fresh != null) {
            reasons = fresh.reasons();
        } else {
            reasons = QuoteAnalyzer.readStoredReasons(r.get(QUOTE.QUOTABILITY_REASONS));
        }
        String flagged = r.get(QUOTE.FLAGGED_WORDS);
        Float quotability = r.get(QUOTE.QUOTABILITY);
        Boolean hasName = r.get("has_name", Boolean.class);
        return new QuoteView(
                r.get(QUOTE.ID), r.get(QUOTE.FEEDBACK_ID), r.get(QUOTE.STATUS), r.get(QUOTE.ORIGINAL_TEXT),
                r.get(QUOTE.DISPLAY_TEXT), r.get(QUOTE.ATTRIBUTION), r.get(QUOTE.ATTRIBUTION_STYLE), r.get(QUOTE.SENTIMENT),
                Suggestions.sentiment(r.get(FEEDBACK.SCORE), r.get(FEEDBACK.SCORE_TYPE)),
                r.get(QUOTE.PINNED) != 0, r.get(QUOTE.PUBLISH_FROM), r.get(QUOTE.PUBLISH_UNTIL), channelIds,
                r.get(FEEDBACK.SCORE), r.get(FEEDBACK.SCORE_TYPE), r.get(FEEDBACK.TOUCHPOINT), r.get(FEEDBACK.LOCATION),
                r.get(FEEDBACK.LANGUAGE), r.get(FEEDBACK.RESPONDED_AT),
                r.get(FEEDBACK.CONSENT_TO_PUBLISH) != 0 && Boolean.TRUE.equals(hasName),
                r.get(QUOTE.CREATED_AT), r.get(QUOTE.DECIDED_BY), r.get(QUOTE.DECIDED_AT), r.get(QUOTE.AUTO_RULE_ID),
                fresh != null ? fresh.quotability() : quotability == null ? 0 : (int) Math.round(quotability),
                reasons,
                fresh != null ? fresh.findings().size() : r.get(QUOTE.PII_COUNT),
                fresh != null ? fresh.flaggedWords() : flagged == null ? List.of() : List.of(flagged.split(",")),
                fresh == null ? null : fresh.findings().stream().map(QuoteView.FindingView::of).toList());
    }
}

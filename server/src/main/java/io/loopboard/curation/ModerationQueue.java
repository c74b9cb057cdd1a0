package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;

import io.loopboard.core.Refusal;
import io.loopboard.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The moderation queue as moderators read it: filters by status, score band, touchpoint,
 * location, language, dates and flags, two sorts, keyset paging and free-text search, each
 * shape planned to stay fast at a million quotes; and one quote as the editor shows it.
 *
 * <p>The one class that reads another feature's table in its queries: it filters and sorts
 * quotes by their answer's columns in one indexed query, which two queries could not do at
 * this size. It only reads; the feedback feature alone writes its table (ArchitectureTest).
 */
public final class ModerationQueue {

    private final Database db;
    private final SearchIndex search;

    ModerationQueue(Database db, SearchIndex search) {
        this.db = db;
        this.search = search;
    }

    /** One page of the queue. The benchmark harness calls {@link #page} directly. */
    public record QuotePage(List<QuoteView> quotes, String nextCursor) {
    }

    public QuotePage page(QuoteQuery query) {
        boolean byQuotability = "quotability".equals(query.sort());
        List<Record> rows = plan(query).fetch();
        boolean more = rows.size() > query.limit();
        if (more) {
            rows = rows.subList(0, query.limit());
        }
        Map<Integer, List<Integer>> channels = QuoteStore.channelsOf(db.dsl(), rows.stream().map(r -> r.get(QUOTE.ID)).toList());
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

    /** Analyses a quote's words for the editor: its language and customer come from its answer. */
    @FunctionalInterface
    interface Analyser {
        QuoteAnalyzer.Analysis analyse(String text, String language, PiiDetector.Customer customer, int selfId);
    }

    /** One quote, analysed afresh by {@code analyser}; a 404 refusal when there is none. */
    QuoteView one(int id, Analyser analyser) {
        Record r = db.dsl().select(viewFields()).select(FEEDBACK.CUSTOMER_NAME, FEEDBACK.CUSTOMER_EMAIL)
                .from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(QUOTE.ID.eq(id)).fetchOne();
        if (r == null) {
            throw Refusal.notFound("quote " + id);
        }
        QuoteAnalyzer.Analysis a = analyser.analyse(r.get(QUOTE.DISPLAY_TEXT), r.get(FEEDBACK.LANGUAGE),
                new PiiDetector.Customer(r.get(FEEDBACK.CUSTOMER_NAME), r.get(FEEDBACK.CUSTOMER_EMAIL)), id);
        return view(r, QuoteStore.channelsOf(db.dsl(), List.of(id)).getOrDefault(id, List.of()), a);
    }

    private static List<SelectFieldOrAsterisk> viewFields() {
        List<SelectFieldOrAsterisk> f = new ArrayList<>(List.of(QUOTE.fields()));
        f.addAll(List.of(FEEDBACK.SCORE, FEEDBACK.SCORE_TYPE, FEEDBACK.TOUCHPOINT, FEEDBACK.LOCATION, FEEDBACK.LANGUAGE,
                FEEDBACK.RESPONDED_AT, FEEDBACK.CONSENT_TO_PUBLISH,
                DSL.field(FEEDBACK.CUSTOMER_NAME.isNotNull()).as("has_name")));
        return f;
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

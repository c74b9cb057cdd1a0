package io.loopboard.stories;

import static io.loopboard.store.generated.Tables.IMPROVEMENT;
import static io.loopboard.store.generated.Tables.IMPROVEMENT_FEEDBACK;
import static io.loopboard.store.generated.Tables.IMPROVEMENT_IMAGE;
import static io.loopboard.store.generated.Tables.IMPROVEMENT_SETTING;

import io.loopboard.core.Refusal;
import io.loopboard.curation.QuoteStore;
import io.loopboard.feedback.FeedbackStore;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.ImprovementRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The read side of published stories, shared by the improvements board, its Atom feed and the
 * story slides. The only customer text it reads is the display text of approved quotes; the
 * feedback table is touched only to count and join, never for names, e-mails or comments.
 */
public final class BoardService {

    public static final String BOARD_OPEN = "board_open";

    private final Database db;
    private final Clock clock;

    public BoardService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Filters of the board; null means "any". */
    public record Filter(String team, String status, String touchpoint, String search) {
        public static final Filter ALL = new Filter(null, null, null, null);
    }

    /** Published stories, newest first, matching the filter. Search is case-insensitive over the story and its quotes. */
    public List<StoryViews.BoardStory> list(Filter f, int limit) {
        Condition c = IMPROVEMENT.STATE.eq("published");
        if (f.team() != null) {
            c = c.and(IMPROVEMENT.TEAM.eq(f.team()));
        }
        if (f.status() != null) {
            c = c.and(IMPROVEMENT.STATUS.eq(f.status()));
        }
        if (f.touchpoint() != null) {
            c = c.and(IMPROVEMENT.TOUCHPOINT.eq(f.touchpoint()));
        }
        List<StoryViews.BoardStory> out = new ArrayList<>();
        for (ImprovementRecord r : db.dsl().selectFrom(IMPROVEMENT).where(c)
                .orderBy(IMPROVEMENT.PUBLISHED_AT.desc(), IMPROVEMENT.ID.desc()).fetch()) {
            StoryViews.BoardStory s = view(r);
            // Matching in Java keeps "ö" and "Ö" equal on SQLite too, whose LOWER() is ASCII-only.
            if (f.search() == null || matches(s, f.search())) {
                out.add(s);
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    public StoryViews.BoardStory get(int id) {
        ImprovementRecord r = db.dsl().selectFrom(IMPROVEMENT)
                .where(IMPROVEMENT.ID.eq(id).and(IMPROVEMENT.STATE.eq("published"))).fetchOne();
        if (r == null) {
            throw Refusal.notFound("story " + id);
        }
        return view(r);
    }

    /** Distinct teams and touchpoints of published stories, for the board's filter menus. */
    public Map<String, List<String>> facets() {
        Condition published = IMPROVEMENT.STATE.eq("published");
        return Map.of(
                "teams", db.dsl().selectDistinct(IMPROVEMENT.TEAM).from(IMPROVEMENT)
                        .where(published.and(IMPROVEMENT.TEAM.isNotNull())).orderBy(IMPROVEMENT.TEAM).fetch(IMPROVEMENT.TEAM),
                "touchpoints", db.dsl().selectDistinct(IMPROVEMENT.TOUCHPOINT).from(IMPROVEMENT)
                        .where(published.and(IMPROVEMENT.TOUCHPOINT.isNotNull())).orderBy(IMPROVEMENT.TOUCHPOINT)
                        .fetch(IMPROVEMENT.TOUCHPOINT));
    }

    public boolean isOpen() {
        return "true".equals(db.dsl().select(IMPROVEMENT_SETTING.VALUE).from(IMPROVEMENT_SETTING)
                .where(IMPROVEMENT_SETTING.NAME.eq(BOARD_OPEN)).fetchOne(IMPROVEMENT_SETTING.VALUE));
    }

    /** Whether a request without login may read the route at {@code path} now (see {@code AccessControl}). */
    public boolean admitsAnonymous(String path) {
        boolean boardRoute = path.equals("/improvements") || path.startsWith("/improvements/")
                || path.equals("/improvements.atom") || path.startsWith("/api/v1/improvements");
        return boardRoute && !path.startsWith("/api/v1/improvements/settings") && isOpen();
    }

    public boolean setOpen(boolean open, String actor) {
        long now = clock.now();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            boolean before = "true".equals(tx.select(IMPROVEMENT_SETTING.VALUE).from(IMPROVEMENT_SETTING)
                    .where(IMPROVEMENT_SETTING.NAME.eq(BOARD_OPEN)).fetchOne(IMPROVEMENT_SETTING.VALUE));
            tx.insertInto(IMPROVEMENT_SETTING)
                    .set(IMPROVEMENT_SETTING.NAME, BOARD_OPEN)
                    .set(IMPROVEMENT_SETTING.VALUE, String.valueOf(open))
                    .onConflict(IMPROVEMENT_SETTING.NAME).doUpdate().set(IMPROVEMENT_SETTING.VALUE, String.valueOf(open))
                    .execute();
            AuditLog.record(tx, now, actor, "board.settings", "improvement_setting", BOARD_OPEN,
                    Map.of("open", before), Map.of("open", open));
            return null;
        });
        return open;
    }

    /** Approved quotes linked to a story, oldest link first; only their moderated text. */
    public List<StoryViews.Quote> quotes(int storyId, int limit) {
        List<Integer> linked = StoryService.linkedFeedback(db.dsl(), storyId);
        Map<Integer, QuoteStore.Brief> quotes = QuoteStore.briefsByFeedback(db.dsl(), linked);
        List<QuoteStore.Brief> approved = linked.stream().map(quotes::get)
                .filter(q -> q != null && "approved".equals(q.status())).limit(limit).toList();
        Map<Integer, FeedbackStore.Context> context = FeedbackStore.contexts(db.dsl(),
                approved.stream().map(QuoteStore.Brief::feedbackId).toList());
        return approved.stream().filter(q -> context.containsKey(q.feedbackId()))
                .map(q -> new StoryViews.Quote(q.id(), q.displayText(), q.attribution(), context.get(q.feedbackId()).language()))
                .toList();
    }

    private StoryViews.BoardStory view(ImprovementRecord r) {
        int mentions = db.dsl().fetchCount(IMPROVEMENT_FEEDBACK, IMPROVEMENT_FEEDBACK.IMPROVEMENT_ID.eq(r.getId()));
        boolean image = db.dsl().fetchExists(IMPROVEMENT_IMAGE, IMPROVEMENT_IMAGE.IMPROVEMENT_ID.eq(r.getId()));
        return new StoryViews.BoardStory(r.getId(), r.getTitle(), r.getProblem(), r.getRootCause(), r.getAction(),
                r.getEffect(), r.getTeam(), r.getOwner(), r.getTouchpoint(), r.getStatus(), r.getStartedOn(),
                r.getDoneOn(), Optional.ofNullable(r.getPublishedAt()).orElse(r.getUpdatedAt()), r.getUpdatedAt(),
                mentions, quotes(r.getId(), 50), image);
    }

    private static boolean matches(StoryViews.BoardStory s, String search) {
        String needle = search.toLowerCase(Locale.ROOT);
        String hay = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(s.title(), s.problem(), s.rootCause(), s.action(), s.effect(),
                                s.team(), s.owner(), s.touchpoint()),
                        s.quotes().stream().map(StoryViews.Quote::text))
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.joining("\n")).toLowerCase(Locale.ROOT);
        return hay.contains(needle);
    }
}

package io.loopboard.stories;

import static io.loopboard.store.generated.Tables.IMPROVEMENT;
import static io.loopboard.store.generated.Tables.IMPROVEMENT_FEEDBACK;
import static io.loopboard.store.generated.Tables.IMPROVEMENT_IMAGE;

import io.loopboard.core.Refusal;
import io.loopboard.core.TextRules;
import io.loopboard.curation.QuoteStore;
import io.loopboard.feedback.FeedbackStore;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.ImprovementRecord;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Improvement stories ("you said, we did"): authoring, publishing, archiving and linking the
 * feedback that prompted them. Every change commits with its audit row; a change to a story
 * that is (or was) published announces a content change to every channel after the commit.
 */
public final class StoryService {

    public static final Set<String> STATUSES = Set.of("planned", "in_progress", "done");
    public static final int MAX_TITLE = 140;
    public static final int MAX_TEXT = 2000;
    public static final int MAX_NAME = 100;
    /** One story answers at most this many pieces of feedback per link request. */
    public static final int MAX_LINKS_PER_REQUEST = 500;

    /** Editable fields: JSON name → column. */
    static final Map<String, Field<String>> FIELDS = fields();

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;

    public StoryService(Database db, Clock clock, ContentEvents events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    private static Map<String, Field<String>> fields() {
        Map<String, Field<String>> m = new LinkedHashMap<>();
        m.put("title", IMPROVEMENT.TITLE);
        m.put("problem", IMPROVEMENT.PROBLEM);
        m.put("rootCause", IMPROVEMENT.ROOT_CAUSE);
        m.put("action", IMPROVEMENT.ACTION);
        m.put("effect", IMPROVEMENT.EFFECT);
        m.put("team", IMPROVEMENT.TEAM);
        m.put("owner", IMPROVEMENT.OWNER);
        m.put("touchpoint", IMPROVEMENT.TOUCHPOINT);
        m.put("status", IMPROVEMENT.STATUS);
        m.put("startedOn", IMPROVEMENT.STARTED_ON);
        m.put("doneOn", IMPROVEMENT.DONE_ON);
        return m;
    }

    /** Checks one field's value and returns it cleaned (stripped, blank → null). */
    static String clean(String field, String value) {
        if (value == null || value.isBlank()) {
            if (field.equals("title")) {
                throw Refusal.invalid(field, "must not be blank");
            }
            if (field.equals("status")) {
                throw Refusal.invalid(field, "must be one of planned, in_progress, done");
            }
            return null;
        }
        String v = value.strip();
        String problem = switch (field) {
            case "title" -> TextRules.problem(v, MAX_TITLE, false);
            case "problem", "rootCause", "action", "effect" -> TextRules.problem(v, MAX_TEXT, true);
            case "team", "owner", "touchpoint" -> TextRules.problem(v, MAX_NAME, false);
            case "status" -> STATUSES.contains(v) ? null : "must be one of planned, in_progress, done";
            case "startedOn", "doneOn" -> isDate(v) ? null : "must be a date like 2026-11-02";
            default -> "unknown field";
        };
        if (problem != null) {
            throw Refusal.invalid(field, problem);
        }
        return v;
    }

    private static boolean isDate(String v) {
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public StoryViews.Story create(Map<String, String> input, String actor) {
        if (!input.containsKey("title")) {
            throw Refusal.invalid("title", "is required");
        }
        long now = clock.now();
        int id = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            var insert = tx.insertInto(IMPROVEMENT)
                    .set(IMPROVEMENT.CREATED_BY, actor)
                    .set(IMPROVEMENT.CREATED_AT, now)
                    .set(IMPROVEMENT.UPDATED_AT, now);
            for (var e : input.entrySet()) {
                insert = insert.set(FIELDS.get(e.getKey()), clean(e.getKey(), e.getValue()));
            }
            int newId = insert.returning(IMPROVEMENT.ID).fetchOne(IMPROVEMENT.ID);
            AuditLog.record(tx, now, actor, "story.create", "improvement", newId, null,
                    snapshot(tx.selectFrom(IMPROVEMENT).where(IMPROVEMENT.ID.eq(newId)).fetchOne()));
            return newId;
        });
        return get(id);
    }

    /** Changes the fields present in {@code input}; a published story reaches screens again. */
    public StoryViews.Story update(int id, Map<String, String> input, String actor) {
        Map<String, String> cleaned = new LinkedHashMap<>();
        input.forEach((k, v) -> cleaned.put(k, clean(k, v)));
        return change(id, "update", actor, r -> cleaned.forEach((k, v) -> r.set(FIELDS.get(k), v)));
    }

    public StoryViews.Story publish(int id, String actor) {
        return change(id, "publish", actor, r -> {
            if (!"published".equals(r.getState())) {
                r.setPublishedAt(clock.now());
            }
            r.setState("published");
        });
    }

    public StoryViews.Story archive(int id, String actor) {
        return change(id, "archive", actor, r -> r.setState("archived"));
    }

    private StoryViews.Story change(int id, String action, String actor, java.util.function.Consumer<ImprovementRecord> edit) {
        long now = clock.now();
        boolean onAir = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            ImprovementRecord r = load(tx, id);
            Map<String, Object> before = snapshot(r);
            boolean wasPublished = "published".equals(r.getState());
            edit.accept(r);
            r.setUpdatedAt(now);
            r.store();
            AuditLog.record(tx, now, actor, "story." + action, "improvement", id, before, snapshot(r));
            return wasPublished || "published".equals(r.getState());
        });
        if (onAir) {
            events.publish(ContentEvents.Change.allChannels());
        }
        return get(id);
    }

    /**
     * Links feedback to a story in one step, named by quote ids (from the moderation queue) or
     * feedback ids. Linking twice is harmless. Unknown ids are a 400 naming the field.
     */
    public StoryViews.Story link(int id, Collection<Integer> quoteIds, Collection<Integer> feedbackIds, String actor) {
        if (quoteIds.size() + feedbackIds.size() > MAX_LINKS_PER_REQUEST) {
            throw Refusal.invalid("quoteIds", "at most " + MAX_LINKS_PER_REQUEST + " ids per request");
        }
        long now = clock.now();
        boolean onAir = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            ImprovementRecord r = load(tx, id);
            Set<Integer> wanted = new LinkedHashSet<>();
            if (!quoteIds.isEmpty()) {
                Map<Integer, Integer> byQuote = QuoteStore.feedbackOf(tx, quoteIds);
                for (Integer q : quoteIds) {
                    if (!byQuote.containsKey(q)) {
                        throw Refusal.invalid("quoteIds", "no quote " + q);
                    }
                    wanted.add(byQuote.get(q));
                }
            }
            if (!feedbackIds.isEmpty()) {
                Set<Integer> known = FeedbackStore.existing(tx, feedbackIds);
                for (Integer f : feedbackIds) {
                    if (!known.contains(f)) {
                        throw Refusal.invalid("feedbackIds", "no feedback " + f);
                    }
                    wanted.add(f);
                }
            }
            List<Integer> added = new ArrayList<>();
            for (Integer f : wanted) {
                int n = tx.insertInto(IMPROVEMENT_FEEDBACK)
                        .set(IMPROVEMENT_FEEDBACK.IMPROVEMENT_ID, id)
                        .set(IMPROVEMENT_FEEDBACK.FEEDBACK_ID, f)
                        .set(IMPROVEMENT_FEEDBACK.LINKED_BY, actor)
                        .set(IMPROVEMENT_FEEDBACK.LINKED_AT, now)
                        .onConflictDoNothing()
                        .execute();
                if (n > 0) {
                    added.add(f);
                }
            }
            if (!added.isEmpty()) {
                r.setUpdatedAt(now);
                r.store();
                AuditLog.record(tx, now, actor, "story.link", "improvement", id, null, Map.of("feedbackIds", added));
            }
            return !added.isEmpty() && "published".equals(r.getState());
        });
        if (onAir) {
            events.publish(ContentEvents.Change.allChannels());
        }
        return get(id);
    }

    public StoryViews.Story unlink(int id, Collection<Integer> feedbackIds, String actor) {
        long now = clock.now();
        boolean onAir = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            ImprovementRecord r = load(tx, id);
            int n = tx.deleteFrom(IMPROVEMENT_FEEDBACK)
                    .where(IMPROVEMENT_FEEDBACK.IMPROVEMENT_ID.eq(id).and(IMPROVEMENT_FEEDBACK.FEEDBACK_ID.in(feedbackIds)))
                    .execute();
            if (n == 0) {
                return false;
            }
            r.setUpdatedAt(now);
            r.store();
            AuditLog.record(tx, now, actor, "story.unlink", "improvement", id, Map.of("feedbackIds", feedbackIds), null);
            return "published".equals(r.getState());
        });
        if (onAir) {
            events.publish(ContentEvents.Change.allChannels());
        }
        return get(id);
    }

    public List<StoryViews.Story> list() {
        return db.dsl().select(IMPROVEMENT.ID).from(IMPROVEMENT)
                .orderBy(IMPROVEMENT.UPDATED_AT.desc(), IMPROVEMENT.ID.desc())
                .fetch(IMPROVEMENT.ID).stream().map(this::get).toList();
    }

    public StoryViews.Story get(int id) {
        DSLContext dsl = db.dsl();
        ImprovementRecord r = load(dsl, id);
        List<Integer> linked = linkedFeedback(dsl, id);
        Map<Integer, FeedbackStore.Context> context = FeedbackStore.contexts(dsl, linked);
        Map<Integer, QuoteStore.Brief> quotes = QuoteStore.briefsByFeedback(dsl, linked);
        List<StoryViews.Link> links = linked.stream().filter(context::containsKey).map(f -> {
            QuoteStore.Brief q = quotes.get(f);
            return new StoryViews.Link(f, q == null ? null : q.id(), q == null ? null : q.status(),
                    q == null ? null : q.displayText(), context.get(f).touchpoint());
        }).toList();
        StoryViews.Image image = dsl.selectFrom(IMPROVEMENT_IMAGE).where(IMPROVEMENT_IMAGE.IMPROVEMENT_ID.eq(id))
                .fetchOptional()
                .map(i -> new StoryViews.Image(i.getContentType(), i.getByteSize(), i.getWidth(), i.getHeight()))
                .orElse(null);
        return new StoryViews.Story(r.getId(), r.getTitle(), r.getProblem(), r.getRootCause(), r.getAction(),
                r.getEffect(), r.getTeam(), r.getOwner(), r.getTouchpoint(), r.getStatus(), r.getState(),
                r.getStartedOn(), r.getDoneOn(), r.getPublishedAt(), r.getCreatedAt(), r.getUpdatedAt(),
                links.size(), links, image);
    }

    /**
     * Feedback worth linking: not linked yet, with a comment, sharing the story's touchpoint or
     * words of its title and problem. Ranked by shared words, touchpoint breaking ties.
     */
    public List<StoryViews.Suggestion> suggestions(int id, int limit) {
        ImprovementRecord r = load(db.dsl(), id);
        Set<String> words = Words.significant(String.join(" ",
                nz(r.getTitle()), nz(r.getProblem()), nz(r.getRootCause()), nz(r.getAction())));
        var linked = DSL.select(IMPROVEMENT_FEEDBACK.FEEDBACK_ID).from(IMPROVEMENT_FEEDBACK)
                .where(IMPROVEMENT_FEEDBACK.IMPROVEMENT_ID.eq(id));
        // Candidates are the newest quotes not rejected; ranking happens here, in Java, because
        // word overlap in SQL would differ between SQLite and PostgreSQL.
        List<QuoteStore.Brief> candidates = QuoteStore.newestNotRejected(db.dsl(), linked, 2000);
        Map<Integer, FeedbackStore.Context> context = FeedbackStore.contexts(db.dsl(),
                candidates.stream().map(QuoteStore.Brief::feedbackId).toList());
        List<StoryViews.Suggestion> ranked = new ArrayList<>();
        for (QuoteStore.Brief q : candidates) {
            FeedbackStore.Context fc = context.get(q.feedbackId());
            if (fc == null) {
                continue;
            }
            int score = Words.overlap(words, Words.significant(q.displayText()));
            boolean sameTouchpoint = r.getTouchpoint() != null && r.getTouchpoint().equalsIgnoreCase(nz(fc.touchpoint()));
            int total = score * 2 + (sameTouchpoint ? 1 : 0);
            if (total > 0) {
                ranked.add(new StoryViews.Suggestion(q.feedbackId(), q.id(), q.status(), q.displayText(), fc.touchpoint(), total));
            }
        }
        ranked.sort((a, b) -> Integer.compare(b.score(), a.score()));
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    /** The feedback linked to a story, oldest link first. */
    static List<Integer> linkedFeedback(DSLContext dsl, int storyId) {
        return dsl.select(IMPROVEMENT_FEEDBACK.FEEDBACK_ID).from(IMPROVEMENT_FEEDBACK)
                .where(IMPROVEMENT_FEEDBACK.IMPROVEMENT_ID.eq(storyId))
                .orderBy(IMPROVEMENT_FEEDBACK.LINKED_AT, IMPROVEMENT_FEEDBACK.FEEDBACK_ID)
                .fetch(IMPROVEMENT_FEEDBACK.FEEDBACK_ID);
    }

    static ImprovementRecord load(DSLContext dsl, int id) {
        ImprovementRecord r = dsl.selectFrom(IMPROVEMENT).where(IMPROVEMENT.ID.eq(id)).fetchOne();
        if (r == null) {
            throw Refusal.notFound("story " + id);
        }
        return r;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, Object> snapshot(ImprovementRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        FIELDS.forEach((name, column) -> m.put(name, r.get(column)));
        m.put("state", r.getState());
        return m;
    }
}

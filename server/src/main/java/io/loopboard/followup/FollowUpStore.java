package io.loopboard.followup;

import static io.loopboard.store.generated.Tables.FOLLOWUP_CASE;
import static io.loopboard.store.generated.Tables.FOLLOWUP_RULE;
import static io.loopboard.store.generated.Tables.FOLLOWUP_SETTING;
import static io.loopboard.store.generated.Tables.FOLLOWUP_STORY_NOTICE;

import io.loopboard.auth.UserStore;
import io.loopboard.core.Json;
import io.loopboard.feedback.FeedbackStore;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.FollowupCaseRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The follow-up feature's tables and every query on them: cases, owner rules, the programme's
 * settings and the record of which customers were told about which story. The answer a case is
 * about and its owner's name come from their own features ({@link FeedbackStore}, {@link UserStore}).
 */
public final class FollowUpStore {

    /** One case as the inbox shows it: the answer, the follow-up, never the customer's contact details. */
    public record CaseView(int id, int feedbackId, List<String> reasons, int priority, boolean critic, Integer score,
                           String scoreType, String comment, String language, String touchpoint, String location,
                           long answeredAt, long openedAt, long dueAt, boolean overdue, Integer ownerId, String ownerName,
                           String contactWay, String status, Long firstContactAt, Long closedAt, String outcome,
                           String cause, Integer improvementId, boolean hasContact, boolean consentToContact,
                           long updatedAt) {
    }

    /** Who to contact: shown to moderators and administrators only, each look audited. */
    public record Contact(String name, String email, String phone, String language) {
    }

    /** An owner rule: new cases whose touchpoint and location match (when set) go to the owner. */
    public record Rule(int id, String touchpoint, String location, int ownerId, String ownerName) {
    }

    /** An answer the ingest path found to need a case; looked up by its (source, external id). */
    public record Candidate(String source, String externalId, Triggers.Verdict verdict, boolean consent, String phone,
                            Long respondedAt, String touchpoint, String location) {
    }

    /** A customer who may be told about a story: they consented to be contacted and left an e-mail. */
    public record Recipient(int feedbackId, String name, String email, String language, Long toldAt) {
    }

    /** A case the reminder loop mails about. */
    public record Due(int id, Integer score, String scoreType, String touchpoint, String location, long dueAt,
                      Integer ownerId, String ownerEmail, String ownerName, String status) {
    }

    /** Answers older than this when they arrive open no case. */
    public static final long MAX_AGE_MILLIS = 30L * 86_400_000L;
    private static final String PROGRAMME = "programme";
    private static final String SWEPT = "swept_feedback_id";
    private static final String LAST_DIGEST = "last_digest_day";
    private static final int SLICE = 500;
    private static final Set<String> OPEN = Set.of("new", "contacted");

    private final Database db;

    public FollowUpStore(Database db) {
        this.db = db;
    }

    public Database db() {
        return db;
    }

    // ------------------------------------------------------------------ settings

    public FollowUpSettings settings(DSLContext ctx) {
        String json = ctx.select(FOLLOWUP_SETTING.VALUE).from(FOLLOWUP_SETTING)
                .where(FOLLOWUP_SETTING.NAME.eq(PROGRAMME)).fetchOne(FOLLOWUP_SETTING.VALUE);
        if (json == null) {
            return FollowUpSettings.defaults();
        }
        try {
            return Json.MAPPER.readValue(json, FollowUpSettings.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable follow-up settings in the store", e);
        }
    }

    public void saveSettings(DSLContext tx, FollowUpSettings s) {
        put(tx, PROGRAMME, Json.write(s));
    }

    public String lastDigestDay(DSLContext ctx) {
        return ctx.select(FOLLOWUP_SETTING.VALUE).from(FOLLOWUP_SETTING)
                .where(FOLLOWUP_SETTING.NAME.eq(LAST_DIGEST)).fetchOne(FOLLOWUP_SETTING.VALUE);
    }

    /**
     * Marks the digest of {@code day} as sent unless it already was (by this or another node);
     * true when this call did. One conditional statement each way, so two nodes cannot both win.
     */
    public boolean claimDigest(DSLContext tx, String day) {
        int updated = tx.update(FOLLOWUP_SETTING).set(FOLLOWUP_SETTING.VALUE, day)
                .where(FOLLOWUP_SETTING.NAME.eq(LAST_DIGEST).and(FOLLOWUP_SETTING.VALUE.ne(day))).execute();
        if (updated == 1) {
            return true;
        }
        return tx.insertInto(FOLLOWUP_SETTING).set(FOLLOWUP_SETTING.NAME, LAST_DIGEST).set(FOLLOWUP_SETTING.VALUE, day)
                .onConflictDoNothing().execute() == 1;
    }

    public void unclaimDigest(DSLContext tx, String previous) {
        if (previous == null) {
            tx.deleteFrom(FOLLOWUP_SETTING).where(FOLLOWUP_SETTING.NAME.eq(LAST_DIGEST)).execute();
        } else {
            put(tx, LAST_DIGEST, previous);
        }
    }

    private static void put(DSLContext tx, String name, String value) {
        tx.insertInto(FOLLOWUP_SETTING).set(FOLLOWUP_SETTING.NAME, name).set(FOLLOWUP_SETTING.VALUE, value)
                .onConflict(FOLLOWUP_SETTING.NAME).doUpdate().set(FOLLOWUP_SETTING.VALUE, value).execute();
    }

    // ------------------------------------------------------------------ rules

    public List<Rule> rules(DSLContext ctx) {
        var rules = ctx.selectFrom(FOLLOWUP_RULE).orderBy(FOLLOWUP_RULE.ID).fetch();
        Map<Integer, UserStore.Person> owners = UserStore.people(ctx, rules.stream().map(r -> r.getOwnerId()).toList());
        // a rule lives as long as its owner's account
        return rules.stream().filter(r -> owners.containsKey(r.getOwnerId()))
                .map(r -> new Rule(r.getId(), r.getTouchpoint(), r.getLocation(), r.getOwnerId(), owners.get(r.getOwnerId()).name()))
                .toList();
    }

    public int addRule(DSLContext tx, String touchpoint, String location, int ownerId, String actor, long now) {
        return tx.insertInto(FOLLOWUP_RULE).set(FOLLOWUP_RULE.TOUCHPOINT, touchpoint).set(FOLLOWUP_RULE.LOCATION, location)
                .set(FOLLOWUP_RULE.OWNER_ID, ownerId).set(FOLLOWUP_RULE.CREATED_BY, actor).set(FOLLOWUP_RULE.CREATED_AT, now)
                .returning(FOLLOWUP_RULE.ID).fetchOne(FOLLOWUP_RULE.ID);
    }

    public boolean deleteRule(DSLContext tx, int id) {
        return tx.deleteFrom(FOLLOWUP_RULE).where(FOLLOWUP_RULE.ID.eq(id)).execute() == 1;
    }

    /** The owner the most specific matching rule names (touchpoint and location both set beat one set beats none). */
    static Integer ownerFor(List<Rule> rules, String touchpoint, String location) {
        Rule best = null;
        int bestScore = -1;
        for (Rule r : rules) {
            if (r.touchpoint() != null && !r.touchpoint().equalsIgnoreCase(touchpoint == null ? "" : touchpoint)) {
                continue;
            }
            if (r.location() != null && !r.location().equalsIgnoreCase(location == null ? "" : location)) {
                continue;
            }
            int score = (r.touchpoint() != null ? 2 : 0) + (r.location() != null ? 1 : 0);
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        return best == null ? null : best.ownerId();
    }

    // ------------------------------------------------------------------ opening cases (inside ingest's transaction)

    /** Opens a case for each candidate that has none yet; returns how many were opened. */
    public int open(DSLContext tx, List<Candidate> candidates, FollowUpSettings settings, long now) {
        if (candidates.isEmpty()) {
            return 0;
        }
        List<Rule> rules = rules(tx);
        Map<String, Map<String, Candidate>> bySource = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            bySource.computeIfAbsent(c.source(), s -> new LinkedHashMap<>()).put(c.externalId(), c);
        }
        int opened = 0;
        for (var entry : bySource.entrySet()) {
            List<String> ids = new ArrayList<>(entry.getValue().keySet());
            for (int from = 0; from < ids.size(); from += SLICE) {
                List<String> slice = ids.subList(from, Math.min(ids.size(), from + SLICE));
                Map<String, Integer> feedbackIds = FeedbackStore.idsByExternal(tx, entry.getKey(), slice);
                List<org.jooq.Query> inserts = new ArrayList<>();
                Set<Integer> withCase = new HashSet<>(tx.select(FOLLOWUP_CASE.FEEDBACK_ID).from(FOLLOWUP_CASE)
                        .where(FOLLOWUP_CASE.FEEDBACK_ID.in(feedbackIds.values())).fetch(FOLLOWUP_CASE.FEEDBACK_ID));
                for (String externalId : slice) {
                    Integer feedbackId = feedbackIds.get(externalId);
                    if (feedbackId == null || withCase.contains(feedbackId)) {
                        continue;
                    }
                    Candidate c = entry.getValue().get(externalId);
                    // an answer's own time when the survey tool sent it; else when it reached us
                    long answered = c.respondedAt() != null && c.respondedAt() <= now ? c.respondedAt() : now;
                    if (answered < now - MAX_AGE_MILLIS) {
                        continue; // an old answer arriving late (a history import): a call now would help nobody
                    }
                    inserts.add(tx.insertInto(FOLLOWUP_CASE)
                            .set(FOLLOWUP_CASE.FEEDBACK_ID, feedbackId)
                            .set(FOLLOWUP_CASE.REASONS, String.join(",", c.verdict().reasons()))
                            .set(FOLLOWUP_CASE.PRIORITY, c.verdict().priority())
                            .set(FOLLOWUP_CASE.CRITIC, c.verdict().critic() ? 1 : 0)
                            .set(FOLLOWUP_CASE.CONSENT_TO_CONTACT, c.consent() ? 1 : 0)
                            .set(FOLLOWUP_CASE.PHONE, c.phone())
                            .set(FOLLOWUP_CASE.ANSWERED_AT, answered)
                            .set(FOLLOWUP_CASE.OPENED_AT, now)
                            .set(FOLLOWUP_CASE.DUE_AT, answered + settings.dueMillis())
                            .set(FOLLOWUP_CASE.OWNER_ID, ownerFor(rules, c.touchpoint(), c.location()))
                            .set(FOLLOWUP_CASE.UPDATED_AT, now)
                            .onConflictDoNothing());
                }
                if (!inserts.isEmpty()) {
                    // one JDBC batch per slice, as ingest writes its rows
                    for (int n : tx.batch(inserts).execute()) {
                        opened += Math.max(n, 0);
                    }
                }
            }
        }
        return opened;
    }

    // ------------------------------------------------------------------ the sweep (answers stored by other paths)

    /** An answer as the sweep reads it, in id order. */
    public record Stored(int id, String source, String externalId, Integer score, String scoreType, String comment,
                         String language, String payload, Long respondedAt, long receivedAt, String touchpoint,
                         String location, boolean hasCase) {
    }

    /** The highest feedback id the sweep has looked at; null before its first start. */
    public Integer sweepMark(DSLContext ctx) {
        String v = ctx.select(FOLLOWUP_SETTING.VALUE).from(FOLLOWUP_SETTING).where(FOLLOWUP_SETTING.NAME.eq(SWEPT))
                .fetchOne(FOLLOWUP_SETTING.VALUE);
        return v == null ? null : Integer.valueOf(v);
    }

    /** On the sweep's first start: it begins after the newest answer (the history before it opens no cases). */
    public void initSweepMark(DSLContext tx) {
        if (sweepMark(tx) != null) {
            return;
        }
        put(tx, SWEPT, String.valueOf(FeedbackStore.latestId(tx)));
    }

    public void setSweepMark(DSLContext tx, int id) {
        put(tx, SWEPT, String.valueOf(id));
    }

    /** Up to {@code limit} answers after {@code mark}, by id (the primary key: a range read, however large the table). */
    public List<Stored> after(int mark, int limit) {
        List<FeedbackStore.Answer> answers = FeedbackStore.after(db.dsl(), mark, limit);
        Set<Integer> withCase = answers.isEmpty() ? Set.of() : new HashSet<>(db.dsl().select(FOLLOWUP_CASE.FEEDBACK_ID)
                .from(FOLLOWUP_CASE).where(FOLLOWUP_CASE.FEEDBACK_ID.in(answers.stream().map(FeedbackStore.Answer::id).toList()))
                .fetch(FOLLOWUP_CASE.FEEDBACK_ID));
        return answers.stream().map(a -> new Stored(a.id(), a.source(), a.externalId(), a.score(), a.scoreType(), a.comment(),
                a.language(), a.payload(), a.respondedAt(), a.receivedAt(), a.touchpoint(), a.location(),
                withCase.contains(a.id()))).toList();
    }

    // ------------------------------------------------------------------ the inbox

    /** The answers the cases are about, by feedback id (from the feedback feature). */
    private static Map<Integer, FeedbackStore.Answer> answersOf(DSLContext ctx, List<FollowupCaseRecord> cases) {
        return FeedbackStore.answers(ctx, cases.stream().map(FollowupCaseRecord::getFeedbackId).toList());
    }

    /** The cases' owners, by user id (from the auth feature). */
    private static Map<Integer, UserStore.Person> ownersOf(DSLContext ctx, List<FollowupCaseRecord> cases) {
        return UserStore.people(ctx, cases.stream().map(FollowupCaseRecord::getOwnerId).filter(java.util.Objects::nonNull).toList());
    }

    /** The cases as the inbox shows them, in the given order; a case whose answer is gone is left out. */
    private static List<CaseView> views(DSLContext ctx, List<FollowupCaseRecord> cases, long now) {
        Map<Integer, FeedbackStore.Answer> answers = answersOf(ctx, cases);
        Map<Integer, UserStore.Person> owners = ownersOf(ctx, cases);
        List<CaseView> views = new ArrayList<>();
        for (FollowupCaseRecord c : cases) {
            FeedbackStore.Answer a = answers.get(c.getFeedbackId());
            if (a != null) {
                UserStore.Person owner = c.getOwnerId() == null ? null : owners.get(c.getOwnerId());
                views.add(view(c, a, owner == null ? null : owner.name(), now));
            }
        }
        return views;
    }

    private static CaseView view(FollowupCaseRecord c, FeedbackStore.Answer a, String ownerName, long now) {
        String status = c.getStatus();
        long due = c.getDueAt();
        return new CaseView(c.getId(), c.getFeedbackId(), List.of(c.getReasons().split(",")), c.getPriority(),
                c.getCritic() == 1, a.score(), a.scoreType(), a.comment(), a.language(), a.touchpoint(), a.location(),
                c.getAnsweredAt(), c.getOpenedAt(), due, "new".equals(status) && due <= now,
                c.getOwnerId(), ownerName, c.getContactWay(), status, c.getFirstContactAt(), c.getClosedAt(), c.getOutcome(),
                c.getCause(), c.getImprovementId(),
                a.customerName() != null || a.customerEmail() != null || c.getPhone() != null,
                c.getConsentToContact() == 1, c.getUpdatedAt());
    }

    /**
     * The inbox: {@code status} "open" (new and contacted), "closed", "all" or one status;
     * {@code owner} a user id, or 0 for cases nobody owns, or null for everyone's. Open cases
     * come strongest critic first, then by due time; closed ones newest first.
     */
    public List<CaseView> list(String status, Integer owner, boolean overdueOnly, int limit, long now) {
        Condition c = switch (status) {
            case "open" -> FOLLOWUP_CASE.STATUS.in(OPEN);
            case "closed" -> FOLLOWUP_CASE.STATUS.in("resolved", "not_reached");
            case "all" -> DSL.noCondition();
            default -> FOLLOWUP_CASE.STATUS.eq(status);
        };
        if (owner != null) {
            c = c.and(owner == 0 ? FOLLOWUP_CASE.OWNER_ID.isNull() : FOLLOWUP_CASE.OWNER_ID.eq(owner));
        }
        if (overdueOnly) {
            c = c.and(FOLLOWUP_CASE.STATUS.eq("new")).and(FOLLOWUP_CASE.DUE_AT.le(now));
        }
        var order = "open".equals(status) || "new".equals(status) || "contacted".equals(status)
                ? List.of(FOLLOWUP_CASE.PRIORITY.asc(), FOLLOWUP_CASE.DUE_AT.asc(), FOLLOWUP_CASE.ID.asc())
                : List.of(FOLLOWUP_CASE.UPDATED_AT.desc(), FOLLOWUP_CASE.ID.desc());
        DSLContext ctx = db.dsl();
        return views(ctx, ctx.selectFrom(FOLLOWUP_CASE).where(c).orderBy(order).limit(limit).fetch(), now);
    }

    public java.util.Optional<CaseView> get(DSLContext ctx, int id, long now) {
        return views(ctx, ctx.selectFrom(FOLLOWUP_CASE).where(FOLLOWUP_CASE.ID.eq(id)).fetch(), now).stream().findFirst();
    }

    public java.util.Optional<Contact> contact(DSLContext ctx, int id) {
        return ctx.select(FOLLOWUP_CASE.FEEDBACK_ID, FOLLOWUP_CASE.PHONE).from(FOLLOWUP_CASE).where(FOLLOWUP_CASE.ID.eq(id))
                .fetchOptional()
                .flatMap(c -> java.util.Optional.ofNullable(FeedbackStore.answers(ctx, List.of(c.value1())).get(c.value1()))
                        .map(a -> new Contact(a.customerName(), a.customerEmail(), c.value2(), a.language())));
    }

    /** The cause tags used so far, most used first: the page offers them as suggestions. */
    public List<String> causes(int limit) {
        return db.dsl().select(FOLLOWUP_CASE.CAUSE).from(FOLLOWUP_CASE).where(FOLLOWUP_CASE.CAUSE.isNotNull())
                .groupBy(FOLLOWUP_CASE.CAUSE).orderBy(DSL.count().desc(), FOLLOWUP_CASE.CAUSE).limit(limit)
                .fetch(FOLLOWUP_CASE.CAUSE);
    }

    /** Writes the changed columns of a case; {@code changes} maps column names of the case to new values. */
    public void update(DSLContext tx, int id, Map<org.jooq.Field<?>, Object> changes, long now) {
        Map<org.jooq.Field<?>, Object> set = new LinkedHashMap<>(changes);
        set.put(FOLLOWUP_CASE.UPDATED_AT, now);
        tx.update(FOLLOWUP_CASE).set(set).where(FOLLOWUP_CASE.ID.eq(id)).execute();
    }

    /** A cheap marker of the inbox's state: it changes whenever a case is opened or changed (live updates poll it). */
    public String version() {
        Record r = db.dsl().select(DSL.count(), DSL.max(FOLLOWUP_CASE.UPDATED_AT), DSL.max(FOLLOWUP_CASE.ID))
                .from(FOLLOWUP_CASE).fetchOne();
        return r.get(0) + "-" + r.get(1) + "-" + r.get(2);
    }

    // ------------------------------------------------------------------ the key figure

    /** Critic cases answered since {@code since} whose window has closed or who were contacted; and how many in time. */
    public int[] contactedInTime(long since, long now) {
        Condition counted = FOLLOWUP_CASE.CRITIC.eq(1).and(FOLLOWUP_CASE.ANSWERED_AT.ge(since))
                .and(FOLLOWUP_CASE.DUE_AT.le(now).or(FOLLOWUP_CASE.FIRST_CONTACT_AT.isNotNull()));
        Record r = db.dsl().select(DSL.count(),
                        DSL.count().filterWhere(FOLLOWUP_CASE.FIRST_CONTACT_AT.le(FOLLOWUP_CASE.DUE_AT)))
                .from(FOLLOWUP_CASE).where(counted).fetchOne();
        return new int[] {r.get(0, Integer.class), r.get(1, Integer.class)};
    }

    // ------------------------------------------------------------------ reminders

    private List<Due> due(DSLContext ctx, Condition c) {
        var cases = ctx.selectFrom(FOLLOWUP_CASE).where(c)
                .orderBy(FOLLOWUP_CASE.PRIORITY, FOLLOWUP_CASE.DUE_AT, FOLLOWUP_CASE.ID).fetch();
        Map<Integer, FeedbackStore.Answer> answers = answersOf(ctx, cases);
        Map<Integer, UserStore.Person> owners = ownersOf(ctx, cases);
        List<Due> due = new ArrayList<>();
        for (FollowupCaseRecord r : cases) {
            FeedbackStore.Answer a = answers.get(r.getFeedbackId());
            if (a == null) {
                continue;
            }
            UserStore.Person owner = r.getOwnerId() == null ? null : owners.get(r.getOwnerId());
            due.add(new Due(r.getId(), a.score(), a.scoreType(), a.touchpoint(), a.location(), r.getDueAt(), r.getOwnerId(),
                    owner == null ? null : owner.email(), owner == null ? null : owner.name(), r.getStatus()));
        }
        return due;
    }

    /** Open cases whose owner has not been told about them yet, each marked as told in the same step. */
    public List<Due> claimAssignmentNotices(DSLContext tx) {
        List<Due> due = due(tx, FOLLOWUP_CASE.STATUS.in(OPEN).and(FOLLOWUP_CASE.OWNER_ID.isNotNull())
                .and(FOLLOWUP_CASE.OWNER_NOTIFIED_ID.isNull().or(FOLLOWUP_CASE.OWNER_NOTIFIED_ID.ne(FOLLOWUP_CASE.OWNER_ID))));
        List<Due> claimed = new ArrayList<>();
        for (Due d : due) {
            if (tx.update(FOLLOWUP_CASE).set(FOLLOWUP_CASE.OWNER_NOTIFIED_ID, d.ownerId())
                    .where(FOLLOWUP_CASE.ID.eq(d.id()).and(FOLLOWUP_CASE.OWNER_ID.eq(d.ownerId()))
                            .and(FOLLOWUP_CASE.OWNER_NOTIFIED_ID.isNull().or(FOLLOWUP_CASE.OWNER_NOTIFIED_ID.ne(d.ownerId()))))
                    .execute() == 1) {
                claimed.add(d);
            }
        }
        return claimed;
    }

    public void unclaimAssignmentNotice(DSLContext tx, int caseId) {
        tx.update(FOLLOWUP_CASE).set(FOLLOWUP_CASE.OWNER_NOTIFIED_ID, (Integer) null).where(FOLLOWUP_CASE.ID.eq(caseId)).execute();
    }

    /**
     * Uncontacted cases that passed their due time and whose CX lead has not heard about them,
     * marked as escalated in the same step. Cases that were overdue when they were opened (old
     * answers imported late) are not escalated: they wait in the inbox, marked overdue.
     */
    public List<Due> claimEscalations(DSLContext tx, long now) {
        List<Due> due = due(tx, FOLLOWUP_CASE.STATUS.eq("new").and(FOLLOWUP_CASE.DUE_AT.le(now))
                .and(FOLLOWUP_CASE.DUE_AT.gt(FOLLOWUP_CASE.OPENED_AT)).and(FOLLOWUP_CASE.ESCALATED_AT.isNull()));
        List<Due> claimed = new ArrayList<>();
        for (Due d : due) {
            // conditional, so that of two nodes looking at once only one escalates a case
            if (tx.update(FOLLOWUP_CASE).set(FOLLOWUP_CASE.ESCALATED_AT, now)
                    .where(FOLLOWUP_CASE.ID.eq(d.id()).and(FOLLOWUP_CASE.ESCALATED_AT.isNull())).execute() == 1) {
                claimed.add(d);
            }
        }
        return claimed;
    }

    public void unclaimEscalations(DSLContext tx, Collection<Integer> ids) {
        tx.update(FOLLOWUP_CASE).set(FOLLOWUP_CASE.ESCALATED_AT, (Long) null).where(FOLLOWUP_CASE.ID.in(ids)).execute();
    }

    /** Every open case, for the morning digest. */
    public List<Due> open(DSLContext ctx) {
        return due(ctx, FOLLOWUP_CASE.STATUS.in(OPEN));
    }

    // ------------------------------------------------------------------ telling the customers about a story

    /** Of the given feedback, those whose customer consented to be contacted and left an e-mail. */
    public List<Recipient> recipients(DSLContext ctx, int improvementId, Collection<Integer> feedbackIds) {
        if (feedbackIds.isEmpty()) {
            return List.of();
        }
        Map<Integer, Long> told = ctx.select(FOLLOWUP_CASE.FEEDBACK_ID, FOLLOWUP_STORY_NOTICE.SENT_AT).from(FOLLOWUP_CASE)
                .leftJoin(FOLLOWUP_STORY_NOTICE).on(FOLLOWUP_STORY_NOTICE.FEEDBACK_ID.eq(FOLLOWUP_CASE.FEEDBACK_ID)
                        .and(FOLLOWUP_STORY_NOTICE.IMPROVEMENT_ID.eq(improvementId)))
                .where(FOLLOWUP_CASE.FEEDBACK_ID.in(feedbackIds).and(FOLLOWUP_CASE.CONSENT_TO_CONTACT.eq(1)))
                .fetch().stream().collect(HashMap::new, (m, r) -> m.put(r.value1(), r.value2()), Map::putAll);
        Map<Integer, FeedbackStore.Answer> answers = FeedbackStore.answers(ctx, told.keySet());
        return new java.util.TreeSet<>(told.keySet()).stream().map(answers::get)
                .filter(a -> a != null && a.customerEmail() != null)
                .map(a -> new Recipient(a.id(), a.customerName(), a.customerEmail(), a.language(), told.get(a.id())))
                .toList();
    }

    /** Records that a customer was told; false when they already had been (by another request). */
    public boolean markTold(DSLContext tx, int improvementId, int feedbackId, String actor, long now) {
        return tx.insertInto(FOLLOWUP_STORY_NOTICE).set(FOLLOWUP_STORY_NOTICE.IMPROVEMENT_ID, improvementId)
                .set(FOLLOWUP_STORY_NOTICE.FEEDBACK_ID, feedbackId).set(FOLLOWUP_STORY_NOTICE.SENT_AT, now)
                .set(FOLLOWUP_STORY_NOTICE.SENT_BY, actor).onConflictDoNothing().execute() == 1;
    }

    public void unmarkTold(DSLContext tx, int improvementId, int feedbackId) {
        tx.deleteFrom(FOLLOWUP_STORY_NOTICE).where(FOLLOWUP_STORY_NOTICE.IMPROVEMENT_ID.eq(improvementId)
                .and(FOLLOWUP_STORY_NOTICE.FEEDBACK_ID.eq(feedbackId))).execute();
    }

    // ------------------------------------------------------------------ erasure

    /**
     * Removes every case of the given feedback, the audit rows that recorded those cases (their
     * outcomes and who looked at the contact details) and the record of stories they were told
     * about. Runs inside the erasure's transaction, before the feedback rows go.
     */
    public static int erase(DSLContext tx, Collection<Integer> feedbackIds) {
        if (feedbackIds.isEmpty()) {
            return 0;
        }
        List<String> caseIds = tx.select(FOLLOWUP_CASE.ID).from(FOLLOWUP_CASE).where(FOLLOWUP_CASE.FEEDBACK_ID.in(feedbackIds))
                .fetch(r -> String.valueOf(r.value1()));
        AuditLog.erase(tx, CASE_ENTITY, caseIds);
        tx.deleteFrom(FOLLOWUP_STORY_NOTICE).where(FOLLOWUP_STORY_NOTICE.FEEDBACK_ID.in(feedbackIds)).execute();
        return tx.deleteFrom(FOLLOWUP_CASE).where(FOLLOWUP_CASE.FEEDBACK_ID.in(feedbackIds)).execute();
    }

    /** How the audit log names a case. */
    public static final String CASE_ENTITY = "followup_case";
}

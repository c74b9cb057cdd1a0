package io.loopboard.followup;

import static io.loopboard.store.generated.Tables.FOLLOWUP_CASE;

import io.loopboard.auth.AuthService;
import io.loopboard.core.Refusal;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.stories.StoryService;
import io.loopboard.stories.StoryViews;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Closing the loop with customers: the follow-up inbox (a case per critic and per customer who
 * asked to be contacted), its owners and rules, the programme's settings, the key figure
 * "critics contacted within 48 h", and telling customers about the story that answers them.
 * Every change is audited; so is every look at a customer's contact details.
 */
public final class FollowUpService {

    public static final Set<String> STATUSES = Set.of("new", "contacted", "resolved", "not_reached");
    public static final Set<String> CONTACT_WAYS = Set.of("phone", "email", "meeting");
    public static final int MAX_OUTCOME = 2000;
    public static final int MAX_CAUSE = 60;
    /** The key figure's window. */
    public static final int FIGURE_DAYS = 30;

    /** A user who may own cases: an active moderator or administrator. */
    public record Owner(int id, String name, String email) {
    }

    /** What the CX lead or an owner changes on a case; a null field is left as it is, unless named in {@code cleared}. */
    public record Change(Integer ownerId, String contactWay, String status, String outcome, String cause,
                         Integer improvementId, Set<String> cleared) {
    }

    /**
     * "Critics contacted within 48 h, last 30 days: 94 % (n = 212)". {@code n} counts critic
     * cases answered in the window whose due time has passed or who were contacted already;
     * {@code percent} is null (and the figure hidden) below the minimum sample.
     */
    public record Figure(int days, int dueHours, int n, int inTime, Integer percent, int minSample, boolean shown) {
    }

    private final FollowUpStore store;
    private final Database db;
    private final Clock clock;
    private final AuthService auth;
    private final StoryService stories;

    public FollowUpService(FollowUpStore store, Clock clock, AuthService auth, StoryService stories) {
        this.store = store;
        this.db = store.db();
        this.clock = clock;
        this.auth = auth;
        this.stories = stories;
    }

    public FollowUpStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ settings, owners, rules

    public FollowUpSettings settings() {
        return store.settings(db.dsl());
    }

    public FollowUpSettings updateSettings(FollowUpSettings next, String actor) {
        validate(next);
        long now = clock.now();
        return db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            FollowUpSettings before = store.settings(tx);
            store.saveSettings(tx, next);
            AuditLog.record(tx, now, actor, "followup.settings", "followup_settings", null, before, next);
            return next;
        });
    }

    private static void validate(FollowUpSettings s) {
        if (s.dueHours() < 1 || s.dueHours() > 24 * 30) {
            throw Refusal.invalid("dueHours", "must be between 1 and 720");
        }
        if (s.digestHour() < 0 || s.digestHour() > 23) {
            throw Refusal.invalid("digestHour", "must be between 0 and 23");
        }
        if (s.minSample() < 1 || s.minSample() > 10_000) {
            throw Refusal.invalid("minSample", "must be between 1 and 10000");
        }
        try {
            ZoneId.of(s.timeZone());
        } catch (RuntimeException e) {
            throw Refusal.invalid("timeZone", "must be a time zone such as Europe/Stockholm");
        }
        if (s.cxLeadEmail() != null && !s.cxLeadEmail().matches("[^@\\s]{1,200}@[^@\\s]{1,200}")) {
            throw Refusal.invalid("cxLeadEmail", "is not an e-mail address");
        }
        for (var e : s.bands().entrySet()) {
            io.loopboard.feedback.ScoreType type = io.loopboard.feedback.ScoreType.parse(e.getKey());
            if (type == null || !type.name().equals(e.getKey())) {
                throw Refusal.invalid("bands." + e.getKey(), "unknown score type (NPS, CSAT or CES)");
            }
            FollowUpSettings.Band b = e.getValue();
            if (b.criticMax() < type.min - 1 || b.criticMax() > type.max) {
                throw Refusal.invalid("bands." + e.getKey() + ".criticMax",
                        "must be between " + (type.min - 1) + " and " + type.max + " (" + (type.min - 1) + ": nobody)");
            }
            if (b.strongMax() < type.min - 1 || b.strongMax() > b.criticMax()) {
                throw Refusal.invalid("bands." + e.getKey() + ".strongMax",
                        "must be between " + (type.min - 1) + " and criticMax (" + b.criticMax() + ")");
            }
        }
    }

    /** Active moderators and administrators: the people a case can be given to. */
    public List<Owner> owners() {
        return auth.users().stream()
                .filter(u -> !u.disabled() && ("moderator".equals(u.role()) || "admin".equals(u.role())))
                .map(u -> new Owner(u.id(), u.displayName() == null ? u.email() : u.displayName(), u.email()))
                .toList();
    }

    private Owner owner(int id, String field) {
        return owners().stream().filter(o -> o.id() == id).findFirst()
                .orElseThrow(() -> Refusal.invalid(field, "must be an active moderator or administrator"));
    }

    public List<FollowUpStore.Rule> rules() {
        return store.rules(db.dsl());
    }

    public FollowUpStore.Rule addRule(String touchpoint, String location, Integer ownerId, String actor) {
        if (ownerId == null) {
            throw Refusal.invalid("ownerId", "is required");
        }
        owner(ownerId, "ownerId");
        long now = clock.now();
        int id = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            int newId = store.addRule(tx, touchpoint, location, ownerId, actor, now);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("touchpoint", touchpoint);
            after.put("location", location);
            after.put("ownerId", ownerId);
            AuditLog.record(tx, now, actor, "followup.rule_create", "followup_rule", newId, null, after);
            return newId;
        });
        return rules().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    public void deleteRule(int id, String actor) {
        long now = clock.now();
        boolean gone = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            boolean deleted = store.deleteRule(tx, id);
            if (deleted) {
                AuditLog.record(tx, now, actor, "followup.rule_delete", "followup_rule", id, null, null);
            }
            return deleted;
        });
        if (!gone) {
            throw Refusal.notFound("rule " + id);
        }
    }

    // ------------------------------------------------------------------ cases

    public List<FollowUpStore.CaseView> list(String status, Integer owner, boolean overdueOnly, int limit) {
        if (!Set.of("open", "closed", "all").contains(status) && !STATUSES.contains(status)) {
            throw Refusal.invalid("status", "must be open, closed, all, new, contacted, resolved or not_reached");
        }
        return store.list(status, owner, overdueOnly, limit, clock.now());
    }

    public FollowUpStore.CaseView get(int id) {
        return store.get(db.dsl(), id, clock.now()).orElseThrow(() -> Refusal.notFound("case " + id));
    }

    public String version() {
        return store.version();
    }

    public List<String> causes() {
        return store.causes(50);
    }

    /** The customer's name, e-mail and phone for one case; the look is audited (who, when, which case). */
    public FollowUpStore.Contact contact(int id, String actor) {
        long now = clock.now();
        return db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            FollowUpStore.Contact c = store.contact(tx, id).orElseThrow(() -> Refusal.notFound("case " + id));
            AuditLog.record(tx, now, actor, "followup.contact_view", FollowUpStore.CASE_ENTITY, id, null, null);
            return c;
        });
    }

    /**
     * Applies a change. The status moves new → contacted → resolved or not reached (a case can
     * be reopened as contacted, never made "new" again once someone reached out); the first move
     * out of "new" is the first contact the key figure measures. Resolving asks for the cause.
     */
    public FollowUpStore.CaseView update(int id, Change change, String actor) {
        if (change.ownerId() != null) {
            owner(change.ownerId(), "ownerId");
        }
        if (change.improvementId() != null) {
            try {
                stories.get(change.improvementId());
            } catch (Refusal e) {
                throw Refusal.invalid("improvementId", "no story has this id");
            }
        }
        long now = clock.now();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            FollowUpStore.CaseView before = store.get(tx, id, now).orElseThrow(() -> Refusal.notFound("case " + id));
            Map<Field<?>, Object> set = new LinkedHashMap<>();
            Map<String, Object> was = new LinkedHashMap<>();
            Map<String, Object> now_ = new LinkedHashMap<>();
            change(set, was, now_, "ownerId", FOLLOWUP_CASE.OWNER_ID, before.ownerId(), change.ownerId(), change);
            change(set, was, now_, "contactWay", FOLLOWUP_CASE.CONTACT_WAY, before.contactWay(), change.contactWay(), change);
            change(set, was, now_, "outcome", FOLLOWUP_CASE.OUTCOME, before.outcome(), change.outcome(), change);
            change(set, was, now_, "cause", FOLLOWUP_CASE.CAUSE, before.cause(), change.cause(), change);
            change(set, was, now_, "improvementId", FOLLOWUP_CASE.IMPROVEMENT_ID, before.improvementId(),
                    change.improvementId(), change);
            String status = change.status();
            if (status != null && !status.equals(before.status())) {
                if ("new".equals(status) && before.firstContactAt() != null) {
                    throw Refusal.conflict("status", "a case someone reached out on cannot be new again; use contacted");
                }
                String cause = change.cleared().contains("cause") ? null : change.cause() != null ? change.cause() : before.cause();
                if ("resolved".equals(status) && cause == null) {
                    throw Refusal.invalid("cause", "is required to resolve a case: what caused the customer's experience?");
                }
                set.put(FOLLOWUP_CASE.STATUS, status);
                was.put("status", before.status());
                now_.put("status", status);
                if (before.firstContactAt() == null && !"new".equals(status)) {
                    set.put(FOLLOWUP_CASE.FIRST_CONTACT_AT, now);
                }
                boolean closing = "resolved".equals(status) || "not_reached".equals(status);
                set.put(FOLLOWUP_CASE.CLOSED_AT, closing ? now : null);
            }
            if (set.isEmpty()) {
                return null;
            }
            store.update(tx, id, set, now);
            AuditLog.record(tx, now, actor, "followup.update", FollowUpStore.CASE_ENTITY, id, was, now_);
            return null;
        });
        return get(id);
    }

    private static <T> void change(Map<Field<?>, Object> set, Map<String, Object> was, Map<String, Object> now,
                                   String name, Field<T> column, T before, T after, Change change) {
        boolean clear = change.cleared().contains(name);
        if (!clear && after == null) {
            return;
        }
        T value = clear ? null : after;
        if (java.util.Objects.equals(value, before)) {
            return;
        }
        set.put(column, value);
        was.put(name, before);
        now.put(name, value);
    }

    // ------------------------------------------------------------------ the key figure

    public Figure figure() {
        return figure(store, clock.now());
    }

    /** The key figure at {@code now}; also for the wall's slide, which is built outside this service. */
    public static Figure figure(FollowUpStore store, long now) {
        FollowUpSettings s = store.settings(store.db().dsl());
        int[] counts = store.contactedInTime(now - FIGURE_DAYS * 86_400_000L, now);
        boolean shown = counts[0] >= s.minSample();
        Integer percent = shown ? (int) Math.round(100.0 * counts[1] / counts[0]) : null;
        return new Figure(FIGURE_DAYS, s.dueHours(), counts[0], counts[1], percent, s.minSample(), shown);
    }

    // ------------------------------------------------------------------ telling the customers

    /** A published story and the customers it answers who consented to be contacted. */
    public record StoryRecipients(int storyId, String title, String state, List<FollowUpStore.Recipient> recipients) {
    }

    /** The recipients of a story, with their contact details: audited like any look at a contact. */
    public StoryRecipients recipients(int storyId, String actor, String action) {
        StoryViews.Story story = stories.get(storyId);
        if (!"published".equals(story.state())) {
            throw Refusal.conflict("story", "is not published: customers are told about published stories only");
        }
        List<Integer> feedbackIds = new ArrayList<>();
        for (StoryViews.Link l : story.links()) {
            feedbackIds.add(l.feedbackId());
        }
        long now = clock.now();
        List<FollowUpStore.Recipient> list = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<FollowUpStore.Recipient> r = store.recipients(tx, storyId, feedbackIds);
            AuditLog.record(tx, now, actor, action, "improvement", storyId, null, Map.of("customers", r.size()));
            return r;
        });
        return new StoryRecipients(storyId, story.title(), story.state(), list);
    }

    public Optional<StoryViews.Story> story(int id) {
        return Optional.of(stories.get(id));
    }
}

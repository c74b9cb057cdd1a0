package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.ANNOUNCEMENT;
import static io.loopboard.store.generated.Tables.CHANNEL;
import static io.loopboard.store.generated.Tables.SIGNAGE_STATE;

import io.loopboard.core.Refusal;
import io.loopboard.core.TextRules;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * Taking screens over: announcements (text, optional image, until a time) to one channel or
 * all, which end by themselves; and "hide all quotes now", a fleet-wide switch that clears
 * every quote from every screen until it is lifted.
 */
public final class TakeoverService {

    /** An announcement longer than a week is a poster, not a takeover. */
    static final long MAX_DURATION_MS = 7L * 24 * 3600 * 1000;
    static final int MAX_TEXT = 280;

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;

    public TakeoverService(Database db, Clock clock, ContentEvents events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    public record Announcement(int id, Integer channelId, String text, String imageUrl, long startsAt, long endsAt,
                               String createdBy, Long endedAt) {
    }

    public record QuotesHidden(boolean hidden, Long since, String by) {
    }

    public Announcement announce(Integer channelId, String text, String imageUrl, long until, String actor) {
        long now = clock.now();
        String problem = TextRules.problem(text, MAX_TEXT, true);
        if (problem != null) {
            throw Refusal.invalid("text", problem);
        }
        if (until <= now) {
            throw Refusal.invalid("until", "must be in the future");
        }
        if (until - now > MAX_DURATION_MS) {
            throw Refusal.invalid("until", "must be within 7 days");
        }
        if (channelId != null && !db.dsl().fetchExists(CHANNEL, CHANNEL.ID.eq(channelId))) {
            throw Refusal.invalid("channelId", "no such channel");
        }
        int id = db.write(cfg -> {
            var tx = DSL.using(cfg);
            int newId = tx.insertInto(ANNOUNCEMENT)
                    .set(ANNOUNCEMENT.CHANNEL_ID, channelId)
                    .set(ANNOUNCEMENT.TEXT, text)
                    .set(ANNOUNCEMENT.IMAGE_URL, imageUrl)
                    .set(ANNOUNCEMENT.STARTS_AT, now)
                    .set(ANNOUNCEMENT.ENDS_AT, until)
                    .set(ANNOUNCEMENT.CREATED_BY, actor)
                    .set(ANNOUNCEMENT.CREATED_AT, now)
                    .returning(ANNOUNCEMENT.ID).fetchOne(ANNOUNCEMENT.ID);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("channelId", channelId);
            after.put("text", text);
            after.put("until", until);
            AuditLog.record(tx, now, actor, "announcement.create", "announcement", newId, null, after);
            return newId;
        });
        publishFor(channelId);
        return get(id);
    }

    /** Ends an announcement now; its screens go back to their playlist at once. */
    public Announcement end(int id, String actor) {
        Announcement a = get(id);
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            tx.update(ANNOUNCEMENT).set(ANNOUNCEMENT.ENDED_AT, now).where(ANNOUNCEMENT.ID.eq(id)).execute();
            AuditLog.record(tx, now, actor, "announcement.end", "announcement", id, Map.of("endsAt", a.endsAt()), Map.of("endedAt", now));
            return null;
        });
        publishFor(a.channelId());
        return get(id);
    }

    public Announcement get(int id) {
        return db.dsl().selectFrom(ANNOUNCEMENT).where(ANNOUNCEMENT.ID.eq(id))
                .fetchOptional(r -> new Announcement(r.getId(), r.getChannelId(), r.getText(), r.getImageUrl(),
                        r.getStartsAt(), r.getEndsAt(), r.getCreatedBy(), r.getEndedAt()))
                .orElseThrow(() -> Refusal.notFound("announcement " + id));
    }

    /** Announcements running now or later, soonest end first. */
    public List<Announcement> current() {
        long now = clock.now();
        return db.dsl().selectFrom(ANNOUNCEMENT)
                .where(ANNOUNCEMENT.ENDED_AT.isNull().and(ANNOUNCEMENT.ENDS_AT.gt(now)))
                .orderBy(ANNOUNCEMENT.ENDS_AT, ANNOUNCEMENT.ID)
                .fetch(r -> new Announcement(r.getId(), r.getChannelId(), r.getText(), r.getImageUrl(),
                        r.getStartsAt(), r.getEndsAt(), r.getCreatedBy(), r.getEndedAt()));
    }

    /** The announcement a channel shows at {@code now}: the newest running one for it or for all. */
    public Optional<Announcement> activeFor(int channelId, long now) {
        return db.dsl().selectFrom(ANNOUNCEMENT)
                .where(ANNOUNCEMENT.ENDED_AT.isNull())
                .and(ANNOUNCEMENT.STARTS_AT.le(now)).and(ANNOUNCEMENT.ENDS_AT.gt(now))
                .and(ANNOUNCEMENT.CHANNEL_ID.isNull().or(ANNOUNCEMENT.CHANNEL_ID.eq(channelId)))
                .orderBy(ANNOUNCEMENT.STARTS_AT.desc(), ANNOUNCEMENT.ID.desc())
                .limit(1)
                .fetchOptional(r -> new Announcement(r.getId(), r.getChannelId(), r.getText(), r.getImageUrl(),
                        r.getStartsAt(), r.getEndsAt(), r.getCreatedBy(), r.getEndedAt()));
    }

    public QuotesHidden quotesHidden() {
        var r = db.dsl().selectFrom(SIGNAGE_STATE).where(SIGNAGE_STATE.ID.eq(1)).fetchOne();
        return r == null || r.getQuotesHiddenAt() == null
                ? new QuotesHidden(false, null, null)
                : new QuotesHidden(true, r.getQuotesHiddenAt(), r.getQuotesHiddenBy());
    }

    /** Hides (true) or shows again (false) every quote on every screen. */
    public QuotesHidden setQuotesHidden(boolean hidden, String actor) {
        long now = clock.now();
        QuotesHidden before = quotesHidden();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            tx.update(SIGNAGE_STATE)
                    .set(SIGNAGE_STATE.QUOTES_HIDDEN_AT, hidden ? (before.hidden() ? before.since() : Long.valueOf(now)) : null)
                    .set(SIGNAGE_STATE.QUOTES_HIDDEN_BY, hidden ? (before.hidden() ? before.by() : actor) : null)
                    .where(SIGNAGE_STATE.ID.eq(1)).execute();
            AuditLog.record(tx, now, actor, hidden ? "quotes.hide_all" : "quotes.show_all", "signage", 1,
                    Map.of("hidden", before.hidden()), Map.of("hidden", hidden));
            return null;
        });
        events.publish(ContentEvents.Change.allChannels());
        return quotesHidden();
    }

    private void publishFor(Integer channelId) {
        events.publish(channelId == null ? ContentEvents.Change.allChannels() : ContentEvents.Change.channels(List.of(channelId)));
    }
}

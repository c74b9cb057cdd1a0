package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.CHANNEL;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The queries of the {@code channel} table that other features need, each named for what it
 * answers. Only the signage feature touches the table; the others call here or its services.
 */
public final class ChannelStore {

    private ChannelStore() {
    }

    /** Which of these channel ids exist. */
    public static Set<Integer> existing(DSLContext ctx, Collection<Integer> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(ctx.select(CHANNEL.ID).from(CHANNEL).where(CHANNEL.ID.in(ids)).fetch(CHANNEL.ID));
    }

    /** Whether a channel exists. */
    public static boolean exists(DSLContext ctx, int id) {
        return ctx.fetchExists(CHANNEL, CHANNEL.ID.eq(id));
    }

    /** The names of these channels, by id. */
    public static Map<Integer, String> names(DSLContext ctx, Collection<Integer> ids) {
        return ctx.select(CHANNEL.ID, CHANNEL.NAME).from(CHANNEL).where(CHANNEL.ID.in(ids)).fetchMap(CHANNEL.ID, CHANNEL.NAME);
    }

    /** A channel's share of "you said, we did" story slides (0–100 percent). */
    public record StoryShare(int id, String name, int storyShare) {
    }

    /** Every channel's story share, by name. */
    public static List<StoryShare> storyShares(DSLContext ctx) {
        return ctx.select(CHANNEL.ID, CHANNEL.NAME, CHANNEL.STORY_SHARE).from(CHANNEL).orderBy(CHANNEL.NAME)
                .fetch(r -> new StoryShare(r.value1(), r.value2(), r.value3()));
    }

    /** A channel's story share as stored; null when there is no such channel. */
    public static StoryShare storyShare(DSLContext ctx, int id) {
        return ctx.select(CHANNEL.ID, CHANNEL.NAME, CHANNEL.STORY_SHARE).from(CHANNEL).where(CHANNEL.ID.eq(id))
                .fetchOne(r -> new StoryShare(r.value1(), r.value2(), r.value3()));
    }

    /** Sets a channel's story share (inside the caller's transaction, which audits it). */
    public static void setStoryShare(DSLContext tx, int id, int share) {
        tx.update(CHANNEL).set(CHANNEL.STORY_SHARE, share).where(CHANNEL.ID.eq(id)).execute();
    }
}

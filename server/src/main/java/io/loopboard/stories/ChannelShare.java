package io.loopboard.stories;

import io.loopboard.core.Refusal;
import io.loopboard.signage.ChannelStore;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The share of story slides in each channel's rotation ({@code channel.story_share}, percent). */
public final class ChannelShare {

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;

    public ChannelShare(Database db, Clock clock, ContentEvents events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    public record Share(int id, String name, int storyShare) {
    }

    public List<Share> list() {
        return ChannelStore.storyShares(db.dsl()).stream().map(c -> new Share(c.id(), c.name(), c.storyShare())).toList();
    }

    public Share set(int channelId, int share, String actor) {
        long now = clock.now();
        Share after = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            ChannelStore.StoryShare r = ChannelStore.storyShare(tx, channelId);
            if (r == null) {
                throw Refusal.notFound("channel " + channelId);
            }
            int before = r.storyShare();
            ChannelStore.setStoryShare(tx, channelId, share);
            AuditLog.record(tx, now, actor, "channel.story_share", "channel", channelId,
                    Map.of("storyShare", before), Map.of("storyShare", share));
            return new Share(r.id(), r.name(), share);
        });
        events.publish(ContentEvents.Change.channels(List.of(channelId)));
        return after;
    }
}

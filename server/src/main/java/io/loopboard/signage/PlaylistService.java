package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.CHANNEL;
import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.ChannelRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.impl.DSL;

/**
 * Builds a channel's playlist from the store. Only moderated text leaves here: the query
 * reads quote fields and the feedback's language, never a customer's name, e-mail or segment.
 */
public final class PlaylistService {

    /** More than a day of rotation; beyond this a channel needs curation, not more slides. */
    static final int MAX_SLIDES = 200;

    private final Database db;
    private final Clock clock;
    private final ConcurrentMap<Integer, Long> lastVersion = new ConcurrentHashMap<>();
    private final io.loopboard.stories.StorySlides storySlides; // issue 4: "you said, we did" slides

    public PlaylistService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.storySlides = new io.loopboard.stories.StorySlides(db);
    }

    public Optional<Playlist> build(int channelId) {
        ChannelRecord channel = db.dsl().selectFrom(CHANNEL).where(CHANNEL.ID.eq(channelId)).fetchOne();
        if (channel == null) {
            return Optional.empty();
        }
        long now = clock.now();
        var inChannel = DSL.notExists(DSL.selectOne().from(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.eq(QUOTE.ID)))
                .or(DSL.exists(DSL.selectOne().from(QUOTE_CHANNEL)
                        .where(QUOTE_CHANNEL.QUOTE_ID.eq(QUOTE.ID).and(QUOTE_CHANNEL.CHANNEL_ID.eq(channelId)))));
        List<Playlist.Slide> slides = db.dsl()
                .select(QUOTE.ID, QUOTE.DISPLAY_TEXT, QUOTE.ATTRIBUTION, QUOTE.SENTIMENT, QUOTE.PUBLISH_UNTIL, FEEDBACK.LANGUAGE)
                .from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(QUOTE.STATUS.eq("approved"))
                .and(QUOTE.PUBLISH_FROM.isNull().or(QUOTE.PUBLISH_FROM.le(now)))
                .and(QUOTE.PUBLISH_UNTIL.isNull().or(QUOTE.PUBLISH_UNTIL.gt(now)))
                .and(inChannel)
                .orderBy(QUOTE.PINNED.desc(), QUOTE.DECIDED_AT.desc(), QUOTE.ID.desc())
                .limit(MAX_SLIDES)
                .fetch(r -> new Playlist.Slide("quote-" + r.get(QUOTE.ID), "quote", r.get(QUOTE.DISPLAY_TEXT),
                        r.get(QUOTE.ATTRIBUTION), r.get(QUOTE.SENTIMENT), r.get(FEEDBACK.LANGUAGE), r.get(QUOTE.PUBLISH_UNTIL)));
        slides = storySlides.mix(channel, slides); // issue 4: story slides by the channel's story_share
        long version = lastVersion.merge(channelId, now, (old, candidate) -> Math.max(old + 1, candidate));
        return Optional.of(new Playlist(version, now, channel.getSlideSeconds() * 1000L,
                new Playlist.ChannelInfo(channel.getId(), channel.getName(), channel.getTheme()), slides));
    }
}

package io.loopboard.stories;

import io.loopboard.signage.Channel;
import io.loopboard.signage.ChannelStore;
import io.loopboard.signage.Slide;
import io.loopboard.signage.SlideSource;
import io.loopboard.store.Database;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The story slides of a channel's rotation: each published story becomes a "You said" slide
 * (one to three of its approved quotes and how many customers it answers) followed by a "We
 * did" slide (action, team, date, effect), one group that the playlist keeps together. They
 * make up the channel's {@code story_share} percent of the rotation, spread evenly; as they
 * quote customers, "hide all quotes" hides them too.
 */
public final class StorySlides implements SlideSource {

    /** Quotes on a "You said" slide: enough to be a voice, few enough to read from across a room. */
    static final int QUOTES_PER_SLIDE = 3;
    /** Newest stories on screens; older ones stay on the board. */
    static final int MAX_STORIES = 20;

    private final BoardService board;
    private final Database db;

    public StorySlides(Database db) {
        this.db = db;
        this.board = new BoardService(db, null); // reads only: no clock needed
    }

    @Override
    public Contribution slides(Channel channel, long now) {
        ChannelStore.StoryShare share = ChannelStore.storyShare(db.dsl(), channel.id());
        if (share == null || share.storyShare() <= 0) {
            return Contribution.NONE;
        }
        return new Contribution(groups(), share.storyShare());
    }

    @Override
    public boolean quotesCustomers() {
        return true;
    }

    /** Per published story, newest first: its "You said" slide (when it has approved quotes) then "We did". */
    List<List<Slide>> groups() {
        List<List<Slide>> out = new ArrayList<>();
        for (StoryViews.BoardStory s : board.list(BoardService.Filter.ALL, MAX_STORIES)) {
            List<Slide> g = new ArrayList<>(2);
            List<Slide.StorySaid.StoryQuote> quotes = s.quotes().subList(0, Math.min(QUOTES_PER_SLIDE, s.quotes().size())).stream()
                    .map(q -> new Slide.StorySaid.StoryQuote(q.id(), q.text(), q.attribution(), q.lang())).toList();
            if (!quotes.isEmpty()) {
                g.add(new Slide.StorySaid("story-" + s.id() + "-said", null,
                        new Slide.StorySaid.Said(s.id(), s.title(), s.mentions(), s.touchpoint(), quotes)));
            }
            g.add(new Slide.StoryDid("story-" + s.id() + "-did", null,
                    new Slide.StoryDid.Did(s.id(), s.title(), s.action(), s.team(), s.status(), date(s), s.effect())));
            out.add(g);
        }
        return out;
    }

    private static String date(StoryViews.BoardStory s) {
        if (s.doneOn() != null) {
            return s.doneOn();
        }
        if (s.startedOn() != null) {
            return s.startedOn();
        }
        return Instant.ofEpochMilli(s.publishedAt()).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}

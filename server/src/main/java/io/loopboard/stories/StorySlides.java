package io.loopboard.stories;

import io.loopboard.signage.ChannelStore;
import io.loopboard.signage.Playlist;
import io.loopboard.store.Database;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The story slides of a channel's rotation: each published story becomes a "You said" slide
 * (one to three of its approved quotes and how many customers it answers) followed by a "We
 * did" slide (action, team, date, effect). They are mixed into the quote slides so that they
 * make up the channel's {@code story_share} percent of the rotation, spread evenly.
 */
public final class StorySlides {

    /** Quotes on a "You said" slide: enough to be a voice, few enough to read from across a room. */
    static final int QUOTES_PER_SLIDE = 3;
    /** Newest stories on screens; older ones stay on the board. */
    static final int MAX_STORIES = 20;
    static final int MAX_STORY_SLIDES = 200;

    private final BoardService board;
    private final Database db;

    public StorySlides(Database db) {
        this.db = db;
        this.board = new BoardService(db, null); // reads only: no clock needed
    }

    /** The channel's slides with story slides mixed in by its share (the playlist's {@code StoryMixer}). */
    public List<Playlist.Slide> mix(int channelId, List<Playlist.Slide> slides) {
        ChannelStore.StoryShare channel = ChannelStore.storyShare(db.dsl(), channelId);
        return channel == null ? slides : mixByShare(channel.storyShare(), slides);
    }

    /** "You said" fields. */
    public record Said(int storyId, String title, int mentions, String touchpoint, List<StoryViews.Quote> quotes) {
    }

    /** "We did" fields; {@code date} is the ISO date it was done, started or published. */
    public record Did(int storyId, String title, String action, String team, String status, String date, String effect) {
    }

    /** The channel's slides with story slides mixed in by its share. */
    public List<Playlist.Slide> mixByShare(int share, List<Playlist.Slide> quotes) {
        if (share <= 0) {
            return quotes;
        }
        List<List<Playlist.Slide>> groups = groups();
        if (groups.isEmpty()) {
            return quotes;
        }
        if (quotes.isEmpty() || share >= 100) {
            return groups.stream().flatMap(List::stream).toList();
        }
        // story slides / all slides = share  =>  story slides = quotes * share / (100 - share)
        long wanted = Math.round(quotes.size() * share / (double) (100 - share));
        List<List<Playlist.Slide>> chosen = new ArrayList<>();
        int slides = 0;
        for (int round = 0; chosen.isEmpty() || slides < wanted; round++) {
            List<Playlist.Slide> g = groups.get(round % groups.size());
            if (slides + g.size() > MAX_STORY_SLIDES) {
                break;
            }
            chosen.add(round < groups.size() ? g : repeat(g, round / groups.size() + 1));
            slides += g.size();
        }
        List<Playlist.Slide> out = new ArrayList<>(quotes.size() + slides);
        int g = 0;
        for (int i = 0; i <= quotes.size(); i++) {
            // group g goes after quote number (g+1)·Q/(G+1): evenly spread, never first
            while (g < chosen.size() && Math.max(1, (long) (g + 1) * quotes.size() / (chosen.size() + 1)) <= i) {
                out.addAll(chosen.get(g++));
            }
            if (i < quotes.size()) {
                out.add(quotes.get(i));
            }
        }
        return out;
    }

    private static List<Playlist.Slide> repeat(List<Playlist.Slide> group, int n) {
        return group.stream().map(s -> new Playlist.Slide(s.id() + "~" + n, s.type(), s.text(), s.attribution(),
                s.sentiment(), s.lang(), s.until(), s.story())).toList();
    }

    /** Per published story, newest first: its "You said" slide (when it has approved quotes) then "We did". */
    List<List<Playlist.Slide>> groups() {
        List<List<Playlist.Slide>> out = new ArrayList<>();
        for (StoryViews.BoardStory s : board.list(BoardService.Filter.ALL, MAX_STORIES)) {
            List<Playlist.Slide> g = new ArrayList<>(2);
            List<StoryViews.Quote> quotes = s.quotes().subList(0, Math.min(QUOTES_PER_SLIDE, s.quotes().size()));
            if (!quotes.isEmpty()) {
                g.add(new Playlist.Slide("story-" + s.id() + "-said", "story-said", s.title(), null, null, null, null,
                        new Said(s.id(), s.title(), s.mentions(), s.touchpoint(), quotes)));
            }
            g.add(new Playlist.Slide("story-" + s.id() + "-did", "story-did", s.title(), null, null, null, null,
                    new Did(s.id(), s.title(), s.action(), s.team(), s.status(), date(s), s.effect())));
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

package io.loopboard.followup;

import io.loopboard.signage.Channel;
import io.loopboard.signage.ContentEvents;
import io.loopboard.signage.Slide;
import io.loopboard.signage.SlideSource;
import io.loopboard.store.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The follow-up figure on the wall: "critics contacted within 48 h, last 30 days: 94 %
 * (n = 212)", in the channels that show score slides and at their share, and only from the
 * minimum sample, like the scores. It is the whole company's figure (the channel's touchpoint
 * and location filters do not narrow it), computed whenever a channel's playlist is built, and
 * the screens are sent a new one when the figure changes ({@link #announceIfChanged}): a case
 * contacted, a new case, the 30 days moving on.
 */
public final class FollowUpSlides implements SlideSource {

    private final FollowUpStore store;
    private final Clock clock;
    private final ContentEvents events;
    /** The channels whose playlists asked for the figure, and the figure they were built with. */
    private final Map<Integer, String> onWall = new ConcurrentHashMap<>();

    public FollowUpSlides(FollowUpStore store, Clock clock, ContentEvents events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Contribution slides(Channel c, long now) {
        if (c.scorePercent() <= 0) {
            onWall.remove(c.id());
            return Contribution.NONE;
        }
        FollowUpService.Figure f = FollowUpService.figure(store, clock.now());
        onWall.put(c.id(), key(f));
        if (!f.shown()) {
            return Contribution.NONE;
        }
        var figure = new Slide.FollowUp.Figure(f.percent(), f.n(), f.days(), f.dueHours());
        // the id changes with the figure, so a new figure replaces the old one on screen
        return Contribution.of(List.of(new Slide.FollowUp("followup-" + key(f), null, figure)), c.scorePercent());
    }

    /**
     * Sends the channels that show the figure new playlists when it is no longer the one they
     * were built with; returns how many channels that was. Cheap when nothing changed: one query
     * of the last 30 days' cases. Called on the follow-up's background round.
     */
    public int announceIfChanged() {
        if (onWall.isEmpty()) {
            return 0;
        }
        String now = key(FollowUpService.figure(store, clock.now()));
        Set<Integer> stale = new java.util.TreeSet<>();
        onWall.forEach((channel, built) -> {
            if (!built.equals(now)) {
                stale.add(channel);
            }
        });
        if (!stale.isEmpty()) {
            // marked current now, so that a rebuild still under way is not announced twice
            stale.forEach(channel -> onWall.put(channel, now));
            events.publish(ContentEvents.Change.channels(stale));
        }
        return stale.size();
    }

    private static String key(FollowUpService.Figure f) {
        return f.shown() ? f.percent() + "-" + f.n() + "-" + f.dueHours() : "hidden";
    }
}

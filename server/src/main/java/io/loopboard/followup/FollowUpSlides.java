package io.loopboard.followup;

import io.loopboard.signage.Channel;
import io.loopboard.signage.Playlist;
import io.loopboard.signage.SlideSource;
import io.loopboard.store.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The follow-up figure on the wall: "critics contacted within 48 h, last 30 days: 94 %
 * (n = 212)", in the channels that show score slides and at their share, and only from the
 * minimum sample, like the scores. It is the whole company's figure (the channel's touchpoint
 * and location filters do not narrow it), recomputed whenever the channel's playlist is built.
 */
public final class FollowUpSlides implements SlideSource {

    private final FollowUpStore store;
    private final Clock clock;

    public FollowUpSlides(FollowUpStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Contribution slides(Channel c, long now) {
        if (c.scorePercent() <= 0) {
            return Contribution.NONE;
        }
        FollowUpService.Figure f = FollowUpService.figure(store, clock.now());
        if (!f.shown()) {
            return Contribution.NONE;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("percent", f.percent());
        data.put("n", f.n());
        data.put("days", f.days());
        data.put("hours", f.dueHours());
        // the id changes with the figure, so a new figure replaces the old one on screen
        String id = "followup-" + f.percent() + "-" + f.n() + "-" + f.dueHours();
        return new Contribution(List.of(new Playlist.Slide(id, "followup", null, null, null, null, null, null, data)),
                c.scorePercent());
    }
}

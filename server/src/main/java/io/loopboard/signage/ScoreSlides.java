package io.loopboard.signage;

import io.loopboard.insights.ScoreService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The score slide: the channel's NPS or CSAT with trend and sample size, or nothing below the minimum sample. */
public final class ScoreSlides implements SlideSource {

    private final ScoreService scores;

    public ScoreSlides(ScoreService scores) {
        this.scores = scores;
    }

    @Override
    public Contribution slides(Channel c, long now) {
        if (c.scorePercent() <= 0) {
            return Contribution.NONE;
        }
        var filter = new ScoreService.Filter(c.touchpoints(), c.locations(), c.languages());
        return scores.score(c.scoreMetric(), c.scoreDays(), c.scoreMinSample(), filter, now)
                .map(s -> new Contribution(List.of(slide(s)), c.scorePercent()))
                .orElse(Contribution.NONE);
    }

    static Playlist.Slide slide(ScoreService.Score s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metric", s.metric());
        data.put("value", s.value());
        data.put("days", s.days());
        data.put("sampleSize", s.sampleSize());
        data.put("previous", s.previous());
        data.put("trend", s.trend());
        // the id changes with the figures, so an updated score replaces the old one on screen
        String id = "score-" + s.metric() + "-" + s.days() + "-" + s.value() + "-" + s.sampleSize();
        return new Playlist.Slide(id, "score", null, null, null, null, null, null, data);
    }
}

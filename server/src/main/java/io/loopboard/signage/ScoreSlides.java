package io.loopboard.signage;

import io.loopboard.insights.ScoreService;
import java.util.List;

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
                .map(s -> Contribution.of(List.of(slide(s)), c.scorePercent()))
                .orElse(Contribution.NONE);
    }

    static Slide.Score slide(ScoreService.Score s) {
        // the id changes with the figures, so an updated score replaces the old one on screen
        String id = "score-" + s.metric() + "-" + s.days() + "-" + s.value() + "-" + s.sampleSize();
        return new Slide.Score(id, null,
                new Slide.Score.Figures(s.metric(), s.value(), s.days(), s.sampleSize(), s.previous(), s.trend()));
    }
}

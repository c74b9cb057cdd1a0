package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.curation.QuoteSlides;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of a playlist: balancing, mixing, reading time, quiet dayparts. */
class SlideMixTest {

    private static List<Slide.Quote> quotes(String sentiment, int n) {
        List<Slide.Quote> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Slide.Quote(sentiment + "-" + i, "text " + i, null, sentiment, "sv", null));
        }
        return out;
    }

    private static long count(List<? extends Slide> slides, String sentiment) {
        return slides.stream().filter(s -> sentiment.equals(s.sentiment())).count();
    }

    @Test
    void praise_and_critique_follow_the_channels_ratio_and_no_quote_drops_out() {
        List<Slide.Quote> all = new ArrayList<>(quotes("praise", 12));
        all.addAll(quotes("critique", 2));
        List<Slide.Quote> mixed = SlideMix.balance(all, 60, 200);
        double praiseShare = count(mixed, "praise") / (double) mixed.size();
        assertEquals(0.6, praiseShare, 0.05, "praise share");
        assertTrue(mixed.stream().map(Slide.Quote::id).distinct().count() == 14, "every quote still shows");
        // never a wall: no more than two praise slides in a row at 60 %
        int run = 0;
        for (Slide.Quote s : mixed) {
            run = "praise".equals(s.sentiment()) ? run + 1 : 0;
            assertTrue(run <= 2, "a run of " + run + " praise slides");
        }
    }

    @Test
    void without_a_ratio_the_order_is_kept_and_one_sided_content_is_still_shown() {
        List<Slide.Quote> praise = quotes("praise", 3);
        assertEquals(praise, SlideMix.balance(praise, null, 200));
        assertEquals(3, SlideMix.balance(praise, 50, 200).size());
        assertEquals(0, count(SlideMix.balance(praise, 0, 200), "praise"), "0 % praise means none");
    }

    @Test
    void other_sources_take_their_share_spread_through_the_rotation() {
        Slide score = new Slide.Score("score", null, new Slide.Score.Figures("NPS", 20, 30, 40, null, null));
        List<Slide> out = SlideMix.mix(quotes("praise", 9), List.of(SlideSource.Contribution.of(List.of(score), 25)), 200);
        assertEquals(12, out.size());
        assertEquals(3, out.stream().filter(s -> s instanceof Slide.Score).count());
        assertEquals(List.of("score", "score~2", "score~3"),
                out.stream().filter(s -> s instanceof Slide.Score).map(Slide::id).toList(), "a repeat is told apart by its id");
        assertTrue(out.get(0) instanceof Slide.Quote, "the rotation opens with a quote: " + out);
        for (int i = 1; i < out.size(); i++) {
            assertTrue(!(out.get(i) instanceof Slide.Score && out.get(i - 1) instanceof Slide.Score), "score slides are not bunched: " + out);
        }
        assertEquals(List.of(score), SlideMix.mix(List.of(), List.of(SlideSource.Contribution.of(List.of(score), 10)), 200));
    }

    private static List<Slide> story(int id) {
        var said = new Slide.StorySaid("story-" + id + "-said", null, new Slide.StorySaid.Said(id, "T" + id, 1, null,
                List.of(new Slide.StorySaid.StoryQuote(1, "Q", "", "sv"))));
        var did = new Slide.StoryDid("story-" + id + "-did", null, new Slide.StoryDid.Did(id, "T" + id, "A", "Team", "done", "2026-11-02", null));
        return List.of(said, did);
    }

    @Test
    void a_group_stays_together_in_order_and_takes_its_share() {
        var stories = new SlideSource.Contribution(List.of(story(1), story(2)), 50);
        List<Slide> out = SlideMix.mix(quotes("praise", 8), List.of(stories), 200);
        assertTrue(out.get(0) instanceof Slide.Quote, "the rotation opens with a quote: " + out.stream().map(Slide::id).toList());
        long said = out.stream().filter(s -> s instanceof Slide.StorySaid).count();
        assertEquals(8, out.size() - 2 * said, "every quote stays");
        assertEquals(4, said, "half the rotation: 8 story slides beside 8 quotes");
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof Slide.StorySaid s) {
                assertEquals(s.id().replace("-said", "-did"), out.get(i + 1).id(), "said is followed by its did: " + out.stream().map(Slide::id).toList());
            }
        }
        assertTrue(out.stream().anyMatch(s -> s.id().equals("story-1-said~2")), "a repeated pair is told apart by its ids");

        assertEquals(List.of("story-1-said", "story-1-did", "story-2-said", "story-2-did"),
                SlideMix.mix(quotes("praise", 8), List.of(new SlideSource.Contribution(List.of(story(1), story(2)), 100)), 200)
                        .stream().map(Slide::id).toList(), "100 percent shows only the groups, each once");
        assertEquals(quotes("praise", 3), SlideMix.mix(quotes("praise", 3), List.of(new SlideSource.Contribution(List.of(story(1)), 0)), 200));
    }

    @Test
    void reading_time_grows_with_the_text_within_the_channels_bounds() {
        assertEquals(6000, QuoteSlides.readingMillis("Tack!", 6, 20));
        long medium = QuoteSlides.readingMillis("Great deliveries, but your website looks like it is from the nineties and the checkout keeps failing", 6, 20);
        assertTrue(medium > 6000 && medium < 20000, "medium " + medium);
        assertEquals(20000, QuoteSlides.readingMillis("word ".repeat(400), 6, 20));
        // no spaces in Chinese: counted by characters, not as one word
        assertTrue(QuoteSlides.readingMillis("送货很快，但是网站很难用，结账的时候总是出错，希望你们能尽快改进这个问题", 3, 60) > 6000);
    }

    @Test
    void quiet_hours_wrap_midnight_in_the_channels_time_zone_and_weekends_merge() {
        Channel c = new Channel(1, "c", "C", "fixed", 12, 6, 20, null, List.of(), List.of(), List.of(), 0, "NPS", 90, 30,
                "Europe/Stockholm", "22:00", "06:00", true, "clock", "dark", null, null, "landscape", false);
        ZoneId zone = ZoneId.of("Europe/Stockholm");
        // Wednesday 25 November 2026, 21:00 in Stockholm
        long wed21 = ZonedDateTime.of(2026, 11, 25, 21, 0, 0, 0, zone).toInstant().toEpochMilli();
        List<QuietHours.Window> w = QuietHours.windows(c, wed21);
        assertEquals(ZonedDateTime.of(2026, 11, 25, 22, 0, 0, 0, zone).toInstant().toEpochMilli(), w.get(0).from());
        assertEquals(ZonedDateTime.of(2026, 11, 26, 6, 0, 0, 0, zone).toInstant().toEpochMilli(), w.get(0).until());
        assertTrue(!QuietHours.isQuiet(w, wed21));
        assertTrue(QuietHours.isQuiet(w, wed21 + 2 * 3600_000L));
        // Friday 22:00 runs through the weekend to Monday 06:00 as one window
        long fri23 = ZonedDateTime.of(2026, 11, 27, 23, 0, 0, 0, zone).toInstant().toEpochMilli();
        QuietHours.Window weekend = QuietHours.windows(c, fri23).get(0);
        assertEquals(ZonedDateTime.of(2026, 11, 27, 22, 0, 0, 0, zone).toInstant().toEpochMilli(), weekend.from());
        assertEquals(ZonedDateTime.of(2026, 11, 30, 6, 0, 0, 0, zone).toInstant().toEpochMilli(), weekend.until());
    }
}

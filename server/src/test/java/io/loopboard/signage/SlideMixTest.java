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

    private static List<Playlist.Slide> quotes(String sentiment, int n) {
        List<Playlist.Slide> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Playlist.Slide(sentiment + "-" + i, "quote", "text " + i, null, sentiment, "sv", null));
        }
        return out;
    }

    private static long count(List<Playlist.Slide> slides, String sentiment) {
        return slides.stream().filter(s -> sentiment.equals(s.sentiment())).count();
    }

    @Test
    void praise_and_critique_follow_the_channels_ratio_and_no_quote_drops_out() {
        List<Playlist.Slide> all = new ArrayList<>(quotes("praise", 12));
        all.addAll(quotes("critique", 2));
        List<Playlist.Slide> mixed = SlideMix.balance(all, 60, 200);
        double praiseShare = count(mixed, "praise") / (double) mixed.size();
        assertEquals(0.6, praiseShare, 0.05, "praise share");
        assertTrue(mixed.stream().map(Playlist.Slide::id).distinct().count() == 14, "every quote still shows");
        // never a wall: no more than two praise slides in a row at 60 %
        int run = 0;
        for (Playlist.Slide s : mixed) {
            run = "praise".equals(s.sentiment()) ? run + 1 : 0;
            assertTrue(run <= 2, "a run of " + run + " praise slides");
        }
    }

    @Test
    void without_a_ratio_the_order_is_kept_and_one_sided_content_is_still_shown() {
        List<Playlist.Slide> praise = quotes("praise", 3);
        assertEquals(praise, SlideMix.balance(praise, null, 200));
        assertEquals(3, SlideMix.balance(praise, 50, 200).size());
        assertEquals(0, count(SlideMix.balance(praise, 0, 200), "praise"), "0 % praise means none");
    }

    @Test
    void other_sources_take_their_share_spread_through_the_rotation() {
        Playlist.Slide score = new Playlist.Slide("score", "score", null, null, null, null, null);
        List<Playlist.Slide> out = SlideMix.mix(quotes("praise", 9), List.of(new SlideSource.Contribution(List.of(score), 25)));
        assertEquals(12, out.size());
        assertEquals(3, out.stream().filter(s -> s == score).count());
        for (int i = 1; i < out.size(); i++) {
            assertTrue(!(out.get(i) == score && out.get(i - 1) == score), "score slides are not bunched: " + out);
        }
        assertEquals(List.of(score), SlideMix.mix(List.of(), List.of(new SlideSource.Contribution(List.of(score), 10))));
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

package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopboard.core.Json;
import io.loopboard.insights.ScoreService;
import io.loopboard.stories.StorySlides;
import io.loopboard.stories.StoryViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of slide as screens receive it (docs/display-protocol.md): the wire format is a contract. */
class SlideJsonTest {

    @Test
    void quote() {
        var s = new Playlist.Slide("quote-12", "quote", "Tack Åsa, bästa bemötandet! 😍", "Kund, Göteborg", "praise", "sv", 1_700_000_000_000L);
        assertEquals("{\"id\":\"quote-12\",\"type\":\"quote\",\"text\":\"Tack Åsa, bästa bemötandet! 😍\",\"attribution\":\"Kund, Göteborg\","
                + "\"sentiment\":\"praise\",\"lang\":\"sv\",\"until\":1700000000000}", Json.write(s));
        assertEquals("{\"id\":\"quote-13\",\"type\":\"quote\",\"text\":\"خدمة ممتازة\",\"attribution\":\"\",\"sentiment\":null,\"lang\":null,"
                + "\"until\":null,\"millis\":7000}",
                Json.write(new Playlist.Slide("quote-13", "quote", "خدمة ممتازة", "", null, null, null).withMillis(7000L)));
    }

    @Test
    void score() {
        var s = ScoreSlides.slide(new ScoreService.Score("NPS", 30, 20, 30, null, null));
        assertEquals("{\"id\":\"score-NPS-30-20-30\",\"type\":\"score\",\"text\":null,\"attribution\":null,\"sentiment\":null,\"lang\":null,"
                + "\"until\":null,\"data\":{\"metric\":\"NPS\",\"value\":20,\"days\":30,\"sampleSize\":30,\"previous\":null,\"trend\":null}}",
                Json.write(s));
        var t = ScoreSlides.slide(new ScoreService.Score("CSAT", 7, 81, 44, 78, 3));
        assertEquals("{\"id\":\"score-CSAT-7-81-44\",\"type\":\"score\",\"text\":null,\"attribution\":null,\"sentiment\":null,\"lang\":null,"
                + "\"until\":null,\"millis\":12000,\"data\":{\"metric\":\"CSAT\",\"value\":81,\"days\":7,\"sampleSize\":44,\"previous\":78,\"trend\":3}}",
                Json.write(t.withMillis(12_000L)));
    }

    @Test
    void followUp() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("percent", 94);
        data.put("n", 212);
        data.put("days", 30);
        data.put("hours", 48);
        var s = new Playlist.Slide("followup-94-212-48", "followup", null, null, null, null, null, null, data);
        assertEquals("{\"id\":\"followup-94-212-48\",\"type\":\"followup\",\"text\":null,\"attribution\":null,\"sentiment\":null,\"lang\":null,"
                + "\"until\":null,\"data\":{\"percent\":94,\"n\":212,\"days\":30,\"hours\":48}}", Json.write(s));
    }

    @Test
    void announcement() {
        var plain = new Playlist.Slide("announcement-3", "announcement", "Stängt i dag 🎄", null, null, null, 1_700_000_100_000L, null, Map.of());
        assertEquals("{\"id\":\"announcement-3\",\"type\":\"announcement\",\"text\":\"Stängt i dag 🎄\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":1700000100000}", Json.write(plain));
        var image = new Playlist.Slide("announcement-4", "announcement", "Välkomna", null, null, null, 5L, null, Map.of("image", "/media/a.png"));
        assertEquals("{\"id\":\"announcement-4\",\"type\":\"announcement\",\"text\":\"Välkomna\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":5,\"data\":{\"image\":\"/media/a.png\"}}", Json.write(image));
    }

    @Test
    void storySaidAndDid() {
        var said = new Playlist.Slide("story-7-said", "story-said", "Faster delivery", null, null, null, null,
                new StorySlides.Said(7, "Faster delivery", 37, "delivery",
                        List.of(new StoryViews.Quote(41, "Leveransen tog två veckor", "Kund, Umeå", "sv"),
                                new StoryViews.Quote(42, "שירות איטי", null, null))));
        assertEquals("{\"id\":\"story-7-said\",\"type\":\"story-said\",\"text\":\"Faster delivery\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":null,\"story\":{\"storyId\":7,\"title\":\"Faster delivery\",\"mentions\":37,\"touchpoint\":\"delivery\","
                + "\"quotes\":[{\"id\":41,\"text\":\"Leveransen tog två veckor\",\"attribution\":\"Kund, Umeå\",\"lang\":\"sv\"},"
                + "{\"id\":42,\"text\":\"שירות איטי\",\"attribution\":null,\"lang\":null}]}}", Json.write(said));
        var did = new Playlist.Slide("story-7-did", "story-did", "Faster delivery", null, null, null, null,
                new StorySlides.Did(7, "Faster delivery", "Two couriers more", "Logistics", "done", "2026-11-02", null));
        assertEquals("{\"id\":\"story-7-did\",\"type\":\"story-did\",\"text\":\"Faster delivery\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":null,\"story\":{\"storyId\":7,\"title\":\"Faster delivery\",\"action\":\"Two couriers more\","
                + "\"team\":\"Logistics\",\"status\":\"done\",\"date\":\"2026-11-02\",\"effect\":null}}", Json.write(did));
        assertEquals("{\"id\":\"story-7-did\",\"type\":\"story-did\",\"text\":\"Faster delivery\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":null,\"millis\":9000,\"story\":{\"storyId\":7,\"title\":\"Faster delivery\",\"action\":\"Two couriers more\","
                + "\"team\":\"Logistics\",\"status\":\"done\",\"date\":\"2026-11-02\",\"effect\":null}}", Json.write(did.withMillis(9000L)));
    }
}

package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.core.Json;
import io.loopboard.insights.ScoreService;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every kind of slide as screens receive it (docs/display-protocol.md): the wire format is a contract. */
class SlideJsonTest {

    @Test
    void quote() {
        var s = new Slide.Quote("quote-12", "Tack Åsa, bästa bemötandet! 😍", "Kund, Göteborg", "praise", "sv", 1_700_000_000_000L);
        assertEquals("{\"id\":\"quote-12\",\"type\":\"quote\",\"text\":\"Tack Åsa, bästa bemötandet! 😍\",\"attribution\":\"Kund, Göteborg\","
                + "\"sentiment\":\"praise\",\"lang\":\"sv\",\"until\":1700000000000}", Json.write(s));
        assertEquals("{\"id\":\"quote-13\",\"type\":\"quote\",\"text\":\"خدمة ممتازة\",\"attribution\":\"\",\"sentiment\":null,\"lang\":null,"
                + "\"until\":null,\"millis\":7000}",
                Json.write(new Slide.Quote("quote-13", "خدمة ممتازة", "", null, null, null).withMillis(7000L)));
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
        var s = new Slide.FollowUp("followup-94-212-48", null, new Slide.FollowUp.Figure(94, 212, 30, 48));
        assertEquals("{\"id\":\"followup-94-212-48\",\"type\":\"followup\",\"text\":null,\"attribution\":null,\"sentiment\":null,\"lang\":null,"
                + "\"until\":null,\"data\":{\"percent\":94,\"n\":212,\"days\":30,\"hours\":48}}", Json.write(s));
    }

    @Test
    void announcement() {
        var plain = Slide.Announcement.of("announcement-3", "Stängt i dag 🎄", 1_700_000_100_000L, null);
        assertEquals("{\"id\":\"announcement-3\",\"type\":\"announcement\",\"text\":\"Stängt i dag 🎄\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":1700000100000}", Json.write(plain));
        var image = Slide.Announcement.of("announcement-4", "Välkomna", 5L, "/media/a.png");
        assertEquals("{\"id\":\"announcement-4\",\"type\":\"announcement\",\"text\":\"Välkomna\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":5,\"data\":{\"image\":\"/media/a.png\"}}", Json.write(image));
    }

    @Test
    void storySaidAndDid() {
        var said = new Slide.StorySaid("story-7-said", null, new Slide.StorySaid.Said(7, "Faster delivery", 37, "delivery",
                List.of(new Slide.StorySaid.StoryQuote(41, "Leveransen tog två veckor", "Kund, Umeå", "sv"),
                        new Slide.StorySaid.StoryQuote(42, "שירות איטי", null, null))));
        assertEquals("{\"id\":\"story-7-said\",\"type\":\"story-said\",\"text\":\"Faster delivery\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":null,\"story\":{\"storyId\":7,\"title\":\"Faster delivery\",\"mentions\":37,\"touchpoint\":\"delivery\","
                + "\"quotes\":[{\"id\":41,\"text\":\"Leveransen tog två veckor\",\"attribution\":\"Kund, Umeå\",\"lang\":\"sv\"},"
                + "{\"id\":42,\"text\":\"שירות איטי\",\"attribution\":null,\"lang\":null}]}}", Json.write(said));
        var did = new Slide.StoryDid("story-7-did", null,
                new Slide.StoryDid.Did(7, "Faster delivery", "Two couriers more", "Logistics", "done", "2026-11-02", null));
        assertEquals("{\"id\":\"story-7-did\",\"type\":\"story-did\",\"text\":\"Faster delivery\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":null,\"story\":{\"storyId\":7,\"title\":\"Faster delivery\",\"action\":\"Two couriers more\","
                + "\"team\":\"Logistics\",\"status\":\"done\",\"date\":\"2026-11-02\",\"effect\":null}}", Json.write(did));
        assertEquals("{\"id\":\"story-7-did\",\"type\":\"story-did\",\"text\":\"Faster delivery\",\"attribution\":null,\"sentiment\":null,"
                + "\"lang\":null,\"until\":null,\"millis\":9000,\"story\":{\"storyId\":7,\"title\":\"Faster delivery\",\"action\":\"Two couriers more\","
                + "\"team\":\"Logistics\",\"status\":\"done\",\"date\":\"2026-11-02\",\"effect\":null}}", Json.write(did.withMillis(9000L)));
    }

    @Test
    void a_playlist_with_a_takeover_keeps_its_shape() {
        var p = new Playlist("playlist", 3, 1000, 12_000, new Playlist.ChannelInfo(1, "Entré", "dark"),
                List.of(new Slide.Quote("quote-1", "Bra", "", "praise", "sv", null)),
                Slide.Announcement.of("announcement-2", "Stängt", 9L, null), List.of(), false);
        assertEquals("{\"type\":\"playlist\",\"version\":3,\"epoch\":1000,\"slideMillis\":12000,"
                + "\"channel\":{\"id\":1,\"name\":\"Entré\",\"theme\":\"dark\",\"showConnectionState\":false},"
                + "\"slides\":[{\"id\":\"quote-1\",\"type\":\"quote\",\"text\":\"Bra\",\"attribution\":\"\",\"sentiment\":\"praise\","
                + "\"lang\":\"sv\",\"until\":null}],\"takeover\":{\"id\":\"announcement-2\",\"type\":\"announcement\",\"text\":\"Stängt\","
                + "\"attribution\":null,\"sentiment\":null,\"lang\":null,\"until\":9},\"quotesHidden\":false}", Json.write(p));
    }

    /**
     * The display client's unit tests build one slide of every kind from this file; it must be
     * what the server writes, and hold every kind the server has.
     */
    @Test
    void the_screens_test_slides_are_what_the_server_writes_and_cover_every_kind() throws Exception {
        JsonNode fixture = Json.MAPPER.readTree(Files.readString(Path.of("../display-client/test/fixtures/server-slides.json")));
        Map<String, JsonNode> byId = new HashMap<>();
        fixture.forEach(n -> byId.put(n.get("id").asText(), n));
        List<Slide> examples = List.of(
                new Slide.Quote("quote-12", "Tack Åsa, bästa bemötandet! 😍", "Kund, Göteborg", "praise", "sv", 1_700_000_000_000L),
                new Slide.Quote("quote-13", "خدمة ممتازة <b>not html</b>", "", null, null, null, 7000L),
                ScoreSlides.slide(new ScoreService.Score("CSAT", 7, 81, 44, 78, 3)).withMillis(12_000L),
                new Slide.FollowUp("followup-94-212-48", null, new Slide.FollowUp.Figure(94, 212, 30, 48)),
                Slide.Announcement.of("announcement-4", "Välkomna", 5L, "/media/a.png"),
                new Slide.StorySaid("story-7-said", null, new Slide.StorySaid.Said(7, "Faster delivery", 37, "delivery",
                        List.of(new Slide.StorySaid.StoryQuote(41, "Leveransen tog två veckor", "Kund, Umeå", "sv"),
                                new Slide.StorySaid.StoryQuote(42, "שירות איטי", null, null)))),
                new Slide.StoryDid("story-7-did", null,
                        new Slide.StoryDid.Did(7, "Faster delivery", "Two couriers more", "Logistics", "done", "2026-11-02", null)));
        assertEquals(examples.size(), fixture.size());
        for (Slide s : examples) {
            assertEquals(byId.get(s.id()), Json.MAPPER.readTree(Json.write(s)), s.id());
        }
        Set<Class<?>> kinds = Arrays.stream(Slide.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(kinds, examples.stream().map(Object::getClass).collect(Collectors.toSet()), "one example of every kind");
        assertTrue(kinds.size() >= 6);
    }
}

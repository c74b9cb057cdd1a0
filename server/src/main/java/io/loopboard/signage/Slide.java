package io.loopboard.signage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One slide of a playlist, as data (never HTML): one record per kind. Every kind is written
 * with the same leading fields, {@code id}, {@code type}, {@code text}, {@code attribution},
 * {@code sentiment}, {@code lang} and {@code until} (null where a kind has none), then its own
 * duration {@code millis} when set, then its kind's fields in {@code data} or {@code story}
 * (docs/display-protocol.md; older screens read exactly this shape).
 *
 * <p>{@code until} (epoch ms) lets a screen drop the slide on time even when offline;
 * {@code millis} is the slide's own duration on reading-time channels.
 */
@JsonPropertyOrder({"id", "type", "text", "attribution", "sentiment", "lang", "until", "millis"})
public sealed interface Slide permits Slide.Quote, Slide.Score, Slide.FollowUp, Slide.Announcement, Slide.StorySaid, Slide.StoryDid {

    String id();

    /** The kind's name on the wire; a screen looks its builder up by it. */
    @JsonProperty("type")
    String type();

    @JsonProperty("text")
    default String text() {
        return null;
    }

    @JsonProperty("attribution")
    default String attribution() {
        return null;
    }

    @JsonProperty("sentiment")
    default String sentiment() {
        return null;
    }

    @JsonProperty("lang")
    default String lang() {
        return null;
    }

    @JsonProperty("until")
    default Long until() {
        return null;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    Long millis();

    /** The same slide with its own duration. */
    Slide withMillis(Long millis);

    /** The same slide under another id: a copy shown again in one rotation ({@code story-7-did~2}). */
    Slide withId(String id);

    /** An approved customer quote, moderated text only, in the answer's language. */
    record Quote(String id, String text, String attribution, String sentiment, String lang, Long until, Long millis)
            implements Slide {

        public Quote(String id, String text, String attribution, String sentiment, String lang, Long until) {
            this(id, text, attribution, sentiment, lang, until, null);
        }

        @Override
        public String type() {
            return "quote";
        }

        @Override
        public Quote withMillis(Long ms) {
            return new Quote(id, text, attribution, sentiment, lang, until, ms);
        }

        @Override
        public Quote withId(String newId) {
            return new Quote(newId, text, attribution, sentiment, lang, until, millis);
        }
    }

    /** The channel's NPS or CSAT with its trend and sample size. */
    record Score(String id, Long millis, Figures data) implements Slide {

        /** {@code previous} and {@code trend} are null without an earlier period of enough answers. */
        public record Figures(String metric, int value, int days, int sampleSize, Integer previous, Integer trend) {
        }

        @Override
        public String type() {
            return "score";
        }

        @Override
        public Score withMillis(Long ms) {
            return new Score(id, ms, data);
        }

        @Override
        public Score withId(String newId) {
            return new Score(newId, millis, data);
        }
    }

    /** The share of critics contacted within {@code hours} over the last {@code days}, of {@code n} cases. */
    record FollowUp(String id, Long millis, Figure data) implements Slide {

        public record Figure(Integer percent, int n, int days, int hours) {
        }

        @Override
        public String type() {
            return "followup";
        }

        @Override
        public FollowUp withMillis(Long ms) {
            return new FollowUp(id, ms, data);
        }

        @Override
        public FollowUp withId(String newId) {
            return new FollowUp(newId, millis, data);
        }
    }

    /** An announcement that takes over a channel until {@code until}; {@code data} only when it has an image. */
    record Announcement(String id, String text, Long until, Long millis,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Image data) implements Slide {

        public record Image(String image) {
        }

        public static Announcement of(String id, String text, long until, String imageUrl) {
            return new Announcement(id, text, until, null, imageUrl == null ? null : new Image(imageUrl));
        }

        @Override
        public String type() {
            return "announcement";
        }

        @Override
        public Announcement withMillis(Long ms) {
            return new Announcement(id, text, until, ms, data);
        }

        @Override
        public Announcement withId(String newId) {
            return new Announcement(newId, text, until, millis, data);
        }
    }

    /** "You said": one to three approved quotes behind an improvement and how many customers it answers. */
    record StorySaid(String id, Long millis, Said story) implements Slide {

        public record Said(int storyId, String title, int mentions, String touchpoint, List<StoryQuote> quotes) {
        }

        /** A quote linked to a story: moderated text, never the customer's name or e-mail. */
        public record StoryQuote(int id, String text, String attribution, String lang) {
        }

        @Override
        public String type() {
            return "story-said";
        }

        /** The story's title, so that the older {@code text} field stays meaningful. */
        @Override
        public String text() {
            return story.title();
        }

        @Override
        public StorySaid withMillis(Long ms) {
            return new StorySaid(id, ms, story);
        }

        @Override
        public StorySaid withId(String newId) {
            return new StorySaid(newId, millis, story);
        }
    }

    /** "We did": what was done, by whom, when ({@code date}, ISO) and with what effect. */
    record StoryDid(String id, Long millis, Did story) implements Slide {

        public record Did(int storyId, String title, String action, String team, String status, String date, String effect) {
        }

        @Override
        public String type() {
            return "story-did";
        }

        @Override
        public String text() {
            return story.title();
        }

        @Override
        public StoryDid withMillis(Long ms) {
            return new StoryDid(id, ms, story);
        }

        @Override
        public StoryDid withId(String newId) {
            return new StoryDid(newId, millis, story);
        }
    }
}

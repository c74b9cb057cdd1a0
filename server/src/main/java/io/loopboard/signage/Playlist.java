package io.loopboard.signage;

import java.util.List;

/**
 * What one channel's screens show: slides as data (never HTML), a version that only grows,
 * and the epoch and slide length from which every screen computes the same current slide.
 * Serialised as the {@code playlist} message of the display protocol.
 */
public record Playlist(String type, long version, long epoch, long slideMillis, ChannelInfo channel, List<Slide> slides) {

    public Playlist(long version, long epoch, long slideMillis, ChannelInfo channel, List<Slide> slides) {
        this("playlist", version, epoch, slideMillis, channel, slides);
    }

    public record ChannelInfo(int id, String name, String theme) {
    }

    /**
     * One slide. {@code until} (epoch ms) lets a screen drop it on time even when offline.
     * {@code story} carries the fields of {@code story-said} / {@code story-did} slides (issue 4)
     * and is left out of the JSON for every other type.
     */
    public record Slide(String id, String type, String text, String attribution, String sentiment, String lang, Long until,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Object story) {
        public Slide(String id, String type, String text, String attribution, String sentiment, String lang, Long until) {
            this(id, type, text, attribution, sentiment, lang, until, null);
        }
    }
}

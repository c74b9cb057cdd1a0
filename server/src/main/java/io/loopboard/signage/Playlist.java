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

    /** One slide. {@code until} (epoch ms) lets a screen drop it on time even when offline. */
    public record Slide(String id, String type, String text, String attribution, String sentiment, String lang, Long until) {
    }
}

package io.loopboard.signage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one channel's screens show: slides as data (never HTML), a version that only grows,
 * and the epoch and slide length from which every screen computes the same current slide.
 * Serialised as the {@code playlist} message of the display protocol.
 *
 * <p>{@code takeover}, when set, is an announcement shown instead of the slides until its
 * {@code until}; {@code quiet} lists the coming quiet dayparts; {@code quotesHidden} says
 * the fleet-wide "hide all quotes" switch is on (the slides then hold no quote).
 */
public record Playlist(String type, long version, long epoch, long slideMillis, ChannelInfo channel, List<Slide> slides,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Slide takeover,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<QuietHours.Window> quiet,
                       boolean quotesHidden) {

    public Playlist(long version, long epoch, long slideMillis, ChannelInfo channel, List<Slide> slides) {
        this("playlist", version, epoch, slideMillis, channel, slides, null, List.of(), false);
    }

    public record ChannelInfo(int id, String name, String theme,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String brandColor,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String logoUrl,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String orientation,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String quietMode,
                              boolean showConnectionState) {

        public ChannelInfo(int id, String name, String theme) {
            this(id, name, theme, null, null, null, null, false);
        }
    }
}

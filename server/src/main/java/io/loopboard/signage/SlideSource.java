package io.loopboard.signage;

import java.util.List;

/**
 * A kind of slide a channel's rotation mixes in besides quotes (score slides here; story
 * slides join the same way). {@link PlaylistService} asks every source and {@link SlideMix}
 * spreads each source's slides evenly so they make up {@code percent} of the rotation.
 */
public interface SlideSource {

    Contribution slides(Channel channel, long now);

    /** Slides and the share of the rotation (0–100 percent) they should take. */
    record Contribution(List<Playlist.Slide> slides, int percent) {
        public static final Contribution NONE = new Contribution(List.of(), 0);
    }
}

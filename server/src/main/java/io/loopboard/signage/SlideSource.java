package io.loopboard.signage;

import java.util.List;

/**
 * A kind of slide a channel's rotation mixes in besides the quotes: score, follow-up figure,
 * "you said, we did" stories. {@link PlaylistService} asks every source in its list, in order,
 * and {@link SlideMix} spreads each contribution evenly so that it makes up its {@code percent}
 * of the rotation. A new kind of slide is one source here plus one builder on the screen
 * (docs/architecture.md, "Where to add a slide kind").
 */
public interface SlideSource {

    Contribution slides(Channel channel, long now);

    /**
     * Whether this source's slides quote customers. The fleet-wide "hide all quotes" switch
     * then leaves them out along with the quotes.
     */
    default boolean quotesCustomers() {
        return false;
    }

    /**
     * Slides and the share of the rotation (0–100 percent) they should take. Slides come in
     * groups that stay together and in order, such as a story's "You said" and "We did"; a
     * group is repeated whole when there are too few to make up the share. 100 percent means
     * only these slides.
     */
    record Contribution(List<List<Slide>> groups, int percent) {
        public static final Contribution NONE = new Contribution(List.of(), 0);

        public Contribution {
            groups = groups.stream().filter(g -> !g.isEmpty()).map(List::copyOf).toList();
        }

        /** Slides that each stand alone. */
        public static Contribution of(List<? extends Slide> slides, int percent) {
            return new Contribution(slides.stream().map(s -> List.<Slide>of(s)).toList(), percent);
        }

        /** Every slide of every group, in order. */
        public List<Slide> slides() {
            return groups.stream().flatMap(List::stream).toList();
        }
    }
}

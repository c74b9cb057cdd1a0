package io.loopboard.signage;

import java.util.List;

/**
 * The approved quotes a channel shows now, as slides, the heart of its rotation. The curation
 * feature supplies them ({@code curation.QuoteSlides}); signage only mixes and sends them.
 */
@FunctionalInterface
public interface QuoteFeed {

    List<Slide.Quote> slides(Channel channel, long now, int limit);
}

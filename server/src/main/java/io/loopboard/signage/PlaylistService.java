package io.loopboard.signage;

import io.loopboard.store.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Builds a channel's playlist: the quotes (balanced praise/critique), every other slide
 * source mixed in by its share, in the order of the list, an announcement that takes over,
 * and the quiet dayparts. Other features add slides by adding a {@link SlideSource} to the
 * list given here (app/Loopboard).
 */
public final class PlaylistService {

    /** More than a day of rotation; beyond this a channel needs curation, not more slides. */
    static final int MAX_SLIDES = 200;

    private final ChannelService channels;
    private final QuoteFeed quotes;
    private final List<SlideSource> sources;
    private final TakeoverService takeovers;
    private final Clock clock;
    private final ConcurrentMap<Integer, Long> lastVersion = new ConcurrentHashMap<>();
    /** Channels' rotation epochs (their creation time), which never change once read. */
    private final ConcurrentMap<Integer, Long> epochs = new ConcurrentHashMap<>();

    public PlaylistService(ChannelService channels, QuoteFeed quotes, List<SlideSource> sources,
                           TakeoverService takeovers, Clock clock) {
        this.channels = channels;
        this.quotes = quotes;
        this.sources = List.copyOf(sources);
        this.takeovers = takeovers;
        this.clock = clock;
    }

    public Optional<Playlist> build(int channelId) {
        Optional<Channel> found = channels.find(channelId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Channel c = found.get();
        long now = clock.now();
        boolean quotesHidden = takeovers.quotesHidden().hidden();
        List<Slide.Quote> base = quotesHidden ? List.of()
                : SlideMix.balance(quotes.slides(c, now, MAX_SLIDES), c.praisePercent(), MAX_SLIDES);
        List<SlideSource.Contribution> extras = new ArrayList<>();
        for (SlideSource s : sources) {
            // story slides quote customers too, so "hide all quotes" hides them as well
            if (!(quotesHidden && s.quotesCustomers())) {
                extras.add(s.slides(c, now));
            }
        }
        List<Slide> slides = SlideMix.mix(base, extras, MAX_SLIDES);
        if (slides.size() > MAX_SLIDES) {
            slides = slides.subList(0, MAX_SLIDES);
        }
        if (c.slideMode().equals("reading")) {
            // non-quote slides without their own duration get the channel's upper bound
            long fallback = c.maxSlideSeconds() * 1000L;
            slides = slides.stream().map(s -> s.millis() == null ? s.withMillis(fallback) : s).toList();
        }
        Slide takeover = takeovers.activeFor(channelId, now)
                .map(a -> Slide.Announcement.of("announcement-" + a.id(), a.text(), a.endsAt(), a.imageUrl()))
                .orElse(null);
        long version = lastVersion.merge(channelId, now, (old, candidate) -> Math.max(old + 1, candidate));
        var info = new Playlist.ChannelInfo(c.id(), c.name(), c.theme(), c.brandColor(), c.logoUrl(), c.orientation(), c.quietMode(),
                c.showConnectionState());
        // A stable epoch: the slot sequence continues across republishes (docs/display-protocol.md).
        long epoch = epochs.computeIfAbsent(channelId, id -> channels.epoch(id).orElse(0L));
        return Optional.of(new Playlist("playlist", version, epoch, c.slideSeconds() * 1000L, info, List.copyOf(slides),
                takeover, QuietHours.windows(c, now), quotesHidden));
    }
}

package io.loopboard.signage;

import java.util.ArrayList;
import java.util.List;

/**
 * The mixing step of a playlist: balances praise and critique by the channel's ratio, then
 * spreads other slide sources evenly through the quotes. Pure functions, tested directly.
 */
public final class SlideMix {

    private SlideMix() {
    }

    /**
     * Orders quotes so praise makes up {@code praisePercent} of the praise-and-critique slides
     * (CX-METHOD.md: never a wall of only compliments or only complaints). The smaller side is
     * repeated rather than the larger one cut, so no approved quote drops out of rotation;
     * mixed and unlabelled quotes are spread evenly through the result. Null = keep the order.
     */
    public static List<Playlist.Slide> balance(List<Playlist.Slide> quotes, Integer praisePercent, int maxSlides) {
        if (praisePercent == null) {
            return quotes;
        }
        List<Playlist.Slide> praise = new ArrayList<>();
        List<Playlist.Slide> critique = new ArrayList<>();
        List<Playlist.Slide> other = new ArrayList<>();
        for (Playlist.Slide s : quotes) {
            if ("praise".equals(s.sentiment())) {
                praise.add(s);
            } else if ("critique".equals(s.sentiment())) {
                critique.add(s);
            } else {
                other.add(s);
            }
        }
        double p = praisePercent / 100.0;
        if (p == 0) {
            praise.clear();
        } else if (p == 1) {
            critique.clear();
        }
        List<Playlist.Slide> balanced = new ArrayList<>();
        if (praise.isEmpty() || critique.isEmpty()) {
            // nothing to balance against: show what there is rather than nothing
            balanced.addAll(praise);
            balanced.addAll(critique);
        } else {
            int total = (int) Math.ceil(Math.max(praise.size() / p, critique.size() / (1 - p)) - 1e-9);
            total = Math.min(total, Math.max(maxSlides - other.size(), 2));
            int praiseShown = 0;
            int critiqueShown = 0;
            for (int i = 0; i < total; i++) {
                // pick the side furthest below its target share so far
                boolean pickPraise = (praiseShown + 1) / (double) (i + 1) - p <= (critiqueShown + 1) / (double) (i + 1) - (1 - p);
                if (pickPraise) {
                    balanced.add(praise.get(praiseShown++ % praise.size()));
                } else {
                    balanced.add(critique.get(critiqueShown++ % critique.size()));
                }
            }
        }
        return spread(balanced, other);
    }

    /** Inserts each contribution's slides (cycled if needed) evenly so they take their percent of the result. */
    public static List<Playlist.Slide> mix(List<Playlist.Slide> base, List<SlideSource.Contribution> extras) {
        List<Playlist.Slide> out = new ArrayList<>(base);
        for (SlideSource.Contribution c : extras) {
            if (c.slides().isEmpty() || c.percent() <= 0) {
                continue;
            }
            if (out.isEmpty()) {
                out.addAll(c.slides());
                continue;
            }
            double share = Math.min(c.percent(), 99) / 100.0;
            int count = Math.max(1, (int) Math.round(out.size() * share / (1 - share)));
            List<Playlist.Slide> extra = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                extra.add(c.slides().get(i % c.slides().size()));
            }
            out = spread(out, extra);
        }
        return out;
    }

    /** Places {@code extra} at even intervals through {@code base}. */
    static List<Playlist.Slide> spread(List<Playlist.Slide> base, List<Playlist.Slide> extra) {
        if (extra.isEmpty()) {
            return base;
        }
        List<Playlist.Slide> out = new ArrayList<>(base.size() + extra.size());
        int total = base.size() + extra.size();
        int b = 0;
        int e = 0;
        for (int i = 0; i < total; i++) {
            // extra slide k goes at position round((k + 1) * total / (extra + 1)) - 1, roughly
            boolean takeExtra = e < extra.size() && (b >= base.size() || (long) (i + 1) * extra.size() >= (long) (e + 1) * total - total / 2);
            out.add(takeExtra ? extra.get(e++) : base.get(b++));
        }
        return out;
    }
}

package io.loopboard.signage;

import java.util.ArrayList;
import java.util.List;

/**
 * The mixing step of a playlist: balances praise and critique by the channel's ratio, then
 * spreads every other slide source's contribution evenly through the rotation, keeping each
 * of its groups together. Pure functions, tested directly.
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
    public static List<Slide.Quote> balance(List<Slide.Quote> quotes, Integer praisePercent, int maxSlides) {
        if (praisePercent == null) {
            return quotes;
        }
        List<Slide.Quote> praise = new ArrayList<>();
        List<Slide.Quote> critique = new ArrayList<>();
        List<Slide.Quote> other = new ArrayList<>();
        for (Slide.Quote s : quotes) {
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
        List<Slide.Quote> balanced = new ArrayList<>();
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
        return spreadEach(balanced, other);
    }

    /**
     * Mixes each contribution in turn into what came before, so that its slides make up its
     * percent of the result: its groups are taken in order (repeated whole when too few, a
     * repeat's ids marked {@code ~2}, {@code ~3}…, never beyond {@code maxSlides} of its own) and
     * spread evenly, a group kept together and never first. A contribution of 100 percent, or
     * one mixed into nothing, is the whole result, each group once.
     */
    public static List<Slide> mix(List<? extends Slide> base, List<SlideSource.Contribution> extras, int maxSlides) {
        List<Slide> out = new ArrayList<>(base);
        for (SlideSource.Contribution c : extras) {
            List<List<Slide>> groups = c.groups();
            if (groups.isEmpty() || c.percent() <= 0) {
                continue;
            }
            if (out.isEmpty() || c.percent() >= 100) {
                out = c.slides();
                continue;
            }
            // extra slides / all slides = share  =>  extra slides = others · share / (100 − share)
            long wanted = Math.round(out.size() * c.percent() / (double) (100 - c.percent()));
            List<List<Slide>> chosen = new ArrayList<>();
            int count = 0;
            for (int round = 0; chosen.isEmpty() || count < wanted; round++) {
                List<Slide> g = groups.get(round % groups.size());
                if (!chosen.isEmpty() && count + g.size() > maxSlides) {
                    break;
                }
                int copy = round / groups.size() + 1;
                chosen.add(copy == 1 ? g : g.stream().map(s -> s.withId(s.id() + "~" + copy)).toList());
                count += g.size();
            }
            out = spread(out, chosen);
        }
        return out;
    }

    /** Places the groups at even intervals through {@code base}: group g after base slide max(1, (g+1)·B/(G+1)). */
    static List<Slide> spread(List<Slide> base, List<List<Slide>> groups) {
        List<Slide> out = new ArrayList<>(base.size() + groups.size());
        int g = 0;
        for (int i = 0; i <= base.size(); i++) {
            while (g < groups.size() && Math.max(1, (long) (g + 1) * base.size() / (groups.size() + 1)) <= i) {
                out.addAll(groups.get(g++));
            }
            if (i < base.size()) {
                out.add(base.get(i));
            }
        }
        return out;
    }

    /** Places {@code extra} at even intervals through {@code base}. */
    static <T> List<T> spreadEach(List<T> base, List<T> extra) {
        if (extra.isEmpty()) {
            return base;
        }
        List<T> out = new ArrayList<>(base.size() + extra.size());
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

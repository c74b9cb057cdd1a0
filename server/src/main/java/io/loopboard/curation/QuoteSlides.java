package io.loopboard.curation;

import io.loopboard.feedback.FeedbackStore;
import io.loopboard.signage.Channel;
import io.loopboard.signage.QuoteFeed;
import io.loopboard.signage.Slide;
import io.loopboard.store.Database;
import java.util.List;
import java.util.Map;

/**
 * The quotes a channel shows now: approved, inside their publish window, meant for this
 * channel (or all) and passing its content filters. Only moderated text leaves here, with the
 * answer's language (for the screen's type and direction), never a customer's name, e-mail or segment.
 */
public final class QuoteSlides implements QuoteFeed {

    private final Database db;

    public QuoteSlides(Database db) {
        this.db = db;
    }

    @Override
    public List<Slide.Quote> slides(Channel c, long now, int limit) {
        var admitted = FeedbackStore.idsMatching(new FeedbackStore.Filter(c.touchpoints(), c.locations(), c.languages()));
        List<QuoteStore.OnAir> onAir = QuoteStore.onAir(db.dsl(), c.id(), now, limit, admitted);
        Map<Integer, FeedbackStore.Context> context = FeedbackStore.contexts(db.dsl(),
                onAir.stream().map(QuoteStore.OnAir::feedbackId).toList());
        boolean reading = c.slideMode().equals("reading");
        return onAir.stream().map(q -> {
            FeedbackStore.Context fc = context.get(q.feedbackId());
            Slide.Quote s = new Slide.Quote("quote-" + q.id(), q.displayText(), q.attribution(), q.sentiment(),
                    fc == null ? null : fc.language(), q.publishUntil());
            return reading ? s.withMillis(readingMillis(s.text(), c.minSlideSeconds(), c.maxSlideSeconds())) : s;
        }).toList();
    }

    /**
     * Time to read a quote twice over at a relaxed pace (about 3 words a second, plus a
     * moment to notice the slide), bounded by the channel. Scripts without spaces count one
     * word per 3 characters, so a Chinese quote is not treated as one word.
     */
    public static long readingMillis(String text, int minSeconds, int maxSeconds) {
        String t = text == null ? "" : text.strip();
        // Han, kana and Hangul are read about two characters per "word"; the rest by spaces
        long cjk = t.codePoints().filter(QuoteSlides::isCjk).count();
        String spaced = t.codePoints().filter(cp -> !isCjk(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        int words = spaced.isEmpty() ? 0 : spaced.split("\\s+").length;
        double units = words + cjk / 2.0;
        double seconds = 3 + units / 3.0;
        return Math.round(Math.min(maxSeconds, Math.max(minSeconds, seconds)) * 1000);
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}

package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static io.loopboard.store.generated.Tables.QUOTE;
import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;

import io.loopboard.insights.ScoreService;
import io.loopboard.store.Database;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * The quotes a channel shows now: approved, inside their publish window, meant for this
 * channel (or all) and passing its content filters. Only moderated text leaves here: the
 * query reads quote fields and the feedback's language, never a customer's name, e-mail or segment.
 */
public final class QuoteSlides {

    private final Database db;

    public QuoteSlides(Database db) {
        this.db = db;
    }

    public List<Playlist.Slide> slides(Channel c, long now, int limit) {
        var inChannel = DSL.notExists(DSL.selectOne().from(QUOTE_CHANNEL).where(QUOTE_CHANNEL.QUOTE_ID.eq(QUOTE.ID)))
                .or(DSL.exists(DSL.selectOne().from(QUOTE_CHANNEL)
                        .where(QUOTE_CHANNEL.QUOTE_ID.eq(QUOTE.ID).and(QUOTE_CHANNEL.CHANNEL_ID.eq(c.id())))));
        List<Playlist.Slide> slides = db.dsl()
                .select(QUOTE.ID, QUOTE.DISPLAY_TEXT, QUOTE.ATTRIBUTION, QUOTE.SENTIMENT, QUOTE.PUBLISH_UNTIL, FEEDBACK.LANGUAGE)
                .from(QUOTE).join(FEEDBACK).on(FEEDBACK.ID.eq(QUOTE.FEEDBACK_ID))
                .where(QUOTE.STATUS.eq("approved"))
                .and(QUOTE.PUBLISH_FROM.isNull().or(QUOTE.PUBLISH_FROM.le(now)))
                .and(QUOTE.PUBLISH_UNTIL.isNull().or(QUOTE.PUBLISH_UNTIL.gt(now)))
                .and(inChannel)
                .and(DSL.and(ScoreService.filterConditions(new ScoreService.Filter(c.touchpoints(), c.locations(), c.languages()))))
                .orderBy(QUOTE.PINNED.desc(), QUOTE.DECIDED_AT.desc(), QUOTE.ID.desc())
                .limit(limit)
                .fetch(r -> new Playlist.Slide("quote-" + r.get(QUOTE.ID), "quote", r.get(QUOTE.DISPLAY_TEXT),
                        r.get(QUOTE.ATTRIBUTION), r.get(QUOTE.SENTIMENT), r.get(FEEDBACK.LANGUAGE), r.get(QUOTE.PUBLISH_UNTIL)));
        if (c.slideMode().equals("reading")) {
            return slides.stream().map(s -> s.withMillis(readingMillis(s.text(), c.minSlideSeconds(), c.maxSlideSeconds()))).toList();
        }
        return slides;
    }

    /**
     * Time to read a quote twice over at a relaxed pace (about 3 words a second, plus a
     * moment to notice the slide), bounded by the channel. Scripts without spaces count one
     * word per 3 characters, so a Chinese quote is not treated as one word.
     */
    static long readingMillis(String text, int minSeconds, int maxSeconds) {
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

package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.core.Refusal;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.store.Clock;
import io.loopboard.support.PostgresCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's free text on the scale-out store (a real PostgreSQL cluster): the same rules as on
 * SQLite — a literal substring of 3 or more characters, case folded for Swedish letters —
 * answered by ILIKE over pg_trgm's GIN indexes (migration V8), which this cluster has.
 */
class QueueSearchPostgresTest {

    static PostgresCluster pg;
    static Loopboard lb;

    @BeforeAll
    static void start(@TempDir Path dir) {
        pg = PostgresCluster.start();
        pg.createDatabase("search");
        lb = new Loopboard(Config.forDataDir(dir, 0).withDatabase(pg.jdbcUrl("search"), pg.user(), ""), Clock.SYSTEM);
        List<FeedbackInput> items = new ArrayList<>();
        String[] comments = {
            "ÅSA i kassan på Östermalm var otroligt hjälpsam",
            "Äntligen öppet på söndagar i Örebro 🎉 tack!",
            "التوصيل كان سريعاً والمنتج ممتاز",
            "Koden \"NEAR(x)\" och [1*2] OR 50% rabatt_kod fungerade inte",
        };
        for (int i = 0; i < comments.length; i++) {
            items.add(new FeedbackInput("pg", "s-" + i, comments[i], null, null, null, null, null, "sv", null, null, null, false, null));
        }
        lb.feedback.store(items);
    }

    @AfterAll
    static void stop() {
        if (lb != null) {
            lb.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static List<String> found(String text, String sort) {
        return lb.quotes.queue().page(new QuoteQuery("pending", null, null, null, null, null, null, text, null, sort, null, null, 0, 50))
                .quotes().stream().map(QuoteView::originalText).toList();
    }

    @Test
    void the_trigram_indexes_exist() {
        List<String> indexes = lb.db.dsl().fetch("SELECT indexname FROM pg_indexes WHERE tablename = 'quote'").getValues(0, String.class);
        assertTrue(indexes.containsAll(List.of("quote_display_text_trgm", "quote_original_text_trgm", "quote_created", "quote_quotability")),
                indexes.toString());
    }

    @Test
    void swedish_letters_emoji_and_arabic_match_in_either_case_and_sort() {
        for (String sort : List.of("newest", "quotability")) {
            assertEquals(1, found("åsa i", sort).size(), sort);
            assertEquals(1, found("ÖSTERMALM", sort).size(), sort);
            assertEquals(1, found("äNTLIGEN", sort).size(), sort);
            assertEquals(1, found("örebro 🎉", sort).size(), sort);
            assertEquals(1, found("سريعاً", sort).size(), sort);
            assertEquals(0, found("asa i kassan", sort).size(), sort);
        }
    }

    @Test
    void wildcards_and_search_syntax_are_plain_text() {
        assertEquals(1, found("50% rabatt_kod", "newest").size());
        assertEquals(0, found("50%%", "newest").size());
        assertEquals(0, found("___", "newest").size());
        assertEquals(1, found("\"NEAR(x)\"", "newest").size());
        assertEquals(1, found("[1*2]", "quotability").size());
        assertEquals(0, found("!%!", "newest").size());
        Refusal tooShort = assertThrows(Refusal.class, () -> found("ok", "newest"));
        assertEquals("q", tooShort.problems().get(0).field());
    }
}

package io.loopboard.curation;

import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.feedback.ScoreType;
import io.loopboard.store.Clock;
import io.loopboard.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's search index in its own file, written by its own thread (V15, {@link SearchIndex}):
 * it catches up with every way quotes are written, re-indexes edits from the current text, lets
 * searches find everything while it is behind, and rebuilds itself when its file is lost or
 * belongs to another store.
 */
class SearchIndexTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Integer> found(String text, String sort) {
        HttpResponse<String> res = server.get("/api/v1/quotes?limit=50&sort=" + sort + "&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8), server.moderatorKey);
        assertEquals(200, res.statusCode(), res.body());
        List<Integer> ids = new ArrayList<>();
        for (JsonNode q : json(res).get("quotes")) {
            ids.add(q.get("id").asInt());
        }
        return ids;
    }

    private static List<Long> indexed(SearchIndex index, String text) {
        assertTrue(index.awaitCurrent(Duration.ofSeconds(10)), "the indexer catches up");
        return index.matches(QuoteSearch.ftsPhrase(text));
    }

    @Test
    void the_index_lives_in_its_own_file_and_holds_new_quotes_once_the_indexer_has_caught_up() {
        int id = server.ingestAndFindQuote("s-1", "Fjällstugan i Vålådalen var ren och varm 🏔️", "\"language\":\"sv\"");
        assertEquals(List.of((long) id), indexed(server.lb.search, "VÅLÅDALEN"));
        assertTrue(Files.exists(server.dataDir.resolve("loopboard-search.db")), "the index's own file next to the store");
        assertEquals(0, ((Number) server.lb.db.dsl().fetchValue(
                "SELECT count(*) FROM main.sqlite_schema WHERE name LIKE 'quote_fts%'")).intValue(), "nothing of it in the store's file");
        assertEquals(0, server.lb.search.lag());
    }

    @Test
    void while_the_indexer_is_held_back_searches_read_the_texts_and_miss_nothing() {
        SearchIndex index = server.lb.search;
        index.hold(true);
        try {
            int sv = server.ingestAndFindQuote("s-2", "ÅSA i kassan på Möllan var otroligt hjälpsam", "\"language\":\"sv\"");
            int ar = server.ingestAndFindQuote("s-3", "الخدمة في مالمو كانت ممتازة، شكراً لآسا", "\"language\":\"ar\"");
            assertTrue(index.lag() > 0, "the new quotes are not indexed yet");
            assertFalse(index.readyForQuery(), "a held index does not catch up within the query's wait");
            assertEquals(List.of(sv), found("åsa i kassan", "newest"));
            assertEquals(List.of(sv), found("ÅSA I KASSAN", "quotability"));
            assertEquals(List.of(ar), found("مالمو", "newest"));
        } finally {
            index.hold(false);
        }
        assertEquals(1, indexed(index, "åsa i kassan").size(), "indexed once it may go on");
    }

    @Test
    void an_edit_made_while_the_indexer_waits_is_indexed_from_the_text_as_it_is_now() {
        SearchIndex index = server.lb.search;
        int id = server.ingestAndFindQuote("s-4", "Leveransen till Kiruna kom en dag sent", "\"language\":\"sv\"");
        assertEquals(List.of((long) id), indexed(index, "till Kiruna"));
        index.hold(true);
        try {
            HttpResponse<String> first = server.putJson("/api/v1/quotes/" + id, server.moderatorKey,
                    "{\"displayText\":\"Leveransen till Kiruna kom sent, men chauffören ringde i förväg\"}");
            assertEquals(200, first.statusCode(), first.body());
            HttpResponse<String> second = server.putJson("/api/v1/quotes/" + id, server.moderatorKey,
                    "{\"displayText\":\"Leveransen kom sent, men chauffören RINGDE I FÖRVÄG\"}");
            assertEquals(200, second.statusCode(), second.body());
            assertEquals(List.of(id), found("ringde i förväg", "newest"), "found while the index still has the old text");
        } finally {
            index.hold(false);
        }
        assertEquals(List.of((long) id), indexed(index, "ringde i förväg"), "the display text as it is now");
        assertEquals(List.of((long) id), indexed(index, "en dag sent"), "the original comment stays searchable");
        assertEquals(List.of(), indexed(index, "Kiruna kom sent"),
                "the text of the first edit, replaced before the indexer came to it, is not in the index");
    }

    @Test
    void an_import_defers_new_quotes_but_an_erasure_leaves_the_index_at_once() {
        SearchIndex index = server.lb.search;
        int erased = server.ingestAndFindQuote("s-5", "Kassörskan på Qwörtgatan sa mitt namn högt i kön",
                "\"customer\":{\"name\":\"Qerstin Qvist\",\"email\":\"qerstin@example.se\"}");
        assertEquals(List.of((long) erased), indexed(index, "qwörtgatan"));
        int fresh;
        try (SearchIndex.Deferral importing = index.deferNewQuotes()) {
            fresh = server.ingestAndFindQuote("s-6", "Qwörtgatans nya utlämning öppnar klockan sju 🌅", "\"language\":\"sv\"");
            assertFalse(index.awaitCurrent(Duration.ofMillis(800)), "a quote written during an import waits for the import to end");
            assertFalse(index.readyForQuery(), "searches read the texts meanwhile");
            assertEquals(List.of(fresh), found("utlämning öppnar", "newest"), "and find the new quote");
            HttpResponse<String> res = server.postJson("/api/v1/erasure", server.moderatorKey, "{\"email\":\"qerstin@example.se\"}");
            assertEquals(200, res.statusCode(), res.body());
            // read from the index's file without waiting: the erasure itself waited for its edit to be handled
            assertEquals(List.of(), index.matches(QuoteSearch.ftsPhrase("mitt namn högt")), "the erased text left the index during the import");
            assertEquals(List.of(), index.matches(QuoteSearch.ftsPhrase("utlämning öppnar")), "the new quote is still waiting");
        }
        assertEquals(List.of((long) fresh), indexed(index, "utlämning öppnar"), "indexed once the import is over");
        assertEquals(List.of((long) fresh), indexed(index, "qwörtgatan"), "and the erased quote is not back");
    }

    private static FeedbackInput comment(String id, String text) {
        return new FeedbackInput("rebuild", id, text, 9, ScoreType.NPS, 1_760_000_000_000L, "delivery", "Ystad", "sv",
                null, null, null, false, null);
    }

    @Test
    void a_lost_search_file_or_one_from_another_store_is_rebuilt_from_the_quotes(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one");
        Path other = dir.resolve("other");
        try (Loopboard lb = new Loopboard(Config.forDataDir(one, 0), Clock.SYSTEM)) {
            lb.start(); // the search index's thread starts with the server
            lb.feedback.store(List.of(comment("r-1", "Hamnen i Ystad luktade fisk, men glassen var god"),
                    comment("r-2", "Färjan till Bornholm gick i tid")));
            assertEquals(1, indexed(lb.search, "ystad").size());
        }
        try (Loopboard lb = new Loopboard(Config.forDataDir(other, 0), Clock.SYSTEM)) {
            lb.start(); // the search index's thread starts with the server
            lb.feedback.store(List.of(comment("o-1", "Kaffet i Visby var kallt")));
            assertEquals(1, indexed(lb.search, "visby").size());
        }
        // a search file copied from another store (a restored backup of one file, not the other)
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(one.resolve("loopboard-search.db" + suffix));
        }
        Files.copy(other.resolve("loopboard-search.db"), one.resolve("loopboard-search.db"), StandardCopyOption.REPLACE_EXISTING);
        try (Loopboard lb = new Loopboard(Config.forDataDir(one, 0), Clock.SYSTEM)) {
            lb.start(); // the search index's thread starts with the server
            assertEquals(1, indexed(lb.search, "ystad").size(), "rebuilt from this store's quotes");
            assertEquals(1, indexed(lb.search, "bornholm").size());
            assertEquals(List.of(), indexed(lb.search, "visby"), "nothing of the other store's index is left");
        }
        // a lost search file
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(one.resolve("loopboard-search.db" + suffix));
        }
        try (Loopboard lb = new Loopboard(Config.forDataDir(one, 0), Clock.SYSTEM)) {
            lb.start(); // the search index's thread starts with the server
            assertEquals(1, indexed(lb.search, "färjan till").size(), "rebuilt from this store's quotes");
        }
    }
}

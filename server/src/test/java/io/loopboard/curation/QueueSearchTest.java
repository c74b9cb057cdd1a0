package io.loopboard.curation;

import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue's free text on the default store (SQLite, its FTS5 trigram index): any substring
 * of 3 or more characters, case folded for every alphabet, in both sort orders; hostile text
 * is only text; edits and erasure keep the index in step with the quotes.
 */
class QueueSearchTest {

    static TestServer server;
    static int asa;
    static int antligen;
    static int emoji;
    static int arabic;
    static int syntax;

    @BeforeAll
    static void start() {
        server = new TestServer();
        asa = server.ingestAndFindQuote("s-1", "ÅSA i kassan på Östermalm var otroligt hjälpsam", "\"language\":\"sv\",\"score\":10,\"scoreType\":\"NPS\"");
        antligen = server.ingestAndFindQuote("s-2", "Äntligen öppet på söndagar i Örebro, tack!", "\"language\":\"sv\"");
        emoji = server.ingestAndFindQuote("s-3", "Bästa leveransen hittills 👍🎉 snabbt och snyggt", "\"language\":\"sv\"");
        arabic = server.ingestAndFindQuote("s-4", "التوصيل كان سريعاً والمنتج ممتاز", "\"language\":\"ar\"");
        syntax = server.ingestAndFindQuote("s-5", "Koden \"NEAR(x)\" och [1*2] OR 50% rabatt_kod fungerade inte", "\"language\":\"sv\"");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> search(String text, String sort) {
        return server.get("/api/v1/quotes?limit=50&sort=" + sort + "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8), server.moderatorKey);
    }

    private static List<Integer> found(String text) {
        List<Integer> newest = ids(search(text, "newest"));
        assertEquals(newest.stream().sorted().toList(), ids(search(text, "quotability")).stream().sorted().toList(),
                "both sort orders find the same quotes for " + text);
        return newest;
    }

    private static List<Integer> ids(HttpResponse<String> res) {
        assertEquals(200, res.statusCode(), res.body());
        List<Integer> out = new ArrayList<>();
        json(res).get("quotes").forEach(q -> out.add(q.get("id").asInt()));
        return out;
    }

    @Test
    void swedish_letters_match_in_either_case() {
        assertEquals(List.of(asa), found("åsa"));
        assertEquals(List.of(asa), found("Åsa I KASSAN"));
        assertEquals(List.of(asa), found("östermalm"));
        assertEquals(List.of(antligen), found("ÄNTLIGEN"));
        assertEquals(List.of(antligen), found("örebro"));
        assertEquals(List.of(antligen), found("SÖNDAGAR"));
        assertEquals(List.of(), found("asa i kassan"), "a and å are different letters in Swedish");
    }

    @Test
    void emoji_and_right_to_left_text_are_found_as_written() {
        assertEquals(List.of(emoji), found("👍🎉 snabbt"));
        assertEquals(List.of(emoji), found("hittills 👍"));
        assertEquals(List.of(arabic), found("سريعاً"));
        assertEquals(List.of(arabic), found("والمنتج ممتاز"));
    }

    @Test
    void search_syntax_and_wildcards_are_plain_text_and_never_an_error() {
        assertEquals(List.of(syntax), found("\"NEAR(x)\""));
        assertEquals(List.of(syntax), found("NEAR(x"));
        assertEquals(List.of(syntax), found("[1*2]"));
        assertEquals(List.of(syntax), found("OR 50%"));
        assertEquals(List.of(syntax), found("rabatt_kod"));
        for (String hostile : List.of("NEAR(", "\"\"\"", "*)*", "a OR b", "NOT AND", "col:umn", "^start", "'; DROP TABLE quote;--",
                "{display_text}: x", "\u202Eevil", "%%%", "___", "x\"y\"z", "tab\tnew\nline")) {
            for (String sort : List.of("newest", "quotability")) {
                HttpResponse<String> res = search(hostile, sort);
                assertEquals(200, res.statusCode(), hostile + " → " + res.body());
            }
        }
    }

    @Test
    void control_characters_and_broken_unicode_are_a_bad_request_naming_q() {
        for (String bad : List.of("a\u0000bc", "bell\u0007", "\uFFFDabc")) {
            HttpResponse<String> res = search(bad, "newest");
            assertEquals(400, res.statusCode(), res.body());
            assertEquals("q", json(res).get("errors").get(0).get("field").asText());
        }
    }

    @Test
    void fewer_than_three_characters_is_a_bad_request_naming_q() {
        for (String shortText : List.of("ok", "Å", "\"", "*", ")", "👍", "ab ")) {
            HttpResponse<String> res = search(shortText, "newest");
            assertEquals(400, res.statusCode(), shortText + " → " + res.body());
            assertEquals("q", json(res).get("errors").get(0).get("field").asText());
            assertTrue(json(res).get("message").asText().contains("at least 3 characters"), res.body());
        }
        assertEquals(200, search("   ", "newest").statusCode(), "blank text is no filter");
    }

    @Test
    void searching_pages_by_cursor_in_either_order() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(server.ingestAndFindQuote("p-" + i, "Paketet till Vålådalen kom fram i tid, nummer " + i, null));
        }
        for (String sort : List.of("newest", "quotability")) {
            List<Integer> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = json(server.get("/api/v1/quotes?limit=2&sort=" + sort + "&q=" + URLEncoder.encode("VÅLÅDALEN", StandardCharsets.UTF_8)
                        + (cursor == null ? "" : "&cursor=" + cursor), server.moderatorKey));
                page.get("quotes").forEach(q -> seen.add(q.get("id").asInt()));
                cursor = page.path("nextCursor").asText(null);
            } while (cursor != null);
            assertEquals(ids.stream().sorted().toList(), seen.stream().sorted().toList(), sort + ": every match once");
            if (sort.equals("newest")) {
                List<Integer> newestFirst = new ArrayList<>(ids);
                java.util.Collections.reverse(newestFirst);
                assertEquals(newestFirst, seen, "newest first");
            }
        }
    }

    @Test
    void an_edit_is_found_by_its_new_text_and_the_original_stays_findable() {
        int id = server.ingestAndFindQuote("e-1", "Chauffören Kjell ringde på 070-123 45 67 och var supertrevlig", "\"language\":\"sv\"");
        HttpResponse<String> edited = server.putJson("/api/v1/quotes/" + id, server.moderatorKey,
                "{\"displayText\":\"Chauffören var supertrevlig och HJÄLPSAM\"}");
        assertEquals(200, edited.statusCode(), edited.body());
        assertTrue(found("trevlig och hjälpsam").contains(id), "the display text as edited");
        assertTrue(found("070-123 45").contains(id), "the original comment stays searchable for moderators");
    }

    @Test
    void erasure_takes_the_customers_text_out_of_the_search_index() {
        int id = server.ingestAndFindQuote("g-1", "Zyxwvuträsk-butiken borde ha längre öppettider",
                "\"customer\":{\"name\":\"Greta Glöm\",\"email\":\"greta@example.se\"}");
        assertEquals(List.of(id), found("ZYXWVUTRÄSK"));
        HttpResponse<String> res = server.postJson("/api/v1/erasure", server.moderatorKey, "{\"email\":\"Greta@Example.se\"}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(List.of(), found("zyxwvuträsk"));
        // the index itself, not only the join back to quote, no longer holds the text
        Object left = server.lb.db.dsl().fetchValue("SELECT count(*) FROM search.quote_fts WHERE quote_fts MATCH ?", "\"zyxwvuträsk\"");
        assertEquals(0, ((Number) left).intValue());
        assertFalse(found("längre öppettider").contains(id));
    }

    @Test
    void the_glob_fallback_folds_case_like_the_index_and_keeps_wildcards_literal() {
        String[][] cases = {
                {"ÅSA på Östermalm", "åsa på", "true"},
                {"äntligen ÖPPET", "Äntligen öppet", "true"},
                {"Koden [1*2] gäller", "[1*2]", "true"},
                {"Koden 1x2 gäller", "[1*2]", "false"},
                {"Koden 1x2 gäller", "1?2", "false"},
                {"Koden 1?2 gäller", "1?2", "true"},
                {"hittills 👍🎉", "👍🎉", "true"},
                {"Sånt", "SÅNT", "true"},
                {"Sant", "SÅNT", "false"},
        };
        for (String[] c : cases) {
            Object hit = server.lb.db.dsl().fetchValue("SELECT ? GLOB ?", c[0], QuoteSearch.glob(c[1]));
            assertEquals(Boolean.parseBoolean(c[2]), ((Number) hit).intValue() == 1, c[0] + " ~ " + c[1]);
        }
    }
}

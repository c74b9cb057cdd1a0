package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans SQLite chooses for the queue's queries, as {@code ModerationQueue.page} runs them: the
 * shapes that stay fast at a million rows (docs/moderation.md, "How the queue stays fast"). SQLite
 * plans without statistics on a fresh store of any size, so a small file shows what a large one
 * would do; a change that brings back a sort of the whole queue fails here, not only in the bench.
 */
class QueuePlanTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
        server.ingestAndFindQuote("p-1", "Leveransen till Kiruna kom i tid", "\"location\":\"Kiruna\",\"language\":\"sv\"");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String plan(String status, String location, String text, String sort, String cursor) {
        QuoteQuery q = new QuoteQuery(status, null, null, location, null, null, null, text, null, sort, cursor, null, 0, 50);
        return server.lb.db.dsl().fetch("EXPLAIN QUERY PLAN " + server.lb.quotes.queue().sql(q)).stream()
                .map(r -> r.get("detail", String.class)).collect(Collectors.joining("\n"));
    }

    private static void walksWithoutSorting(String plan, String index) {
        assertTrue(plan.contains("USING INDEX " + index), plan);
        assertFalse(plan.contains("TEMP B-TREE"), "no sort of the whole queue:\n" + plan);
    }

    @Test
    void a_status_walks_its_index_in_either_order_and_from_a_cursor() {
        walksWithoutSorting(plan("pending", null, null, "newest", null), "quote_status_created");
        walksWithoutSorting(plan("pending", null, null, "quotability", null), "quote_status_quotability");
        walksWithoutSorting(plan("approved", null, null, "newest", "1760000000000.500"), "quote_status_created");
    }

    @Test
    void the_quotes_on_air_are_read_from_the_partial_index_of_approved_quotes() {
        // the query as it runs: its own SQL, its bind values bound
        var query = QuoteAnalysis.onAirQuery(server.lb.db.dsl());
        String plan = server.lb.db.dsl().fetch("EXPLAIN QUERY PLAN " + query.getSQL(), query.getBindValues().toArray()).stream()
                .map(r -> r.get("detail", String.class)).collect(Collectors.joining("\n"));
        walksWithoutSorting(plan, "quote_on_air");
    }

    @Test
    void all_statuses_walk_the_v8_indexes() {
        walksWithoutSorting(plan(null, null, null, "newest", null), "quote_created");
        walksWithoutSorting(plan(null, null, null, "quotability", "50.500"), "quote_quotability");
    }

    @Test
    void a_rare_location_starts_from_its_index_and_sorts_the_few() {
        String plan = plan("pending", "Kiruna", null, "newest", null);
        assertTrue(plan.startsWith("SEARCH f USING INDEX feedback_location") || plan.contains("feedback_location"), plan);
    }

    @Test
    void free_text_newest_first_reads_the_index_in_order_and_by_quotability_reads_its_few_matches() {
        String newest = plan("pending", null, "leverans", "newest", null);
        assertTrue(newest.contains("quote_fts VIRTUAL TABLE"), newest);
        assertFalse(newest.contains("TEMP B-TREE"), "the index hands out matches newest first:\n" + newest);
        String quotable = plan(null, null, "leverans", "quotability", null);
        assertTrue(quotable.contains("quote_fts VIRTUAL TABLE"), quotable);
        assertTrue(quotable.contains("INTEGER PRIMARY KEY"), "each match looked up by key:\n" + quotable);
    }
}

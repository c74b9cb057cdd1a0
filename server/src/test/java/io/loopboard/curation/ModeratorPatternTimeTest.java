package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A moderator's reference pattern cannot make analysis take exponential time: the pattern
 * {@code ((a+)+)+b} and a comment of a's (22 seconds for 28 a's on a backtracking engine) take
 * milliseconds, at ingest and when the quote is viewed.
 */
class ModeratorPatternTimeTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_catastrophic_pattern_takes_milliseconds_per_comment() {
        PiiDetector detector = new PiiDetector(List.of(ReferencePattern.compile("((a+)+)+b")));
        for (int i = 0; i < 20; i++) {
            detector.find("a".repeat(28), PiiDetector.Customer.NONE, "en"); // warm-up
        }
        long start = System.nanoTime();
        int comments = 0;
        for (int n = 20; n <= 80; n++) {
            detector.find("a".repeat(n) + "c", PiiDetector.Customer.NONE, "en");
            detector.find("a".repeat(n), PiiDetector.Customer.NONE, "en");
            comments += 2;
        }
        double perComment = (System.nanoTime() - start) / 1e6 / comments;
        assertTrue(perComment < 10, "ms per comment: " + perComment);
        // and the pattern still finds what it describes (its first group, as the shipped patterns report theirs)
        List<PiiDetector.Finding> found = detector.find("xx aaab yy", PiiDetector.Customer.NONE, "en");
        assertEquals("aaa", found.get(0).text());
    }

    @Test
    void ingest_and_view_with_that_pattern_configured_answer_at_once() {
        HttpResponse<String> saved = server.putJson("/api/v1/moderation/settings", server.moderatorKey,
                "{\"referencePatterns\":[\"((a+)+)+b\"]}");
        assertEquals(200, saved.statusCode(), saved.body());
        try {
            long start = System.nanoTime();
            int id = server.ingestAndFindQuote("redos-1", "a".repeat(28), null);
            HttpResponse<String> view = server.get("/api/v1/quotes/" + id, server.moderatorKey);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, view.statusCode(), view.body());
            assertTrue(ms < 3_000, "ingest and view took " + ms + " ms");
        } finally {
            server.putJson("/api/v1/moderation/settings", server.moderatorKey,
                    "{\"referencePatterns\":" + io.loopboard.core.Json.write(PiiDetector.DEFAULT_REFERENCE_PATTERNS) + "}");
        }
    }

    @Test
    void patterns_an_re2_engine_cannot_run_are_refused_naming_the_field_and_the_shipped_ones_stay_accepted() {
        for (String bad : new String[] {"(?<=order )\\\\d+", "(?=x)y", "(a)\\\\1", "(unclosed"}) {
            HttpResponse<String> res = server.putJson("/api/v1/moderation/settings", server.moderatorKey,
                    "{\"referencePatterns\":[\"" + bad + "\"]}");
            assertEquals(400, res.statusCode(), bad + ": " + res.body());
            assertEquals("referencePatterns", TestServer.json(res).get("errors").get(0).get("field").asText());
        }
        List<String> withOwn = new ArrayList<>(PiiDetector.DEFAULT_REFERENCE_PATTERNS);
        withOwn.add("ärende-\\d+");
        HttpResponse<String> ok = server.putJson("/api/v1/moderation/settings", server.moderatorKey,
                "{\"referencePatterns\":" + io.loopboard.core.Json.write(withOwn) + "}");
        assertEquals(200, ok.statusCode(), ok.body());
        server.putJson("/api/v1/moderation/settings", server.moderatorKey,
                "{\"referencePatterns\":" + io.loopboard.core.Json.write(PiiDetector.DEFAULT_REFERENCE_PATTERNS) + "}");
        // positions stay right around letters outside ASCII and emoji
        PiiDetector own = new PiiDetector(List.of(ReferencePattern.compile("ärende-\\d+")));
        String text = "Hej 😊! Mitt ärende-123 är löst, tack – شكرا";
        List<PiiDetector.Finding> found = own.find(text, PiiDetector.Customer.NONE, "sv");
        assertEquals("ärende-123", found.get(0).text(), text);
    }
}

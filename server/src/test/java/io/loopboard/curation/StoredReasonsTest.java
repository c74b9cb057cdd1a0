package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.curation.QuoteAnalyzer.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reasons behind a quotability score, as a quote stores them and reads them back. */
class StoredReasonsTest {

    @Test
    void reasons_are_stored_as_compact_arrays_and_read_back_whatever_their_text() {
        List<Reason> reasons = List.of(
                new Reason("length.good", 30, 30, "69"),
                new Reason("pii.found", 0, 20, "email, phone"),
                new Reason("words.flagged", 0, 15, "jävla, \"shit\", <script>alert(1)</script>, 👍, שלום, \\"),
                new Reason("duplicate.on_air", 0, 15, "42"));
        String stored = QuoteAnalyzer.storedReasons(reasons);
        assertTrue(stored.startsWith("[[\"length.good\",30,30,\"69\"],"), stored);
        assertEquals(reasons, QuoteAnalyzer.readStoredReasons(stored));

        QuoteAnalyzer analyzer = new QuoteAnalyzer(PiiDetector.withDefaults(), new BlockList(BlockList.SHIPPED, List.of()));
        QuoteAnalyzer.Analysis a = analyzer.analyze("Leveransen kom en dag för tidigt och chauffören var jättetrevlig 👍",
                "sv", PiiDetector.Customer.NONE, 0, List.of());
        String objects = io.loopboard.core.Json.write(a.reasons());
        assertTrue(a.storedReasons().length() * 2 < objects.length() + 20,
                "compact: " + a.storedReasons().length() + " against " + objects.length() + " characters");
    }

    @Test
    void reasons_stored_by_earlier_versions_as_objects_still_read_and_broken_ones_read_as_none() {
        String earlier = "[{\"code\":\"length.good\",\"points\":30,\"max\":30,\"detail\":\"69\"},"
                + "{\"code\":\"words.clean\",\"points\":15,\"max\":15,\"detail\":\"\"}]";
        assertEquals(List.of(new Reason("length.good", 30, 30, "69"), new Reason("words.clean", 15, 15, "")),
                QuoteAnalyzer.readStoredReasons(earlier));
        assertEquals(List.of(), QuoteAnalyzer.readStoredReasons("[[\"length.good\",30"));
        assertEquals(List.of(), QuoteAnalyzer.readStoredReasons(null));
    }
}

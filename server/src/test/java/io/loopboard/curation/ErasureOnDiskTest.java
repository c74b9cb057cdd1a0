package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After an erasure, no byte of the erased customer's e-mail or comment is left in any file of
 * the data directory: not in the store's free pages, not in its write-ahead log, not in the
 * search index's file or its log. The test reads the raw files, as anyone with the disk could.
 */
class ErasureOnDiskTest {

    private static final String EMAIL = "ingrid.zebrafink.7391@example.se";
    private static final String COMMENT = "Zebrafinkarna i lobbyn sjöng hela morgonen, tack! 🐦";
    private static final String KEPT = "Kaffeautomaten på plan tre är äntligen lagad ☕";

    /** Where in the data directory's files {@code text} occurs (its UTF-8 bytes, anywhere). */
    private static List<String> filesHolding(Path dir, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                byte[] hay = Files.readAllBytes(p);
                int copies = 0;
                outer:
                for (int i = 0; i + needle.length <= hay.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (hay[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    copies++;
                }
                if (copies > 0) {
                    found.add(dir.relativize(p) + " (" + copies + " copies)");
                }
            }
        }
        return found;
    }

    @Test
    void no_byte_of_an_erased_customer_remains_in_the_data_directory() throws Exception {
        try (TestServer server = new TestServer()) {
            int quote = server.ingestAndFindQuote("erase-1", COMMENT, "\"customer\":{\"name\":\"Ingrid Zebrafink\",\"email\":\"" + EMAIL + "\"}");
            server.ingestAndFindQuote("keep-1", KEPT, "\"customer\":{\"email\":\"kvar@example.se\"}");
            // the quote goes on air and is edited: more copies of its text in pages, the log and the audit
            assertEquals(200, server.postJson("/api/v1/quotes/" + quote + "/approve", server.moderatorKey, "{}").statusCode());
            for (int i = 0; i < 30; i++) { // other customers' feedback moves pages around and grows the log
                server.ingestAndFindQuote("other-" + i, "Bra service nummer " + i + ", tack så mycket för hjälpen!", null);
            }
            assertFalse(filesHolding(server.dataDir, EMAIL).isEmpty(), "the raw files are read right: the e-mail is there before");

            HttpResponse<String> erased = server.postJson("/api/v1/erasure", server.moderatorKey, "{\"email\":\"" + EMAIL + "\"}");
            assertEquals(200, erased.statusCode(), erased.body());

            assertEquals(List.of(), filesHolding(server.dataDir, EMAIL), "the erased e-mail");
            assertEquals(List.of(), filesHolding(server.dataDir, "Zebrafinkarna i lobbyn"), "the erased comment");
            assertEquals(List.of(), filesHolding(server.dataDir, "Ingrid Zebrafink"), "the erased customer's name");
            assertTrue(!filesHolding(server.dataDir, KEPT).isEmpty(), "another customer's comment stays");
            // the store still works after its log was truncated
            assertEquals(200, server.get("/api/v1/quotes?limit=10", server.moderatorKey).statusCode());
            server.ingestAndFindQuote("after-1", "Efter radering: allt fungerar 👍", null);
        }
    }
}

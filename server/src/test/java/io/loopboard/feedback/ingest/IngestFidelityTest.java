package io.loopboard.feedback.ingest;

import static io.loopboard.store.generated.Tables.FEEDBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.store.generated.tables.records.FeedbackRecord;
import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV imports and mappings that must neither lose nor alter what a customer wrote. */
class IngestFidelityTest {

    static TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, FeedbackRecord> feedback(String source) {
        return server.lb.db.dsl().selectFrom(FEEDBACK).where(FEEDBACK.SOURCE.eq(source)).fetchMap(FEEDBACK.EXTERNAL_ID);
    }

    @Test
    void columns_unmapped_on_purpose_stay_unmapped_when_the_saved_mapping_is_read_back() {
        // the documented way not to import names and e-mails: set their columns to null or ""
        HttpResponse<String> r = server.postJson("/api/v1/sources", server.adminKey, """
                {"name":"delighted-no-pii","kind":"csv","mapping":{"preset":"delighted",
                 "columns":{"customerName":null,"customerEmail":""}}}""");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode shown = TestServer.json(r).get("mapping").get("columns");
        assertTrue(shown.get("customerName").isNull(), shown.toString());
        assertTrue(shown.get("customerEmail").isNull(), shown.toString());

        ImportService.ImportResult result = server.lb.imports.importCsv(Fixtures.copy("delighted-export.csv", dir),
                "delighted-no-pii", null);
        assertEquals("done", result.status(), result.message());
        assertEquals(2, result.created());
        FeedbackRecord charlie = feedback("delighted-no-pii").get("5435");
        assertEquals("Your service is fast and flawless!", charlie.getComment());
        assertNull(charlie.getCustomerName(), "the admin opted out of names");
        assertNull(charlie.getCustomerEmail(), "the admin opted out of e-mail addresses");

        // a later change of another setting keeps them unmapped too
        int id = TestServer.json(r).get("id").asInt();
        HttpResponse<String> put = server.putJson("/api/v1/sources/" + id, server.adminKey,
                "{\"mapping\":{\"scoreType\":\"NPS\"}}");
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(TestServer.json(put).get("mapping").get("columns").get("customerEmail").isNull(), put.body());
        assertNull(server.lb.sources.byName("delighted-no-pii").orElseThrow().mapping().column("customerEmail"));
    }
}

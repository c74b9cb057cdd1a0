package io.loopboard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log shows a moderator what a moderator may see, and no more. */
class AuditByRoleTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
        server.ingestAndFindQuote("audit-1", "Kaffet var fantastiskt, tack!", null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_moderator_reads_no_users_or_api_keys_through_the_audit_log() {
        for (String query : new String[] {"?entityType=user", "?entityType=api_key"}) {
            HttpResponse<String> res = server.get("/api/v1/audit" + query, server.moderatorKey);
            assertEquals(403, res.statusCode(), query + ": " + res.body());
            assertEquals("entityType", TestServer.json(res).get("errors").get(0).get("field").asText());
        }
        HttpResponse<String> all = server.get("/api/v1/audit?limit=500", server.moderatorKey);
        assertEquals(200, all.statusCode());
        for (JsonNode e : TestServer.json(all).get("entries")) {
            String type = e.path("entityType").asText();
            assertFalse(type.equals("user") || type.equals("api_key"), "a moderator saw " + e);
        }
        assertFalse(all.body().contains(TestServer.VIEWER_EMAIL), "a user's e-mail reached a moderator");
        // the same words an administrator does see
        HttpResponse<String> users = server.get("/api/v1/audit?entityType=user", server.adminKey);
        assertEquals(200, users.statusCode());
        assertTrue(users.body().contains(TestServer.VIEWER_EMAIL), users.body());
        assertTrue(server.get("/api/v1/audit?entityType=api_key", server.adminKey).body().contains("test-ingest"));
    }
}

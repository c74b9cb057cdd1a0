package io.loopboard.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.core.Json;
import io.loopboard.store.Clock;
import io.loopboard.support.PostgresCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follow-up feature on the scale-out store: the same queries and migration on PostgreSQL. */
class FollowUpPostgresTest {

    static PostgresCluster pg;
    static Loopboard lb;

    @BeforeAll
    static void start(@TempDir Path dir) {
        pg = PostgresCluster.start();
        pg.createDatabase("followup");
        lb = new Loopboard(Config.forDataDir(dir, 0).withDatabase(pg.jdbcUrl("followup"), pg.user(), ""), Clock.SYSTEM);
        lb.start();
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

    @Test
    void cases_open_with_the_answer_are_worked_counted_and_erased_on_postgresql() throws Exception {
        lb.feedback.ingest(Json.MAPPER.readTree("""
                [{"source":"pg","externalId":"1","score":2,"scoreType":"NPS","comment":"Ring mig på 070-123 45 67",
                  "customer":{"name":"Åsa","email":"asa@example.se"},"consentToContact":true},
                 {"source":"pg","externalId":"2","score":9,"scoreType":"NPS","comment":"Toppen"}]"""));
        List<FollowUpStore.CaseView> open = lb.followups.list("open", null, false, 100);
        assertEquals(1, open.size());
        FollowUpStore.CaseView c = open.get(0);
        assertEquals(List.of("strong_critic", "consent", "callback"), c.reasons());
        assertEquals("070-123 45 67", lb.followups.contact(c.id(), "test").phone());

        lb.followups.update(c.id(), new FollowUpService.Change(null, "phone", "contacted", null, null, null, Set.of()), "test");
        FollowUpService.Figure f = lb.followups.figure();
        assertEquals(1, f.n());
        assertEquals(1, f.inTime());
        assertTrue(!f.shown());

        assertEquals(1, lb.erasure.erase("asa@example.se", "test").feedback());
        assertEquals(0, lb.followups.list("all", null, false, 100).size());
    }
}

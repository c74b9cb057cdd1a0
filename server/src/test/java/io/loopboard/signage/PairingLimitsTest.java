package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pairing codes go to Loopboard's own display page, and no one address can take them all. */
class PairingLimitsTest {

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
    void one_address_holds_at_most_ten_pairing_codes_at_once() throws Exception {
        List<WsClient> pages = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                WsClient page = new WsClient(server.wsBase() + "/display/ws?pair=1");
                pages.add(page);
                assertEquals(6, page.next("pairing", Duration.ofSeconds(5)).get("code").asText().length());
            }
            WsClient eleventh = new WsClient(server.wsBase() + "/display/ws?pair=1");
            pages.add(eleventh);
            assertEquals(1013, eleventh.closeCode.get(5, TimeUnit.SECONDS), "the eleventh code from one address");
            assertTrue(eleventh.messages.stream().noneMatch(m -> m.path("type").asText().equals("pairing")));
            // a page that goes away gives its place back, as soon as the server has seen it go
            pages.get(0).close();
            boolean given = false;
            for (long until = System.nanoTime() + 5_000_000_000L; !given && System.nanoTime() < until; ) {
                WsClient next = new WsClient(server.wsBase() + "/display/ws?pair=1");
                pages.add(next);
                try {
                    next.closeCode.get(300, TimeUnit.MILLISECONDS); // refused: the close is not processed yet
                } catch (java.util.concurrent.TimeoutException open) {
                    given = next.next("pairing", Duration.ofSeconds(5)).get("code").asText().length() == 6;
                }
            }
            assertTrue(given, "a place freed by a closed page is given to the next one");
        } finally {
            pages.forEach(WsClient::close);
        }
    }

    @Test
    void a_page_of_another_site_gets_no_pairing_code() throws Exception {
        try (WsClient foreign = new WsClient(server.wsBase() + "/display/ws?pair=1", Map.of("Origin", "https://evil.example"))) {
            assertEquals(1008, foreign.closeCode.get(5, TimeUnit.SECONDS));
            assertTrue(foreign.messages.stream().noneMatch(m -> m.path("type").asText().equals("pairing")));
        }
        try (WsClient own = new WsClient(server.wsBase() + "/display/ws?pair=1", Map.of("Origin", server.base()))) {
            assertEquals(6, own.next("pairing", Duration.ofSeconds(5)).get("code").asText().length());
        }
    }
}

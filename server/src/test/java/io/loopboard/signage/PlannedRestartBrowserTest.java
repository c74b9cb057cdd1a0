package io.loopboard.signage;

import static io.loopboard.support.DisplayPage.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.store.Clock;
import io.loopboard.support.Chromium;
import io.loopboard.support.WsClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A planned restart (an upgrade, a config change) costs a screen seconds, not the tens of
 * seconds its backoff reaches during an outage: the stopping server closes every screen's socket
 * with 1012 (Service Restart), and the page then retries every 0.5–2 s.
 */
class PlannedRestartBrowserTest {

    /** Long enough that exponential backoff alone would wait up to 8–16 s for the next try. */
    static final long DOWN_MS = 8_000;

    @TempDir
    Path dir;

    @Test
    void screens_are_back_within_seconds_of_a_planned_restart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Config config = Config.forDataDir(dir, port);
        Loopboard first = new Loopboard(config, Clock.SYSTEM);
        Loopboard second = null;
        boolean firstStopped = false;
        try (Chromium browser = Chromium.start()) {
            int channel = first.screens.createChannel("lobby", "Lobby", 10, "test");
            String token = first.screens.createScreen("Lobby TV", channel, "test").token();
            first.start();
            var page = browser.driver;
            page.get("http://localhost:" + port + "/display/?token=" + token);
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(10), Duration.ofMillis(20));
            wait.until(d -> "open".equals(body(page, "connection")));
            WsClient other = new WsClient("ws://localhost:" + port + "/display/ws?token=" + token);
            other.next("playlist", Duration.ofSeconds(5));

            first.close();
            firstStopped = true;
            assertEquals(DisplayHub.CLOSE_RESTARTING, other.closeCode.get(5, TimeUnit.SECONDS),
                    "a stopping server tells its screens it will be back");
            other.close();
            wait.until(d -> !"open".equals(body(page, "connection")));
            Thread.sleep(DOWN_MS);

            second = new Loopboard(config, Clock.SYSTEM);
            long started = System.nanoTime();
            second.start();
            new WebDriverWait(page, Duration.ofSeconds(30), Duration.ofMillis(20))
                    .until(d -> "open".equals(body(page, "connection")));
            long backMs = (System.nanoTime() - started) / 1_000_000;
            System.out.println("PlannedRestartBrowserTest: the screen was back " + backMs + " ms after the server, "
                    + DOWN_MS + " ms down");
            assertTrue(backMs < 3_000, "back within seconds of the restart: " + backMs + " ms");
        } finally {
            if (!firstStopped) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}

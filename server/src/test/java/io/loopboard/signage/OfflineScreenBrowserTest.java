package io.loopboard.signage;

import static io.loopboard.support.DisplayPage.body;
import static io.loopboard.support.DisplayPage.consoleErrors;
import static io.loopboard.support.DisplayPage.showingFallback;
import static io.loopboard.support.DisplayPage.slideId;
import static io.loopboard.support.DisplayPage.slideText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.app.Loopboard;
import io.loopboard.config.Config;
import io.loopboard.store.Clock;
import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A screen through a server outage, in Chromium: it keeps rotating when the server stops, boots
 * from the Service Worker's cache when reloaded with the server down, shows the neutral fallback
 * once its cached playlist is past the staleness bound, and picks up the new playlist within
 * seconds when a new server process starts on the same data and port.
 *
 * <p>The steps build on each other (one outage, one screen), hence the fixed order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineScreenBrowserTest {

    static final String[] ON_AIR = {
        "Personalen i Malmö var otroligt hjälpsam – tack! 🙏",
        "Leveransen kom två dagar för sent, och ingen hörde av sig.",
        "خدمة ممتازة وسريعة، شكراً لكم",
    };
    static final String NEW_QUOTE = "Nya appen är så mycket bättre – äntligen kan jag betala med Swish 💚";

    static TestServer server;
    static Loopboard restarted;
    static Chromium browser;
    static ChromeDriver screen;
    static int port;
    static final int[] quoteIds = new int[ON_AIR.length];
    static int newQuoteId;

    @BeforeAll
    static void start() {
        server = new TestServer();
        port = server.lb.port();
        int channel = server.lb.screens.createChannel("corridor", "Corridor", 3, "test");
        String token = server.lb.screens.createScreen("Corridor TV", channel, "test").token();
        for (int i = 0; i < ON_AIR.length; i++) {
            quoteIds[i] = server.ingestAndFindQuote("offline-" + i, ON_AIR[i], null);
            server.lb.quotes.approve(quoteIds[i], null, null, "test");
        }
        // Pending for now; approved by the restarted server.
        newQuoteId = server.ingestAndFindQuote("offline-new", NEW_QUOTE, null);

        browser = Chromium.start();
        screen = browser.driver;
        screen.get(server.base() + "/display/?token=" + token);
        wait(10).withMessage(() -> "display never connected: " + screen.manage().logs().get("browser").getAll())
                .until(d -> "open".equals(body(screen, "connection")) && slideText(screen) != null);
        // The worker installs and caches the client in the background; wait until it controls the page
        // and holds every script, style sheet and image the page loaded (a module missing from the cache
        // would keep the whole client from booting offline)
        wait(10).withMessage("the Service Worker never took control of the page and cached its files").until(d -> Boolean.TRUE.equals(
                screen.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        if (!navigator.serviceWorker.controller) return done(false);
                        const loaded = performance.getEntriesByType('resource').map(e => e.name.split('?')[0])
                          .filter(u => u.startsWith(location.origin + '/display/') && /\\.(js|css|svg)$/.test(u) && !u.endsWith('/sw.js'));
                        caches.open('loopboard-display-v1').then(c => c.keys())
                          .then(keys => {
                            const cached = new Set(keys.map(k => k.url.split('?')[0]));
                            done(loaded.length >= 12 && loaded.every(u => cached.has(u)));
                          }, () => done(false));""")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (restarted != null) {
            restarted.close();
        }
        server.close();
    }

    /** Whether a slide's text is one of the quotes on air (false while the page has no slide: reloading). */
    static boolean onAir(String text) {
        return text != null && List.of(ON_AIR).contains(text);
    }

    static WebDriverWait wait(int seconds) {
        return new WebDriverWait(screen, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    @Test
    @Order(1)
    void the_screen_keeps_rotating_when_the_server_stops_mid_rotation() throws InterruptedException {
        server.lb.close();
        wait(10).until(d -> "closed".equals(body(screen, "connection")) || "connecting".equals(body(screen, "connection")));

        Set<String> seen = new LinkedHashSet<>();
        int changes = 0;
        String last = slideId(screen);
        long until = System.currentTimeMillis() + 7_000;
        while (System.currentTimeMillis() < until) {
            String now = slideId(screen);
            if (now != null && !now.isEmpty() && !now.equals(last)) {
                changes++;
                last = now;
            }
            seen.add(now);
            Thread.sleep(100);
        }
        assertTrue(changes >= 2, "3-second slides kept changing without the server: " + changes + " changes, saw " + seen);
        assertTrue(onAir(slideText(screen)));
        assertNotEquals("open", body(screen, "connection"));
    }

    @Test
    @Order(2)
    void a_reload_while_the_server_is_down_boots_from_the_cache() {
        screen.navigate().refresh();
        wait(10).withMessage(() -> "no slide after reloading offline; page: " + screen.getPageSource())
                .until(d -> onAir(slideText(screen)));
        assertTrue((Boolean) screen.executeScript("return navigator.serviceWorker.controller !== null"),
                "the page came from the Service Worker");
        assertNotEquals("open", body(screen, "connection"));
        // And it still rotates.
        String first = slideId(screen);
        wait(8).until(d -> !first.equals(slideId(screen)));
        // The discreet marker is off unless the channel asks for it.
        assertEquals("none", screen.executeScript(
                "return getComputedStyle(document.getElementById('connection-marker')).display"));
    }

    @Test
    @Order(3)
    void past_the_staleness_bound_it_shows_a_clock_and_the_logo_instead_of_old_quotes() {
        // As if the server had last confirmed this playlist 25 hours ago (the default bound is 24 h).
        screen.executeScript("localStorage.setItem('loopboard.playlistConfirmedAt', String(Date.now() - 25 * 3600 * 1000))");
        screen.navigate().refresh();
        wait(10).withMessage(() -> "no fallback: " + screen.getPageSource()).until(d -> showingFallback(screen));
        assertNull(slideText(screen), "no quote on screen");
        String clock = (String) screen.executeScript("return document.getElementById('idle-clock').textContent");
        assertTrue(clock.matches("\\d\\d:\\d\\d"), "a clock: " + clock);
        wait(5).withMessage("the logo loads from the cache").until(d -> Boolean.TRUE.equals(screen.executeScript(
                "const i = document.querySelector('.fallback-logo'); return !!i && i.complete && i.naturalWidth > 0;")));
        assertFalse(screen.findElement(org.openqa.selenium.By.tagName("body")).getText().contains("Leveransen"));
    }

    @Test
    @Order(4)
    void a_restarted_server_with_a_new_playlist_is_picked_up_within_seconds_and_applies_first() {
        String before = body(screen, "playlistVersion");
        // Record every layer the screen puts up from now on.
        screen.executeScript("""
                window.__shown = [];
                new MutationObserver(() => {
                  const s = document.getElementById('slide');
                  if (s) window.__shown.push(s.dataset.slideId || (s.classList.contains('layer--fallback') ? 'fallback' : 'idle'));
                }).observe(document.getElementById('stage'), { childList: true });""");

        // A new server process on the same data and port; the quote taken down while the
        // screen was away, and a new one approved, before it accepts connections.
        restarted = new Loopboard(Config.forDataDir(server.dataDir, port), Clock.SYSTEM);
        restarted.quotes.unpublish(quoteIds[1], "test");
        restarted.quotes.approve(newQuoteId, null, null, "test");
        long started = System.nanoTime();
        restarted.start();

        wait(40).withMessage("the screen never reconnected").until(d -> "open".equals(body(screen, "connection"))
                && !before.equals(body(screen, "playlistVersion")));
        long pickedUpMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("screen picked up the restarted server's playlist after " + pickedUpMs + " ms");
        assertTrue(pickedUpMs < 20_000, "picked up within seconds: " + pickedUpMs + " ms");

        wait(15).until(d -> NEW_QUOTE.equals(slideText(screen)));
        assertFalse(showingFallback(screen));
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) screen.executeScript("return window.__shown");
        assertFalse(shown.contains("quote-" + quoteIds[1]), "the quote taken down offline never came back: " + shown);
        assertEquals("86400000", screen.executeScript("return localStorage.getItem('loopboard.maxStaleMillis')"),
                "the server's staleness bound is kept for the next offline boot");
        assertEquals(List.of(), consoleErrors(screen), "no console errors");
    }
}

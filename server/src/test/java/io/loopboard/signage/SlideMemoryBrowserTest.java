package io.loopboard.signage;

import static io.loopboard.support.DisplayPage.consoleErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Memory over many slide changes, measured in Chromium through the DevTools protocol
 * ({@code HeapProfiler.collectGarbage}, then {@code Performance.getMetrics}).
 *
 * <p>The page is the real display page and the slides go through the real {@code view.js}
 * (cross-fade, fitting, burn-in shift) at a 15 ms pace, far faster than any channel rotates,
 * so thousands of changes take minutes, not days. The default run does 400 changes; the
 * {@code long} one 5,000 (see docs/display-client.md for the figures).
 */
class SlideMemoryBrowserTest {

    static TestServer server;
    static Chromium browser;
    static ChromeDriver page;

    @BeforeAll
    static void start() {
        server = new TestServer();
        browser = Chromium.start();
        page = browser.driver;
        page.manage().timeouts().scriptTimeout(Duration.ofMinutes(20));
        // Without a token the page shows its "not paired" notice and stays quiet: no socket,
        // no rotation of its own to interfere with the slides driven below.
        page.get(server.base() + "/display/");
        page.executeCdpCommand("Performance.enable", Map.of());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void nodes_listeners_and_heap_stay_flat_over_400_slide_changes() {
        Map<String, Double> growth = run(100, 400);
        assertTrue(growth.get("Nodes") < 200, "DOM nodes flat: " + growth);
        assertTrue(growth.get("JSEventListeners") < 20, "listeners flat: " + growth);
        assertTrue(growth.get("JSHeapUsedSize") < 2_000_000, "heap flat: " + growth);
    }

    @Test
    @Tag("long")
    void nodes_listeners_and_heap_stay_flat_over_5000_slide_changes() {
        Map<String, Double> growth = run(200, 5000);
        assertTrue(growth.get("Nodes") < 200, "DOM nodes flat: " + growth);
        assertTrue(growth.get("JSEventListeners") < 20, "listeners flat: " + growth);
        assertTrue(growth.get("JSHeapUsedSize") < 2_000_000, "heap flat: " + growth);
    }

    /** Warms up, measures, changes slides `changes` times, measures again; returns the growth. */
    static Map<String, Double> run(int warmUp, int changes) {
        drive(warmUp);
        Map<String, Double> before = metrics();
        long t0 = System.nanoTime();
        drive(changes);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        Map<String, Double> after = metrics();
        Map<String, Double> growth = new HashMap<>();
        for (String k : List.of("Nodes", "JSEventListeners", "JSHeapUsedSize", "LayoutObjects")) {
            growth.put(k, after.get(k) - before.get(k));
        }
        System.out.printf("slide memory over %d changes (%d s): before %s after %s growth %s%n",
                changes, seconds, pick(before), pick(after), growth);
        assertEquals(List.of(), consoleErrors(page), "no console errors");
        return growth;
    }

    /** In chunks: one WebDriver command may not take longer than the client's read timeout (3 min). */
    static void drive(int changes) {
        for (int done = 0; done < changes; done += 500) {
            driveChunk(Math.min(500, changes - done));
        }
    }

    static void driveChunk(int changes) {
        // executeAsyncScript wraps the script in a plain function, hence the async arrow inside.
        Object done = page.executeAsyncScript("""
                const count = arguments[0], finish = arguments[1];
                (async () => {
                const { View } = await import('./view.js');
                window.__view ??= new View(document, () => Date.now());
                const words = ['Tack', 'för', 'snabb', 'leverans', 'till', 'Malmö', '🎉', 'but', 'the', 'app',
                  'crashed', 'again', 'شكراً', 'på', 'kundtjänsten', 'äntligen', '💚', 'order', 'history'];
                const sentiments = ['praise', 'critique', 'mixed'];
                let seed = window.__seed ?? 1;
                for (let i = 0; i < count; i++) {
                  seed = (seed * 16807) % 2147483647;
                  const n = 2 + (seed % 70);
                  const text = Array.from({ length: n }, (_, j) => words[(seed + j * 7) % words.length]).join(' ');
                  window.__view.showSlide({ id: 'quote-' + seed, type: 'quote', text, attribution: 'Kund, Umeå',
                    sentiment: sentiments[seed % 3], lang: 'sv', until: null });
                  await new Promise((r) => setTimeout(r, 15));
                }
                window.__seed = seed;
                // Let the last cross-fade finish, so both measurements see one settled layer.
                await new Promise((r) => setTimeout(r, 1000));
                finish(document.querySelectorAll('#stage .layer').length);
                })().catch((e) => finish('failed: ' + e));""", changes);
        assertEquals(1L, done, "one layer left on the stage after " + changes + " changes");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Double> metrics() {
        page.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        page.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        Map<String, Object> res = page.executeCdpCommand("Performance.getMetrics", Map.of());
        Map<String, Double> out = new HashMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) res.get("metrics")) {
            out.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return out;
    }

    static String pick(Map<String, Double> m) {
        return String.format("{nodes=%.0f, listeners=%.0f, heapUsed=%.1f MB}", m.get("Nodes"), m.get("JSEventListeners"),
                m.get("JSHeapUsedSize") / 1e6);
    }
}

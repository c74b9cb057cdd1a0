package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.core.Json;
import io.loopboard.support.Chromium;
import io.loopboard.support.MutableClock;
import io.loopboard.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Screens and channels in real Chromium: pairing by code and revoking, the live fleet view,
 * two pages of one channel in step, a takeover that reverts by itself, and quiet hours that
 * follow the server's clock. One admin browser and one screen browser for the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreensBrowserTest {

    static final MutableClock clock = new MutableClock();
    static TestServer server;
    static Chromium admin;
    static Chromium screen;
    /** A second screen for the synchronisation test: two screens are two machines, not two windows of one browser. */
    static Chromium otherScreen;
    static int channel;
    static final Set<String> QUOTES = Set.of("Personalen i Luleå var fantastiska 🙌", "Leveransen kom en dag sent",
            "الخدمة ممتازة، شكراً لكم");

    @BeforeAll
    static void start() {
        server = new TestServer(clock);
        admin = Chromium.start();
        screen = Chromium.start();
        otherScreen = Chromium.start();
        channel = server.lb.screens.createChannel("hq", "Head office", 3, "test");
        int i = 0;
        for (String q : QUOTES) {
            int id = server.ingestAndFindQuote("b-" + i++, q, null);
            server.postJson("/api/v1/quotes/" + id + "/approve", server.moderatorKey, "{}");
        }
        login(admin.driver);
    }

    @AfterAll
    static void stop() {
        clock.reset();
        if (screen != null) {
            screen.close();
        }
        if (otherScreen != null) {
            otherScreen.close();
        }
        if (admin != null) {
            admin.close();
        }
        server.close();
    }

    private static void login(ChromeDriver driver) {
        driver.get(server.base() + "/admin/screens");
        wait(driver, 10).until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("email")).sendKeys(TestServer.ADMIN_EMAIL);
        driver.findElement(By.id("password")).sendKeys(TestServer.ADMIN_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        wait(driver, 10).until(d -> d.getCurrentUrl().contains("/admin"));
        driver.get(server.base() + "/admin/screens");
        wait(driver, 10).until(d -> "true".equals(Chromium.bodyAttribute(d, "data-loaded")));
    }

    private static WebDriverWait wait(ChromeDriver d, int seconds) {
        return (WebDriverWait) new WebDriverWait(d, Duration.ofSeconds(seconds), Duration.ofMillis(25))
                .withMessage(() -> "page: " + Chromium.bodyText(d));
    }

    private static String text(ChromeDriver d, String id) {
        return (String) d.executeScript("const e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
    }

    private static boolean showsQuote(ChromeDriver d) {
        String t = text(d, "slide-text");
        return t != null && QUOTES.contains(t);
    }

    private static String fleetRow(String screenName, String attribute) {
        return (String) admin.driver.executeScript(
                "for (const tr of document.querySelectorAll('#fleet tr')) {"
                        + " if (tr.querySelector('.screen-name').textContent === arguments[0]) return tr.getAttribute(arguments[1]); }"
                        + " return null;", screenName, attribute);
    }

    @Test
    @Order(1)
    void a_fresh_display_shows_a_code_is_paired_by_it_plays_and_shows_a_code_again_when_revoked() {
        ChromeDriver tv = screen.driver;
        tv.get(server.base() + "/display/");
        wait(tv, 10).until(d -> text(tv, "pairing-code") != null);
        String code = text(tv, "pairing-code");
        assertTrue(code.matches("[A-Z0-9]{3} [A-Z0-9]{3}"), code);
        assertEquals(server.base() + "/display/", text(tv, "pairing-address"));

        ChromeDriver a = admin.driver;
        a.findElement(By.cssSelector("#pair-form [name=code]")).sendKeys(code.toLowerCase());
        a.findElement(By.cssSelector("#pair-form [name=name]")).sendKeys("Entrance TV");
        new Select(a.findElement(By.cssSelector("#pair-form [name=channelId]"))).selectByValue(String.valueOf(channel));
        a.findElement(By.cssSelector("#pair-form button[type=submit]")).click();

        wait(tv, 10).until(d -> showsQuote(tv));
        assertEquals("open", Chromium.bodyAttribute(tv, "data-connection"));

        wait(a, 10).until(d -> "true".equals(fleetRow("Entrance TV", "data-online")));
        // the fleet table refreshes itself, so find and click the button in one go
        a.executeScript("for (const tr of document.querySelectorAll('#fleet tr')) {"
                + " if (tr.querySelector('.screen-name').textContent === 'Entrance TV') {"
                + "  const b = tr.querySelector('button[data-action=revoke]'); setTimeout(() => b.click(), 0); } }");
        wait(a, 5).until(ExpectedConditions.alertIsPresent()).accept();

        wait(tv, 5).until(d -> text(tv, "pairing-code") != null);
        assertNotEquals(code, text(tv, "pairing-code"), "a fresh code after revoking");
        assertEquals(null, text(tv, "slide-text"), "no quote left on a revoked screen");
        assertEquals(null, tv.executeScript("return localStorage.getItem('loopboard.screenToken')"));
    }

    @Test
    @Order(2)
    void the_fleet_view_shows_a_screen_going_offline_and_coming_back() {
        ChromeDriver a = admin.driver;
        // the server pushes the fleet (Server-Sent Events); the page polls only while that is down,
        // and then every 30 s, so updates within about a second prove the push
        wait(a, 10).until(d -> "open".equals(a.executeScript("return document.body.dataset.fleetPush ?? null;")));
        assertEquals("Live", text(a, "fleet-live"));
        String token = server.lb.screens.createScreen("Hall TV", channel, "test").token();
        ChromeDriver tv = screen.driver;
        tv.get(server.base() + "/display/?token=" + token);
        wait(a, 10).until(d -> "true".equals(fleetRow("Hall TV", "data-online")));
        long gone = System.nanoTime();
        tv.get("about:blank");
        wait(a, 10).until(d -> "false".equals(fleetRow("Hall TV", "data-online")));
        long offlineMs = (System.nanoTime() - gone) / 1_000_000;
        tv.get(server.base() + "/display/"); // the token was kept in the browser; get() returns once it loaded
        long back = System.nanoTime();
        wait(a, 10).until(d -> "true".equals(fleetRow("Hall TV", "data-online")));
        long onlineMs = (System.nanoTime() - back) / 1_000_000;
        System.out.println("ScreensBrowserTest: fleet view showed offline after " + offlineMs + " ms, online again "
                + onlineMs + " ms after the display page loaded");
        assertTrue(offlineMs < 1_500, "offline shown after " + offlineMs + " ms");
        assertTrue(onlineMs < 2_000, "online shown " + onlineMs + " ms after the display page loaded (it still has to connect)");
        assertEquals("open", a.executeScript("return document.body.dataset.fleetPush;"));
    }

    /** Records every change of the slide on screen with the page's Date.now() (one machine: one clock for both). */
    private static final String RECORD_CHANGES = "window.__changes = [];"
            + "const rec = () => { const s = document.getElementById('slide'); const id = s ? s.dataset.slideId : null;"
            + " const last = window.__changes[window.__changes.length - 1];"
            + " if (!last || last[0] !== id) window.__changes.push([id, Date.now()]); };"
            + "new MutationObserver(rec).observe(document.getElementById('stage'),"
            + " {childList: true, subtree: true, attributes: true, attributeFilter: ['id']}); rec();";

    @SuppressWarnings("unchecked")
    private static List<List<Object>> changes(ChromeDriver d) {
        return (List<List<Object>>) d.executeScript("return window.__changes;");
    }

    private static long lateWakes(ChromeDriver d) {
        return Long.parseLong((String) d.executeScript("return document.body.dataset.lateWakes ?? '0';"));
    }

    /** Records both pages for four 3-second slots; how far apart each change was made on the two pages. */
    private static List<Long> measureChangeGaps(ChromeDriver left, ChromeDriver right) throws InterruptedException {
        left.executeScript(RECORD_CHANGES);
        right.executeScript(RECORD_CHANGES);
        long from = System.currentTimeMillis() + 300;
        Thread.sleep(12_500);
        long to = System.currentTimeMillis() - 300;

        List<List<Object>> l = changes(left);
        List<List<Object>> r = changes(right);
        String both = "left " + l + ", right " + r + "; clock uncertainty (ms) left "
                + left.executeScript("return document.body.dataset.clockUncertainty;") + ", right "
                + right.executeScript("return document.body.dataset.clockUncertainty;");
        // The first entry of each list is what was up when recording began, not a change. The
        // two recorders start and are read one after the other, so a change in the first or
        // last 300 ms may have been seen by one page's recorder only: those are left out.
        List<List<Object>> lc = within(l.subList(1, l.size()), from, to);
        List<List<Object>> rc = within(r.subList(1, r.size()), from, to);
        assertTrue(lc.size() >= 3, "at least three slide changes observed: " + both);
        List<Long> gaps = new ArrayList<>();
        for (List<Object> change : lc) {
            gaps.add(gapToSameChange(change, r, both));
        }
        for (List<Object> change : rc) {
            gapToSameChange(change, l, both); // and no change on the right that the left did not make
        }
        return gaps;
    }

    private static List<List<Object>> within(List<List<Object>> changes, long from, long to) {
        return changes.stream().filter(c -> ((Number) c.get(1)).longValue() >= from && ((Number) c.get(1)).longValue() <= to).toList();
    }

    /** How far apart the other page made the same change (same slide, nearest in time). */
    private static long gapToSameChange(List<Object> change, List<List<Object>> other, String both) {
        long at = ((Number) change.get(1)).longValue();
        return other.stream().filter(o -> o.get(0).equals(change.get(0)))
                .mapToLong(o -> Math.abs(((Number) o.get(1)).longValue() - at)).min()
                .stream().filter(gap -> gap < 1_500).boxed().findFirst()
                .orElseThrow(() -> new AssertionError("the other page never changed to " + change.get(0) + " near " + at + ": " + both));
    }

    private static boolean clockSettled(ChromeDriver d) {
        return "true".equals(d.executeScript("return document.body.dataset.clockSettled ?? null;"));
    }

    @Test
    @Order(3)
    void two_pages_of_one_channel_show_the_same_slide_within_100_ms() throws Exception {
        String first = server.lb.screens.createScreen("Left TV", channel, "test").token();
        String second = server.lb.screens.createScreen("Right TV", channel, "test").token();
        ChromeDriver left = screen.driver;
        ChromeDriver right = otherScreen.driver;
        try {
            left.get(server.base() + "/display/?token=" + first);
            right.get(server.base() + "/display/?token=" + second);
            wait(left, 10).until(d -> showsQuote(left));
            wait(right, 10).until(d -> showsQuote(right));
            // measure only once both pages say their clock offset has settled (see clock-sync.js)
            wait(left, 20).until(d -> clockSettled(left));
            wait(right, 20).until(d -> clockSettled(right));
            // Every change on either page must have the same change on the other within 100 ms. The
            // one thing a page cannot help is a machine that does not run it: a page counts the
            // boundaries its timer reached only after they had passed (data-late-wakes; it wakes
            // 30 ms early). Only a window in which that happened is measured again, at most twice.
            for (int attempt = 1; ; attempt++) {
                long starvedBefore = lateWakes(left) + lateWakes(right);
                List<Long> gaps = measureChangeGaps(left, right);
                long starved = lateWakes(left) + lateWakes(right) - starvedBefore;
                System.out.println("ScreensBrowserTest: slide change gaps between two screens (ms): " + gaps
                        + (starved > 0 ? " (" + starved + " late wakes: the machine did not run a page)" : ""));
                boolean allWithin = gaps.stream().allMatch(g -> g <= 100);
                if (allWithin || starved == 0 || attempt == 3) {
                    assertTrue(allWithin, "a change more than 100 ms apart: " + gaps);
                    break;
                }
            }
        } finally {
            right.get("about:blank");
        }
    }

    @Test
    @Order(4)
    void an_announcement_takes_over_the_screen_and_reverts_by_itself() {
        ChromeDriver tv = screen.driver; // still showing Left TV on the head-office channel
        wait(tv, 10).until(d -> showsQuote(tv));
        String announcement = "Brandövning kl 14:00 🔔\nSamling på parkeringen";
        long until = clock.now() + 5_000;
        var res = server.postJson("/api/v1/announcements", server.moderatorKey,
                "{\"text\":" + Json.write(announcement) + ",\"until\":" + until + ",\"channelId\":" + channel + "}");
        assertEquals(201, res.statusCode(), res.body());
        wait(tv, 3).until(d -> announcement.equals(text(tv, "announcement-text")));
        assertEquals(null, text(tv, "slide-text"));
        wait(tv, 10).until(d -> showsQuote(tv));
        assertTrue(System.currentTimeMillis() >= until - 200, "reverted at the announcement's end, not before");
        assertEquals(null, text(tv, "announcement-text"));
    }

    @Test
    @Order(5)
    void quiet_hours_dim_the_screen_at_the_boundary_of_the_server_clock() {
        // quiet hours begin at the next whole minute at least two minutes away; the server clock
        // is set a few seconds before it, so the screen (synchronised to the server, not to its own
        // clock) must dim at that boundary and show the server's time on its dim clock
        long start = ((System.currentTimeMillis() + 120_000) / 60_000 + 1) * 60_000;
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        String from = hhmm.format(Instant.ofEpochMilli(start).atOffset(ZoneOffset.UTC));
        String to = hhmm.format(Instant.ofEpochMilli(start + 3_600_000).atOffset(ZoneOffset.UTC));
        int night = server.lb.screens.createChannel("night", "Night shift", 3, "test");
        var res = server.patchJson("/api/v1/channels/" + night, server.adminKey,
                "{\"timeZone\":\"UTC\",\"quietStart\":\"" + from + "\",\"quietEnd\":\"" + to + "\",\"quietMode\":\"clock\"}");
        assertEquals(200, res.statusCode(), res.body());
        String token = server.lb.screens.createScreen("Night TV", night, "test").token();
        try {
            clock.set(start - 8_000);
            ChromeDriver tv = screen.driver;
            tv.get(server.base() + "/display/?token=" + token);
            wait(tv, 6).until(d -> showsQuote(tv));
            // what the dim clock says in the very moment the quiet layer goes up (a MutationObserver
            // runs before any timer could correct it)
            tv.executeScript("window.__quietClock = null; new MutationObserver(() => {"
                    + " if (window.__quietClock === null && document.querySelector('#slide.layer--quiet')) {"
                    + "  const c = document.getElementById('idle-clock'); window.__quietClock = c ? c.textContent : ''; } })"
                    + ".observe(document.getElementById('stage'), {childList: true, subtree: true, attributes: true});");
            wait(tv, 12).until(d -> (Boolean) tv.executeScript("return document.querySelector('#slide.layer--quiet') !== null"));
            // the screen's clock reads in the browser's time zone, which need not be this JVM's
            ZoneId screenZone = ZoneId.of((String) tv.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"));
            assertEquals(hhmm.format(Instant.ofEpochMilli(start).atZone(screenZone)),
                    tv.executeScript("return window.__quietClock;"),
                    "the dim clock opens on the minute quiet hours begin, not the one before");
            assertTrue(System.currentTimeMillis() + (clock.now() - System.currentTimeMillis()) >= start - 300);
            assertEquals(null, text(tv, "slide-text"), "no quote during quiet hours");
            // the minute quiet hours began in, or (on a machine so busy that a minute passed) the one
            // read right after the clock; never the minute before the boundary
            String before = hhmm.format(Instant.ofEpochMilli(Math.max(start, clock.now())).atZone(screenZone));
            String shown = text(tv, "idle-clock");
            String after = hhmm.format(Instant.ofEpochMilli(clock.now()).atZone(screenZone));
            assertTrue(shown.equals(before) || shown.equals(after),
                    "the dim clock shows the server's time: " + shown + ", server " + before + "–" + after);
        } finally {
            clock.reset();
        }
    }

    @Test
    @Order(6)
    void a_screen_whose_window_changes_size_after_it_connected_reports_its_final_size() {
        // a kiosk's compositor often maps or rotates the output after the page has connected
        String token = server.lb.screens.createScreen("Rotated TV", channel, "test").token();
        ChromeDriver tv = screen.driver;
        try {
            // the viewport, as a compositor would change it (headless Chromium keeps its window size)
            tv.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
            tv.get(server.base() + "/display/?token=" + token);
            wait(tv, 10).until(d -> "1280×720".equals(resolutionOf("Rotated TV")));
            tv.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 720, "height", 1280, "deviceScaleFactor", 1, "mobile", false));
            new WebDriverWait(tv, Duration.ofSeconds(10), Duration.ofMillis(50))
                    .withMessage(() -> "the fleet shows " + resolutionOf("Rotated TV") + " for a page of "
                            + tv.executeScript("return window.innerWidth + '×' + window.innerHeight"))
                    .until(d -> "720×1280".equals(resolutionOf("Rotated TV")));
        } finally {
            tv.get("about:blank");
            tv.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    /** The resolution the fleet API reports for a screen, or null. */
    private static String resolutionOf(String name) {
        for (com.fasterxml.jackson.databind.JsonNode s : server.getOk("/api/v1/screens", server.adminKey).get("screens")) {
            if (s.get("name").asText().equals(name) && !s.path("resolution").isNull()) {
                return s.get("resolution").asText();
            }
        }
        return null;
    }
}

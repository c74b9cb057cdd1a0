package io.loopboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A corpus of XSS and injection payloads put into comments, attributions and screen names,
 * rendered in Chromium on the display and the admin page: nothing executes (a canary global
 * stays unset and no dialog opens — Selenium fails any command while a dialog is open), and
 * the text shows exactly as text.
 */
class HostileTextBrowserTest {

    static TestServer server;
    static Chromium browser;
    static List<String> payloads = new ArrayList<>();
    static List<Integer> quoteIds = new ArrayList<>();
    static String screenToken;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
        browser = Chromium.start();
        try (InputStream in = HostileTextBrowserTest.class.getResourceAsStream("/hostile/payloads.json")) {
            Json.MAPPER.readTree(in).forEach(n -> payloads.add(n.asText()));
        }
        for (int i = 0; i < payloads.size(); i++) {
            quoteIds.add(server.ingestAndFindQuote("hostile-" + i, payloads.get(i),
                    "\"location\":" + Json.write(payloads.get((i + 1) % payloads.size()).substring(0, Math.min(90, payloads.get((i + 1) % payloads.size()).length())))));
        }
        int channel = server.lb.screens.createChannel("hostile", payloads.get(0), 60, "test");
        screenToken = server.lb.screens.createScreen(payloads.get(1), channel, "test").token();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    private static void assertNothingRan(ChromeDriver driver) {
        assertNull(driver.executeScript("return window.__pwned === undefined ? null : String(window.__pwned);"),
                "a payload executed");
    }

    @Test
    void the_display_shows_every_payload_as_text_and_runs_none() {
        ChromeDriver driver = browser.driver;
        driver.get(server.base() + "/display/?token=" + screenToken);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "open".equals(
                Chromium.bodyAttribute(d, "data-connection")));
        for (int i = 0; i < payloads.size(); i++) {
            String text = payloads.get(i);
            String attribution = payloads.get((i + 3) % payloads.size());
            attribution = attribution.substring(0, Math.min(120, attribution.length()));
            var res = server.postJson("/api/v1/quotes/" + quoteIds.get(i) + "/approve", server.moderatorKey,
                    "{\"attribution\":" + Json.write(attribution) + "}");
            assertEquals(200, res.statusCode(), res.body());
            String expected = text.strip();
            String expectedAttribution = attribution;
            // text and attribution read in one script: the screen may turn to another slide (a story)
            // between two separate reads
            new WebDriverWait(driver, Duration.ofSeconds(5), Duration.ofMillis(20))
                    .withMessage("payload " + expected + " with attribution " + expectedAttribution)
                    .until(d -> List.of(expected, expectedAttribution).equals(((ChromeDriver) d).executeScript(
                            "const s = document.getElementById('slide-text'); const a = document.getElementById('slide-attribution');"
                                    + " return s && a ? [s.textContent, a.textContent] : null;")));
            Long injected = (Long) driver.executeScript(
                    "return document.querySelectorAll('#slide script, #slide img, #slide svg, #slide iframe, #slide a, #slide style, #slide math').length;");
            assertEquals(0L, injected, "markup from the payload became elements: " + expected);
            assertNothingRan(driver);
            server.postJson("/api/v1/quotes/" + quoteIds.get(i) + "/unpublish", server.moderatorKey, "");
        }
        assertTrue(driver.findElement(By.tagName("body")).isDisplayed(), "a <style> payload did not hide the page");
    }

    @Test
    void the_admin_page_shows_every_payload_as_text_and_runs_none() {
        ChromeDriver driver = browser.driver;
        driver.get(server.base() + "/login");
        driver.findElement(By.id("email")).sendKeys(TestServer.MODERATOR_EMAIL);
        driver.findElement(By.id("password")).sendKeys(TestServer.MODERATOR_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Chromium.bodyAttribute(d, "data-loaded") != null);
        for (String tab : new String[] {"pending", "archived"}) {
            driver.findElement(By.cssSelector(".tab[data-status='" + tab + "']")).click();
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> tab.equals(Chromium.bodyAttribute(d, "data-loaded")));
            List<WebElement> cards = driver.findElements(By.cssSelector("li.quote"));
            for (WebElement card : cards) {
                int id = Integer.parseInt(card.getAttribute("data-quote-id"));
                int index = quoteIds.indexOf(id);
                if (index < 0) {
                    continue;
                }
                String expected = payloads.get(index).strip();
                assertEquals(expected, driver.executeScript("return arguments[0].querySelector('.original').textContent;", card));
                assertEquals(expected, card.findElement(By.cssSelector(".display-text")).getAttribute("value"));
            }
            Long injected = (Long) driver.executeScript(
                    "return document.querySelectorAll('#quotes script, #quotes img, #quotes svg, #quotes iframe, #quotes a:not(.to-story), #quotes style, #quotes math').length;");
            assertEquals(0L, injected);
            assertNothingRan(driver);
        }
    }

    private static void loginIfNeeded(ChromeDriver driver) {
        driver.get(server.base() + "/admin");
        if (driver.getCurrentUrl().contains("/login")) {
            driver.findElement(By.id("email")).sendKeys(TestServer.MODERATOR_EMAIL);
            driver.findElement(By.id("password")).sendKeys(TestServer.MODERATOR_PASSWORD);
            driver.findElement(By.id("login-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
        }
    }

    private static void assertShownAsText(ChromeDriver driver, String path, List<String> texts) {
        driver.get(server.base() + path);
        for (String text : texts) {
            String expected = text.strip();
            new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(path + " shows " + expected)
                    .until(d -> String.valueOf(((ChromeDriver) d).executeScript("return document.body.textContent;")).contains(expected));
        }
        Long injected = (Long) driver.executeScript(
                "return document.querySelectorAll('main script, main svg, main iframe, main style, main math, main img[src=x]').length;");
        assertEquals(0L, injected, "markup from a payload became elements on " + path);
        assertNothingRan(driver);
    }

    @Test
    void story_fields_screen_and_channel_names_show_as_text_on_the_board_and_the_screens_page() {
        String title = payloads.get(1).strip();
        String problem = payloads.get(0).strip();
        String team = payloads.get(2).strip().substring(0, 30);
        var created = server.postJson("/api/v1/stories", server.moderatorKey, Json.write(java.util.Map.of(
                "title", title, "problem", problem, "team", team, "action", payloads.get(3).strip(),
                "rootCause", payloads.get(8).strip(), "touchpoint", "delivery")));
        assertTrue(created.statusCode() == 201 || created.statusCode() == 200, created.body());
        int id = TestServer.json(created).get("id").asInt();
        var published = server.postJson("/api/v1/stories/" + id + "/publish", server.moderatorKey, "{}");
        assertEquals(200, published.statusCode(), published.body());

        ChromeDriver driver = browser.driver;
        loginIfNeeded(driver);
        assertShownAsText(driver, "/improvements", List.of(title));
        assertShownAsText(driver, "/improvements/" + id, List.of(title, problem, team));
        assertShownAsText(driver, "/admin/stories", List.of(title));
        assertShownAsText(driver, "/admin/screens", List.of(payloads.get(1).strip()));
    }

    @Test
    void hostile_text_is_refused_where_it_cannot_be_text() {
        JsonNode res = TestServer.json(server.postJson("/api/v1/feedback", server.ingestKey,
                "{\"source\":\"h\",\"externalId\":\"bell\",\"comment\":\"ring \\u0007 ring\",\"touchpoint\":\"a\\u0000b\"}"));
        assertEquals(2, res.get("errors").size(), res.toString());
    }
}

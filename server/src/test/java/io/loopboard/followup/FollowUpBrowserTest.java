package io.loopboard.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole follow-up flow in Chromium: critics and a callback request arrive through the API,
 * the CX lead opens the inbox, works a case from the keyboard (contact details on request, take
 * it, mark it contacted, resolve it with a cause and an outcome), sees a new critic arrive without
 * reloading, and reads hostile and right-to-left customer text as plain text, in both languages.
 */
class FollowUpBrowserTest {

    private static TestServer server;
    private static Chromium chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A store of its own for each test, so no test sees another's cases; one browser for all. */
    @org.junit.jupiter.api.BeforeEach
    void startServer() {
        server = new TestServer();
    }

    @org.junit.jupiter.api.AfterEach
    void stopServer() {
        server.close();
    }

    private static WebDriverWait waitFor(ChromeDriver d, int seconds) {
        WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(seconds), Duration.ofMillis(50));
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    private static void ingest(String json) {
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey, json);
        assertEquals(200, res.statusCode(), res.body());
    }

    private static String item(String id, int nps, String comment, String extra) {
        return "{\"source\":\"survey\",\"externalId\":\"" + id + "\",\"score\":" + nps + ",\"scoreType\":\"NPS\",\"language\":\"sv\""
                + ",\"comment\":" + Json.write(comment) + (extra == null ? "" : "," + extra) + "}";
    }

    /** Opens the inbox as the CX lead, logging in first when this browser has no session yet. */
    private static void openInbox(ChromeDriver driver) {
        driver.get(server.base() + "/admin/followups");
        waitFor(driver, 10).until(d -> d.getCurrentUrl().contains("/login") || d.getCurrentUrl().contains("/admin/followups"));
        if (driver.getCurrentUrl().contains("/login")) {
            driver.findElement(By.id("email")).sendKeys(TestServer.ADMIN_EMAIL);
            driver.findElement(By.id("password")).sendKeys(TestServer.ADMIN_PASSWORD);
            driver.findElement(By.id("login-submit")).click();
            waitFor(driver, 10).until(d -> d.getCurrentUrl().contains("/admin/followups"));
        }
        waitFor(driver, 10).until(d -> "followups".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private static List<String> listedTexts(org.openqa.selenium.WebDriver d) {
        return d.findElements(By.cssSelector("#cases .fu-text")).stream().map(WebElement::getText).toList();
    }

    @Test
    void a_cx_lead_works_a_critic_from_the_inbox_to_resolved_with_the_keyboard() {
        String strong = "8 dagar leverans när konkurrenterna skickar på 2??? 😡";
        String hostile = "<img src=x onerror=\"document.title='pwned'\"> سيئة جدا";
        String callback = "Bra, men ring mig gärna om fakturan";
        ingest("[" + item("s", 1, strong, "\"consentToContact\":true,\"customer\":{\"name\":\"Åsa Öberg\",\"email\":\"asa@example.se\","
                + "\"phone\":\"070-765 43 21\"}")
                + "," + item("h", 5, hostile, "\"language\":\"ar\"") + "," + item("c", 8, callback, null) + "]");

        ChromeDriver driver = chromium.driver;
        openInbox(driver);
        waitFor(driver, 10).until(d -> listedTexts(d).containsAll(List.of(strong, hostile, callback)));

        // strongest critic first; customer text exactly as written, hostile markup as text
        // (other tests of this class may have left cases of their own in the inbox)
        assertEquals(List.of(strong, hostile, callback), listedTexts(driver).stream()
                .filter(List.of(strong, hostile, callback)::contains).toList());
        assertTrue(driver.findElements(By.cssSelector("#cases img")).isEmpty(), "no markup from customer text");
        assertFalse(driver.getTitle().contains("pwned"));
        waitFor(driver, 10).until(d -> d.findElement(By.id("case-comment")).getText().equals(strong));
        assertTrue(driver.findElement(By.id("figure")).getText().contains("n = 0"), "the key figure says it has too few cases");

        // j/k move, c shows the contact details (audited)
        Actions keys = new Actions(driver);
        keys.sendKeys("j").perform();
        waitFor(driver, 10).until(d -> d.findElement(By.id("case-comment")).getText().equals(hostile));
        assertEquals("auto", driver.findElement(By.id("case-comment")).getDomAttribute("dir"));
        keys.sendKeys("k").perform();
        waitFor(driver, 10).until(d -> d.findElement(By.id("case-comment")).getText().equals(strong));
        keys.sendKeys("c").perform();
        waitFor(driver, 10).until(d -> d.findElement(By.id("contact")).isDisplayed());
        assertEquals("Åsa Öberg", driver.findElement(By.id("contact-name")).getText());
        assertEquals("070-765 43 21", driver.findElement(By.id("contact-phone")).getText());
        assertEquals(1, server.getOk("/api/v1/audit?action=followup.contact_view", server.adminKey).get("entries").size());

        // m takes the case, 1 marks it contacted, s saves
        keys.sendKeys("m").sendKeys("1").sendKeys("s").perform();
        int id = Integer.parseInt(driver.findElement(By.id("case-id")).getText().substring(1));
        waitFor(driver, 10).until(d -> "contacted".equals(server.getOk("/api/v1/followup/cases/" + id, server.moderatorKey)
                .get("status").asText()));
        JsonNode saved = server.getOk("/api/v1/followup/cases/" + id, server.moderatorKey);
        assertEquals("CX lead", saved.get("ownerName").asText());
        waitFor(driver, 10).until(d -> d.findElement(By.cssSelector("#cases li[data-id='" + id + "'] .fu-owner"))
                .getText().equals("CX lead"));

        // a new critic arrives while the page is open
        String late = "Ingen svarar i telefon";
        ingest(item("late", 2, late, null));
        waitFor(driver, 15).until(d -> listedTexts(d).contains(late));

        // 2 resolves: the cause is asked for, then the case leaves the open inbox
        keys.sendKeys("2").perform();
        waitFor(driver, 5).until(d -> "cause".equals(d.switchTo().activeElement().getDomAttribute("name")));
        driver.switchTo().activeElement().sendKeys("långa leveranstider");
        driver.findElement(By.name("outcome")).sendKeys("Ringde Åsa, bokade om leveransen ✅");
        driver.findElement(By.id("save")).click();
        waitFor(driver, 10).until(d -> !listedTexts(d).contains(strong));
        JsonNode resolved = server.getOk("/api/v1/followup/cases/" + id, server.moderatorKey);
        assertEquals("resolved", resolved.get("status").asText());
        assertEquals("långa leveranstider", resolved.get("cause").asText());
        assertEquals("Ringde Åsa, bokade om leveransen ✅", resolved.get("outcome").asText());

        assertEquals(List.of(), io.loopboard.support.DisplayPage.consoleErrors(driver).stream()
                .filter(e -> !e.getMessage().contains("favicon")).map(e -> e.getMessage()).toList(),
                "no script errors and no Content-Security-Policy violations");

        // Swedish
        driver.findElement(By.cssSelector("[data-lang='sv']")).click();
        waitFor(driver, 10).until(d -> d.findElement(By.id("figure")).getText().startsWith("Kritiker kontaktade inom 48 h"));
        assertEquals("Visa kontaktuppgifter", driver.findElement(By.id("show-contact")).getText());
        driver.findElement(By.cssSelector("[data-lang='en']")).click();
    }

    @Test
    void the_wall_shows_the_share_of_critics_contacted_in_time_once_the_sample_is_large_enough() {
        ingest(item("wall", 3, "Väntade länge", null));
        int id = server.getOk("/api/v1/followup/cases?status=all&limit=500", server.moderatorKey).findValues("id").stream()
                .mapToInt(JsonNode::asInt).max().orElseThrow();
        assertEquals(200, server.patchJson("/api/v1/followup/cases/" + id, server.moderatorKey, "{\"status\":\"contacted\"}")
                .statusCode());
        int channel = server.lb.screens.createChannel("wall", "Väggen", 10, "test");
        assertEquals(200, server.patchJson("/api/v1/channels/" + channel, server.adminKey, "{\"scorePercent\":50}").statusCode());
        assertTrue(server.lb.playlists.build(channel).orElseThrow().slides().stream().noneMatch(s -> s.type().equals("followup")),
                "below the minimum sample the wall shows no figure");

        assertEquals(200, server.putJson("/api/v1/followup/settings", server.moderatorKey, "{\"minSample\":1}").statusCode());
        JsonNode figure = server.getOk("/api/v1/followup/figure", server.moderatorKey);
        assertTrue(figure.get("shown").asBoolean());
        String token = server.lb.screens.createScreen("Väggen TV", channel, "test").token();
        ChromeDriver driver = chromium.driver;
        driver.get(server.base() + "/display/?token=" + token);
        waitFor(driver, 15).until(d -> !d.findElements(By.id("followup-value")).isEmpty()
                && d.findElement(By.id("followup-value")).getText().equals(figure.get("percent").asInt() + " %"));
        String slide = driver.findElement(By.cssSelector(".layer--followup")).getText();
        assertTrue(slide.contains("Critics contacted within 48 h · 30 days") && slide.contains("Kritiker kontaktade inom 48 h"), slide);
        assertTrue(slide.contains("n = " + figure.get("n").asInt()), slide);

        // a case contacted later changes the figure; the wall follows on the follow-up's next
        // round (run here at once), with no other change to the channel's content
        ingest(item("wall-2", 2, "Ingen svarade i telefon", null));
        int second = server.getOk("/api/v1/followup/cases?status=all&limit=500", server.moderatorKey).findValues("id").stream()
                .mapToInt(JsonNode::asInt).max().orElseThrow();
        assertEquals(200, server.patchJson("/api/v1/followup/cases/" + second, server.moderatorKey, "{\"status\":\"contacted\"}")
                .statusCode());
        JsonNode next = server.getOk("/api/v1/followup/figure", server.moderatorKey);
        assertEquals(figure.get("n").asInt() + 1, next.get("n").asInt());
        assertEquals(1, server.lb.followupFigure.announceIfChanged(), "the channel showing the figure is told");
        waitFor(driver, 15).until(d -> Chromium.bodyText(d).contains("n = " + next.get("n").asInt()));
        assertEquals(0, server.lb.followupFigure.announceIfChanged(), "an unchanged figure sends nothing");
    }

    @Test
    void a_published_story_lists_the_customers_who_agreed_to_be_contacted_and_offers_their_csv() {
        ingest("[" + item("tell-yes", 4, "Kassan var trög", "\"consentToContact\":true,\"customer\":{\"name\":\"Zoë Ångström\","
                + "\"email\":\"zoe@example.se\"}") + "," + item("tell-no", 4, "Kassan igen", "\"customer\":{\"name\":\"Inget Samtycke\","
                + "\"email\":\"no@example.se\"}") + "]");
        List<Integer> feedbackIds = new java.util.ArrayList<>();
        server.getOk("/api/v1/followup/cases?status=all&limit=500", server.moderatorKey).get("cases").forEach(c -> {
            if (c.get("comment").asText().startsWith("Kassan")) {
                feedbackIds.add(c.get("feedbackId").asInt());
            }
        });
        int story = TestServer.json(server.postJson("/api/v1/stories", server.moderatorKey,
                "{\"title\":\"Snabbare kassa <b>nu</b>\",\"action\":\"Två kassor till\"}")).get("id").asInt();
        server.postJson("/api/v1/stories/" + story + "/links", server.moderatorKey, "{\"feedbackIds\":" + feedbackIds + "}");
        server.postJson("/api/v1/stories/" + story + "/publish", server.moderatorKey, "{}");

        ChromeDriver driver = chromium.driver;
        openInbox(driver);
        driver.findElement(By.cssSelector("#tell summary")).click();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("tell-story"))).selectByValue(String.valueOf(story));
        assertEquals("Snabbare kassa <b>nu</b>", new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("tell-story")))
                .getFirstSelectedOption().getText(), "a story title is text");
        driver.findElement(By.cssSelector("#tell-form button[type=submit]")).click();
        waitFor(driver, 10).until(d -> d.findElements(By.cssSelector("#recipients tbody tr")).size() == 1);
        assertEquals("Zoë Ångström", driver.findElement(By.cssSelector("#recipients tbody tr td")).getText());
        assertTrue(driver.findElement(By.id("tell-csv")).getDomProperty("href").endsWith("/api/v1/followup/stories/" + story + "/recipients.csv"));

        // no mail server on this one: the page says so, and nobody is marked as told
        driver.findElement(By.id("tell-send")).click();
        driver.switchTo().alert().accept();
        waitFor(driver, 10).until(d -> d.findElement(By.id("tell-status")).getText().contains("smtp"));
        assertTrue(driver.findElement(By.id("tell-status")).getDomAttribute("class").contains("error"));
        assertTrue(server.getOk("/api/v1/followup/stories/" + story + "/recipients", server.moderatorKey).get("recipients").get(0)
                .get("toldAt").isNull());
    }
}

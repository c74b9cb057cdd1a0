package io.loopboard.app;

import static io.loopboard.support.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The moderation workspace in a real Chromium: filters and live arrivals in the queue, the
 * editor's personal-data highlights and redaction, the keyboard flow, bulk decisions and undo.
 * Each test works on feedback from its own location, so the tests share one server and browser.
 */
class ModerationWorkspaceBrowserTest {

    static TestServer server;
    static Chromium browser;
    static ChromeDriver driver;

    @BeforeAll
    static void start() {
        server = new TestServer();
        browser = Chromium.start();
        driver = browser.driver;
        driver.get(server.base() + "/admin");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("email")).sendKeys(TestServer.MODERATOR_EMAIL);
        driver.findElement(By.id("password")).sendKeys(TestServer.MODERATOR_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        waitFor(d -> "pending".equals(Chromium.bodyAttribute(d, "data-loaded")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            List<LogEntry> severe = driver.manage().logs().get("browser").getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    // the refused approval is an expected response; Chromium asks for a favicon we do not have
                    .filter(e -> !e.getMessage().contains("409") && !e.getMessage().contains("favicon.ico"))
                    .toList();
            browser.close();
            server.close();
            assertTrue(severe.isEmpty(), "no console errors in /admin: " + severe);
        } else {
            server.close();
        }
    }

    private static <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50)).until(condition);
    }

    /** Opens a fresh queue filtered to one location and waits until it shows exactly the expected quotes. */
    private static void openQueueAt(String location, int expected) {
        driver.get(server.base() + "/admin");
        waitFor(d -> "pending".equals(Chromium.bodyAttribute(d, "data-loaded")));
        WebElement input = driver.findElement(By.cssSelector("#filters input[name=location]"));
        input.sendKeys(location, Keys.TAB);
        // the cards' texts read in one script: a redraw may replace them between a lookup and a read
        waitFor(d -> {
            @SuppressWarnings("unchecked")
            List<String> texts = (List<String>) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "return [...document.querySelectorAll('li.quote[data-quote-id]')].map((c) => c.innerText)");
            return texts.size() == expected && texts.stream().allMatch(t -> t.contains(location));
        });
    }

    private static List<WebElement> cards() {
        return driver.findElements(By.cssSelector("li.quote[data-quote-id]"));
    }

    private static WebElement card(int id) {
        return waitFor(d -> d.findElement(By.cssSelector("li.quote[data-quote-id='" + id + "']")));
    }

    private static String status(int id) {
        return json(server.get("/api/v1/quotes/" + id, server.moderatorKey)).get("status").asText();
    }

    private static int ingest(String id, String comment, String location) {
        return server.ingestAndFindQuote(id, comment, "\"location\":\"" + location + "\",\"language\":\"sv\",\"score\":9,\"scoreType\":\"NPS\"");
    }

    @Test
    void filters_narrow_the_queue_and_new_feedback_appears_without_a_reload() {
        int visby = ingest("q-1", "Färjan till Visby var i tid och personalen glad", "Visby");
        ingest("q-2", "Butiken i Borås hade inte min storlek", "Borås");
        openQueueAt("Visby", 1);
        assertEquals(String.valueOf(visby), cards().get(0).getAttribute("data-quote-id"));
        WebElement band = driver.findElement(By.cssSelector("#filters select[name=band]"));
        new org.openqa.selenium.support.ui.Select(band).selectByValue("nps-critic");
        waitFor(d -> cards().isEmpty() && d.findElement(By.id("empty")).isDisplayed());
        new org.openqa.selenium.support.ui.Select(band).selectByValue("nps-promoter");
        waitFor(d -> cards().size() == 1);

        Object marker = driver.executeScript("return window.__sameDocument = 'yes'");
        int arrived = ingest("q-3", "Hamnen i Visby är bäst på hösten 🍂 – tack!", "Visby");
        WebElement fresh = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(100)).until(d ->
                d.findElement(By.cssSelector("li.quote[data-quote-id='" + arrived + "']")));
        assertEquals("Hamnen i Visby är bäst på hösten 🍂 – tack!", fresh.findElement(By.cssSelector(".original")).getText());
        assertEquals("yes", driver.executeScript("return window.__sameDocument"), "no reload: " + marker);
        assertEquals(String.valueOf(arrived), cards().get(0).getAttribute("data-quote-id"), "newest first");
    }

    @Test
    void the_editor_highlights_personal_data_refuses_approval_and_approves_once_redacted() {
        String text = "Tack Sara! Ring mig på 070-123 45 67 om ni har fler <b>rea</b>-dagar i Ystad";
        int id = ingest("e-1", text, "Ystad");
        openQueueAt("Ystad", 1);
        WebElement c = card(id);
        WebElement finding = waitFor(d -> c.findElement(By.cssSelector(".findings li.finding[data-kind='phone']")));
        assertTrue(finding.getText().contains("070-123 45 67"));
        assertEquals("070-123 45 67", c.findElement(By.cssSelector(".highlight mark[data-kind='phone']")).getText());
        assertTrue(c.findElement(By.cssSelector(".badge.pii")).isDisplayed());

        c.findElement(By.cssSelector("button.approve")).click();
        waitFor(d -> d.findElement(By.id("status-line")).getAttribute("class").contains("error"));
        assertEquals("pending", status(id), "refused while personal data remains");

        // the refusal re-analyses the text, so the finding is drawn anew
        waitFor(d -> c.findElement(By.cssSelector(".findings li.finding[data-kind='phone'] button.redact"))).click();
        String redacted = "Tack Sara! Ring mig på [telefon] om ni har fler <b>rea</b>-dagar i Ystad";
        waitFor(d -> redacted.equals(c.findElement(By.cssSelector(".display-text")).getAttribute("value")));
        waitFor(d -> c.findElements(By.cssSelector(".findings li.finding")).isEmpty());
        assertTrue(driver.findElements(By.cssSelector(".original b")).isEmpty(), "customer text is text, never HTML");

        c.findElement(By.cssSelector(".more summary")).click();
        new org.openqa.selenium.support.ui.Select(c.findElement(By.cssSelector(".sentiment"))).selectByValue("mixed");
        c.findElement(By.cssSelector("button.approve")).click();
        waitFor(d -> cards().isEmpty());
        var q = json(server.get("/api/v1/quotes/" + id, server.moderatorKey));
        assertEquals("approved", q.get("status").asText());
        assertEquals(redacted, q.get("displayText").asText());
        assertEquals(text, q.get("originalText").asText(), "the original stays");
        assertEquals("mixed", q.get("sentiment").asText());
    }

    @Test
    void the_keyboard_moves_approves_rejects_and_undoes() {
        int first = ingest("k-1", "Kalmar-butiken hade allt jag behövde, snabbt", "Kalmar");
        int second = ingest("k-2", "Kalmar: kön i kassan var lång men den gick fort", "Kalmar");
        int third = ingest("k-3", "Parkeringen vid Kalmar-butiken är för liten", "Kalmar");
        openQueueAt("Kalmar", 3);
        // newest first: third, second, first
        card(third).findElement(By.cssSelector(".meta")).click();
        Actions keys = new Actions(driver);
        keys.sendKeys("j").perform();
        waitFor(d -> String.valueOf(second).equals(Chromium.bodyAttribute(d, "data-selected")));
        keys.sendKeys("k").perform();
        waitFor(d -> String.valueOf(third).equals(Chromium.bodyAttribute(d, "data-selected")));
        keys.sendKeys("a").perform();
        waitFor(d -> cards().size() == 2);
        waitFor(d -> String.valueOf(second).equals(Chromium.bodyAttribute(d, "data-selected")));
        keys.sendKeys("r").perform();
        waitFor(d -> cards().size() == 1);
        assertEquals("approved", status(third));
        assertEquals("rejected", status(second));

        keys.sendKeys("u").perform();
        waitFor(d -> cards().size() == 2);
        assertEquals("pending", status(second), "u undid the last decision");
        assertEquals("approved", status(third));

        card(first).findElement(By.cssSelector(".meta")).click();
        keys.sendKeys("e").perform();
        waitFor(d -> d.switchTo().activeElement().getAttribute("class").contains("display-text"));
        keys.sendKeys(Keys.END, " 👍".substring(0, 1)).perform();
        keys.sendKeys(Keys.ESCAPE, "a").perform();
        waitFor(d -> cards().size() == 1);
        assertEquals("approved", status(first));
    }

    @Test
    void typing_into_filters_and_cards_in_any_order_never_makes_a_decision() {
        int a = ingest("f-1", "Slite: kaffet var kallt men personalen trevlig", "Slite");
        int b = ingest("f-2", "Slite: snabb hjälp vid kassan", "Slite");
        int c = ingest("f-3", "Slite hamn: lång kö till färjan 😡", "Slite");
        List<Integer> ids = List.of(a, b, c);

        // a filter typed without Enter, then straight into a card: leaving the filter redraws the
        // list, and the letters (a, r, e, u among them) must land in the card, not act as shortcuts
        openQueueAt("Slite", 3);
        driver.findElement(By.cssSelector("#filters input[name=touchpoint]")).sendKeys("store");
        card(b).findElement(By.cssSelector(".display-text")).click();
        new Actions(driver).sendKeys(Keys.END, " Great").perform();
        waitFor(d -> cards().size() == 1); // the filter applied: no quote has touchpoint "store"; the card being typed in stays
        new Actions(driver).sendKeys(", really nice").perform();
        waitFor(d -> ((String) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const t = document.activeElement; return t && t.classList.contains('display-text') ? t.value : ''"))
                .endsWith(" Great, really nice"));
        assertEquals(List.of("pending", "pending", "pending"), ids.stream().map(ModerationWorkspaceBrowserTest::status).toList(),
                "typing after a filter changed decided nothing");

        // an edit in a card, then a filter, then letters with the focus on the page itself
        openQueueAt("Slite", 3);
        card(a).findElement(By.cssSelector(".display-text")).click();
        new Actions(driver).sendKeys(Keys.END, " (ändrad)").perform();
        driver.findElement(By.cssSelector("#filters input[name=touchpoint]")).sendKeys("kassa");
        driver.findElement(By.cssSelector("header h1")).click();
        waitFor(d -> cards().size() == 1); // the filter applied; the card with the unsaved edit stays
        new Actions(driver).sendKeys("raeux").perform();
        assertEquals(List.of("pending", "pending", "pending"), ids.stream().map(ModerationWorkspaceBrowserTest::status).toList(),
                "letters typed with the focus on the page decided nothing");
        assertTrue(card(a).findElement(By.cssSelector(".display-text")).getAttribute("value").endsWith(" (ändrad)"),
                "the unsaved edit survived the redraw");

        // the text search applies after a pause while a card is being typed in
        openQueueAt("Slite", 3);
        driver.findElement(By.cssSelector("#filters input[name=q]")).sendKeys("färjan");
        card(c).findElement(By.cssSelector(".display-text")).click();
        new Actions(driver).sendKeys(Keys.END, " Tar vi upp.").perform();
        waitFor(d -> cards().size() == 1);
        new Actions(driver).sendKeys(" Absolut.").perform();
        assertTrue(card(c).findElement(By.cssSelector(".display-text")).getAttribute("value").endsWith(" Tar vi upp. Absolut."),
                "the caret stayed in the card through the redraw");
        assertEquals(List.of("pending", "pending", "pending"), ids.stream().map(ModerationWorkspaceBrowserTest::status).toList());

        // with the card itself focused, the shortcut decides, and the toast names the quote and undoes it
        openQueueAt("Slite", 3);
        card(b).findElement(By.cssSelector(".meta")).click();
        new Actions(driver).sendKeys("a").perform();
        waitFor(d -> "approved".equals(status(b)));
        WebElement toast = waitFor(d -> d.findElement(By.id("decision-toast")));
        waitFor(d -> toast.isDisplayed() && toast.getText().contains("#" + b) && toast.getText().contains("snabb hjälp vid kassan"));
        toast.findElement(By.tagName("button")).click();
        waitFor(d -> "pending".equals(status(b)));
        assertEquals(List.of("pending", "pending", "pending"), ids.stream().map(ModerationWorkspaceBrowserTest::status).toList());
    }

    @Test
    void bulk_approves_the_selection_and_undo_brings_it_back() {
        int a = ingest("b-1", "Lunds kontor svarade på mejl samma dag", "Lund");
        int b = ingest("b-2", "Lund: hämtningen gick smidigt med appen", "Lund");
        openQueueAt("Lund", 2);
        driver.findElement(By.id("select-all")).click();
        driver.findElement(By.id("bulk-approve")).click();
        waitFor(d -> cards().isEmpty());
        assertEquals("approved", status(a));
        assertEquals("approved", status(b));

        driver.findElement(By.id("undo")).click();
        waitFor(d -> cards().size() == 2);
        assertEquals("pending", status(a));
        assertEquals("pending", status(b));

        card(a).findElement(By.cssSelector(".select")).click();
        driver.findElement(By.id("bulk-reject")).click();
        waitFor(d -> cards().size() == 1);
        assertEquals("rejected", status(a));
        assertEquals("pending", status(b));
    }

    @Test
    void the_audit_page_shows_who_changed_what_with_the_text_before_and_after() {
        int id = ingest("a-1", "Returen i Piteå gick på två minuter", "Piteå");
        assertEquals(200, server.postJson("/api/v1/quotes/" + id + "/approve", server.moderatorKey,
                "{\"displayText\":\"Returen i Piteå gick på två minuter!\"}").statusCode());
        driver.get(server.base() + "/admin/audit");
        waitFor(d -> "audit".equals(Chromium.bodyAttribute(d, "data-loaded")));
        driver.findElement(By.cssSelector("#audit-filters input[name=entityId]")).sendKeys(String.valueOf(id), Keys.TAB);
        WebElement row = waitFor(d -> d.findElement(By.cssSelector("tr[data-action='quote.approve'][data-entity-id='" + id + "']")));
        assertTrue(row.findElement(By.cssSelector("td.before")).getText().contains("Returen i Piteå gick på två minuter"));
        assertTrue(row.findElement(By.cssSelector("td.after")).getText().contains("Returen i Piteå gick på två minuter!"));
        assertTrue(row.getText().contains("test-moderator"), "who: " + row.getText());
    }

    @Test
    void free_text_finds_swedish_letters_in_any_case_and_waits_for_a_third_character() {
        int asa = ingest("t-1", "ÅSA på Gotland svarade på allt, stort tack", "Gotland");
        ingest("t-2", "Asa-bussen till Gotland var sen", "Gotland");
        openQueueAt("Gotland", 2);
        WebElement q = driver.findElement(By.cssSelector("#filters input[name=q]"));
        q.sendKeys("ås");
        waitFor(d -> d.findElement(By.id("status-line")).getText().contains("at least 3 characters"));
        assertEquals(2, cards().size(), "two characters do not search yet");
        q.sendKeys("a på");
        waitFor(d -> cards().size() == 1);
        assertEquals(String.valueOf(asa), cards().get(0).getAttribute("data-quote-id"));
        assertEquals("", driver.findElement(By.id("status-line")).getText());
    }

    @Test
    void an_auto_approve_rule_is_switched_off_and_on_from_the_rules_page() {
        int channel = server.lb.screens.createChannel("atrium", "Atrium", 8, "test");
        int rule = json(server.postJson("/api/v1/auto-approve-rules", server.moderatorKey,
                "{\"channelId\":" + channel + ",\"scoreType\":\"NPS\",\"minScore\":9}")).get("id").asInt();
        try {
            switchOffAndOnInThePage(rule);
        } finally {
            // the other tests ingest NPS 9 feedback that this rule would approve
            server.send(server.request("/api/v1/auto-approve-rules/" + rule)
                    .header("Authorization", "Bearer " + server.moderatorKey).DELETE().build());
        }
    }

    private static void switchOffAndOnInThePage(int rule) {
        driver.get(server.base() + "/admin");
        waitFor(d -> "pending".equals(Chromium.bodyAttribute(d, "data-loaded")));
        driver.findElement(By.cssSelector("button[data-view=settings]")).click();
        String row = "#rules tr[data-rule-id='" + rule + "'] ";
        // the table is rebuilt after every change: read and click by selector, each time afresh
        waitFor(d -> "On".equals(textOf(row + ".rule-state")));
        clickWhenThere(row + ".toggle-rule");
        waitFor(d -> "Off".equals(textOf(row + ".rule-state")));
        assertEquals("Switch on", textOf(row + ".toggle-rule"));
        assertEquals(false, ruleEnabled(rule), "the server has it off");
        clickWhenThere(row + ".toggle-rule");
        waitFor(d -> "On".equals(textOf(row + ".rule-state")));
        assertEquals(true, ruleEnabled(rule));
        assertTrue(json(server.get("/api/v1/audit?action=rule.disable", server.moderatorKey)).get("entries").toString()
                .contains("\"entityId\":\"" + rule + "\""), "the switch is in the audit log");
    }

    private static String textOf(String css) {
        return (String) driver.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    private static void clickWhenThere(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    private static boolean ruleEnabled(int id) {
        for (var r : json(server.get("/api/v1/auto-approve-rules", server.moderatorKey)).get("rules")) {
            if (r.get("id").asInt() == id) {
                return r.get("enabled").asBoolean();
            }
        }
        throw new AssertionError("no rule " + id);
    }
}

package io.loopboard.feedback.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In Chromium: a moderator uploads a Swedish Excel file on /admin/sources and watches it import. */
class SourcesPageBrowserTest {

    static TestServer server;
    static Chromium browser;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = new TestServer();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void a_moderator_uploads_a_csv_and_sees_progress_counts_and_the_rejected_rows_link() throws Exception {
        String mapping = "{\"scoreType\":\"NPS\",\"columns\":{\"externalId\":\"Svars-ID\",\"comment\":\"Kommentar\","
                + "\"score\":\"Betyg\",\"respondedAt\":\"Datum\",\"location\":\"Butik\"}}";
        assertEquals(201, server.postJson("/api/v1/sources", server.adminKey,
                "{\"name\":\"butiker-sv\",\"kind\":\"csv\",\"mapping\":" + mapping + "}").statusCode());
        server.postJson("/api/v1/sources", server.adminKey,
                "{\"name\":\"<img src=x onerror=alert(1)>\",\"kind\":\"csv\"}"); // refused: names are plain
        // the fixture plus one bad row, as Swedish Excel saves it
        byte[] fixture = Fixtures.bytes("excel-sv-semicolon-windows1252.csv");
        Path file = dir.resolve("butiker.csv");
        Files.write(file, fixture);
        Files.write(file, "sv-5;Betyget saknas;tio;2026-11-04 09:00;Kiruna\r\n".getBytes(StandardCharsets.ISO_8859_1),
                java.nio.file.StandardOpenOption.APPEND);

        WebDriver d = browser.driver;
        WebDriverWait wait = logIn(TestServer.MODERATOR_EMAIL, TestServer.MODERATOR_PASSWORD);
        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.source[data-name='butiker-sv']")));
        assertTrue(d.findElement(By.id("new-source")).getAttribute("hidden") != null, "only administrators create sources");

        card.findElement(By.cssSelector("input.file")).sendKeys(file.toString());
        card.findElement(By.cssSelector("button.start-import")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-line"), "Import"));
        WebElement fresh = d.findElement(By.cssSelector("li.source[data-name='butiker-sv']"));
        String imports = fresh.findElement(By.cssSelector(".imports")).getText();
        assertTrue(imports.contains("butiker.csv") && imports.contains("5 rows") && imports.contains("4 new")
                && imports.contains("1 rejected"), imports);
        WebElement link = fresh.findElement(By.cssSelector("a.errors-link"));
        String errorsCsv = server.get(link.getAttribute("href").replace(server.base(), ""), server.moderatorKey).body();
        assertTrue(errorsCsv.contains("6;sv-5;Betyg;score 'tio' is not a whole number;sv-5;Betyget saknas;tio;"), errorsCsv);
        assertTrue(fresh.findElement(By.cssSelector(".stats")).getText().contains("4 answers stored"));
        assertTrue(fresh.findElement(By.cssSelector(".errors")).getText().contains("1 rows rejected"));
        assertEquals("Köp av soffa gick smidigt, leveransen kom i tid – tack!", server.lb.db.dsl()
                .select(io.loopboard.store.generated.Tables.FEEDBACK.COMMENT).from(io.loopboard.store.generated.Tables.FEEDBACK)
                .where(io.loopboard.store.generated.Tables.FEEDBACK.EXTERNAL_ID.eq("sv-1")).fetchOne().value1());

        List<LogEntry> severe = d.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("favicon.ico")) // the server has no icon yet; not this page's doing
                .toList();
        assertTrue(severe.isEmpty(), "no console errors: " + severe);
    }

    @Test
    void an_administrator_previews_a_file_maps_it_in_a_form_dry_runs_and_imports_without_writing_json() throws Exception {
        assertEquals(201, server.postJson("/api/v1/sources", server.adminKey,
                "{\"name\":\"kundenkat\",\"kind\":\"csv\",\"mapping\":\"generic\"}").statusCode());
        String export = "Svars-ID;Svarsdatum;Hur troligt är det att du rekommenderar oss?;Kommentar;Butik;E-post\r\n"
                + "1001;2026-11-02 09:12;9 - Mycket troligt;Trevligt bemötande <b>i kassan</b>;Malmö;anna@example.se\r\n"
                + "1002;2026-11-02 10:40;3;\"Lång kö; ingen hjälp\";Lund;bo@example.se\r\n"
                + "1003;2026-11-03 14:05;10;مرحبا 😊 bästa butiken;Malmö;\r\n"
                + "1004;2026-11-03 15:00;elva;Fel i kassan;Lund;\r\n";
        Path file = dir.resolve("kundenkät.csv");
        Files.write(file, export.getBytes(CsvFiles.WINDOWS_1252.newEncoder().canEncode(export) ? CsvFiles.WINDOWS_1252 : StandardCharsets.UTF_8));

        WebDriver d = browser.driver;
        WebDriverWait wait = logIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        By card = By.cssSelector("li.source[data-name='kundenkat']");
        wait.until(ExpectedConditions.presenceOfElementLocated(card));
        d.findElement(card).findElement(By.cssSelector("input.file")).sendKeys(file.toString());

        // the preview: the first rows as read, and each column's field chosen with its reason
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.source[data-name='kundenkat'] .preview")));
        wait.until(x -> x.findElement(card).findElements(By.cssSelector(".preview-table tbody tr")).size() == 4);
        WebElement table = d.findElement(card).findElement(By.cssSelector(".preview-table"));
        assertTrue(table.getText().contains("Trevligt bemötande <b>i kassan</b>"), "customer text shown as text: " + table.getText());
        assertTrue(table.getText().contains("مرحبا 😊"), table.getText());
        assertEquals("Svars-ID", selected(d, card, "externalId"));
        assertEquals("Svarsdatum", selected(d, card, "respondedAt"));
        assertEquals("Hur troligt är det att du rekommenderar oss?", selected(d, card, "score"));
        assertEquals("Kommentar", selected(d, card, "comment"));
        assertEquals("Butik", selected(d, card, "location"));
        assertEquals("E-post", selected(d, card, "customerEmail"));
        assertEquals("", selected(d, card, "customerName"));
        String reasons = d.findElement(card).findElement(By.cssSelector(".field-rows")).getText();
        assertTrue(reasons.contains("the header says 'kommentar'"), reasons);
        assertEquals("NPS", new Select(d.findElement(card).findElement(By.name("scoreType"))).getFirstSelectedOption().getAttribute("value"));

        // the CX lead leaves the e-mail addresses out, and dry runs
        new Select(d.findElement(card).findElement(By.name("column.customerEmail"))).selectByValue("");
        d.findElement(card).findElement(By.cssSelector("button.dry-run")).click();
        wait.until(x -> x.findElement(card).findElements(By.cssSelector(".dry-run-summary")).size() == 1);
        String dry = d.findElement(card).findElement(By.cssSelector(".dry-run-result")).getText();
        assertTrue(dry.contains("4 rows — 3 would be stored (3 new, 0 already stored), 1 rejected"), dry);
        assertTrue(dry.contains("line 5, column Hur troligt är det att du rekommenderar oss?: score 'elva' is not a whole number"), dry);
        assertEquals(0, server.lb.db.dsl().fetchCount(io.loopboard.store.generated.Tables.FEEDBACK,
                io.loopboard.store.generated.Tables.FEEDBACK.SOURCE.eq("kundenkat")), "a dry run writes nothing");

        // import: the form is saved to the source and the file imported with it
        d.findElement(card).findElement(By.cssSelector("button.start-import")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-line"), "Import finished"));
        var stored = server.lb.db.dsl().selectFrom(io.loopboard.store.generated.Tables.FEEDBACK)
                .where(io.loopboard.store.generated.Tables.FEEDBACK.SOURCE.eq("kundenkat"))
                .fetchMap(io.loopboard.store.generated.Tables.FEEDBACK.EXTERNAL_ID);
        assertEquals(3, stored.size());
        assertEquals(9, stored.get("1001").getScore());
        assertEquals("Lång kö; ingen hjälp", stored.get("1002").getComment());
        assertEquals(null, stored.get("1001").getCustomerEmail(), "left out in the form: not imported");
        Mapping saved = server.lb.sources.byName("kundenkat").orElseThrow().mapping();
        assertEquals("Svars-ID", saved.column("externalId"));
        assertEquals(null, saved.column("customerEmail"));
        // the page draws the sources anew after an import: look the card up inside the wait
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> x.findElement(card).findElement(By.cssSelector(".stats")).getText().contains("3 answers stored"));
    }

    /** Opens the sources page logged out (whichever test ran first), logs in through the form. */
    private static WebDriverWait logIn(String email, String password) {
        WebDriver d = browser.driver;
        d.get(server.base() + "/login");
        d.manage().deleteAllCookies();
        d.get(server.base() + "/admin/sources");
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.urlContains("/login"));
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys(password);
        d.findElement(By.id("login-submit")).click();
        return wait;
    }

    private static String selected(WebDriver d, By card, String field) {
        return new Select(d.findElement(card).findElement(By.name("column." + field))).getFirstSelectedOption().getAttribute("value");
    }
}

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
        d.get(server.base() + "/admin/sources");
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.urlContains("/login"));
        d.findElement(By.id("email")).sendKeys(TestServer.MODERATOR_EMAIL);
        d.findElement(By.id("password")).sendKeys(TestServer.MODERATOR_PASSWORD);
        d.findElement(By.id("login-submit")).click();
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
        assertTrue(errorsCsv.contains("6,Betyg,score 'tio' is not a whole number"), errorsCsv);
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
}

package io.loopboard.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "You said, we did" end to end in Chromium: a moderator authors a story on /admin/stories,
 * links a quote from the moderation queue in one step and publishes; a display page shows the
 * "You said" and "We did" slides; the story is on the board, whose filters and search work.
 */
class StoryBrowserTest {

    static final String CUSTOMER_NAME = "Sven Andersson";
    static final String CUSTOMER_EMAIL = "sven.andersson@example.se";

    static TestServer server;
    static Chromium admin;
    static Chromium screen;
    static String screenToken;

    @BeforeAll
    static void start() {
        server = new TestServer();
        admin = Chromium.start();
        screen = Chromium.start();
        int channel = server.lb.screens.createChannel("stories", "Stories", 3, "test");
        screenToken = server.lb.screens.createScreen("Hall TV", channel, "test").token();
        StoryApiTest.ok(StoryApiTest.call(server, "PUT", "/api/v1/story-shares/" + channel, server.moderatorKey, "{\"storyShare\":100}"));
    }

    @AfterAll
    static void stop() {
        if (screen != null) {
            screen.close();
        }
        if (admin != null) {
            admin.close();
        }
        server.close();
    }

    private static WebDriverWait waitFor(ChromeDriver d, int seconds) {
        return new WebDriverWait(d, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    private static String body(ChromeDriver d, String attribute) {
        return Chromium.bodyAttribute(d, attribute);
    }

    @Test
    void a_story_authored_from_the_queue_is_published_to_screens_and_the_board_where_filters_and_search_work() {
        String quoteText = "Appen loggar ut mig varje dag, det är så irriterande";
        int quoteId = server.ingestAndFindQuote("story-browser-1", quoteText,
                "\"touchpoint\":\"app\",\"language\":\"sv\",\"customer\":{\"name\":\"" + CUSTOMER_NAME + "\",\"email\":\"" + CUSTOMER_EMAIL + "\"}");
        StoryApiTest.ok(StoryApiTest.call(server, "POST", "/api/v1/quotes/" + quoteId + "/approve", server.moderatorKey, "{}"));
        int other = StoryApiTest.ok(StoryApiTest.call(server, "POST", "/api/v1/stories", server.moderatorKey,
                "{\"title\":\"Tydligare fakturor\",\"team\":\"Ekonomi\",\"status\":\"planned\",\"touchpoint\":\"invoice\"}")).get("id").asInt();
        StoryApiTest.ok(StoryApiTest.call(server, "POST", "/api/v1/stories/" + other + "/publish", server.moderatorKey, "{}"));

        ChromeDriver display = screen.driver;
        display.get(server.base() + "/display/?token=" + screenToken);
        waitFor(display, 15).until(d -> "open".equals(body(display, "data-connection")));

        // authoring, in /admin/stories
        ChromeDriver driver = admin.driver;
        driver.get(server.base() + "/admin/stories");
        waitFor(driver, 10).until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("email")).sendKeys(TestServer.MODERATOR_EMAIL);
        driver.findElement(By.id("password")).sendKeys(TestServer.MODERATOR_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        waitFor(driver, 15).until(d -> "stories".equals(body(driver, "data-loaded")));
        // the queue card's "Link to a story…" link, as the moderation page renders it
        driver.get(server.base() + "/admin");
        waitFor(driver, 15).until(d -> "pending".equals(body(driver, "data-loaded")));
        driver.findElement(By.cssSelector(".tab[data-status='approved']")).click();
        waitFor(driver, 15).until(d -> "approved".equals(body(driver, "data-loaded")));
        driver.findElement(By.cssSelector("li.quote[data-quote-id='" + quoteId + "'] a.to-story")).click();
        waitFor(driver, 15).until(d -> "stories".equals(body(driver, "data-loaded")));
        WebElement pick = driver.findElement(By.cssSelector("#queue li[data-quote-id='" + quoteId + "'] .pick"));
        assertTrue(pick.isSelected(), "the quote chosen in the moderation queue is preselected");
        driver.findElement(By.id("f-title")).sendKeys("Inloggningen håller hela dagen");
        driver.findElement(By.id("f-action")).sendKeys("Vi förlängde sessionen till 12 timmar");
        driver.findElement(By.id("f-team")).sendKeys("Appteamet");
        driver.findElement(By.id("f-touchpoint")).sendKeys("app");
        new Select(driver.findElement(By.id("f-status"))).selectByValue("done");
        driver.findElement(By.id("link-selected")).click(); // saves the new story and links the quote: one step
        waitFor(driver, 10).until(d -> d.findElements(By.cssSelector("#linked li")).size() == 1);
        String storyId = body(driver, "data-story-id");
        assertEquals(quoteText, driver.findElement(By.cssSelector("#linked li .mini-text")).getText());
        driver.findElement(By.id("publish-story")).click();
        waitFor(driver, 10).until(d -> "published".equals(body(driver, "data-story-state")));

        // the screen: "You said" then "We did" (a stories-only channel, 3 s per slide)
        waitFor(display, 15).until(d -> ("story-" + storyId + "-said").equals(slideId(display)));
        assertEquals(quoteText, display.findElement(By.cssSelector("#slide .story-quote-text")).getText());
        assertEquals("1", display.findElement(By.cssSelector("#slide .story-count")).getText());
        waitFor(display, 10).until(d -> ("story-" + storyId + "-did").equals(slideId(display)));
        assertEquals("Vi förlängde sessionen till 12 timmar", display.findElement(By.cssSelector("#slide .story-action")).getText());
        assertTrue(display.findElement(By.id("slide-attribution")).getText().startsWith("Appteamet"));
        String screenPage = display.getPageSource();
        assertFalse(screenPage.contains(CUSTOMER_NAME) || screenPage.contains(CUSTOMER_EMAIL), "no customer PII on the screen");

        // story slides fit the screen at 1080p, 4K and portrait, even with three long quotes
        for (int[] size : List.of(new int[] {1920, 1080}, new int[] {3840, 2160}, new int[] {1080, 1920})) {
            display.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", size[0], "height", size[1], "deviceScaleFactor", 1, "mobile", false));
            String overflow = (String) display.executeAsyncScript(FITS_SCRIPT);
            assertEquals("", overflow, "story slides overflow at " + size[0] + "x" + size[1]);
        }
        display.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1920, "height", 1080, "deviceScaleFactor", 1, "mobile", false));

        // the board
        driver.get(server.base() + "/improvements");
        waitFor(driver, 10).until(d -> "all".equals(body(driver, "data-loaded")));
        assertEquals(List.of("Inloggningen håller hela dagen", "Tydligare fakturor"), boardTitles(driver), "newest first");
        String boardPage = driver.getPageSource();
        assertFalse(boardPage.contains(CUSTOMER_NAME) || boardPage.contains(CUSTOMER_EMAIL), "no customer PII on the board");
        new Select(driver.findElement(By.id("team"))).selectByVisibleText("Ekonomi");
        waitFor(driver, 10).until(d -> boardTitles(driver).equals(List.of("Tydligare fakturor")));
        new Select(driver.findElement(By.id("team"))).selectByValue("");
        new Select(driver.findElement(By.id("status"))).selectByValue("done");
        waitFor(driver, 10).until(d -> boardTitles(driver).equals(List.of("Inloggningen håller hela dagen")));
        new Select(driver.findElement(By.id("status"))).selectByValue("");
        driver.findElement(By.id("search")).sendKeys("irriterande"); // words of the linked quote find the story
        waitFor(driver, 10).until(d -> boardTitles(driver).equals(List.of("Inloggningen håller hela dagen")));
        driver.findElement(By.id("search")).clear();
        driver.findElement(By.id("search")).sendKeys("ingenting sådant");
        waitFor(driver, 10).until(d -> boardTitles(driver).isEmpty() && driver.findElement(By.id("empty")).isDisplayed());

        // the story's own page, with its quote
        driver.get(server.base() + "/improvements/" + storyId);
        waitFor(driver, 10).until(d -> "story".equals(body(driver, "data-loaded")));
        assertEquals("Inloggningen håller hela dagen", driver.findElement(By.id("story-title")).getText());
        assertEquals(quoteText, driver.findElement(By.cssSelector("#story-quotes blockquote")).getText());
    }

    /** Read in one script call: the list is replaced on every filter change. */
    @SuppressWarnings("unchecked")
    private static List<String> boardTitles(ChromeDriver driver) {
        return (List<String>) driver.executeScript(
                "return [...document.querySelectorAll('#board li.board-story h2')].map((h) => h.textContent);");
    }

    private static String slideId(ChromeDriver display) {
        return (String) display.executeScript("const s = document.getElementById('slide'); return s ? s.dataset.slideId : null;");
    }

    /** Builds worst-case story slides in a scratch stage and reports any that do not fit. */
    private static final String FITS_SCRIPT = """
            const done = arguments[arguments.length - 1];
            import('./slides/story.js').then(({ normalizeStorySlide, buildStoryLayer }) => {
              const long = 'Leveransen tog tre veckor och ingen hörde av sig om förseningen trots att jag ringde flera gånger '.repeat(2);
              const slides = [
                { id: 's', type: 'story-said', story: { title: 'Snabbare leveranser till norra Sverige', mentions: 137,
                  quotes: [1, 2, 3].map((i) => ({ text: long + i, attribution: 'Kund, Kiruna', lang: 'sv' })) } },
                { id: 'd', type: 'story-did', story: { title: 'Snabbare leveranser till norra Sverige', action: long,
                  team: 'Logistik', date: '2026-11-02', status: 'done', effect: 'Leveranstiden föll från 9 till 4 dagar' } },
              ];
              const problems = [];
              for (const raw of slides) {
                const stage = document.createElement('main');
                stage.className = 'stage';
                stage.style.zIndex = '-1';
                const layer = buildStoryLayer(document, normalizeStorySlide(raw));
                layer.style.animation = 'none';
                stage.append(layer);
                document.body.append(stage);
                for (const child of layer.children) {
                  const r = child.getBoundingClientRect();
                  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1) {
                    problems.push(raw.type + ' .' + child.className + ' ' + JSON.stringify(r));
                  }
                }
                stage.remove();
              }
              done(problems.join('; '));
            }).catch((e) => done('error: ' + e));
            """;
}

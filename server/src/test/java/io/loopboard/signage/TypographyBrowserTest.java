package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.QUOTE_CHANNEL;
import static io.loopboard.support.DisplayPage.consoleErrors;
import static io.loopboard.support.DisplayPage.slideText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.Chromium;
import io.loopboard.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Quotes of 10 to 400 characters on the real display page at 1920×1080, 3840×2160 and portrait
 * 1080×1920: the text never leaves its slide, stays large enough to read across a room, and
 * Swedish, emoji and right-to-left text arrive untouched. Screenshots of every case go to
 * {@code server/target/display-screenshots/} for a person to look at.
 */
class TypographyBrowserTest {

    record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    record Case(String name, String text, String attribution) {
    }

    static final List<Size> SIZES = List.of(new Size(1920, 1080), new Size(3840, 2160), new Size(1080, 1920));

    /** Type smaller than this share of the screen's short side is not readable from across a room. */
    static final double MIN_FONT_SHARE = 0.035;

    static final List<Case> CASES = List.of(
            new Case("10-chars", "Så bra!! 🎉", "Kund, Örebro"),
            new Case("120-chars-swedish",
                    "Jättesnabb leverans till Luleå och en väldigt trevlig chaufför. Förpackningen var däremot helt "
                            + "sönderriven – synd!", "Kund, Luleå"),
            new Case("250-chars-arabic", cut("كانت تجربتي مع خدمة العملاء رائعة جداً، فقد أجابوا على جميع أسئلتي بسرعة "
                    + "ولطف، وتم حل المشكلة في نفس اليوم. أتمنى أن يستمر هذا المستوى من الخدمة دائماً، وشكراً لكل الفريق "
                    + "على الاهتمام والمتابعة المستمرة مع العملاء في كل مكان. ", 250), "عميل، مالمو"),
            new Case("400-chars-mixed", cut("Kundtjänstmedarbetarna på Södermalm förtjänar en eloge 👏 – när min "
                    + "beställning försvann hittade de den på tio minuter, ringde upp mig och skickade en ny med "
                    + "expressfrakt utan extra kostnad. Appen däremot är förvirrande 😕: varför ligger "
                    + "orderhistoriken under ”Mitt konto › Inställningar”? Det borde vara ett klick från startsidan. "
                    + "Annars: tack, fortsätt så! 💚 ", 400), "Kund, Stockholm"),
            new Case("400-chars-unbreakable", cut("Överförsäkringsbolagsdirektörsassistentutbildningsprogrammet"
                    + "🚀ÅÄÖåäö", 400), ""));

    static TestServer server;
    static Chromium browser;
    static ChromeDriver screen;
    static final List<String> tokens = new ArrayList<>();
    static final Path SHOTS = Path.of("target", "display-screenshots");

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
        Files.createDirectories(SHOTS);
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            // One channel per case, each with exactly that quote, so the screen holds still.
            int channel = server.lb.screens.createChannel("type-" + i, "Typography " + i, 600, "test");
            tokens.add(server.lb.screens.createScreen("Type TV " + i, channel, "test").token());
            int quote = server.ingestAndFindQuote("type-" + i, c.text(), null);
            server.lb.db.write(cfg -> DSL.using(cfg).insertInto(QUOTE_CHANNEL)
                    .set(QUOTE_CHANNEL.QUOTE_ID, quote).set(QUOTE_CHANNEL.CHANNEL_ID, channel).execute());
            server.lb.quotes.approve(quote, null, c.attribution(), "test");
        }
        browser = Chromium.start();
        screen = browser.driver;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    static String cut(String pattern, int codePoints) {
        StringBuilder sb = new StringBuilder();
        while (sb.codePointCount(0, sb.length()) < codePoints) {
            sb.append(pattern);
        }
        String s = sb.substring(0, sb.offsetByCodePoints(0, codePoints));
        // The server strips the ends; keep the case exactly as long as it says.
        return s.strip().length() == s.length() ? s : cut(pattern.strip() + "x", codePoints);
    }

    @Test
    void quotes_of_10_to_400_characters_fit_their_slide_and_stay_legible_at_1080p_4k_and_portrait() throws Exception {
        List<String> report = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            resize(SIZES.get(0));
            screen.get(server.base() + "/display/?token=" + tokens.get(i));
            new WebDriverWait(screen, Duration.ofSeconds(10), Duration.ofMillis(50))
                    .withMessage(() -> c.name() + " never shown; log: " + screen.manage().logs().get("browser").getAll())
                    .until(d -> c.text().equals(slideText(screen)));
            Thread.sleep(700); // the fade-in
            for (Size size : SIZES) {
                resize(size);
                Thread.sleep(150); // resize event, re-fit, layout
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) screen.executeScript(MEASURE);
                String where = c.name() + " at " + size + ": " + m;
                shot(c.name(), size);

                assertEquals(c.text(), m.get("text"), "text untouched: " + where);
                double w = num(m, "vw");
                double h = num(m, "vh");
                assertEquals(size.width(), w, 0.5, where);
                assertEquals(size.height(), h, 0.5, where);
                assertInside("text", m, "text", w, h, where);
                assertInside("attribution", m, "attr", w, h, where);
                // Vertically, an emoji's ink may reach a few pixels past a tight line box; that is
                // drawn, not cut, as long as the box itself is inside the slide (checked above).
                assertTrue(num(m, "scrollH") <= num(m, "clientH") + 0.1 * num(m, "fontPx")
                        && num(m, "scrollW") <= num(m, "clientW") + 1, "text does not overflow its box: " + where);
                double minPx = MIN_FONT_SHARE * Math.min(size.width(), size.height());
                assertTrue(num(m, "fontPx") >= minPx, "font " + num(m, "fontPx") + " px >= " + minPx + " px: " + where);
                if (c.name().contains("arabic")) {
                    assertEquals("rtl", m.get("dir"), "right-to-left laid out right-to-left: " + where);
                }
                report.add(String.format("%-22s %-9s %5.0f px", c.name(), size, num(m, "fontPx")));
            }
        }
        System.out.println("quote type sizes:\n  " + String.join("\n  ", report));
        assertEquals(List.of(), consoleErrors(screen), "no console errors");
    }

    static final String MEASURE = """
            const layer = document.getElementById('slide');
            const text = document.getElementById('slide-text');
            const attr = document.getElementById('slide-attribution');
            const r = (el) => { const b = el.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
            return {
              vw: window.innerWidth, vh: window.innerHeight,
              text: text.textContent, dir: getComputedStyle(text).direction,
              fontPx: parseFloat(getComputedStyle(text).fontSize),
              layerRect: r(layer), textRect: r(text),
              attrRect: attr.offsetParent === null ? null : r(attr),
              scrollH: text.scrollHeight, clientH: text.clientHeight,
              scrollW: text.scrollWidth, clientW: text.clientWidth,
            };""";

    static void assertInside(String what, Map<String, Object> m, String key, double w, double h, String where) {
        @SuppressWarnings("unchecked")
        List<Number> rect = (List<Number>) m.get(key + "Rect");
        if (rect == null) {
            return; // an empty attribution is not shown at all
        }
        @SuppressWarnings("unchecked")
        List<Number> layer = (List<Number>) m.get("layerRect");
        double left = rect.get(0).doubleValue();
        double top = rect.get(1).doubleValue();
        double right = rect.get(2).doubleValue();
        double bottom = rect.get(3).doubleValue();
        assertTrue(left >= -1 && top >= -1 && right <= w + 1 && bottom <= h + 1, what + " inside the screen: " + where);
        assertTrue(left >= layer.get(0).doubleValue() - 1 && top >= layer.get(1).doubleValue() - 1
                && right <= layer.get(2).doubleValue() + 1 && bottom <= layer.get(3).doubleValue() + 1,
                what + " inside its slide: " + where);
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    static void resize(Size size) {
        screen.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", size.width(), "height", size.height(), "deviceScaleFactor", 1, "mobile", false));
    }

    static void shot(String name, Size size) {
        Path file = null;
        // A 4K frame can take the renderer longer than ChromeDriver's 10 s on a loaded machine.
        for (int attempt = 1; file == null; attempt++) {
            try {
                file = screen.getScreenshotAs(OutputType.FILE).toPath();
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        try {
            Files.move(file, SHOTS.resolve(name + "-" + size + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

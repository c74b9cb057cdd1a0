package io.loopboard.support;

import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

/** Reads the display page's state in single script calls (its layers are replaced on every change). */
public final class DisplayPage {

    private DisplayPage() {
    }

    public static String slideId(ChromeDriver d) {
        return (String) d.executeScript("const s = document.getElementById('slide'); return s ? s.dataset.slideId : null;");
    }

    public static String slideText(ChromeDriver d) {
        return (String) d.executeScript("const s = document.getElementById('slide-text'); return s ? s.textContent : null;");
    }

    public static String body(ChromeDriver d, String dataAttribute) {
        return (String) d.executeScript("return document.body ? document.body.dataset[arguments[0]] ?? null : null;", dataAttribute);
    }

    public static boolean showingFallback(ChromeDriver d) {
        return Boolean.TRUE.equals(d.executeScript(
                "const s = document.getElementById('slide'); return !!s && s.classList.contains('layer--fallback');"));
    }

    /**
     * Console errors other than the browser's own reports of a refused connection, which it
     * logs by itself whenever the server is down and which no page script can prevent.
     */
    public static List<LogEntry> consoleErrors(ChromeDriver d) {
        return d.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !(e.getMessage().contains("WebSocket connection to")
                        || e.getMessage().contains("net::ERR_CONNECTION_REFUSED")))
                .toList();
    }
}

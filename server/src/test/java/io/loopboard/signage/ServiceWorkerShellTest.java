package io.loopboard.signage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A screen that loses the server right after its first boot must boot again from the Service
 * Worker's cache: the worker's install list (SHELL in sw.js) holds the whole module graph of
 * display.js and every style sheet of index.html. One module missing and the browser refuses to
 * run any of them (an offline reload showed an empty page in OfflineScreenBrowserTest).
 */
class ServiceWorkerShellTest {

    private static final String ROOT = "loopboard-display/";
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import|export)\\s[^;]*?from\\s+'([^']+)'|^\\s*import\\s+'([^']+)'|import\\(\\s*'([^']+)'\\s*\\)");
    private static final Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\"");
    private static final Pattern SHELL = Pattern.compile("(?s)const SHELL = \\[(.*?)\\];");
    private static final Pattern ENTRY = Pattern.compile("'([^']+)'");

    private static String read(String path) throws IOException {
        try (InputStream in = ServiceWorkerShellTest.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            assertNotNull(in, "the display client has " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every file display.js loads, directly or through its imports, and the page's style sheets. */
    private static Set<String> loadedByThePage() throws IOException {
        Set<String> files = new TreeSet<>();
        Matcher css = STYLESHEET.matcher(read("index.html"));
        while (css.find()) {
            files.add(css.group(1));
        }
        Deque<String> todo = new ArrayDeque<>();
        todo.add("display.js");
        while (!todo.isEmpty()) {
            String module = todo.pop();
            if (!files.add(module)) {
                continue;
            }
            Matcher m = IMPORT.matcher(read(module));
            while (m.find()) {
                String spec = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                String resolved = URI.create("x:/" + module).resolve(spec).getPath().substring(1);
                todo.add(resolved);
            }
        }
        return files;
    }

    @Test
    void the_workers_install_list_holds_every_module_and_style_sheet_the_page_loads() throws IOException {
        Matcher shell = SHELL.matcher(read("sw.js"));
        assertTrue(shell.find(), "sw.js has its SHELL list");
        Set<String> listed = new LinkedHashSet<>();
        Matcher e = ENTRY.matcher(shell.group(1));
        while (e.find()) {
            listed.add(e.group(1));
        }
        Set<String> loaded = loadedByThePage();
        assertTrue(loaded.size() >= 20, "the walk found the module graph: " + loaded);
        Set<String> missing = new TreeSet<>(loaded);
        missing.removeAll(listed);
        assertEquals(Set.of(), missing, "loaded by the page but not cached when the worker installs");
    }
}

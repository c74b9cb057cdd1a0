package io.loopboard.kiosk;

import static io.loopboard.kiosk.KioskConfigTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.kiosk.KioskConfigTest.Result;
import io.loopboard.support.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The kiosk session booted for real: the files as {@code install.sh --root} lays them out,
 * {@code kiosk-session} run as an unprivileged user with the configuration the installer wrote,
 * cage on its headless backend with software rendering, Debian's Chromium in it, against a real
 * server. The test plays systemd's part: it restarts the session when it exits or when the
 * watchdog asks for a restart, and runs the watchdog on a timer.
 *
 * <p>Needs cage, Xwayland, grim, wlr-randr and Chromium: a local run without them skips with a
 * loud message, a run with {@code CI=true} fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KioskSessionBootTest {

    static final Path KIOSK = Path.of("..", "kiosk-config").toAbsolutePath().normalize();
    /** The unprivileged user the session runs as when the test runs as root. */
    static final String USER = "loopboard-kiosk-test";
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    /**
     * Emoji that DejaVu Sans also draws, in black and white: they come out in colour only when the
     * session keeps DejaVu away from Chromium.
     */
    static final String[] QUOTES = {
        "Personalen i Malmö var otroligt hjälpsam – tack! 😊",
        "Leveransen kom två dagar för sent 😡 men supporten löste det 😍",
        "Appen kraschar varje gång jag loggar in 😡",
        "Snabb hjälp i chatten, bästa kundtjänsten 😍😊",
    };

    static TestServer server;
    /** A landscape screen and a portrait one, on the same channel. */
    static ScreenRef lobby;
    static ScreenRef entrance;
    static Path work;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** The landscape kiosk serves two steps (boot, then the watchdog); the portrait one boots meanwhile. */
    static Session landscape;
    static Session portrait;
    static final long STARTED = System.nanoTime();

    record ScreenRef(int id, String url) {
    }

    @BeforeAll
    static void start() throws Exception {
        for (String[] tool : List.of(new String[] {"cage", "cage"}, new String[] {"Xwayland", "xwayland"},
                new String[] {"grim", "grim"}, new String[] {"wlr-randr", "wlr-randr"},
                new String[] {"chromium", "chromium"}, new String[] {"curl", "curl"},
                new String[] {"fc-list", "fontconfig"})) {
            need(tool[0], tool[1]);
        }
        server = new TestServer();
        int channel = server.lb.screens.createChannel("lobby", "Lobby", 3, "test");
        for (int i = 0; i < QUOTES.length; i++) {
            int id = server.ingestAndFindQuote("kiosk-" + i, QUOTES[i], null);
            server.lb.quotes.approve(id, null, null, "test");
        }
        var lobbyTv = server.lb.screens.createScreen("Lobby TV", channel, "test");
        lobby = new ScreenRef(lobbyTv.id(), server.base() + "/display/?token=" + lobbyTv.token());
        var entranceTv = server.lb.screens.createScreen("Entrance (portrait)", channel, "test");
        entrance = new ScreenRef(entranceTv.id(), server.base() + "/display/?token=" + entranceTv.token());
        mark("server up with two screens and their quotes");
        work = Files.createTempDirectory("loopboard-kiosk-boot-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (ROOT) {
            // A system user without a home or a shell, like the installer's loopboard-kiosk.
            Result id = exec(Map.of(), "id", "-u", USER);
            if (id.code() != 0) {
                Result add = exec(Map.of(), "useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", "--comment", "Loopboard kiosk test", USER);
                assertTrue(add.code() == 0 || add.code() == 9, "useradd " + USER + ": " + add.out());
            }
        }
    }

    @AfterAll
    static void stop() {
        landscape = stopped(landscape);
        portrait = stopped(portrait);
        if (server != null) {
            server.close();
        }
        if (work != null) {
            deleteTree(work);
        }
    }

    static Session stopped(Session s) {
        if (s != null) {
            s.close();
        }
        return null;
    }

    /** When each step got where, on stderr: the test must stay quick on a busy machine. */
    static void mark(String what) {
        System.err.printf("kiosk boot test: %5.1f s  %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }

    @Test
    @Order(1)
    void without_xwayland_the_session_names_the_missing_package_instead_of_crash_looping() throws Exception {
        if (!ROOT) {
            // Only root can hide /usr/bin/Xwayland, in a private mount namespace.
            needRoot("hiding /usr/bin/Xwayland from cage");
        }
        Session s = new Session(lobby, "0");
        Path empty = Files.writeString(s.dir.resolve("not-an-executable"), "");
        String session = s.root.resolve("usr/local/lib/loopboard-kiosk/kiosk-session").toString();

        // What the screen did before: cage itself gives up at once, and systemd starts it again and again.
        Result cage = exec(Map.of(), withoutXwayland(empty, s.asKioskUser(s.env, "cage", "-d", "--", "/bin/true")));
        assertEquals(1, cage.code(), cage.out());
        assertTrue(cage.out().contains("Cannot find Xwayland binary \"/usr/bin/Xwayland\""), cage.out());

        long t0 = System.nanoTime();
        Result r = exec(Map.of(), withoutXwayland(empty, s.asKioskUser(s.env, session)));
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("<3>loopboard-kiosk: missing Xwayland (/usr/bin/Xwayland), without which Cage version 0.1.")
                && r.out().contains("install the package 'xwayland'"), "an error in the journal naming the package:\n" + r.out());
        assertFalse(r.out().contains("[xwayland/") || r.out().contains("[backend/"), "cage never started:\n" + r.out());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "and it says so at once");
    }

    /** The command, run in a private mount namespace where /usr/bin/Xwayland is an empty, non-executable file. */
    static String[] withoutXwayland(Path empty, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0\" /usr/bin/Xwayland && exec \"$@\"", empty.toString()));
        cmd.addAll(command);
        return cmd.toArray(String[]::new);
    }

    @Test
    @Order(2)
    void the_booted_screen_comes_online_with_the_outputs_resolution_and_shows_a_slide() throws Exception {
        landscape = new Session(lobby, "0").start();
        mark("landscape session started");
        JsonNode fleet = awaitFleet(landscape, "online with a resolution", s -> s.path("online").asBoolean()
                && !s.path("resolution").isNull() && !s.path("showing").isNull());
        mark("landscape screen online: " + fleet.get("resolution").asText());
        // From here on the watchdog looks at the page every few seconds, as its timer does.
        landscape.startWatchdog();
        BufferedImage shot = landscape.screenshot();
        assertTrue(shot.getWidth() > shot.getHeight(), "a landscape output: " + shot.getWidth() + "x" + shot.getHeight());
        assertEquals(shot.getWidth() + "×" + shot.getHeight(), fleet.get("resolution").asText(),
                "the fleet shows the output's resolution: " + fleet);
        assertTrue(fleet.path("userAgent").asText().contains("Chrome/"), fleet.toString());
        mark("landscape screenshot: " + awaitSlideInColour(landscape));
    }

    @Test
    @Order(3)
    void the_watchdog_restarts_a_browser_whose_page_stopped_answering_and_the_screen_comes_back() throws Exception {
        Assumptions.assumeTrue(landscape != null, "the landscape session of the previous step");
        Session kiosk = landscape;
        try {
            String browserBefore = kiosk.browserId();
            // A live page is left alone: the watchdog has been looking at it since it came online.
            await(Duration.ofSeconds(30), "two watchdog checks of the live page", () -> kiosk.watchdogLog.size() >= 2 ? true : null);
            assertEquals(0, kiosk.restarts.get(), "no restart of a live page: " + kiosk.watchdogLog);

            List<Long> renderers = kiosk.renderers();
            assertFalse(renderers.isEmpty(), "Chromium's renderer processes");
            Result stopped = exec(Map.of(), Stream.concat(Stream.of("kill", "-STOP"), renderers.stream().map(String::valueOf))
                    .toArray(String[]::new));
            assertEquals(0, stopped.code(), stopped.out());
            mark("renderers stopped: " + renderers);
            // The watchdog needs a good 20 seconds to be sure; the portrait kiosk of the next step boots meanwhile.
            portrait = new Session(entrance, "90").start();

            await(Duration.ofSeconds(60), "the watchdog restarts the kiosk", () -> kiosk.restarts.get() > 0 ? true : null);
            mark("watchdog restarted the kiosk");
            assertTrue(kiosk.watchdogLog.stream().anyMatch(l -> l.contains("the page's heartbeat has stopped")),
                    "it noticed the heartbeat stop: " + kiosk.watchdogLog);
            await(Duration.ofSeconds(40), "a new browser", () -> {
                String id = kiosk.browserIdOrNull();
                return id != null && !id.equals(browserBefore) ? id : null;
            });
            awaitFleet(kiosk, "back online on a single connection", s -> s.path("online").asBoolean()
                    && s.path("connections").asInt() == 1 && !s.path("showing").isNull());
            mark("screen back online");
            assertEquals(1, kiosk.restarts.get(), "one restart: " + kiosk.watchdogLog);
        } finally {
            landscape = stopped(landscape);
        }
    }

    @Test
    @Order(4)
    void a_portrait_screen_reports_a_portrait_resolution_and_its_screenshot_shows_a_slide_in_colour() throws Exception {
        if (portrait == null) {
            portrait = new Session(entrance, "90").start();
        }
        JsonNode fleet = awaitFleet(portrait, "online in portrait", s -> s.path("online").asBoolean()
                && s.path("resolution").asText("").matches("\\d+×\\d+") && !s.path("showing").isNull()
                && isPortrait(s.path("resolution").asText()));
        mark("portrait screen online: " + fleet.get("resolution").asText());
        BufferedImage shot = portrait.screenshot();
        assertEquals(fleet.get("resolution").asText(), shot.getWidth() + "×" + shot.getHeight(),
                "the output is turned and the page fills it: " + fleet);
        mark("portrait screenshot: " + awaitSlideInColour(portrait));
        portrait = stopped(portrait);
    }

    /**
     * A screenshot with a quote on it, not a blank screen or a browser error page: many different
     * pixels, and the quote's emoji in colour. The channel shows other slides between the quotes.
     */
    static Pixels awaitSlideInColour(Session kiosk) {
        return await(Duration.ofSeconds(20), "a screenshot with a quote and its emoji in colour", () -> {
            Pixels px = Pixels.of(kiosk.screenshot());
            return px.distinctColours > 200 && px.emojiYellow > 100 ? px : null;
        });
    }

    static boolean isPortrait(String resolution) {
        String[] wh = resolution.split("×");
        return wh.length == 2 && Integer.parseInt(wh[1]) > Integer.parseInt(wh[0]);
    }

    /** The kiosk's screen in {@code GET /api/v1/screens}, once it matches. */
    static JsonNode awaitFleet(Session kiosk, String what, java.util.function.Predicate<JsonNode> ok) {
        return await(Duration.ofSeconds(45), "the screen " + what + " in the fleet", () -> {
            for (JsonNode s : server.getOk("/api/v1/screens", server.moderatorKey).get("screens")) {
                if (s.get("id").asInt() == kiosk.screen.id() && ok.test(s)) {
                    return s;
                }
            }
            return null;
        });
    }

    static <T> T await(Duration limit, String what, Supplier<T> probe) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > end) {
                StringBuilder diag = new StringBuilder("timed out after " + limit.toSeconds() + " s waiting for " + what
                        + "\nfleet: " + server.get("/api/v1/screens", server.moderatorKey).body());
                for (Session s : new Session[] {landscape, portrait}) {
                    if (s != null) {
                        diag.append("\n\nsession ").append(s.dir).append(" (log tail):\n").append(s.logTail())
                                .append("\nwatchdog: ").append(s.watchdogLog);
                    }
                }
                throw new AssertionError(diag.toString());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** What a screenshot shows, in numbers. */
    record Pixels(int width, int height, int distinctColours, int emojiYellow) {
        static Pixels of(BufferedImage img) {
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            int yellow = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    int r = rgb >> 16 & 0xff;
                    int g = rgb >> 8 & 0xff;
                    int b = rgb & 0xff;
                    // the faces of 😊 😡 😍 in Noto Color Emoji (DejaVu Sans draws them white)
                    if (r > 200 && g > 130 && g < 230 && b < 90) {
                        yellow++;
                    }
                }
            }
            return new Pixels(img.getWidth(), img.getHeight(), colours.size(), yellow);
        }
    }

    /**
     * One kiosk: its files staged by the installer, a home and a runtime directory for the kiosk
     * user, and the session started, restarted and stopped the way loopboard-kiosk.service does.
     */
    static final class Session implements AutoCloseable {
        static final Duration WATCHDOG_EVERY = Duration.ofSeconds(6);
        /** 4 checks 6 s apart see the same title only when the 15-second heartbeat has stopped. */
        static final int WATCHDOG_STRIKES = 4;

        final ScreenRef screen;
        final Path dir;
        final Path root;
        final Path home;
        final Path runtime;
        final Path log;
        final Path restartRequest;
        final int devtoolsPort;
        final Map<String, String> env = new LinkedHashMap<>();
        final AtomicInteger restarts = new AtomicInteger();
        final List<String> watchdogLog = new CopyOnWriteArrayList<>();
        private volatile boolean wanted = true;
        private volatile Process process;
        private Thread supervisor;
        private Thread watchdog;

        Session(ScreenRef screen, String rotate) throws Exception {
            this.screen = screen;
            dir = Files.createTempDirectory(work, "kiosk-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            root = dir.resolve("root");
            Result staged = exec(Map.of(), KIOSK.resolve("install.sh").toString(), "--server", screen.url(),
                    "--rotate", rotate, "--root", root.toString());
            assertEquals(0, staged.code(), staged.out());
            home = Files.createDirectories(dir.resolve("home"));
            runtime = Files.createDirectories(dir.resolve("run"));
            Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
            if (ROOT) {
                Result own = exec(Map.of(), "chown", USER + ":", home.toString(), runtime.toString());
                assertEquals(0, own.code(), own.out());
            }
            log = dir.resolve("session.log");
            restartRequest = dir.resolve("restart-requested");
            try (ServerSocket s = new ServerSocket(0)) {
                devtoolsPort = s.getLocalPort();
            }
            // What systemd gives the service: the kiosk.conf the installer wrote (EnvironmentFile=),
            // and from the login session a home and a runtime directory.
            for (String line : Files.readAllLines(root.resolve("etc/loopboard-kiosk/kiosk.conf"))) {
                if (line.startsWith("LOOPBOARD_")) {
                    env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            assertEquals(screen.url(), env.get("LOOPBOARD_URL"));
            assertEquals(rotate, env.get("LOOPBOARD_ROTATE"));
            env.put("LOOPBOARD_DEVTOOLS_PORT", String.valueOf(devtoolsPort)); // 9222 may be taken on a shared machine
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("HOME", home.toString());
            env.put("USER", ROOT ? USER : System.getProperty("user.name"));
            env.put("LANG", "C.UTF-8");
            env.put("XDG_RUNTIME_DIR", runtime.toString());
            // cage without a screen: one virtual output, software rendering, no input devices
            env.put("WLR_BACKENDS", "headless");
            env.put("WLR_RENDERER", "pixman");
            env.put("WLR_LIBINPUT_NO_DEVICES", "1");
        }

        /** The command line that runs {@code command} as the kiosk user with exactly {@link #env}. */
        List<String> asKioskUser(Map<String, String> environment, String... command) {
            List<String> cmd = new ArrayList<>();
            if (ROOT) {
                cmd.addAll(List.of("runuser", "-u", USER, "--"));
            }
            cmd.addAll(List.of("env", "-i"));
            environment.forEach((k, v) -> cmd.add(k + "=" + v));
            cmd.addAll(List.of(command));
            return cmd;
        }

        /** Starts the session, and starts it again whenever it exits (Restart=always). */
        Session start() {
            List<String> cmd = asKioskUser(env, root.resolve("usr/local/lib/loopboard-kiosk/kiosk-session").toString());
            supervisor = new Thread(() -> {
                while (wanted) {
                    try {
                        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                        while (wanted && process.isAlive()) {
                            if (Files.exists(restartRequest)) {
                                Files.delete(restartRequest);
                                restarts.incrementAndGet();
                                kill(process);
                            }
                            process.waitFor(200, TimeUnit.MILLISECONDS);
                        }
                        if (wanted) {
                            Thread.sleep(1000); // RestartSec, shortened
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "kiosk-session");
            supervisor.setDaemon(true);
            supervisor.start();
            return this;
        }

        /** The watchdog on its timer, as root like its unit, restarting through the "service" above. */
        void startWatchdog() {
            Map<String, String> wdEnv = new LinkedHashMap<>(env);
            wdEnv.put("LOOPBOARD_WATCHDOG_STATE", dir.resolve("watchdog").toString());
            wdEnv.put("STATE_DIRECTORY", "");
            wdEnv.put("LOOPBOARD_WATCHDOG_STRIKES", String.valueOf(WATCHDOG_STRIKES));
            wdEnv.put("LOOPBOARD_WATCHDOG_RESTART", "touch " + restartRequest);
            String script = root.resolve("usr/local/lib/loopboard-kiosk/kiosk-watchdog").toString();
            watchdog = new Thread(() -> {
                while (wanted) {
                    try {
                        Result r = exec(wdEnv, script);
                        watchdogLog.add(r.out().strip());
                        Thread.sleep(WATCHDOG_EVERY.toMillis());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "kiosk-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        /** Stops every process of the session like systemd's stop: TERM, then KILL what is left. */
        static void kill(Process p) throws InterruptedException {
            List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
            all.add(p.toHandle());
            all.forEach(ProcessHandle::destroy);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end && all.stream().anyMatch(ProcessHandle::isAlive)) {
                Thread.sleep(100);
            }
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            p.waitFor(5, TimeUnit.SECONDS);
        }

        /** Chromium's renderer processes in this session. */
        List<Long> renderers() {
            Process p = process;
            return p.descendants().map(ProcessHandle::pid).filter(pid -> commandLine(pid).contains("--type=renderer")).toList();
        }

        /** A process's arguments, from /proc (Chromium rewrites them, which ProcessHandle.Info does not read). */
        static String commandLine(long pid) {
            try {
                return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
            } catch (IOException e) {
                return ""; // gone
            }
        }

        String browserIdOrNull() {
            try {
                HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + devtoolsPort + "/json/version")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return res.statusCode() == 200 ? Json.MAPPER.readTree(res.body()).path("webSocketDebuggerUrl").asText(null) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        String browserId() {
            String id = browserIdOrNull();
            assertNotEquals(null, id, "the browser's DevTools endpoint answers");
            return id;
        }

        /** A screenshot of cage's output, taken with grim inside the session. */
        BufferedImage screenshot() {
            try {
                return grim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private BufferedImage grim() throws IOException, InterruptedException {
            String display;
            try (Stream<Path> files = Files.list(runtime)) {
                display = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("wayland-\\d+"))
                        .findFirst().orElseThrow(() -> new AssertionError("no Wayland socket in " + runtime + "\n" + logTail()));
            }
            Map<String, String> grimEnv = Map.of("XDG_RUNTIME_DIR", runtime.toString(), "WAYLAND_DISPLAY", display,
                    "PATH", "/usr/bin:/bin");
            Process p = new ProcessBuilder(asKioskUser(grimEnv, "grim", "-")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] png = p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor(), "grim");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(img != null, "grim wrote a PNG");
            Files.write(dir.resolve("screenshot.png"), png);
            return img;
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() {
            wanted = false;
            if (watchdog != null) {
                watchdog.interrupt();
            }
            try {
                if (supervisor != null) {
                    supervisor.interrupt();
                    supervisor.join(5000);
                }
                Process p = process;
                if (p != null) {
                    kill(p);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Skips locally without the tool; fails under CI=true, where the kiosk must be booted. */
    static void need(String tool, String apt) {
        boolean present = Stream.of("/usr/bin/", "/bin/", "/usr/local/bin/").anyMatch(d -> new File(d + tool).canExecute());
        if (present) {
            return;
        }
        String msg = tool + " missing: install with 'apt-get install -y cage xwayland grim wlr-randr chromium curl' (" + apt + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + msg);
        }
        System.err.println();
        System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        System.err.println("!!! SKIPPING THE KIOSK BOOT TEST: " + msg);
        System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        System.err.println();
        Assumptions.abort(msg);
    }

    /** Skips locally when not root; fails under CI=true, which runs as root. */
    static void needRoot(String why) {
        String msg = "root needed for " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + msg);
        }
        System.err.println("!!! SKIPPING: " + msg);
        Assumptions.abort(msg);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}

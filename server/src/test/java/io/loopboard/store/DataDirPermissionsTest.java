package io.loopboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.loopboard.app.Loopboard;
import io.loopboard.auth.Role;
import io.loopboard.config.Config;
import io.loopboard.support.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the account Loopboard runs as can read the data directory: it is made 0700 and its files
 * 0600 (the test runs under the usual umask 022, which would give 0755 and 0644), and a
 * directory or file found wider at start is reported.
 */
class DataDirPermissionsTest {

    @TempDir
    Path tmp;

    private static List<String> wider(Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String wanted = Files.isDirectory(p) ? "rwx------" : "rw-------";
                if (!mode.equals(wanted)) {
                    problems.add(dir.relativize(p) + " is " + mode);
                }
            }
        }
        return problems;
    }

    @Test
    void a_new_data_directory_and_everything_in_it_is_readable_by_its_owner_only() throws Exception {
        Path data = tmp.resolve("data");
        try (Loopboard lb = new Loopboard(Config.forDataDir(data, 0), Clock.SYSTEM)) {
            lb.start();
            String key = lb.auth.createApiKey("perm", Role.ADMIN, "test").key();
            var http = java.net.http.HttpClient.newHttpClient();
            var res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + lb.port() + "/api/v1/feedback"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"source\":\"perm\",\"externalId\":\"p1\",\"comment\":\"Personalen var så vänlig! 😊\",\"customer\":{\"email\":\"kund@example.se\"}}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(Files.exists(data.resolve("loopboard.db-wal")), "the store is open in WAL mode");
            assertEquals(List.of(), wider(data), "while running");
        }
        assertEquals(List.of(), wider(data), "after stopping");
    }

    @Test
    void a_store_made_under_umask_000_is_still_owner_only() throws Exception {
        Path data = tmp.resolve("umask");
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the command line opens the store as the server does, in a process whose umask grants everyone everything
        Process p = new ProcessBuilder("bash", "-c", "umask 000 && exec \"$0\" -cp \"$1\" io.loopboard.app.Main apikey create "
                + "--name umask --role admin --data-dir \"$2\"", javaBinary, System.getProperty("java.class.path"), data.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(Files.exists(data.resolve("loopboard.db")), out);
        assertEquals(List.of(), wider(data), "made under umask 000");
    }

    @Test
    void a_data_directory_or_store_readable_by_others_is_reported_at_start() throws Exception {
        Path data = tmp.resolve("old");
        try (Loopboard lb = new Loopboard(Config.forDataDir(data, 0), Clock.SYSTEM)) {
            lb.start();
        }
        // as an earlier version (or a careless copy) left them
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("loopboard.db"), PosixFilePermissions.fromString("rw-r--r--"));
        List<ILoggingEvent> events;
        try (CapturedLogs captured = new CapturedLogs();
             Loopboard lb = new Loopboard(Config.forDataDir(data, 0), Clock.SYSTEM)) {
            lb.start();
            events = captured.events();
        }
        List<String> warnings = events.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.contains(data.toString()) && w.contains("chmod 700")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("loopboard.db ") && w.contains("chmod 600")), warnings.toString());
    }
}

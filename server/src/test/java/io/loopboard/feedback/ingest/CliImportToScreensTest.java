package io.loopboard.feedback.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.support.TestServer;
import io.loopboard.support.WsClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line import is another process than the server. When its auto-approve rules put
 * imported quotes on air, the screens of a server running on the same SQLite file must show
 * them within seconds, not at their next content change.
 */
class CliImportToScreensTest {

    @TempDir
    Path dir;

    @Test
    void quotes_auto_approved_by_a_command_line_import_reach_a_running_servers_screens() throws Exception {
        try (TestServer server = new TestServer()) {
            int channel = server.lb.screens.createChannel("cli-rules", "CLI import", 8, "test");
            String token = server.lb.screens.createScreen("Lobby TV", channel, "test").token();
            server.createAutoApproveRule("{\"channelId\":" + channel + ",\"scoreType\":\"NPS\",\"minScore\":9,"
                    + "\"maxScore\":10,\"minLength\":20,\"maxLength\":200,\"languages\":[\"sv\",\"ar\"]}");
            String praise = "Leveransen kom en dag tidigt och allt var helt – tack Åsa! 🎉";
            String rtl = "التوصيل كان سريعاً والمنتج ممتاز جداً، شكراً لكم";
            Path csv = dir.resolve("export.csv");
            Files.writeString(csv, "\uFEFFexternalId;comment;score;scoreType;language\r\n"
                    + "cli-1;" + praise + ";10;NPS;sv\r\n"
                    + "cli-2;\"" + rtl + "\";9;NPS;ar\r\n"
                    + "cli-3;Kartongen var trasig och ingen svarade i telefon;2;NPS;sv\r\n", StandardCharsets.UTF_8);

            try (WsClient screen = new WsClient(server.wsBase() + "/display/ws?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
                screen.next("playlist", Duration.ofSeconds(5));

                ProcessBuilder pb = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        "io.loopboard.app.Main", "import", csv.toString(), "--source", "survey-export"))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile());
                pb.environment().put("LOOPBOARD_DATA_DIR", server.dataDir.toString()); // the server's own store
                pb.environment().remove("LOOPBOARD_DATABASE_URL");
                Process cli = pb.start();
                assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "the import finishes");
                String log = Files.readString(dir.resolve("cli.log"));
                assertEquals(0, cli.exitValue(), log);
                assertTrue(log.contains("3 new"), log);

                // both quotes, Swedish and Arabic text untouched, on the screen without anything else changing
                screen.next(m -> "playlist".equals(m.path("type").asText())
                                && m.get("slides").toString().contains(praise) && m.get("slides").toString().contains(rtl),
                        Duration.ofSeconds(5), "the quotes the command-line import auto-approved, on the running server's screen");
            }
        }
    }
}

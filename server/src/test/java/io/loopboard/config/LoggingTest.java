package io.loopboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The server's logging as {@link Logging} sets it up in code, in place of a logback.xml. */
class LoggingTest {

    @Test
    void our_events_from_info_up_reach_standard_error_and_the_libraries_only_from_warn() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the console appender takes System.err when it starts
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as Logback's own start-up gives it
        try {
            Logging.apply(context);
            context.getLogger("io.loopboard.app.Main").info("Loopboard är igång 🚀 على المنفذ 8080");
            context.getLogger("io.loopboard.app.Main").debug("not shown");
            context.getLogger("org.eclipse.jetty.server.Server").info("jetty start-up chatter");
            context.getLogger("org.flywaydb.core.Flyway").warn("a migration problem");
        } finally {
            context.stop();
            System.setErr(original);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  i\\.loopboard\\.app\\.Main - Loopboard är igång 🚀 على المنفذ 8080\\R.*"), out);
        assertTrue(out.contains("WARN  o.f.core.Flyway - a migration problem"), out);
        assertFalse(out.contains("not shown"), out);
        assertFalse(out.contains("chatter"), out);
        assertEquals(2, out.lines().count(), out);
    }

    @Test
    void a_logback_file_of_ones_own_is_read_instead() {
        // the tests' class path holds logback-test.xml: the set-up in code steps aside for it
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, new Logging().configure(new LoggerContext()));
    }
}

package io.loopboard.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LOOPBOARD_SMTP_*: read once at start, refused when incomplete, the password never printed. */
class SmtpConfigTest {

    @Test
    void smtp_settings_come_from_the_environment_and_the_password_is_never_printed() {
        Config c = Config.fromEnvironment(Map.of("LOOPBOARD_SMTP_HOST", "mail.example.se", "LOOPBOARD_SMTP_PORT", "2525",
                "LOOPBOARD_SMTP_FROM", "Loopboard <loopboard@example.se>", "LOOPBOARD_SMTP_USER", "loopboard",
                "LOOPBOARD_SMTP_PASSWORD", "s3cret-smtp-pass", "LOOPBOARD_SMTP_STARTTLS", "false"));
        assertTrue(c.smtp().enabled());
        assertEquals(2525, c.smtp().port());
        assertFalse(c.smtp().startTls());
        assertFalse(c.toString().contains("s3cret-smtp-pass"), c.toString());
        assertTrue(c.withDemo(true).smtp().enabled(), "kept by the with… copies");
    }

    @Test
    void no_host_means_no_mail_and_a_host_without_a_sender_or_with_a_bad_port_is_refused() {
        assertFalse(Config.fromEnvironment(Map.of()).smtp().enabled());
        Config.ConfigException noFrom = assertThrows(Config.ConfigException.class,
                () -> Config.fromEnvironment(Map.of("LOOPBOARD_SMTP_HOST", "mail.example.se")));
        assertTrue(noFrom.getMessage().contains("LOOPBOARD_SMTP_FROM"));
        Config.ConfigException port = assertThrows(Config.ConfigException.class, () -> Config.fromEnvironment(Map.of(
                "LOOPBOARD_SMTP_HOST", "mail.example.se", "LOOPBOARD_SMTP_FROM", "a@b.se", "LOOPBOARD_SMTP_PORT", "smtp")));
        assertTrue(port.getMessage().contains("LOOPBOARD_SMTP_PORT"));
    }
}

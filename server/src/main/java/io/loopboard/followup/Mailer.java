package io.loopboard.followup;

import io.loopboard.config.Config;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Plain-text e-mail through the configured SMTP server (Jakarta Mail, Eclipse Angus). UTF-8
 * throughout, so a customer's "Åsa" or an emoji arrives as written. Never called inside a
 * store transaction: a slow mail server must not hold the write lock.
 */
public final class Mailer {

    private final Config.Smtp smtp;
    private final Session session;

    public Mailer(Config.Smtp smtp) {
        if (!smtp.enabled()) {
            throw new IllegalArgumentException("no SMTP host configured");
        }
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.writetimeout", "20000");
        if (smtp.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (smtp.user() != null) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.user(), smtp.password() == null ? "" : smtp.password());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    /** Sends one message; throws {@link MailException} when the server refuses it or cannot be reached. */
    public void send(String to, String subject, String text) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(smtp.from(), true));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setText(text, StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            Transport.send(m);
        } catch (MessagingException e) {
            throw new MailException("could not send to the SMTP server " + smtp.host() + ":" + smtp.port() + ": " + e.getMessage(), e);
        }
    }

    public static final class MailException extends RuntimeException {
        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.loopboard.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.loopboard.config.Config;
import io.loopboard.core.Json;
import io.loopboard.support.MutableClock;
import io.loopboard.support.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The follow-up e-mails against a real SMTP server (GreenMail) started in this process: the
 * owner hears about a case given to them, the CX lead about cases that passed 48 h uncontacted
 * and in the morning digest, each once; a refused send is tried again; and customers hear about
 * the published story that answers them, in their language, once, with the CSV as the
 * alternative. The server's clock is set by the test, so nothing depends on when it runs.
 */
class FollowUpMailTest {

    private static final long HOUR = 3_600_000L;
    /** A Monday at 05:00 in Stockholm: before the 07:00 digest. */
    private static final long MONDAY_5AM = Instant.parse("2026-12-07T04:00:00Z").toEpochMilli();

    private GreenMail smtp;
    private int port;
    private MutableClock clock;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        clock = new MutableClock();
        clock.set(MONDAY_5AM);
        server = new TestServer(clock, c -> c.withSmtp(new Config.Smtp("127.0.0.1", port, "Loopboard <loopboard@example.se>",
                null, null, false)));
    }

    @AfterEach
    void stop() {
        server.close();
        smtp.stop();
    }

    private void ingest(String json) {
        HttpResponse<String> res = server.postJson("/api/v1/feedback", server.ingestKey, json);
        assertEquals(200, res.statusCode(), res.body());
    }

    private static String item(String id, int nps, String comment, String extra) {
        return "{\"source\":\"survey\",\"externalId\":\"" + id + "\",\"score\":" + nps + ",\"scoreType\":\"NPS\""
                + ",\"comment\":" + Json.write(comment) + (extra == null ? "" : "," + extra) + "}";
    }

    /** Runs a round of reminders (the background round may have sent them already) and returns what arrived for {@code to}. */
    private List<MimeMessage> mailTo(String to, int expected) throws Exception {
        server.lb.reminders().tick();
        smtp.waitForIncomingEmail(5000, expected);
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(to))) {
                out.add(m);
            }
        }
        return out;
    }

    private static String body(MimeMessage m) throws Exception {
        return String.valueOf(m.getContent());
    }

    private int userId(String role) {
        return server.lb.auth.users().stream().filter(u -> u.role().equals(role)).findFirst().orElseThrow().id();
    }

    @Test
    void owners_hear_about_their_cases_and_the_cx_lead_about_overdue_ones_and_the_morning_digest_each_once() throws Exception {
        server.putJson("/api/v1/followup/settings", server.moderatorKey, "{\"cxLeadEmail\":\"cx.lead@example.se\"}");
        server.postJson("/api/v1/followup/rules", server.moderatorKey,
                "{\"touchpoint\":\"delivery\",\"ownerId\":" + userId("moderator") + "}");
        ingest(item("late", 2, "Åtta dagar! Ring mig på 070-111 22 33", "\"touchpoint\":\"delivery\","
                + "\"customer\":{\"name\":\"Örjan Åberg\",\"email\":\"orjan@example.se\"}"));
        int caseId = server.getOk("/api/v1/followup/cases", server.moderatorKey).get("cases").get(0).get("id").asInt();

        List<MimeMessage> toOwner = mailTo(TestServer.MODERATOR_EMAIL, 1);
        assertEquals(1, toOwner.size());
        String text = body(toOwner.get(0));
        assertTrue(toOwner.get(0).getSubject().contains("case " + caseId), toOwner.get(0).getSubject());
        assertTrue(text.contains("/admin/followups#case-" + caseId), text);
        assertTrue(text.contains("NPS 2") && text.contains("delivery"), text);
        for (String personal : List.of("Örjan", "orjan@", "070-111", "Åtta dagar")) {
            assertFalse(text.contains(personal), "the e-mail names no customer and quotes nothing: " + text);
        }
        assertEquals(1, mailTo(TestServer.MODERATOR_EMAIL, 1).size(), "told once");

        // given to someone else by hand: they hear about it
        server.patchJson("/api/v1/followup/cases/" + caseId, server.moderatorKey, "{\"ownerId\":" + userId("admin") + "}");
        assertEquals(1, mailTo(TestServer.ADMIN_EMAIL, 2).stream().filter(m -> subject(m).contains("case " + caseId)).count());

        // nothing overdue and no digest before 07:00
        assertTrue(mailTo("cx.lead@example.se", 2).stream().noneMatch(m -> subject(m).contains("overdue") || subject(m).contains("digest")));

        // 49 hours later (Wednesday 06:00): the case passed 48 h uncontacted
        clock.advance(49 * HOUR);
        List<MimeMessage> overdue = mailTo("cx.lead@example.se", 3).stream().filter(m -> subject(m).contains("overdue")).toList();
        assertEquals(1, overdue.size());
        assertTrue(body(overdue.get(0)).contains("case " + caseId), body(overdue.get(0)));
        assertEquals(1, mailTo("cx.lead@example.se", 3).stream().filter(m -> subject(m).contains("overdue")).count(), "escalated once");

        // 07:00: the morning digest, once that day
        clock.advance(HOUR);
        List<MimeMessage> digest = mailTo("cx.lead@example.se", 4).stream().filter(m -> subject(m).contains("digest")).toList();
        assertEquals(1, digest.size());
        String d = body(digest.get(0));
        assertTrue(d.contains("2026-12-09"), d);
        assertTrue(d.contains("overdue (no contact yet): 1"), d);
        assertTrue(d.contains("too few cases to say (n = 1, at least 30 needed)"), d);
        clock.advance(3 * HOUR);
        assertEquals(1, mailTo("cx.lead@example.se", 4).stream().filter(m -> subject(m).contains("digest")).count(), "once a day");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_notice_the_mail_server_refused_is_sent_on_a_later_round() throws Exception {
        smtp.stop();
        ingest(item("x", 3, "Dåligt", null));
        int caseId = server.getOk("/api/v1/followup/cases", server.moderatorKey).get("cases").get(0).get("id").asInt();
        server.patchJson("/api/v1/followup/cases/" + caseId, server.moderatorKey, "{\"ownerId\":" + userId("moderator") + "}");
        assertEquals(0, server.lb.reminders().tick().assignments(), "the mail server is down");

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertEquals(1, mailTo(TestServer.MODERATOR_EMAIL, 1).size(), "sent once the server is back");
    }

    @Test
    void customers_who_agreed_to_be_contacted_are_told_about_the_story_in_their_language_once() throws Exception {
        ingest("[" + item("sv", 3, "Leveransen tog åtta dagar", "\"language\":\"sv\",\"consentToContact\":true,"
                        + "\"customer\":{\"name\":\"Åsa Öberg 🌷\",\"email\":\"asa@example.se\"}")
                + "," + item("en", 4, "Delivery took forever", "\"language\":\"en\",\"consentToContact\":true,"
                        + "\"customer\":{\"name\":\"=HYPERLINK(\\\"http://evil\\\")\",\"email\":\"sam@example.com\"}")
                + "," + item("no", 2, "Too slow", "\"customer\":{\"name\":\"No Consent\",\"email\":\"no@example.com\"}") + "]");
        List<Integer> feedbackIds = new ArrayList<>();
        server.getOk("/api/v1/followup/cases?status=all", server.moderatorKey).get("cases")
                .forEach(c -> feedbackIds.add(c.get("feedbackId").asInt()));
        assertEquals(3, feedbackIds.size());

        HttpResponse<String> created = server.postJson("/api/v1/stories", server.moderatorKey,
                "{\"title\":\"Leverans på två dagar\",\"action\":\"Vi bytte speditör.\"}");
        assertEquals(201, created.statusCode(), created.body());
        int story = TestServer.json(created).get("id").asInt();
        server.postJson("/api/v1/stories/" + story + "/links", server.moderatorKey, "{\"feedbackIds\":" + feedbackIds + "}");

        HttpResponse<String> draft = server.postJson("/api/v1/followup/stories/" + story + "/notify", server.moderatorKey, "{}");
        assertEquals(409, draft.statusCode(), "a draft is not told to anyone: " + draft.body());
        server.postJson("/api/v1/stories/" + story + "/publish", server.moderatorKey, "{}");

        JsonNode recipients = server.getOk("/api/v1/followup/stories/" + story + "/recipients", server.moderatorKey).get("recipients");
        assertEquals(2, recipients.size(), "only those who agreed to be contacted: " + recipients);

        JsonNode sent = TestServer.json(server.postJson("/api/v1/followup/stories/" + story + "/notify", server.moderatorKey, "{}"));
        assertEquals(2, sent.get("told").asInt(), sent.toString());
        smtp.waitForIncomingEmail(5000, 2);
        MimeMessage sv = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).contains("asa@example.se")).findFirst().orElseThrow();
        assertEquals("Du sa det, och vi har gjort något åt det: Leverans på två dagar", sv.getSubject());
        assertTrue(body(sv).startsWith("Hej Åsa Öberg 🌷!"), body(sv));
        assertTrue(body(sv).contains("Vi bytte speditör."), body(sv));
        MimeMessage en = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).contains("sam@example.com")).findFirst().orElseThrow();
        assertTrue(en.getSubject().startsWith("You told us"), en.getSubject());
        assertTrue(Arrays.stream(smtp.getReceivedMessages()).noneMatch(m -> to(m).contains("no@example.com")));

        JsonNode again = TestServer.json(server.postJson("/api/v1/followup/stories/" + story + "/notify", server.moderatorKey, "{}"));
        assertEquals(0, again.get("told").asInt());
        assertEquals(2, again.get("alreadyTold").asInt());
        assertEquals(2, smtp.getReceivedMessages().length, "nobody is told twice");

        HttpResponse<String> csv = server.get("/api/v1/followup/stories/" + story + "/recipients.csv", server.moderatorKey);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().contains("Åsa Öberg 🌷"), csv.body());
        assertTrue(csv.body().contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "a formula is defused: " + csv.body());
        assertFalse(csv.body().contains("No Consent"));

        String audit = server.get("/api/v1/audit?limit=100", server.adminKey).body();
        assertTrue(audit.contains("followup.story_notify") && audit.contains("followup.story_export")
                && audit.contains("followup.story_recipients"), audit);
        assertFalse(audit.contains("asa@example.se"), "the audit records the act, not the addresses");

        HttpResponse<String> hostile = server.postJson("/api/v1/followup/stories/" + story + "/notify", server.moderatorKey,
                "{\"subject\":\"a\\u0000b\"}");
        assertEquals(400, hostile.statusCode());
        assertEquals("subject", TestServer.json(hostile).get("errors").get(0).get("field").asText());
    }

    private static String to(MimeMessage m) {
        try {
            return Arrays.toString(m.getRecipients(Message.RecipientType.TO));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void without_a_mail_server_the_notice_is_refused_and_the_csv_still_works() {
        try (TestServer plain = new TestServer()) {
            HttpResponse<String> res = plain.postJson("/api/v1/followup/stories/1/notify", plain.moderatorKey, "{}");
            assertEquals(404, res.statusCode(), "no such story: " + res.body());
            assertEquals(null, plain.lb.reminders(), "no reminders without SMTP");
            int story = TestServer.json(plain.postJson("/api/v1/stories", plain.moderatorKey, "{\"title\":\"Snabbare\"}")).get("id").asInt();
            plain.postJson("/api/v1/stories/" + story + "/publish", plain.moderatorKey, "{}");
            HttpResponse<String> noSmtp = plain.postJson("/api/v1/followup/stories/" + story + "/notify", plain.moderatorKey, "{}");
            assertEquals(409, noSmtp.statusCode(), noSmtp.body());
            assertEquals("smtp", TestServer.json(noSmtp).get("errors").get(0).get("field").asText());
            assertEquals(200, plain.get("/api/v1/followup/stories/" + story + "/recipients.csv", plain.moderatorKey).statusCode());
        }
    }
}

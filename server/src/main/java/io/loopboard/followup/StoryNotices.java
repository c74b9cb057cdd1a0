package io.loopboard.followup;

import io.loopboard.core.Refusal;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.stories.StoryViews;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.impl.DSL;

/**
 * "Tell the customers": the customers whose feedback a published story answers, who consented
 * to be contacted, get a templated e-mail in their language (once per story), or the list goes
 * out as a CSV file that a spreadsheet cannot mistake for formulas. Both are audited.
 */
public final class StoryNotices {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_MESSAGE = 5000;

    /** What a send did: told now, told before (skipped), failed (the mail server refused; they stay untold). */
    public record Sent(int told, int alreadyTold, int failed) {
    }

    private final FollowUpService followups;
    private final Database db;
    private final Clock clock;
    private final Mailer mailer;

    public StoryNotices(FollowUpService followups, Mailer mailer) {
        this.followups = followups;
        this.db = followups.store().db();
        this.clock = followups.clock();
        this.mailer = mailer;
    }

    /**
     * Sends each recipient not told yet the template of their language (Swedish for "sv", else
     * English), or the given subject and message; {name}, {story} and {action} are filled in.
     */
    public Sent send(int storyId, String subject, String message, String actor) {
        StoryViews.Story story = followups.story(storyId).orElseThrow();
        if (!"published".equals(story.state())) {
            throw Refusal.conflict("story", "is not published: customers are told about published stories only");
        }
        if (mailer == null) {
            throw Refusal.conflict("smtp", "no mail server is configured (LOOPBOARD_SMTP_HOST); export the CSV instead");
        }
        FollowUpService.StoryRecipients r = followups.recipients(storyId, actor, "followup.story_recipients");
        int told = 0;
        int before = 0;
        int failed = 0;
        for (FollowUpStore.Recipient c : r.recipients()) {
            if (c.toldAt() != null) {
                before++;
                continue;
            }
            long now = clock.now();
            // the mark is taken first, so two senders never both mail a customer; a failed send takes it back
            boolean mine = db.write(cfg -> followups.store().markTold(DSL.using(cfg), storyId, c.feedbackId(), actor, now));
            if (!mine) {
                before++;
                continue;
            }
            boolean sv = c.language() != null && c.language().startsWith("sv");
            String s = fill(subject != null ? subject : sv ? SUBJECT_SV : SUBJECT_EN, c, story);
            String m = fill(message != null ? message : sv ? MESSAGE_SV : MESSAGE_EN, c, story);
            try {
                mailer.send(c.email(), s.replaceAll("[\\r\\n]+", " "), m);
                told++;
            } catch (Mailer.MailException e) {
                db.write(cfg -> {
                    followups.store().unmarkTold(DSL.using(cfg), storyId, c.feedbackId());
                    return null;
                });
                failed++;
            }
        }
        int toldNow = told;
        int failedNow = failed;
        long at = clock.now();
        db.write(cfg -> {
            AuditLog.record(DSL.using(cfg), at, actor, "followup.story_notify", "improvement", storyId, null,
                    Map.of("told", toldNow, "failed", failedNow));
            return null;
        });
        return new Sent(told, before, failed);
    }

    /** The recipients as CSV (UTF-8 with a byte-order mark, so spreadsheets read å ä ö); formula-safe. */
    public String csv(int storyId, String actor) {
        FollowUpService.StoryRecipients r = followups.recipients(storyId, actor, "followup.story_export");
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("name", "email", "language", "story", "told_at").get())) {
            for (FollowUpStore.Recipient c : r.recipients()) {
                csv.printRecord(safe(c.name()), safe(c.email()), safe(c.language()), safe(r.title()),
                        c.toldAt() == null ? "" : java.time.Instant.ofEpochMilli(c.toldAt()).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A cell a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first)
     * gets a leading apostrophe, as OWASP advises for CSV injection; everything else is as stored.
     */
    static String safe(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    private static String fill(String template, FollowUpStore.Recipient c, StoryViews.Story story) {
        String name = c.name() == null ? "" : c.name();
        return template.replace("{name}", name).replace("{story}", story.title())
                .replace("{action}", story.action() == null ? "" : story.action())
                .replace(" ,", ",").replace("Hej !", "Hej!");
    }

    static final String SUBJECT_EN = "You told us, and we did something about it: {story}";
    static final String SUBJECT_SV = "Du sa det, och vi har gjort något åt det: {story}";
    static final String MESSAGE_EN = """
            Hello {name},

            a while ago you gave us feedback, and you said we could contact you about it. We listened. \
            This is what we did:

            {story}
            {action}

            Thank you for telling us. It made a difference.
            """;
    static final String MESSAGE_SV = """
            Hej {name}!

            För en tid sedan gav du oss feedback, och du sa att vi fick kontakta dig om den. Vi lyssnade. \
            Det här har vi gjort:

            {story}
            {action}

            Tack för att du berättade. Det gjorde skillnad.
            """;
}

package io.loopboard.followup;

import io.loopboard.core.Worker;
import io.loopboard.store.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follow-up e-mails, from one background thread: the owner hears about a case given to them
 * (by a rule or by hand), the CX lead hears about cases that passed their due time uncontacted,
 * and every morning the CX lead gets a digest of the open cases and the key figure. Each e-mail
 * is claimed in the store before it is sent (so two nodes never both send it) and released again
 * when the mail server refuses it, to be tried on the next round. The mails name no customer:
 * the case number and a link lead to the inbox, where contact details are shown and audited.
 */
public final class Reminders implements Worker {

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);
    private static final long PERIOD_SECONDS = 60;

    private final FollowUpService followups;
    private final FollowUpStore store;
    private final Database db;
    private final Mailer mailer;
    private final Supplier<String> baseUrl;
    private ScheduledExecutorService timer;

    public Reminders(FollowUpService followups, Mailer mailer, Supplier<String> baseUrl) {
        this.followups = followups;
        this.store = followups.store();
        this.db = store.db();
        this.mailer = mailer;
        this.baseUrl = baseUrl;
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "followup-reminders");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("follow-up reminders: {}", e.toString());
            }
        }, 5, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** What one round sent. */
    public record Round(int assignments, int escalations, int digests) {
    }

    /** One round: assignment notices, escalations, and the digest once the morning's hour has come. */
    public synchronized Round tick() {
        return new Round(assignments(), escalations(), digest());
    }

    private String caseLink(int id) {
        return baseUrl.get() + "/admin/followups#case-" + id;
    }

    private static String describe(FollowUpStore.Due d) {
        List<String> parts = new ArrayList<>();
        if (d.score() != null) {
            parts.add(d.scoreType() + " " + d.score());
        }
        if (d.touchpoint() != null) {
            parts.add(d.touchpoint());
        }
        if (d.location() != null) {
            parts.add(d.location());
        }
        return String.join(" · ", parts);
    }

    private String when(long millis) {
        ZoneId zone = ZoneId.of(followups.settings().timeZone());
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    private int assignments() {
        List<FollowUpStore.Due> claimed = db.write(cfg -> store.claimAssignmentNotices(DSL.using(cfg)));
        int sent = 0;
        for (FollowUpStore.Due d : claimed) {
            String text = "Hello " + d.ownerName() + ",\n\n"
                    + "a customer follow-up is yours: case " + d.id() + " (" + describe(d) + ").\n"
                    + "First contact is due by " + when(d.dueAt()) + ".\n\n"
                    + "Open it: " + caseLink(d.id()) + "\n\n"
                    + "(Hej! Ett kundärende är ditt: ärende " + d.id() + ", första kontakt senast " + when(d.dueAt()) + ".)\n";
            try {
                mailer.send(d.ownerEmail(), "Follow-up case " + d.id() + " is yours / Ärende " + d.id() + " är ditt", text);
                sent++;
            } catch (Mailer.MailException e) {
                LOG.warn("follow-up: the assignment notice for case {} was not sent, will retry: {}", d.id(), e.getMessage());
                db.write(cfg -> {
                    store.unclaimAssignmentNotice(DSL.using(cfg), d.id());
                    return null;
                });
            }
        }
        return sent;
    }

    private int escalations() {
        String lead = followups.settings().cxLeadEmail();
        if (lead == null) {
            return 0;
        }
        long now = followups.clock().now();
        List<FollowUpStore.Due> claimed = db.write(cfg -> store.claimEscalations(DSL.using(cfg), now));
        if (claimed.isEmpty()) {
            return 0;
        }
        StringBuilder text = new StringBuilder("These customer follow-ups passed their due time without a contact:\n\n");
        for (FollowUpStore.Due d : claimed) {
            text.append("- case ").append(d.id()).append(" (").append(describe(d)).append("), due ")
                    .append(when(d.dueAt())).append(", owner: ").append(d.ownerName() == null ? "nobody" : d.ownerName())
                    .append("\n  ").append(caseLink(d.id())).append('\n');
        }
        text.append("\n(Dessa kundärenden har passerat sin tid utan kontakt.)\n");
        try {
            mailer.send(lead, claimed.size() + " follow-up(s) overdue / " + claimed.size() + " ärende(n) försenade", text.toString());
            return claimed.size();
        } catch (Mailer.MailException e) {
            LOG.warn("follow-up: the escalation was not sent, will retry: {}", e.getMessage());
            db.write(cfg -> {
                store.unclaimEscalations(DSL.using(cfg), claimed.stream().map(FollowUpStore.Due::id).toList());
                return null;
            });
            return 0;
        }
    }

    /** The morning digest to the CX lead, once a day from the configured hour (in the configured time zone). */
    private int digest() {
        FollowUpSettings s = followups.settings();
        if (s.cxLeadEmail() == null) {
            return 0;
        }
        long now = followups.clock().now();
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(ZoneId.of(s.timeZone()));
        if (local.getHour() < s.digestHour()) {
            return 0;
        }
        String day = LocalDate.from(local).toString();
        String previous = store.lastDigestDay(db.dsl());
        boolean mine = db.write(cfg -> store.claimDigest(DSL.using(cfg), day));
        if (!mine) {
            return 0;
        }
        List<FollowUpStore.Due> open = store.open(db.dsl());
        long overdue = open.stream().filter(d -> "new".equals(d.status()) && d.dueAt() <= now).count();
        long dueToday = open.stream().filter(d -> "new".equals(d.status()) && d.dueAt() > now
                && d.dueAt() <= now + 86_400_000L).count();
        FollowUpService.Figure f = followups.figure();
        StringBuilder text = new StringBuilder("Good morning. Customer follow-up, ").append(day).append(":\n\n")
                .append("open cases: ").append(open.size()).append('\n')
                .append("overdue (no contact yet): ").append(overdue).append('\n')
                .append("due within 24 h: ").append(dueToday).append('\n')
                .append("critics contacted within ").append(f.dueHours()).append(" h, last ").append(f.days()).append(" days: ")
                .append(f.shown() ? f.percent() + " % (n = " + f.n() + ")" : "too few cases to say (n = " + f.n()
                        + ", at least " + f.minSample() + " needed)").append("\n\n");
        Map<String, List<FollowUpStore.Due>> byOwner = new LinkedHashMap<>();
        for (FollowUpStore.Due d : open) {
            byOwner.computeIfAbsent(d.ownerName() == null ? "nobody" : d.ownerName(), k -> new ArrayList<>()).add(d);
        }
        for (var e : byOwner.entrySet()) {
            text.append(e.getKey()).append(":\n");
            for (FollowUpStore.Due d : e.getValue()) {
                text.append("  - case ").append(d.id()).append(" (").append(describe(d)).append("), ").append(d.status())
                        .append(", due ").append(when(d.dueAt())).append('\n');
            }
        }
        text.append("\nThe inbox: ").append(baseUrl.get()).append("/admin/followups\n");
        try {
            mailer.send(s.cxLeadEmail(), "Follow-up digest " + day + " / Uppföljning " + day, text.toString());
            return 1;
        } catch (Mailer.MailException e) {
            LOG.warn("follow-up: the digest was not sent, will retry: {}", e.getMessage());
            db.write(cfg -> {
                store.unclaimDigest(DSL.using(cfg), previous);
                return null;
            });
            return 0;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                // a round in progress finishes its short transaction before the store closes
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

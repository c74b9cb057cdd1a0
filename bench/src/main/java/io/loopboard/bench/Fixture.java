package io.loopboard.bench;

import io.loopboard.app.Loopboard;
import io.loopboard.auth.Role;
import io.loopboard.config.Config;
import io.loopboard.curation.QuoteView;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.feedback.ScoreType;
import io.loopboard.store.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A data directory prepared through Loopboard's own services (in this JVM, before the server
 * process starts on it): an administrator, a moderator API key, one channel with many screens,
 * 20 quotes on air and a supply of pending ones to approve.
 */
record Fixture(Path dataDir, String moderatorKey, List<String> screenTokens, List<Integer> pendingQuotes) {

    static final String ADMIN_PASSWORD = "bench-admin-password-1";
    static final int ON_AIR = 20;

    static Fixture prepare(Path dataDir, int screens, int pending) throws java.io.IOException {
        long t0 = System.nanoTime();
        IngestScenario.freshDir(dataDir); // a run that stopped half-way must not leave its users behind
        try (Loopboard lb = new Loopboard(Config.forDataDir(dataDir, 0).withAdmin("admin@bench.local", ADMIN_PASSWORD), Clock.SYSTEM)) {
            lb.auth.createUser("admin@bench.local", "Bench admin", ADMIN_PASSWORD, Role.ADMIN, "bench");
            String key = lb.auth.createApiKey("bench", Role.MODERATOR, "bench").key();
            int channel = lb.screens.createChannel("bench", "Bench", 12, "bench");
            List<String> tokens = new ArrayList<>(screens);
            for (int i = 0; i < screens; i++) {
                tokens.add(lb.screens.createScreen("bench-" + i, channel, "bench").token());
            }
            List<FeedbackInput> items = new ArrayList<>();
            for (int i = 0; i < ON_AIR + pending; i++) {
                items.add(Rows.feedback(i));
            }
            lb.feedback.store(items);
            List<Integer> ids = new ArrayList<>();
            for (int offset = 0; ids.size() < ON_AIR + pending; offset += 500) { // the list's page limit
                List<QuoteView> page = lb.quotes.list("pending", 500, offset);
                if (page.isEmpty()) {
                    break;
                }
                page.stream().map(QuoteView::id).forEach(ids::add);
            }
            for (int id : ids.subList(0, ON_AIR)) {
                lb.quotes.approve(id, null, null, "bench");
            }
            List<Integer> rest = List.copyOf(ids.subList(ON_AIR, ids.size()));
            System.out.printf("  fixture: %d screens, %d pending quotes in %.1f s%n", screens, rest.size(), (System.nanoTime() - t0) / 1e9);
            return new Fixture(dataDir, key, tokens, rest);
        }
    }

    /**
     * Socket URLs for screens {@code from} to {@code to}. Beyond the number of paired screens,
     * tokens repeat: the hub keeps one connection per socket whatever the token, so the server's
     * work per socket is the same, and pairing 10,000 screens one audited transaction at a time
     * would cost minutes of set-up.
     */
    List<String> urls(ServerProcess server, int from, int to) {
        List<String> urls = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            urls.add(server.ws("/display/ws?token=" + screenTokens.get(i % screenTokens.size())));
        }
        return urls;
    }

    static List<String> baselineUrls(ServerProcess server, int count) {
        List<String> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            urls.add(server.ws("/ws"));
        }
        return urls;
    }

    /** Generated customer feedback: several languages, emoji, right-to-left, realistic lengths. */
    static final class Rows {
        private static final String[] COMMENTS = {
            "Great deliveries, but your website looks like it is from the 90s",
            "Leveransen kom en dag för tidigt och chauffören var jättetrevlig 👍",
            "Kundtjänst svarade snabbt, men jag fick olika besked från två personer.",
            "Die Rechnung war unverständlich, aber der Support hat alles erklärt.",
            "التوصيل كان سريعاً والمنتج ممتاز",
            "Appen kraschar när jag försöker ändra leveransadress – snälla fixa det!",
            "Honestly the best onboarding I have had with any supplier this year. 🎉",
            "Priset höjdes utan förvarning. Det känns inte schysst mot gamla kunder.",
        };
        private static final String[] LOCATIONS = {"Malmö", "Göteborg", "Stockholm", "Umeå", "Berlin", "London"};
        private static final String[] LANGUAGES = {"en", "sv", "sv", "de", "ar", "sv", "en", "sv"};

        static FeedbackInput feedback(long i) {
            return feedback(i, false);
        }

        private static final String ID_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        /**
         * Row i; with {@code surveyIds}, its answer id and e-mail address are random, as survey tools
         * export them (Qualtrics' "R_" and 15 letters), the same for the same i: every row's key then
         * lands somewhere else in the indexes, where counting ids land at their end.
         */
        static FeedbackInput feedback(long i, boolean surveyIds) {
            FeedbackInput in = feedback0(i);
            if (!surveyIds) {
                return in;
            }
            java.util.SplittableRandom r = new java.util.SplittableRandom(i * 0x9E3779B97F4A7C15L + 17);
            StringBuilder id = new StringBuilder("R_");
            for (int k = 0; k < 15; k++) {
                id.append(ID_LETTERS.charAt(r.nextInt(ID_LETTERS.length())));
            }
            String email = Long.toHexString(r.nextLong() & 0xFFFFFFFFFFL) + "@example.se";
            return new FeedbackInput(in.source(), id.toString(), in.comment(), in.score(), in.scoreType(), in.respondedAt(),
                    in.touchpoint(), in.location(), in.language(), in.customerName(), email, in.customerSegment(),
                    in.consentToPublish(), in.payload());
        }

        private static FeedbackInput feedback0(long i) {
            int c = (int) (i % COMMENTS.length);
            int score = (int) (i * 7 % 11);
            // what the ingest API keeps as the original payload: the item as it arrived
            String payload = "{\"source\":\"bench\",\"externalId\":\"r-" + i + "\",\"score\":" + score
                    + ",\"scoreType\":\"NPS\",\"comment\":\"" + COMMENTS[c] + "\"}";
            return new FeedbackInput("bench", "r-" + i, COMMENTS[c] + " (#" + i + ")", score, ScoreType.NPS,
                    1_760_000_000_000L + i * 1000, "delivery", LOCATIONS[(int) (i % LOCATIONS.length)], LANGUAGES[c],
                    "Testkund-" + i, "kund" + i + "@example.se", "b2c", i % 3 == 0, payload);
        }
    }
}

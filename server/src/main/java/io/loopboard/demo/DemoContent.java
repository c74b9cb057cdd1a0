package io.loopboard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.curation.QuoteService;
import io.loopboard.curation.QuoteView;
import io.loopboard.feedback.FeedbackService;
import io.loopboard.signage.ScreenService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Demo mode: a channel, a screen and the demo feedback set (English and Swedish, praise and
 * criticism), with a curated selection approved so a new user sees a screen rotating at once.
 * Idempotent: a second start re-uses what the first created and only issues a new screen token.
 */
public final class DemoContent {

    public static final String CHANNEL_SLUG = "office";
    public static final String SCREEN_NAME = "Reception (demo)";
    /** In the data folder: the demo screen's token, so its URL survives restarts. */
    public static final String TOKEN_FILE = "demo-screen-token";
    private static final String ACTOR = "system:demo";

    private DemoContent() {
    }

    /**
     * Seeds and returns the demo screen's token. Tokens are stored hashed, so the demo keeps the
     * token itself in {@code tokenFile} (owner-only), and the same URL keeps working across
     * restarts: a TV pointed at the printed address is not cut off by the next start. A missing,
     * revoked or foreign token is replaced by a new one.
     */
    public static String seed(FeedbackService feedback, QuoteService quotes, ScreenService screens, Path tokenFile) {
        int channelId = screens.channelBySlug(CHANNEL_SLUG)
                .map(ScreenService.ChannelView::id)
                .orElseGet(() -> screens.createChannel(CHANNEL_SLUG, "Office / Kontoret", 10, ACTOR));
        boolean fresh = quotes.list(null, 1, 0).isEmpty();
        feedback.ingest(load());
        if (fresh) {
            approveSelection(quotes);
        }
        String kept = readToken(tokenFile);
        if (kept != null && screens.authenticate(kept).filter(s -> SCREEN_NAME.equals(s.name())).isPresent()) {
            return kept;
        }
        String token = screens.byName(SCREEN_NAME)
                .map(s -> screens.rotateToken(s.id(), ACTOR))
                .orElseGet(() -> screens.createScreen(SCREEN_NAME, channelId, ACTOR).token());
        writeToken(tokenFile, token);
        return token;
    }

    private static String readToken(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeToken(Path file, String token) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the demo still runs; its screen URL just changes at the next start
            System.err.println("could not keep the demo screen's token in " + file + ": " + e.getMessage());
        }
    }

    /** Approves readable quotes and leaves the rest pending, so the moderation queue has work too. */
    private static void approveSelection(QuoteService quotes) {
        List<QuoteView> pending = quotes.list("pending", 500, 0);
        int i = 0;
        for (QuoteView q : pending) {
            int length = q.displayText().codePointCount(0, q.displayText().length());
            // personal data and blocked words stay in the queue for the moderator (approval would be refused)
            boolean clean = q.piiCount() == 0 && q.flaggedWords().isEmpty();
            if (clean && length >= 8 && length <= 260 && i++ % 3 != 2) {
                quotes.approve(q.id(), null, null, ACTOR);
            }
        }
    }

    private static JsonNode load() {
        try (InputStream in = DemoContent.class.getResourceAsStream("/demo/feedback.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/feedback.json missing from the classpath");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

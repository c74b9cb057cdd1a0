package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.CHANNEL;
import static io.loopboard.store.generated.Tables.SCREEN;

import io.loopboard.audit.AuditLog;
import io.loopboard.auth.Secrets;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;

/** Channels and screens: creating them, and recognising a screen by its token. */
public final class ScreenService {

    public static final String SCREEN_TOKEN_PREFIX = "lbs_";

    private final Database db;
    private final Clock clock;

    public ScreenService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A screen as the hub knows it. */
    public record ScreenInfo(int id, String name, Integer channelId) {
    }

    public record NewScreen(int id, String name, int channelId, String token) {
    }

    public record ChannelView(int id, String slug, String name, int slideSeconds, String theme) {
    }

    public Optional<ChannelView> channelBySlug(String slug) {
        return db.dsl().selectFrom(CHANNEL).where(CHANNEL.SLUG.eq(slug))
                .fetchOptional(c -> new ChannelView(c.getId(), c.getSlug(), c.getName(), c.getSlideSeconds(), c.getTheme()));
    }

    public int createChannel(String slug, String name, int slideSeconds, String actor) {
        long now = clock.now();
        return db.write(cfg -> {
            var tx = DSL.using(cfg);
            int id = tx.insertInto(CHANNEL)
                    .set(CHANNEL.SLUG, slug)
                    .set(CHANNEL.NAME, name)
                    .set(CHANNEL.SLIDE_SECONDS, slideSeconds)
                    .set(CHANNEL.CREATED_AT, now)
                    .returning(CHANNEL.ID).fetchOne(CHANNEL.ID);
            AuditLog.record(tx, now, actor, "channel.create", "channel", id, null, Map.of("slug", slug, "name", name));
            return id;
        });
    }

    /** Creates a screen on a channel and returns its token in clear text, the only time it exists so. */
    public NewScreen createScreen(String name, int channelId, String actor) {
        String token = Secrets.newToken(SCREEN_TOKEN_PREFIX);
        long now = clock.now();
        int id = db.write(cfg -> {
            var tx = DSL.using(cfg);
            int newId = tx.insertInto(SCREEN)
                    .set(SCREEN.NAME, name)
                    .set(SCREEN.CHANNEL_ID, channelId)
                    .set(SCREEN.TOKEN_HASH, Secrets.sha256(token))
                    .set(SCREEN.CREATED_AT, now)
                    .returning(SCREEN.ID).fetchOne(SCREEN.ID);
            AuditLog.record(tx, now, actor, "screen.create", "screen", newId, null, Map.of("name", name, "channelId", channelId));
            return newId;
        });
        return new NewScreen(id, name, channelId, token);
    }

    /** Gives an existing screen a new token (the old one stops working at once). */
    public String rotateToken(int screenId, String actor) {
        String token = Secrets.newToken(SCREEN_TOKEN_PREFIX);
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            tx.update(SCREEN).set(SCREEN.TOKEN_HASH, Secrets.sha256(token)).set(SCREEN.REVOKED_AT, (Long) null)
                    .where(SCREEN.ID.eq(screenId)).execute();
            AuditLog.record(tx, now, actor, "screen.token_rotate", "screen", screenId, null, null);
            return null;
        });
        return token;
    }

    public Optional<ScreenInfo> byName(String name) {
        return db.dsl().selectFrom(SCREEN).where(SCREEN.NAME.eq(name)).limit(1)
                .fetchOptional(s -> new ScreenInfo(s.getId(), s.getName(), s.getChannelId()));
    }

    public Optional<ScreenInfo> authenticate(String token) {
        if (token == null || !token.startsWith(SCREEN_TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        return db.dsl().selectFrom(SCREEN)
                .where(SCREEN.TOKEN_HASH.eq(Secrets.sha256(token)).and(SCREEN.REVOKED_AT.isNull()))
                .fetchOptional(s -> new ScreenInfo(s.getId(), s.getName(), s.getChannelId()));
    }

    public void seen(int screenId, String clientInfo) {
        long now = clock.now();
        db.write(cfg -> DSL.using(cfg).update(SCREEN)
                .set(SCREEN.LAST_SEEN_AT, now)
                .set(SCREEN.CLIENT_INFO, clientInfo == null ? null : clientInfo.substring(0, Math.min(300, clientInfo.length())))
                .where(SCREEN.ID.eq(screenId)).execute());
    }
}

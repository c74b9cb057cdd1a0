package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.CHANNEL;
import static io.loopboard.store.generated.Tables.PAIRING_CODE;
import static io.loopboard.store.generated.Tables.SCREEN;

import io.loopboard.auth.Secrets;
import io.loopboard.store.AuditLog;
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

    // ---- fleet, pairing, revoking, moving ----------------------------------------

    /** A screen as the fleet view lists it (its live state comes from the hub). */
    public record ScreenRow(int id, String name, String location, Integer channelId, Long lastSeenAt, String clientInfo,
                            String clientVersion, String resolution, Long pairedAt, Long createdAt) {
    }

    /** Screens that hold a token, by name. */
    public java.util.List<ScreenRow> list() {
        return db.dsl().selectFrom(SCREEN).where(SCREEN.REVOKED_AT.isNull())
                .orderBy(SCREEN.NAME, SCREEN.ID)
                .fetch(s -> new ScreenRow(s.getId(), s.getName(), s.getLocation(), s.getChannelId(), s.getLastSeenAt(),
                        s.getClientInfo(), s.getClientVersion(), s.getResolution(), s.getPairedAt(), s.getCreatedAt()));
    }

    public ScreenInfo info(int screenId) {
        return db.dsl().selectFrom(SCREEN).where(SCREEN.ID.eq(screenId).and(SCREEN.REVOKED_AT.isNull()))
                .fetchOptional(s -> new ScreenInfo(s.getId(), s.getName(), s.getChannelId()))
                .orElseThrow(() -> io.loopboard.core.Refusal.notFound("screen " + screenId));
    }

    /** A screen paired by its code: like {@link #createScreen}, and remembers when it was paired. */
    public NewScreen pair(String name, String location, int channelId, String actor) {
        if (!db.dsl().fetchExists(CHANNEL, CHANNEL.ID.eq(channelId))) {
            throw io.loopboard.core.Refusal.invalid("channelId", "no such channel");
        }
        NewScreen s = createScreen(name, channelId, actor);
        long now = clock.now();
        db.write(cfg -> DSL.using(cfg).update(SCREEN).set(SCREEN.PAIRED_AT, now).set(SCREEN.LOCATION, location)
                .where(SCREEN.ID.eq(s.id())).execute());
        return s;
    }

    /** The token stops working at once; the caller disconnects the screen, which shows its pairing code again. */
    public void revoke(int screenId, String actor) {
        ScreenInfo before = info(screenId);
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            tx.update(SCREEN).set(SCREEN.REVOKED_AT, now).set(SCREEN.TOKEN_HASH, (String) null)
                    .where(SCREEN.ID.eq(screenId)).execute();
            AuditLog.record(tx, now, actor, "screen.revoke", "screen", screenId, Map.of("name", before.name()), null);
            return null;
        });
    }

    public ScreenInfo move(int screenId, int channelId, String actor) {
        ScreenInfo before = info(screenId);
        if (!db.dsl().fetchExists(CHANNEL, CHANNEL.ID.eq(channelId))) {
            throw io.loopboard.core.Refusal.invalid("channelId", "no such channel");
        }
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            tx.update(SCREEN).set(SCREEN.CHANNEL_ID, channelId).where(SCREEN.ID.eq(screenId)).execute();
            java.util.Map<String, Object> was = new java.util.HashMap<>();
            was.put("channelId", before.channelId());
            AuditLog.record(tx, now, actor, "screen.move", "screen", screenId, was, Map.of("channelId", channelId));
            return null;
        });
        return info(screenId);
    }

    /** What the screen's page says about itself: client version and resolution, bounded. */
    public void reportClient(int screenId, String clientVersion, String resolution) {
        db.write(cfg -> DSL.using(cfg).update(SCREEN)
                .set(SCREEN.CLIENT_VERSION, clip(clientVersion, 40))
                .set(SCREEN.RESOLUTION, clip(resolution, 40))
                .where(SCREEN.ID.eq(screenId)).execute());
    }

    private static String clip(String s, int max) {
        return s == null ? null : s.substring(0, Math.min(max, s.length()));
    }

    public void seen(int screenId, String clientInfo) {
        long now = clock.now();
        db.write(cfg -> DSL.using(cfg).update(SCREEN)
                .set(SCREEN.LAST_SEEN_AT, now)
                .set(SCREEN.CLIENT_INFO, clientInfo == null ? null : clientInfo.substring(0, Math.min(300, clientInfo.length())))
                .where(SCREEN.ID.eq(screenId)).execute());
    }

    // ---- pairing codes shared by every node (V9__pairing_codes.sql) ----------------

    /** A code whose node has not vouched for it this long belongs to a node that is gone. */
    static final long PAIRING_STALE_MILLIS = 3 * 60_000L;

    /**
     * Registers a code shown by a page whose socket is on {@code node}; false if some node uses
     * the code already. Liveness is wall-clock time, not the business clock, which tests and
     * schedules may move.
     */
    public boolean openPairing(String code, String node) {
        long now = System.currentTimeMillis();
        return db.write(cfg -> DSL.using(cfg).insertInto(PAIRING_CODE)
                .set(PAIRING_CODE.CODE, code).set(PAIRING_CODE.NODE, node)
                .set(PAIRING_CODE.OPENED_AT, now).set(PAIRING_CODE.SEEN_AT, now)
                .onConflictDoNothing().execute()) == 1;
    }

    /** The page showing the code went away. */
    public void closePairing(String code, String node) {
        db.write(cfg -> DSL.using(cfg).deleteFrom(PAIRING_CODE)
                .where(PAIRING_CODE.CODE.eq(code)).and(PAIRING_CODE.NODE.eq(node)).execute());
    }

    /**
     * Claims a code an administrator entered: once only, and only while a live node shows it.
     * @return the node whose page shows the code, or empty
     */
    public Optional<String> claimPairing(String code) {
        long fresh = System.currentTimeMillis() - PAIRING_STALE_MILLIS;
        return db.write(cfg -> {
            var tx = DSL.using(cfg);
            String node = tx.select(PAIRING_CODE.NODE).from(PAIRING_CODE)
                    .where(PAIRING_CODE.CODE.eq(code)).and(PAIRING_CODE.SEEN_AT.ge(fresh))
                    .fetchOne(PAIRING_CODE.NODE);
            if (node == null) {
                return Optional.<String>empty();
            }
            int claimed = tx.deleteFrom(PAIRING_CODE).where(PAIRING_CODE.CODE.eq(code)).and(PAIRING_CODE.NODE.eq(node)).execute();
            return claimed == 1 ? Optional.of(node) : Optional.<String>empty();
        });
    }

    /** A node vouches for the codes its pages show, and codes of nodes gone silent are dropped. */
    public void refreshPairings(String node, boolean showingAny) {
        long now = System.currentTimeMillis();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            if (showingAny) {
                tx.update(PAIRING_CODE).set(PAIRING_CODE.SEEN_AT, now).where(PAIRING_CODE.NODE.eq(node)).execute();
            }
            return tx.deleteFrom(PAIRING_CODE).where(PAIRING_CODE.SEEN_AT.lt(now - PAIRING_STALE_MILLIS)).execute();
        });
    }
}

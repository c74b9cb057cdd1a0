package io.loopboard.auth;

import static io.loopboard.store.generated.Tables.API_KEY;
import static io.loopboard.store.generated.Tables.APP_USER;
import static io.loopboard.store.generated.Tables.USER_SESSION;

import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.ApiKeyRecord;
import io.loopboard.store.generated.tables.records.AppUserRecord;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;

/** Users, sessions and API keys: creating them, and turning a presented secret into a {@link Principal}. */
public final class AuthService {

    /** A session unused for this long ends. */
    public static final long IDLE_TIMEOUT_MS = 12L * 60 * 60 * 1000;
    /** A session ends this long after login, used or not. */
    public static final long ABSOLUTE_TIMEOUT_MS = 7L * 24 * 60 * 60 * 1000;
    /** Last-seen stamps are written at most this often, so reads do not turn into writes. */
    private static final long TOUCH_INTERVAL_MS = 60_000;

    public static final String API_KEY_PREFIX = "lbk_";

    private final Database db;
    private final Clock clock;
    /** Compared against when the e-mail is unknown, so a login takes as long either way. */
    private volatile String dummyHash;

    public AuthService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record NewSession(String sessionId, Principal principal) {
    }

    public record NewApiKey(int id, String name, Role role, String key) {
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = Passwords.hash("timing-equaliser-" + Secrets.newCode(8));
        }
        return dummyHash;
    }

    /** A user as the admin page lists them: never the password hash. */
    public record UserView(int id, String email, String displayName, String role, boolean disabled, long createdAt) {
    }

    /** An API key as listed: its prefix to recognise it, never the key or its hash. */
    public record ApiKeyView(int id, String name, String prefix, String role, long createdAt, Long lastUsedAt, Long revokedAt) {
    }

    public java.util.List<UserView> users() {
        return db.dsl().selectFrom(APP_USER).orderBy(APP_USER.EMAIL)
                .fetch(u -> new UserView(u.getId(), u.getEmail(), u.getDisplayName(), u.getRole(), u.getDisabled() != 0, u.getCreatedAt()));
    }

    /** Disabling a user also ends all their sessions at once. */
    public void setDisabled(int userId, boolean disabled, String actor) {
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            AppUserRecord u = tx.selectFrom(APP_USER).where(APP_USER.ID.eq(userId)).fetchOne();
            if (u == null) {
                throw io.loopboard.core.Refusal.notFound("user " + userId);
            }
            if (disabled && u.getRole().equals(Role.ADMIN.id()) && u.getDisabled() == 0
                    && tx.fetchCount(APP_USER, APP_USER.ROLE.eq(Role.ADMIN.id()).and(APP_USER.DISABLED.eq(0))) <= 1) {
                throw io.loopboard.core.Refusal.conflict("disabled", "the last active administrator cannot be disabled");
            }
            boolean before = u.getDisabled() != 0;
            u.setDisabled(disabled ? 1 : 0);
            u.store();
            if (disabled) {
                tx.deleteFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(userId)).execute();
            }
            AuditLog.record(tx, now, actor, disabled ? "user.disable" : "user.enable", "user", userId,
                    Map.of("disabled", before), Map.of("disabled", disabled));
            return null;
        });
    }

    /** Sets a new password and ends every session of that user. */
    public void resetPassword(int userId, String password, String actor) {
        String problem = Passwords.policyProblem(password);
        if (problem != null) {
            throw io.loopboard.core.Refusal.invalid("password", problem);
        }
        String hash = Passwords.hash(password);
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            int n = tx.update(APP_USER).set(APP_USER.PASSWORD_HASH, hash).where(APP_USER.ID.eq(userId)).execute();
            if (n == 0) {
                throw io.loopboard.core.Refusal.notFound("user " + userId);
            }
            tx.deleteFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(userId)).execute();
            AuditLog.record(tx, now, actor, "user.password_reset", "user", userId, null, null);
            return null;
        });
    }

    public int logoutEverywhere(int userId, String actor) {
        long now = clock.now();
        return db.write(cfg -> {
            var tx = DSL.using(cfg);
            int n = tx.deleteFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(userId)).execute();
            AuditLog.record(tx, now, actor, "user.logout_everywhere", "user", userId, null, Map.of("sessionsEnded", n));
            return n;
        });
    }

    public java.util.List<ApiKeyView> apiKeys() {
        return db.dsl().selectFrom(API_KEY).orderBy(API_KEY.CREATED_AT.desc())
                .fetch(k -> new ApiKeyView(k.getId(), k.getName(), k.getPrefix(), k.getRole(), k.getCreatedAt(),
                        k.getLastUsedAt(), k.getRevokedAt()));
    }

    public void revokeApiKey(int keyId, String actor) {
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            int n = tx.update(API_KEY).set(API_KEY.REVOKED_AT, now)
                    .where(API_KEY.ID.eq(keyId).and(API_KEY.REVOKED_AT.isNull())).execute();
            if (n == 0 && !tx.fetchExists(API_KEY, API_KEY.ID.eq(keyId))) {
                throw io.loopboard.core.Refusal.notFound("API key " + keyId);
            }
            AuditLog.record(tx, now, actor, "apikey.revoke", "api_key", keyId, null, null);
            return null;
        });
    }

    public boolean hasUsers() {
        return db.dsl().fetchExists(APP_USER);
    }

    public int createUser(String email, String displayName, String password, Role role, String actor) {
        String problem = Passwords.policyProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException("password " + problem);
        }
        if (role == Role.INGEST) {
            throw new IllegalArgumentException("users cannot have the ingest role; create an API key instead");
        }
        String normalised = email.trim().toLowerCase(Locale.ROOT);
        String hash = Passwords.hash(password);
        long now = clock.now();
        return db.write(cfg -> {
            var tx = DSL.using(cfg);
            int id = tx.insertInto(APP_USER)
                    .set(APP_USER.EMAIL, normalised)
                    .set(APP_USER.DISPLAY_NAME, displayName)
                    .set(APP_USER.PASSWORD_HASH, hash)
                    .set(APP_USER.ROLE, role.id())
                    .set(APP_USER.CREATED_AT, now)
                    .returning(APP_USER.ID)
                    .fetchOne(APP_USER.ID);
            AuditLog.record(tx, now, actor, "user.create", "user", id, null,
                    Map.of("email", normalised, "role", role.id()));
            return id;
        });
    }

    /** Checks the password and opens a session; empty when the e-mail or password is wrong. */
    public Optional<NewSession> login(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        AppUserRecord user = db.dsl().selectFrom(APP_USER)
                .where(APP_USER.EMAIL.eq(email.trim().toLowerCase(Locale.ROOT)))
                .fetchOne();
        boolean ok = Passwords.verify(password, user == null ? dummyHash() : user.getPasswordHash());
        if (!ok || user == null || user.getDisabled() != 0) {
            return Optional.empty();
        }
        String sessionId = Secrets.newToken("");
        String csrf = Secrets.csrfTokenOf(sessionId);
        long now = clock.now();
        db.write(cfg -> DSL.using(cfg).insertInto(USER_SESSION)
                .set(USER_SESSION.ID_HASH, Secrets.sha256(sessionId))
                .set(USER_SESSION.USER_ID, user.getId())
                .set(USER_SESSION.CSRF_TOKEN, Secrets.sha256(csrf)) // the column holds the token's hash
                .set(USER_SESSION.CREATED_AT, now)
                .set(USER_SESSION.LAST_SEEN_AT, now)
                .execute());
        return Optional.of(new NewSession(sessionId,
                new Principal(Principal.Kind.USER, user.getId(), user.getEmail(), Role.parse(user.getRole()), csrf)));
    }

    public Optional<Principal> fromSession(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 200) {
            return Optional.empty();
        }
        String idHash = Secrets.sha256(sessionId);
        var row = db.dsl().select(USER_SESSION.CREATED_AT, USER_SESSION.LAST_SEEN_AT, USER_SESSION.CSRF_TOKEN,
                        APP_USER.ID, APP_USER.EMAIL, APP_USER.ROLE, APP_USER.DISABLED)
                .from(USER_SESSION).join(APP_USER).on(APP_USER.ID.eq(USER_SESSION.USER_ID))
                .where(USER_SESSION.ID_HASH.eq(idHash))
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        long now = clock.now();
        String csrf = Secrets.csrfTokenOf(sessionId);
        if (row.get(APP_USER.DISABLED) != 0
                || !Secrets.constantTimeEquals(Secrets.sha256(csrf), row.get(USER_SESSION.CSRF_TOKEN))
                || now - row.get(USER_SESSION.LAST_SEEN_AT) > IDLE_TIMEOUT_MS
                || now - row.get(USER_SESSION.CREATED_AT) > ABSOLUTE_TIMEOUT_MS) {
            logout(sessionId);
            return Optional.empty();
        }
        if (now - row.get(USER_SESSION.LAST_SEEN_AT) > TOUCH_INTERVAL_MS) {
            db.write(cfg -> DSL.using(cfg).update(USER_SESSION).set(USER_SESSION.LAST_SEEN_AT, now)
                    .where(USER_SESSION.ID_HASH.eq(idHash)).execute());
        }
        return Optional.of(new Principal(Principal.Kind.USER, row.get(APP_USER.ID), row.get(APP_USER.EMAIL),
                Role.parse(row.get(APP_USER.ROLE)), csrf));
    }

    public void logout(String sessionId) {
        if (sessionId == null) {
            return;
        }
        String idHash = Secrets.sha256(sessionId);
        db.write(cfg -> DSL.using(cfg).deleteFrom(USER_SESSION).where(USER_SESSION.ID_HASH.eq(idHash)).execute());
    }

    /** Creates a key and returns it in clear text: the only time it is ever shown. */
    public NewApiKey createApiKey(String name, Role role, String actor) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name must be 1-100 characters");
        }
        if (role == Role.VIEWER) {
            throw new IllegalArgumentException("API keys take the role ingest, moderator or admin");
        }
        String key = Secrets.newToken(API_KEY_PREFIX);
        long now = clock.now();
        int id = db.write(cfg -> {
            var tx = DSL.using(cfg);
            int newId = tx.insertInto(API_KEY)
                    .set(API_KEY.NAME, name.trim())
                    .set(API_KEY.PREFIX, key.substring(0, API_KEY_PREFIX.length() + 6))
                    .set(API_KEY.KEY_HASH, Secrets.sha256(key))
                    .set(API_KEY.ROLE, role.id())
                    .set(API_KEY.CREATED_AT, now)
                    .returning(API_KEY.ID)
                    .fetchOne(API_KEY.ID);
            AuditLog.record(tx, now, actor, "apikey.create", "api_key", newId, null,
                    Map.of("name", name.trim(), "role", role.id()));
            return newId;
        });
        return new NewApiKey(id, name.trim(), role, key);
    }

    public Optional<Principal> fromApiKey(String key) {
        if (key == null || !key.startsWith(API_KEY_PREFIX) || key.length() > 200) {
            return Optional.empty();
        }
        ApiKeyRecord rec = db.dsl().selectFrom(API_KEY).where(API_KEY.KEY_HASH.eq(Secrets.sha256(key))).fetchOne();
        if (rec == null || rec.getRevokedAt() != null) {
            return Optional.empty();
        }
        long now = clock.now();
        if (rec.getLastUsedAt() == null || now - rec.getLastUsedAt() > TOUCH_INTERVAL_MS) {
            db.write(cfg -> DSL.using(cfg).update(API_KEY).set(API_KEY.LAST_USED_AT, now)
                    .where(API_KEY.ID.eq(rec.getId())).execute());
        }
        return Optional.of(new Principal(Principal.Kind.API_KEY, rec.getId(), rec.getName(), Role.parse(rec.getRole()), null));
    }
}

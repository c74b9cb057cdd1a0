package io.loopboard.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Loopboard reads from its environment, resolved once at start.
 * {@code LOOPBOARD_*} environment variables win over the defaults; nothing else reads the
 * environment, so tests build a Config directly ({@link #forDataDir} and the {@code with…}
 * methods).
 */
public record Config(
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String adminEmail,
        Optional<String> adminPassword,
        boolean demo,
        String publicUrl,
        boolean secureCookies,
        List<String> trustedProxies,
        int httpIdleTimeoutSeconds,
        int screenMaxStaleHours,
        ZoneId timeZone) {

    public static final int DEFAULT_PORT = 7070;
    /** How long a screen that cannot reach the server keeps showing its cached playlist. */
    public static final int DEFAULT_SCREEN_MAX_STALE_HOURS = 24;

    public static Config fromEnvironment(Map<String, String> env) {
        return new Config(
                parseWhole("LOOPBOARD_PORT", env.getOrDefault("LOOPBOARD_PORT", String.valueOf(DEFAULT_PORT)), 0, 65535),
                Path.of(env.getOrDefault("LOOPBOARD_DATA_DIR", "./data")),
                blankToNull(env.get("LOOPBOARD_DATABASE_URL")),
                blankToNull(env.get("LOOPBOARD_DATABASE_USER")),
                blankToNull(env.get("LOOPBOARD_DATABASE_PASSWORD")),
                env.getOrDefault("LOOPBOARD_ADMIN_EMAIL", "admin@loopboard.local"),
                Optional.ofNullable(blankToNull(env.get("LOOPBOARD_ADMIN_PASSWORD"))),
                parseBoolean("LOOPBOARD_DEMO", env.getOrDefault("LOOPBOARD_DEMO", "false")),
                blankToNull(env.get("LOOPBOARD_PUBLIC_URL")),
                parseBoolean("LOOPBOARD_SECURE_COOKIES", env.getOrDefault("LOOPBOARD_SECURE_COOKIES", "false")),
                parseList(env.get("LOOPBOARD_TRUSTED_PROXIES")),
                parseWhole("LOOPBOARD_HTTP_IDLE_TIMEOUT_SECONDS", env.getOrDefault("LOOPBOARD_HTTP_IDLE_TIMEOUT_SECONDS", "30"), 1, 3600),
                // a year at most: beyond that "bounded" staleness would mean nothing
                parseWhole("LOOPBOARD_SCREEN_MAX_STALE_HOURS", env.getOrDefault("LOOPBOARD_SCREEN_MAX_STALE_HOURS",
                        String.valueOf(DEFAULT_SCREEN_MAX_STALE_HOURS)), 1, 8760),
                parseZone("LOOPBOARD_TIME_ZONE", env.get("LOOPBOARD_TIME_ZONE")));
    }

    /** A config for tests and embedding: a data directory, a port, everything else default. */
    public static Config forDataDir(Path dataDir, int port) {
        return new Config(port, dataDir, null, null, null, "admin@loopboard.local", Optional.empty(),
                false, null, false, List.of(), 30, DEFAULT_SCREEN_MAX_STALE_HOURS, ZoneId.systemDefault());
    }

    public Config withDemo(boolean on) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                on, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, timeZone);
    }

    public Config withDataDir(Path dir) {
        return new Config(port, dir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, timeZone);
    }

    public Config withHttpIdleTimeoutSeconds(int seconds) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, seconds, screenMaxStaleHours, timeZone);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, dataDir, url, user, password, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, timeZone);
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, timeZone);
    }

    public Config withAdmin(String email, String password) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, email,
                Optional.ofNullable(password), demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds,
                screenMaxStaleHours, timeZone);
    }

    public Config withScreenMaxStaleHours(int hours) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, hours, timeZone);
    }

    /** Where times without an offset (in a file or a payload) are read; a source's mapping may name its own. */
    public Config withTimeZone(ZoneId zone) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, zone);
    }

    /** The staleness bound in the unit the display protocol uses. */
    public long screenMaxStaleMillis() {
        return screenMaxStaleHours * 3_600_000L;
    }

    /** The JDBC URL of the store: the SQLite file in the data directory unless a URL is configured. */
    public String jdbcUrl() {
        if (databaseUrl != null) {
            return databaseUrl;
        }
        return "jdbc:sqlite:" + dataDir.resolve("loopboard.db").toAbsolutePath();
    }

    private static int parseWhole(String name, String raw, int min, int max) {
        try {
            int n = Integer.parseInt(raw.trim());
            if (n < min || n > max) {
                throw new ConfigException(name + " must be " + min + "-" + max + ", was " + raw);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, was '" + raw + "'");
        }
    }

    private static ZoneId parseZone(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(raw.trim());
        } catch (java.time.DateTimeException e) {
            throw new ConfigException(name + " must be a time zone such as Europe/Stockholm or UTC, was '" + raw + "'");
        }
    }

    private static boolean parseBoolean(String name, String raw) {
        return switch (raw.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new ConfigException(name + " must be true or false, was '" + raw + "'");
        };
    }

    private static List<String> parseList(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}

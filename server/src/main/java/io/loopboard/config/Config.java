package io.loopboard.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Loopboard reads from its environment, resolved once at start.
 * {@code LOOPBOARD_*} environment variables win over the defaults; nothing else reads the
 * environment, so tests build a Config directly.
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
        java.util.List<String> trustedProxies,
        int httpIdleTimeoutSeconds) {

    public static final int DEFAULT_PORT = 7070;

    public static Config fromEnvironment(Map<String, String> env) {
        int port = parsePort(env.getOrDefault("LOOPBOARD_PORT", String.valueOf(DEFAULT_PORT)));
        Path dataDir = Path.of(env.getOrDefault("LOOPBOARD_DATA_DIR", "./data"));
        return new Config(
                port,
                dataDir,
                blankToNull(env.get("LOOPBOARD_DATABASE_URL")),
                blankToNull(env.get("LOOPBOARD_DATABASE_USER")),
                blankToNull(env.get("LOOPBOARD_DATABASE_PASSWORD")),
                env.getOrDefault("LOOPBOARD_ADMIN_EMAIL", "admin@loopboard.local"),
                Optional.ofNullable(blankToNull(env.get("LOOPBOARD_ADMIN_PASSWORD"))),
                parseBoolean("LOOPBOARD_DEMO", env.getOrDefault("LOOPBOARD_DEMO", "false")),
                blankToNull(env.get("LOOPBOARD_PUBLIC_URL")),
                parseBoolean("LOOPBOARD_SECURE_COOKIES", env.getOrDefault("LOOPBOARD_SECURE_COOKIES", "false")),
                parseList(env.get("LOOPBOARD_TRUSTED_PROXIES")),
                parseInt("LOOPBOARD_HTTP_IDLE_TIMEOUT_SECONDS", env.getOrDefault("LOOPBOARD_HTTP_IDLE_TIMEOUT_SECONDS", "30"), 1, 3600));
    }

    /** A config for tests and embedding: a data directory, a port, everything else default. */
    public static Config forDataDir(Path dataDir, int port) {
        return new Config(port, dataDir, null, null, null, "admin@loopboard.local", Optional.empty(),
                false, null, false, java.util.List.of(), 30);
    }

    public Config withDemo(boolean on) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                on, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds);
    }

    public Config withDataDir(Path dir) {
        return new Config(port, dir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds);
    }

    public Config withHttpIdleTimeoutSeconds(int seconds) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, seconds);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, dataDir, url, user, password, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds);
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds);
    }

    public Config withAdmin(String email, String password) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, email,
                Optional.ofNullable(password), demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds);
    }

    /** The JDBC URL of the store: the SQLite file in the data directory unless a URL is configured. */
    public String jdbcUrl() {
        if (databaseUrl != null) {
            return databaseUrl;
        }
        return "jdbc:sqlite:" + dataDir.resolve("loopboard.db").toAbsolutePath();
    }

    private static int parsePort(String raw) {
        try {
            int p = Integer.parseInt(raw.trim());
            if (p < 0 || p > 65535) {
                throw new ConfigException("LOOPBOARD_PORT must be 0-65535, was " + raw);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ConfigException("LOOPBOARD_PORT must be a number, was '" + raw + "'");
        }
    }

    private static boolean parseBoolean(String name, String raw) {
        return switch (raw.trim().toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new ConfigException(name + " must be true or false, was '" + raw + "'");
        };
    }

    private static int parseInt(String name, String raw, int min, int max) {
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw new ConfigException(name + " must be " + min + "-" + max + ", was " + raw);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number, was '" + raw + "'");
        }
    }

    private static java.util.List<String> parseList(String raw) {
        if (raw == null || raw.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
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

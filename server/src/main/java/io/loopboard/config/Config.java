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
        String secretKey,
        int maxConnectionsPerAddress,
        int screenSilenceSeconds,
        Smtp smtp,
        ZoneId timeZone) {

    /**
     * The mail server follow-up reminders and customer notices go out through; without a host,
     * Loopboard sends no e-mail. The password never appears in {@link #toString()}.
     */
    public record Smtp(String host, int port, String from, String user, String password, boolean startTls) {
        public static final Smtp NONE = new Smtp(null, 25, null, null, null, false);

        public boolean enabled() {
            return host != null;
        }

        static Smtp fromEnvironment(Map<String, String> env) {
            String host = blankToNull(env.get("LOOPBOARD_SMTP_HOST"));
            String from = blankToNull(env.get("LOOPBOARD_SMTP_FROM"));
            if (host != null && from == null) {
                throw new ConfigException("LOOPBOARD_SMTP_FROM is required with LOOPBOARD_SMTP_HOST (the sender address)");
            }
            return new Smtp(host, parseWhole("LOOPBOARD_SMTP_PORT", env.getOrDefault("LOOPBOARD_SMTP_PORT", "587"), 1, 65535),
                    from, blankToNull(env.get("LOOPBOARD_SMTP_USER")), blankToNull(env.get("LOOPBOARD_SMTP_PASSWORD")),
                    parseBoolean("LOOPBOARD_SMTP_STARTTLS", env.getOrDefault("LOOPBOARD_SMTP_STARTTLS", "true")));
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", from=" + from + ", user=" + user
                    + ", password=" + (password == null ? "none" : "***") + ", startTls=" + startTls + "]";
        }
    }

    public static final int DEFAULT_PORT = 7070;
    /** How long a screen that cannot reach the server keeps showing its cached playlist. */
    public static final int DEFAULT_SCREEN_MAX_STALE_HOURS = 24;
    /** Open connections one address may hold (screens behind one NAT each hold one). */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 200;
    /**
     * A screen that sends nothing for this long is taken for dead (power or network gone without a
     * close) and shown offline. Screens are told to send at least every third of it.
     */
    public static final int DEFAULT_SCREEN_SILENCE_SECONDS = 30;

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
                blankToNull(env.get("LOOPBOARD_SECRET_KEY")),
                parseWhole("LOOPBOARD_MAX_CONNECTIONS_PER_ADDRESS", env.getOrDefault("LOOPBOARD_MAX_CONNECTIONS_PER_ADDRESS",
                        String.valueOf(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS)), 1, 1_000_000),
                parseWhole("LOOPBOARD_SCREEN_SILENCE_SECONDS", env.getOrDefault("LOOPBOARD_SCREEN_SILENCE_SECONDS",
                        String.valueOf(DEFAULT_SCREEN_SILENCE_SECONDS)), 2, 600),
                Smtp.fromEnvironment(env),
                parseZone("LOOPBOARD_TIME_ZONE", env.get("LOOPBOARD_TIME_ZONE")));
    }

    /** A config for tests and embedding: a data directory, a port, everything else default. */
    public static Config forDataDir(Path dataDir, int port) {
        return new Config(port, dataDir, null, null, null, "admin@loopboard.local", Optional.empty(),
                false, null, false, List.of(), 30, DEFAULT_SCREEN_MAX_STALE_HOURS, null,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_SCREEN_SILENCE_SECONDS, Smtp.NONE, ZoneId.systemDefault());
    }

    public Config withDemo(boolean on) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                on, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withDataDir(Path dir) {
        return new Config(port, dir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withHttpIdleTimeoutSeconds(int seconds) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, seconds, screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, dataDir, url, user, password, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withAdmin(String email, String password) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, email,
                Optional.ofNullable(password), demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds,
                screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withScreenMaxStaleHours(int hours) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, hours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withPublicUrl(String url) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, url, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withTrustedProxies(List<String> proxies) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, List.copyOf(proxies), httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    /** {@code key}: 32 bytes in Base64, as {@code LOOPBOARD_SECRET_KEY} takes it. */
    public Config withSecretKey(String key) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, key, maxConnectionsPerAddress, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withMaxConnectionsPerAddress(int max) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey, max, screenSilenceSeconds, smtp, timeZone);
    }

    public Config withSmtp(Smtp mail) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey,
                maxConnectionsPerAddress, screenSilenceSeconds, mail, timeZone);
    }

    public Config withScreenSilenceSeconds(int seconds) {
        return new Config(port, dataDir, databaseUrl, databaseUser, databasePassword, adminEmail, adminPassword,
                demo, publicUrl, secureCookies, trustedProxies, httpIdleTimeoutSeconds, screenMaxStaleHours, secretKey,
                maxConnectionsPerAddress, seconds, smtp, timeZone);
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

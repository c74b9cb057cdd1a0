package io.loopboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionalCallable;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store: a pooled DataSource, Flyway migrations and a jOOQ DSLContext, for SQLite (the
 * embedded default) or PostgreSQL (scale-out), chosen by the JDBC URL.
 *
 * <p>SQLite has exactly one writer. Instead of letting concurrent writers collide and retry on
 * SQLITE_BUSY, every write goes through {@link #write}, which serialises them with a lock;
 * reads run concurrently on the pool (WAL mode lets them proceed during a write).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** SQLite: the file of the queue's search index, attached to every connection as {@code search}; else null. */
    private final Path searchFile;
    private final SQLiteDataSource sqlite;

    private Database(HikariDataSource dataSource, SQLDialect dialect, Path searchFile, SQLiteDataSource sqlite) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.searchFile = searchFile;
        this.sqlite = sqlite;
        this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    }

    /** Opens (and migrates) the store at the given JDBC URL. For SQLite, creates the folder. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("loopboard-store");
        SQLDialect dialect;
        Path searchFile = null;
        SQLiteDataSource sqlite = null;
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            dialect = SQLDialect.SQLITE;
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            createParentFolder(file);
            createWithLargerPages(jdbcUrl, file);
            searchFile = searchFileOf(file);
            if (searchFile != null) {
                createWithLargerPages("jdbc:sqlite:" + searchFile, searchFile.toString());
            }
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.enforceForeignKeys(true);
            sc.setBusyTimeout(10_000);
            sqlite = new AttachingDataSource(sc, searchFile);
            sqlite.setUrl(jdbcUrl);
            hc.setDataSource(sqlite);
            hc.setMaximumPoolSize(6);
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            dialect = SQLDialect.POSTGRES;
            hc.setJdbcUrl(jdbcUrl);
            hc.setUsername(user);
            hc.setPassword(password);
            hc.setMaximumPoolSize(10);
        } else {
            throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite: or jdbc:postgresql:)");
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            if (!schemaIsCurrent(ds, dialect == SQLDialect.SQLITE ? LATEST_SQLITE_MIGRATION : LATEST_POSTGRES_MIGRATION)) {
                Flyway.configure()
                        .dataSource(ds)
                        .locations(dialect == SQLDialect.SQLITE ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect, searchFile, sqlite);
    }

    /**
     * The newest migration in {@code db/migration/sqlite} and {@code db/migration/postgresql}
     * ({@code DatabaseTest} holds these to the files, so a new migration cannot be forgotten here).
     */
    static final int LATEST_SQLITE_MIGRATION = 17;
    static final int LATEST_POSTGRES_MIGRATION = 17;

    /**
     * Whether Flyway's history says every migration up to {@code latest} was applied, and none
     * failed: then the start skips Flyway, which scans the jar, validates every migration's
     * checksum and loads its own classes (about 0.45 s of a 2.3 s cold start). Any doubt (no
     * history table, an older or a newer version, a failed row) runs Flyway as before.
     */
    private static boolean schemaIsCurrent(DataSource ds, int latest) {
        try (java.sql.Connection c = ds.getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            int newest = 0;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                newest = Math.max(newest, Integer.parseInt(rs.getString(1)));
            }
            return newest == latest;
        } catch (java.sql.SQLException | NumberFormatException e) {
            return false;
        }
    }

    /** The search index's file next to a store file ({@code loopboard.db} → {@code loopboard-search.db}); null for other URLs. */
    private static Path searchFileOf(String file) {
        if (file.isBlank() || file.startsWith(":memory:") || file.startsWith("file:") || file.contains("?")) {
            return null;
        }
        Path main = Path.of(file).toAbsolutePath();
        String name = main.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return main.resolveSibling(base + "-search.db");
    }

    /**
     * SQLite connections with the search index's file attached as {@code search}, in WAL mode
     * and with the main file's durability, so that every query can read both files and the
     * indexer can write the index while another connection writes the rows.
     */
    private static final class AttachingDataSource extends SQLiteDataSource {
        private final Path searchFile;

        AttachingDataSource(SQLiteConfig config, Path searchFile) {
            super(config);
            this.searchFile = searchFile;
        }

        @Override
        public org.sqlite.SQLiteConnection getConnection(String user, String password) throws java.sql.SQLException {
            org.sqlite.SQLiteConnection c = super.getConnection(user, password);
            if (searchFile == null) {
                return c;
            }
            try (java.sql.PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS search");
                 java.sql.Statement s = c.createStatement()) {
                attach.setString(1, searchFile.toString());
                attach.execute();
                s.execute("PRAGMA search.journal_mode = WAL");
                s.execute("PRAGMA search.synchronous = NORMAL");
            } catch (java.sql.SQLException e) {
                c.close();
                throw e;
            }
            return c;
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return getConnection(null, null);
        }
    }

    /** SQLite with its own search file: the file attached as {@code search} to every connection. */
    public java.util.Optional<Path> searchFile() {
        return java.util.Optional.ofNullable(searchFile);
    }

    /**
     * A connection of its own, outside the pool, configured like the pool's (SQLite only): for a
     * thread that keeps one open, such as the search indexer with its buffer of terms.
     */
    public java.sql.Connection openConnection() throws java.sql.SQLException {
        if (sqlite == null) {
            throw new IllegalStateException("only SQLite stores hand out connections of their own");
        }
        return sqlite.getConnection();
    }

    /** The page size of a new SQLite store, in bytes (SQLite's default is 4,096). */
    static final int SQLITE_PAGE_SIZE = 8192;

    /**
     * Creates a new SQLite store with pages of {@value #SQLITE_PAGE_SIZE} bytes. Measured on a
     * million imported rows (docs/ingest.md), 8 KB pages write a quarter faster than 4 KB ones:
     * shallower indexes, fewer page splits, fewer pages to write. The page size is fixed when
     * the file is created, before WAL mode (which the pool's connections set first) is switched
     * on, so a new file gets it from this one connection; an existing store keeps its pages.
     */
    private static void createWithLargerPages(String jdbcUrl, String file) {
        if (file.isBlank() || file.startsWith(":memory:") || file.startsWith("file:") || file.contains("?")) {
            return;
        }
        Path path = Path.of(file);
        try {
            if (Files.exists(path) && Files.size(path) > 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl);
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = " + SQLITE_PAGE_SIZE);
            s.execute("PRAGMA journal_mode = WAL");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the SQLite store " + path + ": " + e.getMessage(), e);
        }
    }

    private static void createParentFolder(String file) {
        if (file.isBlank() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + parent, e);
        }
    }

    /** For reads. Never use it to write: use {@link #write}. */
    public DSLContext dsl() {
        return dsl;
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** One short write transaction, serialised with every other write of this process. */
    public <T> T write(TransactionalCallable<T> work) {
        writeLock.lock();
        try {
            return dsl.transactionResult(work);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

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
 * SQLITE_BUSY, every write goes through {@link #write} or {@link #writeBulk}, which serialise the
 * writes of this process with a lock; reads run concurrently on the pool (WAL mode lets them
 * proceed during a write). Other processes on the same file (a command-line import beside the
 * server) are met the same way from both sides: every write transaction begins with
 * {@code BEGIN IMMEDIATE}, so it takes SQLite's write lock before it reads anything and waits for
 * it in a busy handler (polling every 2 ms, up to {@value #BUSY_TIMEOUT_MS} ms) instead of
 * failing at once with SQLITE_BUSY when it would have had to upgrade a read. Bulk writers give
 * way to the writes people wait for (see {@link WriterPriority}).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** SQLite: the file of the queue's search index, attached to every connection as {@code search}; else null. */
    private final Path searchFile;
    private final SQLiteDataSource sqlite;
    private final WriterPriority priority;
    private final Settings settings = new Settings().withExecuteLogging(false);

    /** How long a write waits for another process's write before it gives up with SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** How long a bulk writer stands back for waiting writes before it takes its turn anyway. */
    static final long BULK_YIELD_MAX_MS = 2_000;

    private Database(HikariDataSource dataSource, SQLDialect dialect, Path searchFile, SQLiteDataSource sqlite,
                     WriterPriority priority) {
        this.priority = priority;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.searchFile = searchFile;
        this.sqlite = sqlite;
        this.dsl = DSL.using(dataSource, dialect, settings);
    }

    /** Opens (and migrates) the store at the given JDBC URL. For SQLite, creates the folder. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("loopboard-store");
        SQLDialect dialect;
        Path searchFile = null;
        SQLiteDataSource sqlite = null;
        WriterPriority priority = WriterPriority.inProcess();
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            dialect = SQLDialect.SQLITE;
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            searchFile = searchFileOf(file);
            if (searchFile != null) { // a plain file path: the folder and files private to this account
                DataFiles.prepareSqlite(Path.of(file).toAbsolutePath(), searchFile);
            }
            createParentFolder(file);
            createWithLargerPages(jdbcUrl, file);
            if (searchFile != null) {
                priority = WriterPriority.forFile(siblingOf(file, "-writers.lock"));
                createWithLargerPages("jdbc:sqlite:" + searchFile, searchFile.toString());
            }
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.enforceForeignKeys(true);
            sc.setBusyTimeout(BUSY_TIMEOUT_MS);
            // deleted rows' bytes are overwritten, not left in free space (erasure: docs/security.md)
            sc.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
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
            priority.close();
            throw e;
        }
        return new Database(ds, dialect, searchFile, sqlite, priority);
    }

    /**
     * The newest migration in {@code db/migration/sqlite} and {@code db/migration/postgresql}
     * ({@code DatabaseTest} holds these to the files, so a new migration cannot be forgotten here).
     */
    static final int LATEST_SQLITE_MIGRATION = 20;
    static final int LATEST_POSTGRES_MIGRATION = 19;

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
        return siblingOf(file, "-search.db");
    }

    /** A file next to the store file: {@code loopboard.db} → {@code loopboard<suffix>}. */
    private static Path siblingOf(String file, String suffix) {
        Path main = Path.of(file).toAbsolutePath();
        String name = main.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return main.resolveSibling(base + suffix);
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
            org.sqlite.BusyHandler.setHandler(c, new PatientBusyHandler());
            if (searchFile == null) {
                return c;
            }
            try (java.sql.PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS search");
                 java.sql.Statement s = c.createStatement()) {
                attach.setString(1, searchFile.toString());
                attach.execute();
                s.execute("PRAGMA search.journal_mode = WAL");
                s.execute("PRAGMA search.synchronous = NORMAL");
                s.execute("PRAGMA search.secure_delete = ON");
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

    /**
     * Waits for another connection's write lock in short steps. SQLite's own handler (behind
     * busy_timeout) sleeps up to 100 ms between tries, so a takedown would wake up to 100 ms after
     * an import gave way to it; this one looks every 2 ms, for up to {@value #BUSY_TIMEOUT_MS} ms.
     */
    private static final class PatientBusyHandler extends org.sqlite.BusyHandler {
        private long since;

        @Override
        protected int callback(int tries) {
            long now = System.nanoTime();
            if (tries == 0) {
                since = now;
            }
            if (now - since > BUSY_TIMEOUT_MS * 1_000_000L) {
                return 0;
            }
            try {
                Thread.sleep(tries < 20 ? 1 : 2);
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
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

    /**
     * One short write transaction, serialised with every other write of this process and, through
     * SQLite's write lock taken at its start, of every other process. Bulk writers give way to it.
     */
    public <T> T write(TransactionalCallable<T> work) {
        priority.enter();
        try {
            writeLock.lock();
            try {
                return transaction(work);
            } finally {
                writeLock.unlock();
            }
        } finally {
            priority.leave();
        }
    }

    /**
     * One transaction of a bulk writer (an import's group of rows), which should end early when
     * {@link #writerWaiting()} says so. It begins only once no other write waits, in this process
     * or another, or after {@value #BULK_YIELD_MAX_MS} ms of standing back, so that a stream of
     * decisions cannot stop an import for good.
     */
    public <T> T writeBulk(TransactionalCallable<T> work) {
        long until = System.nanoTime() + BULK_YIELD_MAX_MS * 1_000_000L;
        while (priority.anyWaiting() && System.nanoTime() < until) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while giving way to other writes", e);
            }
        }
        writeLock.lock();
        try {
            return transaction(work);
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether a write people wait for is waiting, here or in another process: a bulk writer should commit now. */
    public boolean writerWaiting() {
        return priority.anyWaiting();
    }

    private <T> T transaction(TransactionalCallable<T> work) {
        if (dialect != SQLDialect.SQLITE) {
            return dsl.transactionResult(work);
        }
        // BEGIN IMMEDIATE by hand: the driver's own BEGIN is deferred, and after a commit it begins
        // the next transaction at once, which would wait for the write lock a second time
        return dsl.connectionResult(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run(DSL.using(c, dialect, settings).configuration());
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (Throwable t) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                } catch (java.sql.SQLException rollback) {
                    t.addSuppressed(rollback);
                }
                throw t;
            }
        });
    }

    @Override
    public void close() {
        dataSource.close();
        priority.close();
    }
}

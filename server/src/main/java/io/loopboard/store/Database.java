package io.loopboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionalCallable;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

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

    private Database(HikariDataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    }

    /** Opens (and migrates) the store at the given JDBC URL. For SQLite, creates the folder. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("loopboard-store");
        SQLDialect dialect;
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            dialect = SQLDialect.SQLITE;
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            createParentFolder(file);
            createWithLargerPages(jdbcUrl, file);
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.enforceForeignKeys(true);
            sc.setBusyTimeout(10_000);
            hc.setDataSourceProperties(sc.toProperties());
            hc.setMaximumPoolSize(6);
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            dialect = SQLDialect.POSTGRES;
            hc.setUsername(user);
            hc.setPassword(password);
            hc.setMaximumPoolSize(10);
        } else {
            throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite: or jdbc:postgresql:)");
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(dialect == SQLDialect.SQLITE ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect);
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

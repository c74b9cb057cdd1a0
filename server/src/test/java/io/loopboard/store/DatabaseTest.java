package io.loopboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a SQLite store is created and opened: its page size, journal mode and migrations. */
class DatabaseTest {

    @Test
    void a_new_sqlite_store_has_8_kb_pages_in_wal_mode_and_an_existing_one_keeps_its_pages(@TempDir Path dir) throws Exception {
        String fresh = "jdbc:sqlite:" + dir.resolve("new/loopboard.db");
        try (Database db = Database.open(fresh, null, null)) {
            assertEquals(8192, pragma(db, "page_size"));
            assertEquals("wal", String.valueOf(pragmaText(db, "journal_mode")));
        }
        // a store made by an earlier version (4 KB pages) opens as it is, migrated, and keeps its page size
        String old = "jdbc:sqlite:" + dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection(old); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE earlier (x INTEGER)");
            s.execute("DROP TABLE earlier"); // a file with pages, and nothing in it for Flyway to object to
        }
        try (Database db = Database.open(old, null, null)) {
            assertEquals(4096, pragma(db, "page_size"));
            assertEquals(0, db.dsl().fetchCount(db.dsl().selectFrom("feedback")));
        }
    }

    @Test
    void the_newest_migration_the_start_checks_for_is_the_newest_file_of_each_store() throws Exception {
        assertEquals(newestFile("sqlite"), Database.LATEST_SQLITE_MIGRATION,
                "a new SQLite migration: raise Database.LATEST_SQLITE_MIGRATION with it");
        assertEquals(newestFile("postgresql"), Database.LATEST_POSTGRES_MIGRATION,
                "a new PostgreSQL migration: raise Database.LATEST_POSTGRES_MIGRATION with it");
    }

    private static int newestFile(String store) throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration", store))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow();
        }
    }

    @Test
    void a_store_behind_the_newest_migration_is_migrated_and_a_current_one_opens_as_it_is(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("loopboard.db");
        try (Database db = Database.open(url, null, null)) {
            assertEquals(Database.LATEST_SQLITE_MIGRATION, newestApplied(db));
        }
        // the newest migration undone by hand, as if the store came from the version before it
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE webhook_event");
            s.execute("ALTER TABLE import_row_error DROP COLUMN external_id");
            s.execute("ALTER TABLE import_row_error DROP COLUMN cells");
            s.execute("ALTER TABLE import_job DROP COLUMN header_cells");
            s.execute("DELETE FROM flyway_schema_history WHERE version = '" + Database.LATEST_SQLITE_MIGRATION + "'");
        }
        try (Database db = Database.open(url, null, null)) {
            assertEquals(Database.LATEST_SQLITE_MIGRATION, newestApplied(db), "the start ran the missing migration");
            assertEquals(1, db.dsl().fetchCount(db.dsl().selectFrom("sqlite_schema").where("name = 'webhook_event'")));
        }
        // a failed row in the history is never taken for current: Flyway runs and refuses the store
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '" + Database.LATEST_SQLITE_MIGRATION + "'");
        }
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Database.open(url, null, null).close(),
                "a failed migration stops the start");
    }

    private static int newestApplied(Database db) {
        return db.dsl().fetch("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL").stream()
                .mapToInt(r -> Integer.parseInt(r.get(0, String.class))).max().orElse(0);
    }

    private static int pragma(Database db, String name) throws Exception {
        return Integer.parseInt(pragmaText(db, name));
    }

    private static String pragmaText(Database db, String name) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getString(1);
        }
    }
}

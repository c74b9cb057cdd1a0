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

package io.loopboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopboard.support.PostgresCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code is generated from the SQLite migrations and runs on PostgreSQL too, so the two trees
 * must produce the same tables, columns and indexes. Both are migrated from empty and compared;
 * the few differences that are by design are named here with their reason, and any other fails.
 */
class SchemaParityTest {

    /** Tables only one dialect has, and why. */
    private static final Map<String, String> ONLY_SQLITE = Map.of(
            "search_dirty", "edits and deletions of quotes for the full-text index in its own file (PostgreSQL searches trigram indexes on quote)",
            "store_identity", "names the store to its search index file, so an index of another store is rebuilt (PostgreSQL has no such file)",
            "sqlite_sequence", "SQLite's own table of AUTOINCREMENT counters");
    /** Indexes only one dialect has, and why. */
    private static final Map<String, String> ONLY_POSTGRES_INDEXES = Map.of(
            "quote.quote_display_text_trgm", "the queue's text search on PostgreSQL (SQLite's is FTS5 in loopboard-search.db)",
            "quote.quote_original_text_trgm", "the queue's text search on PostgreSQL (SQLite's is FTS5 in loopboard-search.db)",
            "feedback.feedback_customer_email_lower", "erasure by e-mail across nodes; on SQLite the erasure reads the table "
                    + "once before its write lock instead, and imports do not pay for an index of random addresses");
    private static final Map<String, String> ONLY_SQLITE_INDEXES = Map.of();

    @Test
    void both_migration_trees_give_the_same_tables_columns_and_indexes(@TempDir Path dir) throws Exception {
        Schema sqlite;
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("parity.db").toAbsolutePath(), null, null);
             Connection c = db.dataSource().getConnection()) {
            sqlite = sqlite(c);
        }
        Schema postgres;
        try (PostgresCluster pg = PostgresCluster.start()) {
            pg.createDatabase("parity");
            try (Database db = Database.open(pg.jdbcUrl("parity"), pg.user(), "");
                 Connection c = db.dataSource().getConnection()) {
                postgres = postgres(c);
            }
        }
        Set<String> expectedPostgresTables = new TreeSet<>(sqlite.columns.keySet());
        expectedPostgresTables.removeAll(ONLY_SQLITE.keySet());
        assertEquals(expectedPostgresTables, postgres.columns.keySet(), "the same tables");
        List<String> columnDiffs = new ArrayList<>();
        for (String table : expectedPostgresTables) {
            if (!sqlite.columns.get(table).equals(postgres.columns.get(table))) {
                columnDiffs.add(table + ": SQLite " + sqlite.columns.get(table) + ", PostgreSQL " + postgres.columns.get(table));
            }
        }
        assertEquals(List.of(), columnDiffs, "the same columns in every table");
        Set<String> sqliteIndexes = new TreeSet<>(sqlite.indexes);
        sqliteIndexes.removeIf(i -> ONLY_SQLITE.containsKey(i.substring(0, i.indexOf('.'))) || ONLY_SQLITE_INDEXES.containsKey(i));
        Set<String> postgresIndexes = new TreeSet<>(postgres.indexes);
        postgresIndexes.removeAll(ONLY_POSTGRES_INDEXES.keySet());
        Set<String> missingInPostgres = new TreeSet<>(sqliteIndexes);
        missingInPostgres.removeAll(postgresIndexes);
        Set<String> missingInSqlite = new TreeSet<>(postgresIndexes);
        missingInSqlite.removeAll(sqliteIndexes);
        assertEquals(Set.of(), missingInPostgres, "indexes of the SQLite tree that the PostgreSQL tree lacks");
        assertEquals(Set.of(), missingInSqlite, "indexes of the PostgreSQL tree that the SQLite tree lacks");
    }

    /** Columns by table, and indexes as "table.index" (named ones only: keys make their own). */
    private record Schema(Map<String, Set<String>> columns, Set<String> indexes) {
    }

    private static Schema sqlite(Connection c) throws SQLException {
        Map<String, Set<String>> columns = new TreeMap<>();
        Set<String> indexes = new TreeSet<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'flyway%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1).toLowerCase());
            }
        }
        for (String t : tables) {
            Set<String> cols = new TreeSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA main.table_info('" + t + "')")) {
                while (rs.next()) {
                    cols.add(rs.getString("name").toLowerCase());
                }
            }
            columns.put(t, cols);
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tbl_name, name FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                     + "AND tbl_name NOT LIKE 'flyway%'")) {
            while (rs.next()) {
                indexes.add(rs.getString(1).toLowerCase() + "." + rs.getString(2).toLowerCase());
            }
        }
        return new Schema(columns, indexes);
    }

    private static Schema postgres(Connection c) throws SQLException {
        Map<String, Set<String>> columns = new TreeMap<>();
        Set<String> indexes = new TreeSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns "
                     + "WHERE table_schema = current_schema() AND table_name NOT LIKE 'flyway%'")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1).toLowerCase(), k -> new TreeSet<>()).add(rs.getString(2).toLowerCase());
            }
        }
        // named indexes: not those behind a primary key or a unique constraint (SQLite's are unnamed)
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT i.tablename, i.indexname FROM pg_indexes i WHERE i.schemaname = current_schema() "
                     + "AND i.tablename NOT LIKE 'flyway%' AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                     + "WHERE k.conname = i.indexname AND k.contype IN ('p', 'u'))")) {
            while (rs.next()) {
                indexes.add(rs.getString(1).toLowerCase() + "." + rs.getString(2).toLowerCase());
            }
        }
        return new Schema(columns, indexes);
    }
}

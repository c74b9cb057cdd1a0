-- The same app_user table, with COLLATE written before the column's constraints: SQLite accepts
-- either order, but jOOQ's SQL parser, which reads this table's CREATE statement while the build
-- generates the jOOQ classes, stops at "UNIQUE COLLATE NOCASE" and fills the build log with
-- parser stack traces. Columns, keys, collation and every row stay as they were.
--
-- SQLite cannot change a column in place, so the table is rebuilt. Dropping the old table
-- deletes the sessions that reference it (ON DELETE CASCADE), so they are kept aside and put
-- back: nobody is logged out by the upgrade.
CREATE TABLE app_user_rebuilt (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT    COLLATE NOCASE NOT NULL UNIQUE,
    display_name   TEXT,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('admin', 'moderator', 'viewer')),
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at     BIGINT  NOT NULL
);

INSERT INTO app_user_rebuilt (id, email, display_name, password_hash, role, disabled, created_at)
SELECT id, email, display_name, password_hash, role, disabled, created_at FROM app_user;

CREATE TEMP TABLE user_session_kept AS SELECT * FROM user_session;

DROP TABLE app_user;

ALTER TABLE app_user_rebuilt RENAME TO app_user;

INSERT INTO user_session SELECT * FROM temp.user_session_kept;

DROP TABLE temp.user_session_kept;

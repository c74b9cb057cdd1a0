-- Issue 8: where feedback comes from (CSV imports, survey webhooks) and how each import went.
-- A source's name is the feedback.source of everything it brings in, so (source, external_id)
-- stays the identity of an answer whichever way it arrived.

CREATE TABLE ingest_source (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT    NOT NULL UNIQUE,
    kind              TEXT    NOT NULL CHECK (kind IN ('csv', 'delighted', 'typeform', 'webhook')),
    -- JSON: the CSV column mapping or the webhook field mapping (see docs/ingest.md)
    mapping_json      TEXT    NOT NULL,
    -- The HMAC key of webhook sources. Stored as given: verifying an HMAC needs the key itself,
    -- so it cannot be hashed; the API never returns it after creation.
    webhook_secret    TEXT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    last_received_at  BIGINT,
    received_count    BIGINT  NOT NULL DEFAULT 0,
    rejected_count    BIGINT  NOT NULL DEFAULT 0
);

-- Recent problems of a source (refused signatures, unreadable payloads, failed imports);
-- trimmed to the newest few per source.
CREATE TABLE ingest_error (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id  INTEGER NOT NULL REFERENCES ingest_source (id) ON DELETE CASCADE,
    at         BIGINT  NOT NULL,
    problem    TEXT    NOT NULL
);
CREATE INDEX ingest_error_source_at ON ingest_error (source_id, at DESC);

-- One CSV import. Progress and counts are committed in the same transaction as each chunk
-- of rows, so after a crash they say exactly what is in the store.
CREATE TABLE import_job (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id      INTEGER NOT NULL REFERENCES ingest_source (id) ON DELETE CASCADE,
    file_name      TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    encoding       TEXT,
    delimiter      TEXT,
    total_bytes    BIGINT  NOT NULL DEFAULT 0,
    done_bytes     BIGINT  NOT NULL DEFAULT 0,
    rows_read      BIGINT  NOT NULL DEFAULT 0,
    created_count  BIGINT  NOT NULL DEFAULT 0,
    updated_count  BIGINT  NOT NULL DEFAULT 0,
    unchanged_count BIGINT NOT NULL DEFAULT 0,
    rejected_count BIGINT  NOT NULL DEFAULT 0,
    message        TEXT,
    started_by     TEXT    NOT NULL,
    started_at     BIGINT  NOT NULL,
    finished_at    BIGINT
);
CREATE INDEX import_job_source ON import_job (source_id, started_at DESC);

-- Every row an import did not take, with where and why; downloadable as CSV.
CREATE TABLE import_row_error (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id       INTEGER NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    line         BIGINT  NOT NULL,
    column_name  TEXT,
    problem      TEXT    NOT NULL
);
CREATE INDEX import_row_error_job ON import_row_error (job_id, line);

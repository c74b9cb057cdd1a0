-- Loopboard, PostgreSQL (same shape as the SQLite migration). Timestamps are epoch milliseconds (UTC) in BIGINT columns:
-- portable to PostgreSQL BIGINT, cheap to index and compare.

CREATE TABLE channel (
    id               SERIAL PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    slide_seconds    INTEGER NOT NULL DEFAULT 12 CHECK (slide_seconds BETWEEN 3 AND 600),
    theme            TEXT    NOT NULL DEFAULT 'dark' CHECK (theme IN ('dark', 'light')),
    created_at       BIGINT  NOT NULL
);

CREATE TABLE feedback (
    id                 SERIAL PRIMARY KEY,
    source             TEXT    NOT NULL,
    external_id        TEXT    NOT NULL,
    received_at        BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL,
    responded_at       BIGINT,
    score              INTEGER,
    score_type         TEXT    CHECK (score_type IN ('NPS', 'CSAT', 'CES')),
    comment            TEXT,
    language           TEXT,
    touchpoint         TEXT,
    location           TEXT,
    customer_name      TEXT,
    customer_email     TEXT,
    customer_segment   TEXT,
    consent_to_publish INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_publish IN (0, 1)),
    payload            TEXT,
    UNIQUE (source, external_id)
);
CREATE INDEX feedback_responded_at ON feedback (responded_at);
CREATE INDEX feedback_customer_email ON feedback (customer_email);

CREATE TABLE quote (
    id             SERIAL PRIMARY KEY,
    feedback_id    INTEGER NOT NULL UNIQUE REFERENCES feedback (id) ON DELETE CASCADE,
    status         TEXT    NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'approved', 'rejected', 'archived')),
    original_text  TEXT    NOT NULL,
    display_text   TEXT    NOT NULL,
    attribution    TEXT,
    sentiment      TEXT    CHECK (sentiment IN ('praise', 'critique', 'mixed')),
    quotability    DOUBLE PRECISION,
    pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    publish_from   BIGINT,
    publish_until  BIGINT,
    decided_by     TEXT,
    decided_at     BIGINT,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
CREATE INDEX quote_status_created ON quote (status, created_at DESC);

-- A quote with no rows here goes to every channel.
CREATE TABLE quote_channel (
    quote_id   INTEGER NOT NULL REFERENCES quote (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, channel_id)
);

CREATE TABLE screen (
    id            SERIAL PRIMARY KEY,
    name          TEXT    NOT NULL,
    location      TEXT,
    channel_id    INTEGER REFERENCES channel (id) ON DELETE SET NULL,
    token_hash    TEXT    UNIQUE,
    pairing_code  TEXT    UNIQUE,
    last_seen_at  BIGINT,
    client_info   TEXT,
    created_at    BIGINT  NOT NULL,
    revoked_at    BIGINT
);

CREATE TABLE app_user (
    id             SERIAL PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,
    display_name   TEXT,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('admin', 'moderator', 'viewer')),
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at     BIGINT  NOT NULL
);

-- Server-side sessions: the cookie carries a random id, the table keeps only its hash.
CREATE TABLE user_session (
    id_hash       TEXT    PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token    TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL
);

CREATE TABLE api_key (
    id            SERIAL PRIMARY KEY,
    name          TEXT    NOT NULL,
    prefix        TEXT    NOT NULL,
    key_hash      TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('ingest', 'moderator', 'admin')),
    created_at    BIGINT  NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);

CREATE TABLE audit_log (
    id           SERIAL PRIMARY KEY,
    at           BIGINT  NOT NULL,
    actor        TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    entity_type  TEXT    NOT NULL,
    entity_id    TEXT,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);

-- Issue 4: "You said, we did" improvement stories. Owned by the stories feature.

-- One improvement story. state is its life in Loopboard (draft -> published -> archived);
-- status is the work itself (planned, in progress, done).
CREATE TABLE improvement (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT    NOT NULL,
    problem       TEXT,
    root_cause    TEXT,
    action        TEXT,
    effect        TEXT,
    team          TEXT,
    owner         TEXT,
    touchpoint    TEXT,
    status        TEXT    NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
    state         TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'archived')),
    started_on    TEXT,
    done_on       TEXT,
    published_at  BIGINT,
    created_by    TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX improvement_state_published ON improvement (state, published_at DESC);

-- What customers said: the feedback a story answers. The count on slides and the board is
-- the number of rows here; only the approved quote text of each is ever shown.
CREATE TABLE improvement_feedback (
    improvement_id INTEGER NOT NULL REFERENCES improvement (id) ON DELETE CASCADE,
    feedback_id    INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    linked_by      TEXT    NOT NULL,
    linked_at      BIGINT  NOT NULL,
    PRIMARY KEY (improvement_id, feedback_id)
);
CREATE INDEX improvement_feedback_feedback ON improvement_feedback (feedback_id);

-- The optional picture of a story; the bytes live in the data directory under file_name.
CREATE TABLE improvement_image (
    improvement_id INTEGER PRIMARY KEY REFERENCES improvement (id) ON DELETE CASCADE,
    file_name      TEXT    NOT NULL,
    content_type   TEXT    NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    byte_size      INTEGER NOT NULL,
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    uploaded_by    TEXT    NOT NULL,
    uploaded_at    BIGINT  NOT NULL
);

-- Settings of the improvements board, e.g. board_open = 'true' (no login needed).
CREATE TABLE improvement_setting (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Share (percent) of story slides in a channel's rotation, set by the CX lead.
ALTER TABLE channel ADD COLUMN story_share INTEGER NOT NULL DEFAULT 25 CHECK (story_share BETWEEN 0 AND 100);

-- Follow-up: a case for every critic and every customer who asked to be contacted, with an
-- owner, a due time, the way and result of the contact, and the cause. Owned by the followup
-- feature. A case goes with its feedback (erasure deletes the feedback, and the case with it).

CREATE TABLE followup_case (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    feedback_id        INTEGER NOT NULL UNIQUE REFERENCES feedback (id) ON DELETE CASCADE,
    -- why the case exists, comma-separated: strong_critic, critic, consent, callback
    reasons            TEXT    NOT NULL,
    -- 1 strong critic, 2 critic, 3 asked to be contacted: the order of the inbox
    priority           INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
    -- critics count in the key figure; a promoter who asked for a call does not
    critic             INTEGER NOT NULL CHECK (critic IN (0, 1)),
    consent_to_contact INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_contact IN (0, 1)),
    -- the customer's phone as they gave it, or as found in their comment (personal data)
    phone              TEXT,
    answered_at        BIGINT  NOT NULL,
    opened_at          BIGINT  NOT NULL,
    due_at             BIGINT  NOT NULL,
    owner_id           INTEGER REFERENCES app_user (id) ON DELETE SET NULL,
    -- the owner who was last told about the case by e-mail (the reminder loop compares)
    owner_notified_id  INTEGER,
    contact_way        TEXT    CHECK (contact_way IN ('phone', 'email', 'meeting')),
    status             TEXT    NOT NULL DEFAULT 'new'
                               CHECK (status IN ('new', 'contacted', 'resolved', 'not_reached')),
    -- the first time the status left 'new': the attempt the 48-hour figure measures
    first_contact_at   BIGINT,
    closed_at          BIGINT,
    outcome            TEXT,
    cause              TEXT,
    improvement_id     INTEGER REFERENCES improvement (id) ON DELETE SET NULL,
    -- when the CX lead was told that the case passed its due time uncontacted
    escalated_at       BIGINT,
    updated_at         BIGINT  NOT NULL
);
CREATE INDEX followup_case_status_due ON followup_case (status, due_at);
CREATE INDEX followup_case_answered ON followup_case (answered_at);
CREATE INDEX followup_case_owner ON followup_case (owner_id);

-- Who owns new cases: the most specific rule whose touchpoint and location (when set) match.
CREATE TABLE followup_rule (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    touchpoint  TEXT,
    location    TEXT,
    owner_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_by  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

-- Settings of the follow-up programme: score bands, due time, the CX lead's address, the digest.
CREATE TABLE followup_setting (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Which customers were told about which published story, so nobody is told twice.
CREATE TABLE followup_story_notice (
    improvement_id INTEGER NOT NULL REFERENCES improvement (id) ON DELETE CASCADE,
    feedback_id    INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    sent_at        BIGINT  NOT NULL,
    sent_by        TEXT    NOT NULL,
    PRIMARY KEY (improvement_id, feedback_id)
);

-- Issue 3 (PostgreSQL), the moderation workspace: what the queue filters and sorts on, auto-approve
-- rules per channel, and the moderator's settings (extra blocked words, reference patterns).

-- How the attribution was chosen: customer ("A customer"), location ("Customer, Malmö"),
-- touchpoint ("Delivery customer"), first_name (only with the customer's consent), custom.
ALTER TABLE quote ADD COLUMN attribution_style TEXT NOT NULL DEFAULT 'location'
    CHECK (attribution_style IN ('customer', 'location', 'touchpoint', 'first_name', 'custom'));
-- Personal-data findings in the display text and blocked words, as of the last analysis:
-- the queue flags and filters on them; the editor re-analyses live.
ALTER TABLE quote ADD COLUMN pii_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote ADD COLUMN flagged_words TEXT;
-- Why the quote scored its quotability: a JSON array of {reason, points}.
ALTER TABLE quote ADD COLUMN quotability_reasons TEXT;
-- The rule that approved it automatically, if any.
ALTER TABLE quote ADD COLUMN auto_rule_id INTEGER;

UPDATE quote SET quotability = 0 WHERE quotability IS NULL;

-- Keyset paging in both sort orders, per status, with the id as tie-breaker.
DROP INDEX quote_status_created;
CREATE INDEX quote_status_created ON quote (status, created_at DESC, id DESC);
CREATE INDEX quote_status_quotability ON quote (status, quotability DESC, id DESC);
CREATE INDEX feedback_touchpoint ON feedback (touchpoint);
CREATE INDEX feedback_location ON feedback (location);
CREATE INDEX feedback_language ON feedback (language);
-- GDPR erasure looks customers up by e-mail regardless of case.
CREATE INDEX feedback_customer_email_lower ON feedback (lower(customer_email));
CREATE INDEX audit_log_actor ON audit_log (actor, at DESC);

-- Opt-in per channel: a new comment that meets every condition is approved onto the channel.
CREATE TABLE auto_approve_rule (
    id              SERIAL PRIMARY KEY,
    channel_id      INTEGER NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    score_type      TEXT    CHECK (score_type IN ('NPS', 'CSAT', 'CES')),
    min_score       INTEGER,
    max_score       INTEGER,
    min_length      INTEGER NOT NULL DEFAULT 30,
    max_length      INTEGER NOT NULL DEFAULT 200,
    languages       TEXT,
    min_quotability INTEGER NOT NULL DEFAULT 0,
    created_by      TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX auto_approve_rule_channel ON auto_approve_rule (channel_id);

-- Small named settings as JSON: blocked_words (extra words), reference_patterns (regexes).
CREATE TABLE moderation_setting (
    name        TEXT    PRIMARY KEY,
    value_json  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);

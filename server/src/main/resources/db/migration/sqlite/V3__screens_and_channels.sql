-- Issue 5: channel rules, screen status, pairing, takeover. Times are epoch milliseconds.

-- How long a slide stays: 'fixed' uses slide_seconds; 'reading' derives it from the text's
-- length, bounded by min/max so a one-word quote is readable and a long one does not stall.
ALTER TABLE channel ADD COLUMN slide_mode TEXT NOT NULL DEFAULT 'fixed' CHECK (slide_mode IN ('fixed', 'reading'));
ALTER TABLE channel ADD COLUMN min_slide_seconds INTEGER NOT NULL DEFAULT 6 CHECK (min_slide_seconds BETWEEN 3 AND 600);
ALTER TABLE channel ADD COLUMN max_slide_seconds INTEGER NOT NULL DEFAULT 20 CHECK (max_slide_seconds BETWEEN 3 AND 600);
-- Percent of praise among praise and critique quotes; NULL = no balancing.
ALTER TABLE channel ADD COLUMN praise_percent INTEGER CHECK (praise_percent BETWEEN 0 AND 100);
-- Content filters: JSON arrays of allowed values; NULL = everything.
ALTER TABLE channel ADD COLUMN filter_touchpoints TEXT;
ALTER TABLE channel ADD COLUMN filter_locations TEXT;
ALTER TABLE channel ADD COLUMN filter_languages TEXT;
-- Score slide: share of slides, metric, period, and the sample below which it is not shown.
ALTER TABLE channel ADD COLUMN score_percent INTEGER NOT NULL DEFAULT 0 CHECK (score_percent BETWEEN 0 AND 50);
ALTER TABLE channel ADD COLUMN score_metric TEXT NOT NULL DEFAULT 'NPS' CHECK (score_metric IN ('NPS', 'CSAT'));
ALTER TABLE channel ADD COLUMN score_days INTEGER NOT NULL DEFAULT 90 CHECK (score_days IN (30, 90));
ALTER TABLE channel ADD COLUMN score_min_sample INTEGER NOT NULL DEFAULT 30 CHECK (score_min_sample BETWEEN 1 AND 100000);
-- Dayparts: daily quiet hours ('HH:MM' local to time_zone, may wrap midnight) and quiet weekends.
ALTER TABLE channel ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE channel ADD COLUMN quiet_start TEXT;
ALTER TABLE channel ADD COLUMN quiet_end TEXT;
ALTER TABLE channel ADD COLUMN quiet_weekends INTEGER NOT NULL DEFAULT 0 CHECK (quiet_weekends IN (0, 1));
ALTER TABLE channel ADD COLUMN quiet_mode TEXT NOT NULL DEFAULT 'clock' CHECK (quiet_mode IN ('clock', 'black'));
ALTER TABLE channel ADD COLUMN brand_color TEXT;
ALTER TABLE channel ADD COLUMN logo_url TEXT;
ALTER TABLE channel ADD COLUMN orientation TEXT NOT NULL DEFAULT 'landscape' CHECK (orientation IN ('landscape', 'portrait'));
ALTER TABLE channel ADD COLUMN updated_at BIGINT;

ALTER TABLE screen ADD COLUMN client_version TEXT;
ALTER TABLE screen ADD COLUMN resolution TEXT;
ALTER TABLE screen ADD COLUMN paired_at BIGINT;

-- An announcement takes over one channel (or all, channel_id NULL) until a time.
CREATE TABLE announcement (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  INTEGER REFERENCES channel (id) ON DELETE CASCADE,
    text        TEXT    NOT NULL,
    image_url   TEXT,
    starts_at   BIGINT  NOT NULL,
    ends_at     BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    ended_at    BIGINT
);
CREATE INDEX announcement_ends_at ON announcement (ends_at);

-- Fleet-wide switches; one row. quotes_hidden_at set = "hide all quotes now" is in force.
CREATE TABLE signage_state (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    quotes_hidden_at  BIGINT,
    quotes_hidden_by  TEXT
);
INSERT INTO signage_state (id) VALUES (1);

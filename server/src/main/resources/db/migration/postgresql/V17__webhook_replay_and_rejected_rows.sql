-- Survey tools deliver an event more than once (retries, replays). The ids of the events a
-- Typeform or Delighted source has taken are kept for a while, so a delivery seen before is
-- acknowledged and dropped; entries older than a week are deleted as new ones arrive.
CREATE TABLE webhook_event (
    source_id    INTEGER NOT NULL REFERENCES ingest_source (id) ON DELETE CASCADE,
    event_id     TEXT    NOT NULL,
    received_at  BIGINT  NOT NULL,
    PRIMARY KEY (source_id, event_id)
);
CREATE INDEX webhook_event_received ON webhook_event (received_at);

-- A rejected row is listed with the answer's id and its original cells (a JSON array of
-- strings), so the rejected-rows file can be fixed in a spreadsheet and imported again.
-- The cells are customer text: they are cleared 30 days after the import ended.
ALTER TABLE import_row_error ADD COLUMN external_id TEXT;
ALTER TABLE import_row_error ADD COLUMN cells TEXT;
-- The header row of the file (a JSON array of strings), to head the rejected-rows file.
ALTER TABLE import_job ADD COLUMN header_cells TEXT;

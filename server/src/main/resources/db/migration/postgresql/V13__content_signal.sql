-- A command-line import is another process: when its auto-approve rules put imported quotes
-- on air, a running server learns of it through this row, which the import counts up after
-- its commit and the server reads every second (signage/ContentSignal). On PostgreSQL every
-- process hears NOTIFY instead; the table is there too, unused, to keep the schemas alike.
CREATE TABLE content_signal (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
INSERT INTO content_signal (id, version) VALUES (1, 0);

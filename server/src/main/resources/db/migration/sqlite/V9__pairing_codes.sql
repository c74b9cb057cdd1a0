-- Issue 5: pairing codes shared by every server node. A page without a token waits on a
-- socket of one node; an administrator may enter its code on any node. The row says the
-- code is being shown; `node` is the server process holding the page's socket, which
-- refreshes `seen_at` while it runs, so codes of a node that died are recognised as stale.
CREATE TABLE pairing_code (
    code       TEXT    PRIMARY KEY,
    node       TEXT    NOT NULL,
    opened_at  BIGINT  NOT NULL,
    seen_at    BIGINT  NOT NULL
);
CREATE INDEX pairing_code_node ON pairing_code (node);

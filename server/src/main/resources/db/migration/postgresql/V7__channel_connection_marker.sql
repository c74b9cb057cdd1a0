-- Issue 6: a channel may ask its screens to show a discreet marker while disconnected.
ALTER TABLE channel ADD COLUMN show_connection_state INTEGER NOT NULL DEFAULT 0 CHECK (show_connection_state IN (0, 1));

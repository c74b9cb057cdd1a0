-- SQLite only: its search index is fed by the code that inserts quotes (see the SQLite
-- migration of the same version). This file keeps the two histories at the same version.
SELECT 1;

-- SQLite only: the settings of its FTS5 search index for bulk writes (see the SQLite
-- migration of the same version). PostgreSQL's trigram GIN indexes need nothing here; this
-- file keeps the two histories at the same version.
SELECT 1;

-- Issue 3 (PostgreSQL), the queue at a million feedback rows: the orders the queue walks when
-- no status is chosen, and trigram indexes for its free-text filter (ILIKE '%term%').

-- Newest first and most quotable first across all statuses (the per-status orders are V4's).
CREATE INDEX quote_created ON quote (created_at DESC, id DESC);
CREATE INDEX quote_quotability ON quote (quotability DESC, id DESC);
-- The quotes on air, most recently decided first: what every analysis compares against for
-- near-duplicates, reloaded after each decision (it sorted every approved quote before).
CREATE INDEX quote_status_decided ON quote (status, decided_at DESC);

-- pg_trgm ships with PostgreSQL's contrib modules (in Debian's postgresql package) and is a
-- trusted extension: a database owner may create it. Where it is missing or refused, the
-- queue's free text still works, as a scan of the filtered rows; nothing else depends on it.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); free-text search in the queue scans instead', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX quote_display_text_trgm ON quote USING gin (display_text gin_trgm_ops)';
        EXECUTE 'CREATE INDEX quote_original_text_trgm ON quote USING gin (original_text gin_trgm_ops)';
    END IF;
END
$$;

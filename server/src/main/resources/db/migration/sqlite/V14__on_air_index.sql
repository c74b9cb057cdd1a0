-- The quotes on air, most recently decided first (V8's quote_status_decided), indexed for
-- approved quotes only: every imported or ingested quote is pending, and kept an entry in that
-- index it was never looked up by. The status stays the first column, so that the planner
-- (SQLite has no statistics) takes the equality and the order from it (QueuePlanTest).
DROP INDEX quote_status_decided;
CREATE INDEX quote_on_air ON quote (status, decided_at DESC) WHERE status = 'approved';

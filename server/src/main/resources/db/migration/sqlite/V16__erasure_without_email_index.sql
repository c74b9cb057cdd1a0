-- feedback_customer_email_lower (V4) served one query: the erasure's look-up of a customer's
-- feedback by e-mail (ErasureService), an occasional request. Every imported row paid for it:
-- survey exports carry e-mail addresses in no order, so each commit of an import rewrote pages
-- all over the index (a million rows with random addresses: 41-47 s with it, 34-35 s without,
-- same driver, same machine). Without it the erasure reads the feedback table once, about
-- 0.2 s a million rows (bench/run queue measures it), inside its write transaction as before,
-- so a row written meanwhile cannot escape it.
-- PostgreSQL keeps the index: it has no single writer to spare, and holds the larger stores.
DROP INDEX feedback_customer_email_lower;

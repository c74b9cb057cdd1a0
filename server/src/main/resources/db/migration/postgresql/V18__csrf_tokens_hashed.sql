-- user_session.csrf_token now holds the SHA-256 of the session's CSRF token (derived from the
-- session id), never the token. Sessions from before hold it in clear: they end here, and
-- everyone logs in once more.
DELETE FROM user_session;

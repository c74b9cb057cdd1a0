-- feedback_customer_email (V1) indexed the e-mail as written; every look-up by e-mail (erasure,
-- ErasureService) compares lower(customer_email), which V4's feedback_customer_email_lower
-- answers. The plain index was never read, and every imported row paid for keeping it.
DROP INDEX feedback_customer_email;

-- The source role (V202612050001) also keeps the flood limits every source process shares: the
-- token buckets (Bucket4j locks a bucket's row, updates it, and removes expired rows) and the
-- proof-of-work challenges already answered (added, and removed once expired).
DO $$
DECLARE
    src TEXT := '${leakdesk_source_role}';
BEGIN
    IF src = '' OR src = current_user OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = src) THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON intake_rate_bucket TO %I', src);
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON intake_pow_used TO %I', src);
END
$$;

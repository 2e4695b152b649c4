-- The flood limits' token buckets when every source process shares them
-- (leakdesk.source.rate.store=database): Bucket4j's PostgreSQL layout. The id names the limit and,
-- for a returning source, a SHA-256 of a value derived from its codename, never the codename.
CREATE TABLE intake_rate_bucket (
    id         VARCHAR(128) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

-- Proof-of-work challenges already answered, kept until they expire, so that a challenge is good
-- for one submission on whichever source process receives it.
CREATE TABLE intake_pow_used (
    challenge  VARCHAR(32) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

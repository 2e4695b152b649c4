-- Two-factor sign-in and throttling of failed sign-ins (issue 8).
-- totp_secret: the account's TOTP secret, AES-256-GCM under a key kept in a file (never in the
-- database), bound to the username; NULL until the member has enrolled an authenticator.
-- totp_last_step: the last 30-second step whose code was accepted: a code works only once.
-- failed_sign_ins / last_failed_at: consecutive refused attempts (password or code), for the
-- growing delay; locked_at: set after too many, cleared only by an admin.
-- sign_in_generation: raised when an admin disables the account or resets its two-factor
-- sign-in; sessions signed in under an older generation end at their next request.
ALTER TABLE staff_account ADD COLUMN totp_secret BYTEA;
ALTER TABLE staff_account ADD COLUMN totp_last_step BIGINT;
ALTER TABLE staff_account ADD COLUMN failed_sign_ins INT DEFAULT 0 NOT NULL;
ALTER TABLE staff_account ADD COLUMN last_failed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE staff_account ADD COLUMN locked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE staff_account ADD COLUMN sign_in_generation BIGINT DEFAULT 0 NOT NULL;

-- Recovery codes: shown once at enrolment, kept as SHA-256 (each has 79 random bits, so a fast
-- hash is enough); each works once.
CREATE TABLE staff_recovery_code (
    username  VARCHAR(64) NOT NULL REFERENCES staff_account (username),
    code_hash BYTEA NOT NULL,
    used_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (username, code_hash)
);

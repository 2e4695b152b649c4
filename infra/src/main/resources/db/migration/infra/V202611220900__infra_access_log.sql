-- Append-only, hash-chained access log. UPDATE and DELETE are rejected by a trigger (db/vendor/*).
CREATE TABLE access_log (
    sequence      BIGINT PRIMARY KEY,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(1000) NOT NULL,
    action        VARCHAR(64) NOT NULL,
    subject       VARCHAR(1000),
    detail        VARCHAR(1000),
    previous_hash BYTEA NOT NULL,
    entry_hash    BYTEA NOT NULL
);
CREATE INDEX access_log_subject_idx ON access_log (subject);
CREATE INDEX access_log_actor_idx ON access_log (actor);

-- One row, locked by every append: serialises the chain. last_hash is the genesis (32 zero bytes) until the first entry.
CREATE TABLE access_log_head (
    id            INT PRIMARY KEY,
    last_sequence BIGINT NOT NULL,
    last_hash     BYTEA NOT NULL,
    CONSTRAINT access_log_head_single_row CHECK (id = 1)
);

-- Installation secrets of the intake module (e.g. the salt of codename hashes).
CREATE TABLE intake_secret (
    name   VARCHAR(64) PRIMARY KEY,
    secret BYTEA NOT NULL
);

-- A source's submission. Everything a source wrote is encrypted: the columns *_key hold the data
-- key wrapped to the newsroom key(s); deleting them destroys the object for good.
CREATE TABLE submission (
    id                 UUID PRIMARY KEY,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    codename_hash      BYTEA NOT NULL,
    message_key        BYTEA,
    message_ciphertext BYTEA,
    CONSTRAINT submission_codename_unique UNIQUE (codename_hash)
);

-- One document. The encrypted body is in the blob store; its name, type, size and SHA-256 are in
-- the encrypted manifest.
CREATE TABLE submission_file (
    id                  UUID PRIMARY KEY,
    submission_id       UUID NOT NULL REFERENCES submission (id),
    file_order          INT NOT NULL,
    blob_id             UUID NOT NULL,
    content_key         BYTEA,
    manifest_key        BYTEA,
    manifest_ciphertext BYTEA,
    stored_size         BIGINT NOT NULL,
    CONSTRAINT submission_file_blob_unique UNIQUE (blob_id),
    CONSTRAINT submission_file_order_unique UNIQUE (submission_id, file_order)
);

-- What extraction found, encrypted; outcome and tool are kept in clear for the workflow.
CREATE TABLE submission_file_metadata (
    file_id             UUID PRIMARY KEY REFERENCES submission_file (id),
    outcome             VARCHAR(16) NOT NULL,
    extractor           VARCHAR(100) NOT NULL,
    extracted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    metadata_key        BYTEA NOT NULL,
    metadata_ciphertext BYTEA NOT NULL
);

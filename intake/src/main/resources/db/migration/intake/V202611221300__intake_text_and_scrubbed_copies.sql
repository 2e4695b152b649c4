-- The text extracted from a document (embedded documents included), encrypted under its own data key.
ALTER TABLE submission_file_metadata ADD COLUMN text_key BYTEA;
ALTER TABLE submission_file_metadata ADD COLUMN text_ciphertext BYTEA;

-- A copy of a document without its metadata, for publication. The body is in the blob store,
-- encrypted like the original; type, size and SHA-256 are in the encrypted manifest.
CREATE TABLE submission_file_scrubbed (
    file_id             UUID PRIMARY KEY REFERENCES submission_file (id),
    blob_id             UUID NOT NULL,
    content_key         BYTEA NOT NULL,
    manifest_key        BYTEA NOT NULL,
    manifest_ciphertext BYTEA NOT NULL,
    stored_size         BIGINT NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by          VARCHAR(100) NOT NULL,
    CONSTRAINT submission_file_scrubbed_blob_unique UNIQUE (blob_id)
);

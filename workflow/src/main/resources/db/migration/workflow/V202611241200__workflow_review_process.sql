-- One row per case whose review process has started: the primary key makes starting idempotent
-- (two deliveries of the same SubmissionReceived cannot both commit a process).
CREATE TABLE review_case (
    case_id             UUID PRIMARY KEY,
    process_instance_id VARCHAR(64),
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Who did what on a case (triage, verification requests, assessment, decision): what the
-- four-eyes rule and "cases I worked on" read.
CREATE TABLE review_participant (
    case_id  UUID NOT NULL REFERENCES review_case (case_id),
    username VARCHAR(100) NOT NULL,
    part     VARCHAR(16) NOT NULL,
    PRIMARY KEY (case_id, username, part)
);
CREATE INDEX review_participant_user ON review_participant (username);

-- A request to an outside party. Whom it goes to, the question and the excerpt are encrypted
-- together (content_*), the answer's comment on its own; only the hash of the link's token is kept.
CREATE TABLE verification_request (
    id                 UUID PRIMARY KEY,
    case_id            UUID NOT NULL REFERENCES review_case (case_id),
    round              INT NOT NULL,
    sharing            VARCHAR(20) NOT NULL,
    content_key        BYTEA,
    content_ciphertext BYTEA,
    deadline           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by         VARCHAR(100) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at            TIMESTAMP WITH TIME ZONE,
    token_hash         BYTEA,
    reminded_at        TIMESTAMP WITH TIME ZONE,
    no_answer_at       TIMESTAMP WITH TIME ZONE,
    verdict            VARCHAR(16),
    comment_key        BYTEA,
    comment_ciphertext BYTEA,
    answered_at        TIMESTAMP WITH TIME ZONE,
    answered_by        VARCHAR(100),
    CONSTRAINT verification_request_token_unique UNIQUE (token_hash)
);
CREATE INDEX verification_request_case ON verification_request (case_id, round);

-- Decisions and assessments; their free text (reasons, summaries) is encrypted.
CREATE TABLE review_record (
    id             UUID PRIMARY KEY,
    case_id        UUID NOT NULL REFERENCES review_case (case_id),
    step           VARCHAR(32) NOT NULL,
    outcome        VARCHAR(32) NOT NULL,
    note_key       BYTEA,
    note_ciphertext BYTEA,
    tally          VARCHAR(200),
    recorded_by    VARCHAR(100) NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX review_record_case ON review_record (case_id, recorded_at);

-- The provenance report of a published case, encrypted.
CREATE TABLE publication_package (
    case_id           UUID PRIMARY KEY REFERENCES review_case (case_id),
    report_key        BYTEA,
    report_ciphertext BYTEA,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

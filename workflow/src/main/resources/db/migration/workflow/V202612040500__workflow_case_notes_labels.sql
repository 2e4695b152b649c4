-- Internal notes of the desk on a case (the text sealed like every other free text) and labels.
CREATE TABLE case_note (
    id              UUID PRIMARY KEY,
    case_id         UUID NOT NULL REFERENCES review_case (case_id),
    note_key        BYTEA,
    note_ciphertext BYTEA,
    written_by      VARCHAR(100) NOT NULL,
    written_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX case_note_case ON case_note (case_id, written_at);

CREATE TABLE case_label (
    case_id  UUID NOT NULL REFERENCES review_case (case_id),
    label    VARCHAR(40) NOT NULL,
    added_by VARCHAR(100) NOT NULL,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (case_id, label)
);
CREATE INDEX case_label_label ON case_label (label);

-- The requests still waiting for an answer: what the inbox's "Waiting for verification" tab and
-- its count start from on every inbox page. Few at any time, however many requests were ever sent.
-- (PostgreSQL only: H2, for the zero-setup run, has no partial indexes and no such numbers.)
CREATE INDEX verification_request_awaiting ON verification_request (case_id)
    WHERE sent_at IS NOT NULL AND answered_at IS NULL AND no_answer_at IS NULL;

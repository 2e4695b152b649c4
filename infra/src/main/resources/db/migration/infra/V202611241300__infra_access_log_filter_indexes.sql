-- The auditor's filters page newest first: each filter's index ends with the sequence, so a page
-- of a rare actor or action among millions of entries is an index range, not a scan.
CREATE INDEX access_log_actor_sequence_idx ON access_log (actor, sequence);
CREATE INDEX access_log_subject_sequence_idx ON access_log (subject, sequence);
CREATE INDEX access_log_action_sequence_idx ON access_log (action, sequence);
CREATE INDEX access_log_recorded_at_idx ON access_log (recorded_at);
DROP INDEX access_log_actor_idx;
DROP INDEX access_log_subject_idx;

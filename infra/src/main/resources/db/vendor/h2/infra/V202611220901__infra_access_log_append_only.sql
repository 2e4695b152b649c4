INSERT INTO access_log_head (id, last_sequence, last_hash) VALUES (1, 0, X'0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER access_log_append_only
    BEFORE UPDATE, DELETE ON access_log
    FOR EACH ROW CALL 'org.leakdesk.infra.audit.AppendOnlyTrigger';

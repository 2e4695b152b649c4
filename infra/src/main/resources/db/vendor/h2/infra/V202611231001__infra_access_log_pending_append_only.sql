CREATE TRIGGER access_log_pending_append_only
    BEFORE UPDATE, DELETE ON access_log_pending
    FOR EACH ROW CALL 'org.leakdesk.infra.audit.AppendOnlyTrigger';

CREATE TRIGGER access_log_pending_append_only
    BEFORE UPDATE OR DELETE ON access_log_pending
    FOR EACH ROW EXECUTE FUNCTION access_log_reject_change();

CREATE TRIGGER access_log_pending_no_truncate
    BEFORE TRUNCATE ON access_log_pending
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_reject_change();

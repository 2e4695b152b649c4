-- Two roles (infra/deploy/database-roles.sql): Flyway migrates as the owner of the tables; the
-- application connects as ${leakdesk_app_role}, which may do what the application does on every
-- table but only INSERT and SELECT on the access log: it cannot update, delete, truncate, alter
-- the tables or touch their triggers, because it owns none of them. With one role for both
-- (app role = current user) only the triggers guard the log.
DO $$
DECLARE
    app TEXT := '${leakdesk_app_role}';
BEGIN
    IF app = '' OR app = current_user OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
        RAISE WARNING 'LeakDesk: no separate application role (%): the access log is guarded by its triggers only', app;
        RETURN;
    END IF;
    -- CREATE: Camunda creates and updates its own tables through the application's connection.
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA public TO %I', app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    -- Tables later migrations create (as this owner) are the application's to use as well.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', app);
    EXECUTE format('REVOKE ALL ON access_log, access_log_pending, flyway_schema_history FROM %I', app);
    EXECUTE format('GRANT SELECT, INSERT ON access_log, access_log_pending TO %I', app);
    EXECUTE format('GRANT SELECT ON flyway_schema_history TO %I', app);
END
$$;

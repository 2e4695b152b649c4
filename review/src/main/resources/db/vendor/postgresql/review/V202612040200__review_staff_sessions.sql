-- Staff sessions (Spring Session JDBC, table name staff_session; see review.security.StaffSessionStore):
-- in the database so that any staff process serves any signed-in member and losing one signs
-- nobody out. Spring Session's own PostgreSQL schema, under LeakDesk's table name. Source
-- sessions are never here (they live in a source process's memory).
CREATE TABLE staff_session (
    primary_id            CHAR(36) NOT NULL,
    session_id            CHAR(36) NOT NULL,
    creation_time         BIGINT NOT NULL,
    last_access_time      BIGINT NOT NULL,
    max_inactive_interval INT NOT NULL,
    expiry_time           BIGINT NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT staff_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX staff_session_ix1 ON staff_session (session_id);
-- The cleanup of expired sessions, and ending every session of an account at once.
CREATE INDEX staff_session_ix2 ON staff_session (expiry_time);
CREATE INDEX staff_session_ix3 ON staff_session (principal_name);

CREATE TABLE staff_session_attributes (
    session_primary_id CHAR(36) NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA NOT NULL,
    CONSTRAINT staff_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT staff_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES staff_session (primary_id) ON DELETE CASCADE
);

-- The application's role reads and writes sessions (the default privileges of the roles
-- migration give it as much; said here so the grant does not hang on them). Nothing more: it
-- neither owns nor alters these tables.
DO $$
DECLARE
    app TEXT := '${leakdesk_app_role}';
BEGIN
    IF app = '' OR app = current_user OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON staff_session, staff_session_attributes TO %I', app);
END
$$;

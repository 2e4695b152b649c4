-- LeakDesk's three PostgreSQL roles (DATABASE-ROLES.md). Run once as the PostgreSQL superuser,
-- before the first start (the migrations grant rights only to roles that exist):
--   sudo -u postgres psql -v owner_password="'...'" -v app_password="'...'" \
--       -v source_password="'...'" -f database-roles.sql
--
-- leakdesk_owner owns the database and every LeakDesk table; only Flyway uses it, at the start of
-- a staff or worker process (spring.flyway.user / spring.flyway.password). leakdesk_app is what
-- staff and worker processes connect as (spring.datasource.username / password). The migration
-- db/vendor/postgresql/infra/V202611231002__infra_database_roles.sql grants leakdesk_app
-- everything the application does, except that on access_log and access_log_pending it may only
-- INSERT and SELECT: it owns neither table, so it can neither alter nor disable their
-- append-only triggers. leakdesk_source is what source-only processes connect as: the migration
-- db/vendor/postgresql/intake/V202612050001__intake_source_role.sql grants it only what the source
-- face does. Give the owner's password to nothing but the start-up migration.
CREATE ROLE leakdesk_owner LOGIN PASSWORD :owner_password;
CREATE ROLE leakdesk_app LOGIN PASSWORD :app_password;
CREATE ROLE leakdesk_source LOGIN PASSWORD :source_password;
CREATE DATABASE leakdesk OWNER leakdesk_owner;

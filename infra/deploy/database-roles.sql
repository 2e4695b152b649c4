-- LeakDesk's two PostgreSQL roles. Run once as the PostgreSQL superuser:
--   sudo -u postgres psql -v owner_password="'...'" -v app_password="'...'" -f database-roles.sql
--
-- leakdesk_owner owns the database and every LeakDesk table; only Flyway uses it, at start
-- (spring.flyway.user / spring.flyway.password). leakdesk_app is what the running application
-- connects as (spring.datasource.username / password). The migration
-- db/vendor/postgresql/infra/V202611231002__infra_database_roles.sql grants leakdesk_app
-- everything the application does, except that on access_log and access_log_pending it may only
-- INSERT and SELECT: it owns neither table, so it can neither alter nor disable their
-- append-only triggers. Give the owner's password to nothing but the start-up migration.
CREATE ROLE leakdesk_owner LOGIN PASSWORD :owner_password;
CREATE ROLE leakdesk_app LOGIN PASSWORD :app_password;
CREATE DATABASE leakdesk OWNER leakdesk_owner;

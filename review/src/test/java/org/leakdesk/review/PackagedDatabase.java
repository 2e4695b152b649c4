package org.leakdesk.review;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.leakdesk.infra.testing.TestDatabase;

/**
 * An empty PostgreSQL database of its own for a test that runs the packaged jar as production
 * does: the jar's processes migrate it as the owner and connect as the application's role, a
 * source-only process as the source role (infra/deploy/DATABASE-ROLES.md). Created afresh, dropped on close.
 */
final class PackagedDatabase implements AutoCloseable {

    final String name;

    private PackagedDatabase(String name) {
        this.name = name;
    }

    /** {@code <prefix>_<purpose>}, dropped first if an earlier run left it. */
    static PackagedDatabase fresh(String purpose) {
        PackagedDatabase database = new PackagedDatabase(TestDatabase.named(purpose));
        database.drop();
        TestDatabase.asSuperuser(
                "postgres", "CREATE DATABASE " + database.name + " OWNER " + TestDatabase.user() + ";");
        return database;
    }

    /** What a process of the jar needs to use it, as environment variables (no password on a command line). */
    Map<String, String> environment() {
        // The server is shared with other tests that may hold every connection slot for a while:
        // Flyway and the pool wait and try again instead of failing the start.
        return Map.of(
                "SPRING_FLYWAY_CONNECTRETRIES", "12",
                "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "120000",
                "SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", "120000",
                "SPRING_DATASOURCE_URL", TestDatabase.jdbcUrl(name),
                "SPRING_DATASOURCE_USERNAME", appUser(),
                "SPRING_DATASOURCE_PASSWORD", appPassword(),
                "SPRING_FLYWAY_USER", TestDatabase.user(),
                "SPRING_FLYWAY_PASSWORD", TestDatabase.password());
    }

    /**
     * What a source-only process of the jar needs: the source role's credentials
     * (infra/deploy/DATABASE-ROLES.md) and no owner's password, since it migrates nothing.
     */
    Map<String, String> sourceEnvironment() {
        return Map.of(
                "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "120000",
                "SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", "120000",
                "SPRING_DATASOURCE_URL", TestDatabase.jdbcUrl(name),
                "SPRING_DATASOURCE_USERNAME", TestDatabase.sourceUser(),
                "SPRING_DATASOURCE_PASSWORD", TestDatabase.sourcePassword());
    }

    /** A connection as the source role, to check what it may not do. */
    Connection connectAsSource() throws SQLException {
        return DriverManager.getConnection(
                TestDatabase.jdbcUrl(name), TestDatabase.sourceUser(), TestDatabase.sourcePassword());
    }

    /**
     * A connection as the application's role, for the test's own checks: the engine's tables are
     * the application's (Camunda creates them through its connection), and it reads all of LeakDesk's.
     */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.jdbcUrl(name), appUser(), appPassword());
    }

    @Override
    public void close() {
        drop();
    }

    private void drop() {
        TestDatabase.asSuperuser("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE);");
    }

    private static String appUser() {
        return env("LEAKDESK_TEST_PGAPPUSER", "leakdesk_app");
    }

    private static String appPassword() {
        return env("LEAKDESK_TEST_PGAPPPASSWORD", "leakdesk_app");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

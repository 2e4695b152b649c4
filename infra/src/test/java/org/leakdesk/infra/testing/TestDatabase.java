package org.leakdesk.infra.testing;

/**
 * The PostgreSQL server the tests use, for tests that build their own connections (the
 * engine-only process test). Same environment variables and defaults as application-test.properties.
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + env("LEAKDESK_TEST_PGHOST", "127.0.0.1") + ":"
                + env("LEAKDESK_TEST_PGPORT", "5432") + "/" + database;
    }

    public static String user() {
        return env("LEAKDESK_TEST_PGUSER", "leakdesk");
    }

    public static String password() {
        return env("LEAKDESK_TEST_PGPASSWORD", "leakdesk");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

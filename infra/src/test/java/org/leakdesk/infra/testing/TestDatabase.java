package org.leakdesk.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server the tests use, for tests that build their own connections (the
 * engine-only process test) or must act as its superuser (tamper tests). Same environment
 * variables and defaults as application-test.properties.
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

    /**
     * The role source-only processes connect as (infra/deploy/DATABASE-ROLES.md): the migration
     * {@code V202612050001__intake_source_role.sql} grants it only what the source face needs.
     */
    public static String sourceUser() {
        return env("LEAKDESK_TEST_PGSOURCEUSER", "leakdesk_source");
    }

    public static String sourcePassword() {
        return env("LEAKDESK_TEST_PGSOURCEPASSWORD", "leakdesk_source");
    }

    /** A database of this run other than the module's own, such as {@code engine}: {@code <prefix>_<name>}. */
    public static String named(String name) {
        return System.getProperty("leakdesk.test.db.prefix", "leakdesk_test") + "_" + name;
    }

    /** The database this module's tests use (the leakdesk.test.database system property). */
    public static String database() {
        return System.getProperty("leakdesk.test.database", "leakdesk_test");
    }

    /**
     * Runs SQL as the PostgreSQL superuser through {@code psql} as the {@code postgres} OS user
     * (the tests run as root, or with password-less sudo, as infra/scripts/provision-test-env
     * does): the power an attacker with the database server has, which no application role has.
     * Returns psql's output; throws if psql fails.
     */
    public static String asSuperuser(String database, String sql) {
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of(
                "runuser",
                "-u",
                "postgres",
                "--",
                "psql",
                "-X",
                "-q",
                "-t",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-p",
                env("LEAKDESK_TEST_PGPORT", "5432"),
                "-d",
                database));
        try {
            Process psql = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var in = psql.getOutputStream()) {
                in.write(sql.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("psql failed: " + output);
            }
            return output.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

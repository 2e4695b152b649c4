package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.testing.TestDatabase;

/**
 * A database whose engine tables were made at history level {@code full} starts at the configured
 * {@code activity} with {@link HistoryLevelAlignment}, and not without it (the engine's own
 * refusal, which is why the plugin exists). On PostgreSQL, each test in a schema of its own of
 * the engine tests' database, named through the table prefix as an installation could.
 */
class HistoryLevelAlignmentTest {

    private final String schema = "history_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void createSchema() throws SQLException {
        sql("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        sql("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void aDatabaseMadeAtFullHistoryStartsAtTheConfiguredLevel() {
        start("full", true).close();

        ProcessEngine engine = start("activity", true);
        try {
            assertThat(recordedLevel(engine)).isEqualTo("1");
            assertThat(engine.getManagementService().getHistoryLevel()).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    @Test
    void withoutItTheEngineRefusesTheDatabase() {
        start("full", false).close();

        assertThatThrownBy(() -> start("activity", false))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("historyLevel mismatch");
    }

    @Test
    void aFreshDatabaseIsLeftToTheEngine() {
        ProcessEngine engine = start("activity", true);
        try {
            assertThat(recordedLevel(engine)).isEqualTo("1");
        } finally {
            engine.close();
        }
    }

    private ProcessEngine start(String history, boolean aligned) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(schema + "-" + UUID.randomUUID());
        configuration.setJdbcUrl(TestDatabase.jdbcUrl(TestDatabase.named("engine")) + "?currentSchema=" + schema);
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(TestDatabase.user());
        configuration.setJdbcPassword(TestDatabase.password());
        configuration.setDatabaseSchema(schema);
        configuration.setDatabaseTablePrefix(schema + ".");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory(history);
        configuration.setJobExecutorActivate(false);
        if (aligned) {
            configuration.setProcessEnginePlugins(List.of(new HistoryLevelAlignment()));
        }
        return configuration.buildProcessEngine();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        TestDatabase.jdbcUrl(TestDatabase.named("engine")),
                        TestDatabase.user(),
                        TestDatabase.password());
                Statement each = connection.createStatement()) {
            each.execute(statement);
        }
    }

    private static String recordedLevel(ProcessEngine engine) {
        return engine.getManagementService().getProperties().get("historyLevel");
    }
}

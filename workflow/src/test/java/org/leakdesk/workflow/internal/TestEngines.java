package org.leakdesk.workflow.internal;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.leakdesk.infra.testing.TestDatabase;

/**
 * Engines for the engine-only tests, outside Spring: PostgreSQL database {@code
 * leakdesk_test_engine}, job executor off (each step runs when the test says so), beans as {@code
 * Mocks}.
 */
final class TestEngines {

    private TestEngines() {}

    static ProcessEngine onTestDatabase(String name) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl(TestDatabase.jdbcUrl("leakdesk_test_engine"));
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(TestDatabase.user());
        configuration.setJdbcPassword(TestDatabase.password());
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        return configuration.buildProcessEngine();
    }
}

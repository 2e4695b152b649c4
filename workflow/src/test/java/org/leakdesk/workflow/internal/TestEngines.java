package org.leakdesk.workflow.internal;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.leakdesk.infra.testing.TestDatabase;

/**
 * Engines for the engine-only tests, outside Spring: PostgreSQL database {@code
 * leakdesk_test_engine}, job executor off (each step runs when the test says so), beans as {@code
 * Mocks}.
 */
final class TestEngines {

    private TestEngines() {}

    static ProcessEngine onTestDatabase(String name) {
        return configuration(name).buildProcessEngine();
    }

    /** The same engine's configuration, with process test coverage recorded. */
    static StandaloneProcessEngineConfiguration withCoverage(String name) {
        StandaloneProcessEngineConfiguration configuration = configuration(name);
        ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
        return configuration;
    }

    private static StandaloneProcessEngineConfiguration configuration(String name) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl(TestDatabase.jdbcUrl(TestDatabase.named("engine")));
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(TestDatabase.user());
        configuration.setJdbcPassword(TestDatabase.password());
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        return configuration;
    }
}

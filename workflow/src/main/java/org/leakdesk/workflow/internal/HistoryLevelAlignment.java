package org.leakdesk.workflow.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets the configured history level ({@code camunda.bpm.history-level}) win over the one a
 * database recorded when its tables were made. The engine otherwise refuses to start on a
 * database made at another level, and databases made before LeakDesk kept history at
 * {@code activity} say {@code full}. Runs after the configuration has resolved its level and
 * before the engine compares it with the database's; every LeakDesk process that runs an engine
 * reads the same setting, so no two of them disagree for long.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class HistoryLevelAlignment extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryLevelAlignment.class);

    /** "Table not found" on PostgreSQL and on H2: a fresh database, which the engine sets up itself. */
    private static final Set<String> NO_SUCH_TABLE = Set.of("42P01", "42S02", "42S04", "42102", "42104");

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        HistoryLevel level = configuration.getHistoryLevel();
        if (level == null) {
            return; // "auto": the engine takes the database's level
        }
        int changed = align(configuration.getDataSource(), configuration.getDatabaseTablePrefix(), level.getId());
        if (changed > 0) {
            LOG.warn("The process engine's history level in the database is now '{}', as configured", level.getName());
        }
    }

    private static int align(DataSource dataSource, String tablePrefix, int level) {
        String prefix = tablePrefix == null ? "" : tablePrefix;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + prefix
                        + "ACT_GE_PROPERTY SET VALUE_ = ? WHERE NAME_ = 'historyLevel' AND VALUE_ <> ?")) {
            String value = Integer.toString(level);
            update.setString(1, value);
            update.setString(2, value);
            int rows = update.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows;
        } catch (SQLException e) {
            if (NO_SUCH_TABLE.contains(e.getSQLState())) {
                return 0;
            }
            throw new ProcessEngineException("Could not set the engine's history level in the database", e);
        }
    }
}

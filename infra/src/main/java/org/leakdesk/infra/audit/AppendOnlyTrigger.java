package org.leakdesk.infra.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's form of the rule PostgreSQL enforces with a PL/pgSQL trigger: the access log rejects
 * UPDATE and DELETE. H2 instantiates it by name, hence public.
 */
public final class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("access_log is append-only: entries cannot be changed or deleted", "45000");
    }
}

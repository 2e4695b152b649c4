package org.leakdesk.infra.audit;

import org.leakdesk.infra.testing.TestDatabase;

/**
 * What someone with the database server can do: as the PostgreSQL superuser, with triggers off
 * ({@code session_replication_role = replica}). Saves both log tables first and puts them back
 * on close, so the other tests find the log as they left it.
 */
final class Tamper implements AutoCloseable {

    private Tamper() {
        asSuperuser("""
                DROP TABLE IF EXISTS tamper_log, tamper_pending;
                CREATE TABLE tamper_log AS SELECT * FROM access_log;
                CREATE TABLE tamper_pending AS SELECT * FROM access_log_pending;""");
    }

    static Tamper begin() {
        return new Tamper();
    }

    static String asSuperuser(String sql) {
        return TestDatabase.asSuperuser(TestDatabase.database(), sql);
    }

    void apply(String sql) {
        asSuperuser("BEGIN;\nSET LOCAL session_replication_role = replica;\n" + sql + ";\nCOMMIT;");
    }

    @Override
    public void close() {
        apply("""
                DELETE FROM access_log;
                DELETE FROM access_log_pending;
                INSERT INTO access_log SELECT * FROM tamper_log;
                INSERT INTO access_log_pending OVERRIDING SYSTEM VALUE SELECT * FROM tamper_pending;
                DROP TABLE tamper_log, tamper_pending""");
    }
}

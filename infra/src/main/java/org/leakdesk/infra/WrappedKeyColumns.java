package org.leakdesk.infra;

import java.util.List;

/**
 * Where a module keeps data keys wrapped to the newsroom key. Every module that stores a
 * {@link WrappedKey} contributes one as a bean; {@code keys rotate} re-wraps every key it names.
 */
public interface WrappedKeyColumns {

    /**
     * One column of wrapped keys.
     *
     * @param table the table
     * @param idColumn its primary key, a UUID
     * @param keyColumn the column holding {@link WrappedKey#packet()} (null where a row has none)
     */
    record Column(String table, String idColumn, String keyColumn) {}

    /** Never null. */
    List<Column> columns();
}

package org.leakdesk.infra.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.leakdesk.infra.AccessAction;
import org.leakdesk.infra.AccessLogEntry;

/** Reading a sealed entry back from {@code access_log}, and the canonical encoding it is hashed in. */
final class StoredEntry {

    static final String COLUMNS = "sequence, recorded_at, actor, action, subject, detail, entry_hash, previous_hash";

    private StoredEntry() {}

    /** An entry whose action is kept by name, whether or not a module still knows it (for verifying). */
    static AccessLogEntry read(ResultSet rs) throws SQLException {
        return read(rs, AccessAction::named);
    }

    static AccessLogEntry read(ResultSet rs, Function<String, AccessAction> actions) throws SQLException {
        return new AccessLogEntry(
                rs.getLong("sequence"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                actions.apply(rs.getString("action")),
                rs.getString("subject"),
                rs.getString("detail"),
                rs.getBytes("entry_hash"),
                rs.getBytes("previous_hash"));
    }

    /** The canonical encoding of what is stored: what both the chain hash and the Merkle leaf cover. */
    static byte[] encoded(AccessLogEntry entry) {
        return ChainHash.encode(
                entry.sequence(),
                entry.recordedAt(),
                entry.actor(),
                entry.action().name(),
                entry.subject(),
                entry.detail());
    }
}

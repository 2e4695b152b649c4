package org.leakdesk.infra.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.leakdesk.infra.AccessAction;
import org.leakdesk.infra.AccessLogEntry;

/** A sealed entry as read back from {@code access_log}, with the link to its predecessor. */
record StoredEntry(AccessLogEntry entry, byte[] previousHash) {

    static final String COLUMNS = "sequence, recorded_at, actor, action, subject, detail, entry_hash, previous_hash";

    static StoredEntry read(ResultSet rs) throws SQLException {
        return new StoredEntry(entry(rs, AccessAction::named), rs.getBytes("previous_hash"));
    }

    static AccessLogEntry entry(ResultSet rs, Function<String, AccessAction> actions) throws SQLException {
        return new AccessLogEntry(
                rs.getLong("sequence"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                actions.apply(rs.getString("action")),
                rs.getString("subject"),
                rs.getString("detail"),
                rs.getBytes("entry_hash"));
    }

    /** The canonical encoding of what is stored: what both the chain hash and the Merkle leaf cover. */
    byte[] encoded() {
        return ChainHash.encode(
                entry.sequence(),
                entry.recordedAt(),
                entry.actor(),
                entry.action().name(),
                entry.subject(),
                entry.detail());
    }
}

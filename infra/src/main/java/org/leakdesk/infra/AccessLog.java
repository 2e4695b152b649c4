package org.leakdesk.infra;

import java.util.List;

/**
 * The append-only, hash-chained access log. Each entry hashes the previous entry's hash and
 * its own canonical content; the database rejects updates and deletes.
 */
public interface AccessLog {

    /**
     * Appends an entry as part of the caller's transaction (just before it commits), so it is
     * written exactly when the change it records is; without a transaction, at once. Use for
     * changes of state (a claim, a decision).
     */
    void record(AccessRecord entry);

    /**
     * Appends an entry in a transaction of its own, committed before this returns. Use for
     * reads of protected content and for events that have no transaction (a failed login).
     */
    void recordNow(AccessRecord entry);

    /** Returns matching entries, newest first; never null. */
    List<AccessLogEntry> entries(AccessLogQuery query);

    /** Recomputes the whole chain from the first entry and names the first that does not match. */
    ChainVerification verify();
}

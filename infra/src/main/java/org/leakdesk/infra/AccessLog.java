package org.leakdesk.infra;

import java.util.List;
import java.util.OptionalLong;

/**
 * The append-only, hash-chained access log. Each entry hashes the previous entry's hash and its
 * own canonical content; the application's database role may only insert and read it, and
 * signed checkpoints of its Merkle tree, kept outside the database, catch a rewrite by anyone
 * who can bypass that.
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

    /**
     * Recomputes the whole chain from the first entry, checks every signed checkpoint against
     * the entries it covers, and names the first entry that does not match.
     */
    ChainVerification verify();

    /**
     * Signs a checkpoint of the whole log now (they are also written on a schedule) if it grew
     * since the last one; returns how many entries it covers, or empty when nothing was new.
     */
    OptionalLong checkpoint();
}

package org.leakdesk.infra;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

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
     * As {@link #verify()}, for an auditor: the result is itself written to the log, so the next
     * auditor sees when it was last verified, by whom, and what was found.
     */
    ChainVerification verify(String auditor);

    /** The newest entry that records a verification, if the log was ever verified. */
    Optional<AccessLogEntry> lastVerification();

    /**
     * Streams every entry matching {@code query} (its limit and page ignored) oldest first, one
     * read snapshot, to {@code sink}; for exports of millions of entries.
     */
    void export(AccessLogQuery query, Consumer<AccessLogEntry> sink);

    /**
     * The text of the smallest signed checkpoint that covers entry {@code sequence} (signing one
     * now if none does yet), to go with an export; empty for an empty log.
     */
    Optional<String> checkpointCovering(long sequence);

    /**
     * An RFC 9162 inclusion proof that entry {@code sequence} is in the log the smallest signed
     * checkpoint covering it commits to (signing one now if none does yet), as text that {@code
     * java -jar leakdesk.jar verify-log check-proof} checks offline; empty when there is no such
     * entry.
     */
    Optional<String> inclusionProof(long sequence);

    /**
     * The public half of the key that signs checkpoints, as {@code ed25519 <base64>}, and its id
     * (the first 16 hex digits of its SHA-256) as checkpoints name it: what an auditor needs to
     * check checkpoints offline.
     */
    CheckpointSigner checkpointSigner();

    /** The checkpoint key's public half and its id. */
    record CheckpointSigner(String publicKey, String id) {}

    /**
     * Signs a checkpoint of the whole log now (they are also written on a schedule) if it grew
     * since the last one; returns how many entries it covers, or empty when nothing was new.
     */
    OptionalLong checkpoint();
}

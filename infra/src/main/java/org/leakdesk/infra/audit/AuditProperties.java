package org.leakdesk.infra.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the access log's checkpoints.
 *
 * @param checkpointKey the Ed25519 signing key file, created on first start; keep it off the
 *     database server and out of the database's backups
 * @param witnessDirectory where signed checkpoints and leaf hashes are written; ideally a
 *     mount the database's administrators cannot write (another machine, append-only storage)
 * @param checkpointInterval how often to write a checkpoint when there are new entries
 * @param sealInterval how often staff and worker processes seal entries other processes wrote
 *     (source-only processes seal none themselves)
 * @param sealDelay how long a process waits after an entry of its own before sealing it, so
 *     that one transaction seals the entries that arrive meanwhile (readers seal first, so they
 *     never wait for it)
 */
@ConfigurationProperties("leakdesk.audit")
record AuditProperties(
        Path checkpointKey,
        Path witnessDirectory,
        Duration checkpointInterval,
        Duration sealInterval,
        Duration sealDelay) {}

package org.leakdesk.infra;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An entry as stored: its place in the chain, when it was written and what it records.
 *
 * @param sequence position in the chain, starting at 1, without gaps
 * @param recordedAt when the entry was written (microsecond precision)
 * @param entryHash SHA-256 over the previous entry's hash and this entry's canonical content
 * @param previousHash the previous entry's {@code entryHash} (32 zero bytes for the first entry)
 */
public record AccessLogEntry(
        long sequence,
        Instant recordedAt,
        String actor,
        AccessAction action,
        @Nullable String subject,
        @Nullable String detail,
        byte[] entryHash,
        byte[] previousHash) {}

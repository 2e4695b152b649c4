package org.leakdesk.infra.crypto;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the newsroom keys live and how the private key is unlocked. The passphrase itself is
 * never a property (so it cannot be given on the command line): it comes from {@code
 * passphraseFile} or the {@code LEAKDESK_KEY_PASSPHRASE} environment variable.
 *
 * @param directory holds {@code newsroom.pub.asc} (one or more certificates) and, on the staff
 *     side, {@code newsroom.sec.asc}
 * @param passphraseFile a file whose first line is the private key's passphrase
 * @param generateDemoKey create a key pair and a passphrase file beside it when none exists; for
 *     the zero-setup run only
 * @param segmentSize plaintext segment size of the envelope format, in bytes
 */
@ConfigurationProperties("leakdesk.keys")
record KeyProperties(
        Path directory,
        @Nullable Path passphraseFile,
        boolean generateDemoKey,
        @Nullable Integer segmentSize) {

    int segmentSizeOrDefault() {
        return segmentSize == null ? SegmentedEnvelope.DEFAULT_SEGMENT_SIZE : segmentSize;
    }
}

package org.leakdesk.intake.internal;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How documents are analysed ({@code leakdesk.extraction.*}).
 *
 * @param textLimit characters of text Tika may extract per document (also stops decompression bombs)
 * @param timeoutSeconds wall-clock time one document may take
 * @param scratchDirectory where Tika may write temporary copies; must be RAM-backed (tmpfs)
 *     because they are plaintext. Defaults to a folder in /dev/shm.
 */
@ConfigurationProperties("leakdesk.extraction")
record IntakeProperties(
        @DefaultValue("100000") int textLimit,
        @DefaultValue("120") long timeoutSeconds,
        @Nullable Path scratchDirectory) {}

package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import org.leakdesk.intake.ExtractedMetadata;

/**
 * The one place LeakDesk meets Tika. Today Tika runs in this JVM; moving it into a separate,
 * limited child process changes only the implementation of this interface.
 */
interface DocumentAnalyzer {

    /**
     * Reads a document's metadata. A document that cannot be parsed is a result ({@link
     * ExtractedMetadata.Outcome#UNPARSEABLE}), not an error.
     *
     * @param plaintext the decrypted document; read to its end or until the analyzer gives up
     * @param fileName the name the source gave it, a hint for type detection
     * @throws IOException only if reading {@code plaintext} itself failed (for example, the
     *     ciphertext behind it did not authenticate)
     */
    ExtractedMetadata analyze(InputStream plaintext, String fileName) throws IOException;
}

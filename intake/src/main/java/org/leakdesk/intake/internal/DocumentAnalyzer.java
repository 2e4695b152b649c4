package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import org.leakdesk.intake.parsing.ParseReport;

/**
 * The one place LeakDesk meets Tika and the scrubbers. Implementations must not parse in this
 * JVM: a document is hostile until proven otherwise, and this JVM holds the newsroom key.
 */
interface DocumentAnalyzer {

    /**
     * Reads a document's metadata, text and embedded documents. A document that cannot be parsed
     * (or breaks a limit) is a result with a problem, not an error.
     *
     * @param plaintext the decrypted document, {@code size} bytes
     * @param fileName the name the source gave it, a hint for type detection
     * @throws IOException only if reading {@code plaintext} itself failed (for example, the
     *     ciphertext behind it did not authenticate)
     */
    ParseReport analyze(InputStream plaintext, long size, String fileName) throws IOException;

    /**
     * Makes a copy without metadata, for publication.
     *
     * @throws IOException only if reading {@code plaintext} itself failed
     */
    ScrubResult scrub(InputStream plaintext, long size, String fileName) throws IOException;

    /** What became of a request for a scrubbed copy. */
    sealed interface ScrubResult {}

    /** The copy, and the type it was written as. */
    record Scrubbed(byte[] bytes, String mediaType) implements ScrubResult {}

    /** No copy: the format is not supported, or the document could not be read; a line for the reviewer. */
    record NotScrubbed(String reason) implements ScrubResult {}
}

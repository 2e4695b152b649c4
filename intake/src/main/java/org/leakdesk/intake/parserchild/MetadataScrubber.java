package org.leakdesk.intake.parserchild;

import org.apache.tika.io.TikaInputStream;

/** Placeholder until the scrubbers land: every format is unsupported. */
final class MetadataScrubber {

    sealed interface Result permits Scrubbed, Unsupported {}

    record Scrubbed(byte[] bytes, String mediaType) implements Result {}

    record Unsupported(String reason) implements Result {}

    private MetadataScrubber() {}

    static Result scrub(TikaInputStream document, String fileName) {
        return new Unsupported("scrubbing is not available yet");
    }
}

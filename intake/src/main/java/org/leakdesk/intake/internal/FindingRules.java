package org.leakdesk.intake.internal;

import java.time.Instant;
import java.util.List;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.parsing.ParsedDocument;

/**
 * Turns what a parser child reported into findings. Works on metadata keys only, so it runs in
 * the web JVM without loading any parser.
 */
public final class FindingRules {

    private FindingRules() {}

    /**
     * The findings of one file, the file's own first, then each embedded document's in order.
     *
     * @param documents the file and its embedded documents as a parser child reported them
     * @param now the present, for dates in the future
     */
    public static List<Finding> findings(List<ParsedDocument> documents, Instant now) {
        return List.of();
    }
}

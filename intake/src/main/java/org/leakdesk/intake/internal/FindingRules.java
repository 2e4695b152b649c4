package org.leakdesk.intake.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.parsing.ParsedDocument;

/**
 * Turns what a parser child reported into findings. Works on metadata keys as Tika writes them,
 * plain strings, so it runs in the web JVM without loading any parser. Each rule looks at one
 * document at a time; the file's own findings come first, then each embedded document's.
 */
public final class FindingRules {

    private FindingRules() {}

    /**
     * The findings of one file, without duplicates.
     *
     * @param documents the file and its embedded documents as a parser child reported them
     * @param now the present, for dates in the future
     */
    public static List<Finding> findings(List<ParsedDocument> documents, Instant now) {
        Set<Finding> findings = new LinkedHashSet<>();
        for (ParsedDocument document : documents) {
            List<Finding> found = new ArrayList<>();
            IdentifyingRules.apply(document, found);
            ConsistencyRules.apply(document, now, found);
            HiddenContentRules.apply(document, found);
            findings.addAll(dropRepeatedValues(found));
        }
        return List.copyOf(findings);
    }

    /** The same person under dc:creator and meta:author is one finding, named by the first field. */
    private static List<Finding> dropRepeatedValues(List<Finding> found) {
        Set<String> seen = new LinkedHashSet<>();
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : found) {
            if (seen.add(finding.type() + "\u0000" + finding.value())) {
                kept.add(finding);
            }
        }
        return kept;
    }

    /** Clips a value for display; findings quote metadata, never document text. */
    static String clip(String value) {
        String single = value.strip().replaceAll("\\s+", " ");
        return single.length() > 300 ? single.substring(0, 300) + "…" : single;
    }
}

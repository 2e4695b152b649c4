package org.leakdesk.intake.internal;

import static org.leakdesk.intake.FindingType.AUTHOR;
import static org.leakdesk.intake.FindingType.CAMERA;
import static org.leakdesk.intake.FindingType.COMPANY;
import static org.leakdesk.intake.FindingType.CREATED_AFTER_MODIFIED;
import static org.leakdesk.intake.FindingType.DATE_BEFORE_FORMAT_EXISTED;
import static org.leakdesk.intake.FindingType.DATE_IN_FUTURE;
import static org.leakdesk.intake.FindingType.EMAIL_ADDRESS;
import static org.leakdesk.intake.FindingType.EMBEDDED_FILE;
import static org.leakdesk.intake.FindingType.ENCRYPTED;
import static org.leakdesk.intake.FindingType.LAST_AUTHOR;
import static org.leakdesk.intake.FindingType.MACROS;
import static org.leakdesk.intake.FindingType.MANAGER;
import static org.leakdesk.intake.FindingType.TEMPLATE_PATH;
import static org.leakdesk.intake.FindingType.TIME_ZONES_DISAGREE;
import static org.leakdesk.intake.FindingType.TRACKED_CHANGES;
import static org.leakdesk.intake.FindingType.USER_NAME_IN_PATH;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/**
 * Turns what a parser child reported into findings. Works on metadata keys only, so it runs in
 * the web JVM without loading any parser. Only metadata values become findings, never a
 * document's text.
 */
public final class FindingRules {

    /**
     * Types where the value alone is the news: the same author in {@code dc:creator} and
     * {@code pdf:docinfo:creator} is one finding, named after the first field.
     */
    private static final Set<FindingType> ONE_PER_VALUE = EnumSet.of(
            AUTHOR,
            LAST_AUTHOR,
            COMPANY,
            MANAGER,
            TEMPLATE_PATH,
            USER_NAME_IN_PATH,
            EMAIL_ADDRESS,
            CAMERA,
            CREATED_AFTER_MODIFIED,
            DATE_IN_FUTURE,
            DATE_BEFORE_FORMAT_EXISTED,
            TIME_ZONES_DISAGREE);

    /** Types that are a yes or no per document, however many fields say so. */
    private static final Set<FindingType> ONE_PER_DOCUMENT =
            EnumSet.of(ENCRYPTED, TRACKED_CHANGES, EMBEDDED_FILE, MACROS);

    private FindingRules() {}

    /**
     * The findings of one file, the file's own first, then each embedded document's in order.
     *
     * @param documents the file and its embedded documents as a parser child reported them
     * @param now the present, for dates in the future
     * @return the findings, without duplicates; never null
     */
    public static List<Finding> findings(List<ParsedDocument> documents, Instant now) {
        Map<String, List<Finding>> byPath = new LinkedHashMap<>();
        for (ParsedDocument document : documents) {
            byPath.computeIfAbsent(document.path(), path -> new ArrayList<>()).addAll(ofDocument(document, now));
        }
        List<Finding> findings = new ArrayList<>();
        for (ParsedDocument document : documents) {
            List<Finding> own = byPath.getOrDefault(document.path(), List.of());
            findings.addAll(
                    isEarlierRevision(document) ? newInRevision(own, byPath.get(parentPath(document.path()))) : own);
        }
        return distinct(findings);
    }

    /**
     * Whether Tika reported this document as an earlier revision of the PDF it sits in, kept by an
     * incremental update, rather than as a file embedded in it.
     */
    static boolean isEarlierRevision(ParsedDocument document) {
        return !document.path().isEmpty()
                && ("VERSION".equalsIgnoreCase(String.valueOf(document.first("embeddedResourceType")))
                        || "VERSION".equalsIgnoreCase(String.valueOf(document.first("X-TIKA:embedded_resource_type")))
                        || document.first("pdf:incrementalUpdateNumber") != null);
    }

    private static List<Finding> ofDocument(ParsedDocument document, Instant now) {
        DocumentFindings found = new DocumentFindings(document);
        IdentifyingRules.check(document, found);
        ConsistencyRules.check(document, now, found);
        ToolRules.check(document, found);
        HiddenContentRules.check(document, found);
        return found.list();
    }

    /**
     * An earlier revision repeats most of what the final file says; what matters is what it says
     * that the final file no longer does, such as an author since removed.
     */
    private static List<Finding> newInRevision(List<Finding> revision, @Nullable List<Finding> parent) {
        if (parent == null) {
            return revision;
        }
        Set<List<Object>> inParent = new HashSet<>();
        parent.forEach(finding -> inParent.add(List.of(finding.type(), finding.field(), finding.value())));
        return revision.stream()
                .filter(finding -> !inParent.contains(List.of(finding.type(), finding.field(), finding.value())))
                .toList();
    }

    private static String parentPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    private static List<Finding> distinct(List<Finding> findings) {
        Set<List<Object>> seen = new HashSet<>();
        List<Finding> distinct = new ArrayList<>();
        for (Finding finding : findings) {
            if (seen.add(identity(finding))) {
                distinct.add(finding);
            }
        }
        return distinct;
    }

    private static List<Object> identity(Finding finding) {
        if (ONE_PER_DOCUMENT.contains(finding.type())) {
            return List.of(finding.type(), finding.documentPath());
        }
        if (ONE_PER_VALUE.contains(finding.type())) {
            return List.of(finding.type(), finding.documentPath(), finding.value());
        }
        return List.of(finding.type(), finding.documentPath(), finding.field(), finding.value());
    }
}

package org.leakdesk.intake.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/** The findings of one document as the rules add them: blank values dropped, long ones clipped. */
final class DocumentFindings {

    /** Enough to recognise a value; a finding is a pointer into the metadata, not a copy of it. */
    static final int MAX_VALUE_LENGTH = 300;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String path;
    private final List<Finding> findings = new ArrayList<>();

    DocumentFindings(ParsedDocument document) {
        this.path = document.path();
    }

    void add(FindingType type, String field, String value) {
        // headers folded over several lines read as one on a review page
        String oneLine = WHITESPACE.matcher(value).replaceAll(" ").strip();
        if (!oneLine.isEmpty()) {
            findings.add(new Finding(type, path, field, clip(oneLine)));
        }
    }

    List<Finding> list() {
        return findings;
    }

    static String clip(String value) {
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        int end = MAX_VALUE_LENGTH;
        // never cut a surrogate pair in half
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}

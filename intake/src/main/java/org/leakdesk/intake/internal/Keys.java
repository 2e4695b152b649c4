package org.leakdesk.intake.internal;

/** Metadata keys as Tika writes them, for rules that must not load Tika's own constants. */
final class Keys {

    static final String CONTENT_TYPE = "Content-Type";
    static final String EMBEDDED_RESOURCE_TYPE = "embeddedResourceType";
    static final String HAS_COMMENTS = "msoffice:has-comments";
    static final String COMMENT_PERSONS = "msoffice:comment-person-display-name";
    static final String INCREMENTAL_UPDATES = "pdf:incrementalUpdateCount";

    private Keys() {}

    /**
     * Keys that describe the parse rather than the document (digests, parser names, resource paths
     * and the parser's own file name for its scratch copy): never evidence about a person.
     */
    static boolean isBookkeeping(String key) {
        return key.startsWith("X-TIKA:")
                || key.equals("resourceName")
                || key.equals("File Name")
                || key.equals("File Modified Date")
                || key.startsWith("leakdesk:");
    }
}

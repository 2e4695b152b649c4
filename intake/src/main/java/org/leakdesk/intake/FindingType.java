package org.leakdesk.intake;

/** The kinds of {@link Finding}, each in one {@link Category}. */
public enum FindingType {
    AUTHOR(Category.IDENTIFYING, "Author"),
    LAST_AUTHOR(Category.IDENTIFYING, "Last saved by"),
    COMPANY(Category.IDENTIFYING, "Company"),
    MANAGER(Category.IDENTIFYING, "Manager"),
    TEMPLATE_PATH(Category.IDENTIFYING, "Template path"),
    USER_NAME_IN_PATH(Category.IDENTIFYING, "User name in a file path"),
    EMAIL_ADDRESS(Category.IDENTIFYING, "E-mail address"),
    EMAIL_HEADER(Category.IDENTIFYING, "E-mail routing header"),
    GPS_POSITION(Category.IDENTIFYING, "GPS position"),
    CAMERA(Category.IDENTIFYING, "Camera"),
    CUSTOM_PROPERTY(Category.IDENTIFYING, "Custom document property"),
    CREATED_AFTER_MODIFIED(Category.CONSISTENCY, "Created after it was modified"),
    DATE_IN_FUTURE(Category.CONSISTENCY, "Date in the future"),
    DATE_BEFORE_FORMAT_EXISTED(Category.CONSISTENCY, "Date before the format existed"),
    TOOLS_DISAGREE(Category.CONSISTENCY, "Creator tool and producer do not fit together"),
    TIME_ZONES_DISAGREE(Category.CONSISTENCY, "Time zones disagree"),
    INCREMENTAL_UPDATE(Category.CONSISTENCY, "Changed after it was first saved (incremental update)"),
    EMBEDDED_FILE(Category.HIDDEN_CONTENT, "Embedded file"),
    COMMENTS(Category.HIDDEN_CONTENT, "Comments"),
    TRACKED_CHANGES(Category.HIDDEN_CONTENT, "Tracked changes"),
    MACROS(Category.HIDDEN_CONTENT, "Macros or scripts"),
    HIDDEN_PARTS(Category.HIDDEN_CONTENT, "Hidden sheets, slides or text"),
    ENCRYPTED(Category.HIDDEN_CONTENT, "Encrypted or password-protected part");

    private final Category category;
    private final String label;

    FindingType(Category category, String label) {
        this.category = category;
        this.label = label;
    }

    public Category category() {
        return category;
    }

    /** How the staff interface names it. */
    public String label() {
        return label;
    }

    /** Why a reviewer should care. */
    public enum Category {
        /** May name or locate a person: check before publishing, and think of the source. */
        IDENTIFYING("May identify someone"),
        /** Dates, tools or revisions that do not fit together: a question for verification. */
        CONSISTENCY("Does not add up"),
        /** Content not visible when the document is opened normally. */
        HIDDEN_CONTENT("Hidden content");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

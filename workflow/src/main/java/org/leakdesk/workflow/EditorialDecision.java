package org.leakdesk.workflow;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * An editor's decision on a case; never taken by anyone who triaged or assessed it. Each variant
 * carries the outcome the process branches on.
 */
public sealed interface EditorialDecision {

    /** What the process branches on; its name is the value of the {@code decision} variable. */
    Outcome outcome();

    /** The decision's text for the record (a reason, a date, what to verify); "" for none. */
    default String note() {
        return "";
    }

    /** The decisions, in the order the form offers them. */
    enum Outcome {
        PUBLISH("Publish"),
        HOLD("Hold until a date"),
        MORE_VERIFICATION("Ask for more verification"),
        REJECT("Reject");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** What the form says. */
        public String label() {
            return label;
        }
    }

    /** Go ahead: the publication package is prepared. */
    record Publish() implements EditorialDecision {
        @Override
        public Outcome outcome() {
            return Outcome.PUBLISH;
        }
    }

    /**
     * Not yet: the decision comes back to the editors on {@code until}.
     *
     * @param until a day after today
     */
    record Hold(LocalDate until) implements EditorialDecision {
        @Override
        public Outcome outcome() {
            return Outcome.HOLD;
        }

        @Override
        public String note() {
            return "until " + until;
        }
    }

    /**
     * Back to the reviewers for another round of verification requests; earlier answers are kept.
     *
     * @param what what still needs checking; must not be blank
     */
    record MoreVerification(String what) implements EditorialDecision {
        public MoreVerification {
            what = Texts.required(what, "what still needs verifying", Texts.REASON);
        }

        @Override
        public Outcome outcome() {
            return Outcome.MORE_VERIFICATION;
        }

        @Override
        public String note() {
            return what;
        }
    }

    /**
     * Do not publish: the case is destroyed after the retention period.
     *
     * @param reason why, for the record; must not be blank
     */
    record Reject(String reason) implements EditorialDecision {
        public Reject {
            reason = Texts.required(reason, "a reason for rejecting", Texts.REASON);
        }

        @Override
        public Outcome outcome() {
            return Outcome.REJECT;
        }

        @Override
        public String note() {
            return reason;
        }
    }

    /**
     * The decision a form asked for.
     *
     * @param text the reason (reject) or what needs verifying (more verification)
     * @throws InvalidEntryException if what the outcome needs is missing
     */
    static EditorialDecision of(Outcome outcome, @Nullable LocalDate until, @Nullable String text) {
        String given = text == null ? "" : text;
        return switch (outcome) {
            case PUBLISH -> new Publish();
            case HOLD -> {
                if (until == null) {
                    throw new InvalidEntryException("Give the date until which the case is held.");
                }
                yield new Hold(until);
            }
            case MORE_VERIFICATION -> new MoreVerification(given);
            case REJECT -> new Reject(given);
        };
    }
}

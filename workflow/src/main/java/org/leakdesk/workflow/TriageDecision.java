package org.leakdesk.workflow;

import org.jspecify.annotations.Nullable;

/** How a reviewer closes triage. Each variant carries the outcome the process branches on. */
public sealed interface TriageDecision {

    /** What the process branches on; its name is the value of the {@code triage} variable. */
    Outcome outcome();

    /** The decision's text for the record (a reason); "" for none. */
    default String note() {
        return "";
    }

    /** The triage outcomes, in the order the form offers them. */
    enum Outcome {
        REQUEST_VERIFICATION("Ask outside parties to verify it"),
        SEND_TO_EDITOR("Send straight to an editor"),
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

    /** The documents need checking by outside parties before an editor decides. */
    record RequestVerification() implements TriageDecision {
        @Override
        public Outcome outcome() {
            return Outcome.REQUEST_VERIFICATION;
        }
    }

    /** The documents speak for themselves: an editor decides. */
    record SendToEditor() implements TriageDecision {
        @Override
        public Outcome outcome() {
            return Outcome.SEND_TO_EDITOR;
        }
    }

    /**
     * Not worth pursuing: the case ends here and is destroyed after the retention period.
     *
     * @param reason why, for the record; must not be blank
     */
    record Reject(String reason) implements TriageDecision {
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
     * @throws InvalidEntryException if what the outcome needs (a reason) is missing
     */
    static TriageDecision of(Outcome outcome, @Nullable String reason) {
        return switch (outcome) {
            case REQUEST_VERIFICATION -> new RequestVerification();
            case SEND_TO_EDITOR -> new SendToEditor();
            case REJECT -> new Reject(reason == null ? "" : reason);
        };
    }
}

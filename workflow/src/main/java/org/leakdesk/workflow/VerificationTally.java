package org.leakdesk.workflow;

import java.util.Collection;

/**
 * How a case's sent verification requests stand, e.g. "6 of 6 confirmed, 0 disputed, 0 no answer".
 *
 * @param requested requests sent
 * @param confirmed answered "confirmed"
 * @param disputed answered "disputed"
 * @param cannotSay answered "cannot say"
 * @param noAnswer deadline passed without an answer
 * @param waiting still waiting
 */
public record VerificationTally(int requested, int confirmed, int disputed, int cannotSay, int noAnswer, int waiting) {

    /** Counts the sent requests among {@code requests}. */
    public static VerificationTally of(Collection<VerificationRequest> requests) {
        int requested = 0, confirmed = 0, disputed = 0, cannotSay = 0, noAnswer = 0, waiting = 0;
        for (VerificationRequest request : requests) {
            switch (request.state()) {
                case DRAFT -> {
                    continue;
                }
                case WAITING -> waiting++;
                case NO_ANSWER -> noAnswer++;
                case ANSWERED -> {
                    switch (request.answer().verdict()) {
                        case CONFIRMED -> confirmed++;
                        case DISPUTED -> disputed++;
                        case CANNOT_SAY -> cannotSay++;
                    }
                }
            }
            requested++;
        }
        return new VerificationTally(requested, confirmed, disputed, cannotSay, noAnswer, waiting);
    }

    /** The line the case page and the provenance report show. */
    public String summary() {
        String line =
                confirmed + " of " + requested + " confirmed, " + disputed + " disputed, " + noAnswer + " no answer";
        if (cannotSay > 0) {
            line += ", " + cannotSay + " could not say";
        }
        if (waiting > 0) {
            line += ", " + waiting + " still waiting";
        }
        return line;
    }
}

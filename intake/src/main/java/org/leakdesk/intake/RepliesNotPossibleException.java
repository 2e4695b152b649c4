package org.leakdesk.intake;

import java.util.UUID;

/**
 * The newsroom cannot reply to this case's source: the case was shredded, or the source submitted
 * before replies existed and has not signed in since (their reply key is derived from the codename
 * at sign-in, and LeakDesk never had the codename to derive it earlier).
 */
public class RepliesNotPossibleException extends RuntimeException {

    public RepliesNotPossibleException(UUID caseId, String why) {
        super("Cannot reply to the source of case " + caseId + ": " + why);
    }
}

package org.leakdesk.intake;

import java.util.UUID;

/** No reply with this id that this source has read (it may be unread, deleted, or another's). */
public class ReplyNotFoundException extends RuntimeException {

    public ReplyNotFoundException(UUID replyId) {
        super("No read reply " + replyId + " for this source");
    }
}

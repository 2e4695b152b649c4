package org.leakdesk.infra;

/** A change to a staff account that cannot be made, with a message an admin can act on. */
public class StaffAccountException extends RuntimeException {

    public StaffAccountException(String message) {
        super(message);
    }
}

package org.leakdesk.infra;

import java.io.IOException;

/**
 * An encrypted object failed authentication: a byte was changed, a segment dropped or moved,
 * the object (or its key) was moved to another object or another case, or the object ends early. The message names the object
 * reference, never any content.
 */
public class TamperedCiphertextException extends IOException {

    public TamperedCiphertextException(String objectRef, String what, Throwable cause) {
        super(
                "Encrypted object " + objectRef + " failed authentication (" + what
                        + "): it was altered, truncated or reordered, or it belongs to another object or case",
                cause);
    }
}

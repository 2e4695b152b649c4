package org.leakdesk.infra;

import java.util.Objects;

/**
 * An object's data key, wrapped to the newsroom's public key(s) as a small OpenPGP message.
 * Deleting every copy of it destroys the object for good (crypto-shredding).
 *
 * @param packet the OpenPGP message (binary); must not be empty
 */
public record WrappedKey(byte[] packet) {

    public WrappedKey {
        Objects.requireNonNull(packet, "packet");
        if (packet.length == 0) {
            throw new IllegalArgumentException("A wrapped key cannot be empty");
        }
    }
}

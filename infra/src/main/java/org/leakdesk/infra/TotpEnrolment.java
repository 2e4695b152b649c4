package org.leakdesk.infra;

import java.util.Objects;

/**
 * An authenticator secret offered to a member during enrolment, not yet stored.
 *
 * @param username whose it is
 * @param secret the secret in base32 (RFC 4648, no padding), as authenticator apps take it typed in
 * @param uri the {@code otpauth://totp/...} URI a QR code carries
 */
public record TotpEnrolment(String username, String secret, String uri) {

    public TotpEnrolment {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(uri, "uri");
    }

    /** The secret in groups of four, easier to type. */
    public String secretForTyping() {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** Never shows the secret (it ends up in debug output otherwise). */
    @Override
    public String toString() {
        return "TotpEnrolment[" + username + "]";
    }
}

package org.leakdesk.intake.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON for sealed values: what goes into the encryptor and comes out of a decryption session. */
final class Json {

    private final ObjectMapper mapper;

    Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            // Authenticated ciphertext that does not parse is a bug, not tampering; name the type only.
            throw new UncheckedIOException("Stored " + type.getSimpleName() + " does not parse", e);
        }
    }
}

package org.leakdesk.infra.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A {@code multipart/form-data} request body for tests that talk real HTTP with the JDK client,
 * encoded by Spring's {@link FormHttpMessageConverter}.
 */
public final class Multipart {

    private final MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    private byte[] encoded;
    private String contentType;

    public Multipart file(String field, String fileName, String type, byte[] content) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(type));
        parts.add(
                field,
                new HttpEntity<>(
                        new ByteArrayResource(content) {
                            @Override
                            public String getFilename() {
                                return fileName;
                            }
                        },
                        headers));
        encoded = null;
        return this;
    }

    public Multipart field(String name, String value) {
        parts.add(name, value);
        encoded = null;
        return this;
    }

    public String contentType() {
        encode();
        return contentType;
    }

    public HttpRequest.BodyPublisher publisher() {
        encode();
        return HttpRequest.BodyPublishers.ofByteArray(encoded);
    }

    private void encode() {
        if (encoded != null) {
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpHeaders headers = new HttpHeaders();
        try {
            new FormHttpMessageConverter()
                    .write(
                            parts,
                            new MediaType(MediaType.MULTIPART_FORM_DATA, Map.of("charset", "UTF-8")),
                            new HttpOutputMessage() {
                                @Override
                                public OutputStream getBody() {
                                    return body;
                                }

                                @Override
                                public HttpHeaders getHeaders() {
                                    return headers;
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        encoded = body.toByteArray();
        contentType = headers.getContentType().toString();
    }
}

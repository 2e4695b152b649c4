package org.leakdesk.review.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.FileNames;
import org.springframework.http.HttpHeaders;

/**
 * A file sent as an attachment that no cache keeps and no browser renders in the application's
 * origin (nosniff, and a sandbox policy should it be opened anyway). The headers are set on the first byte
 * written: if the service refuses before writing anything, the error page goes out with its
 * own headers instead of a "download" of an error page.
 */
public final class Download extends OutputStream {

    private final HttpServletResponse response;
    private final String contentType;
    private final String fileName;
    private @Nullable OutputStream out;

    private Download(HttpServletResponse response, String contentType, String fileName) {
        this.response = response;
        this.contentType = contentType;
        this.fileName = fileName;
    }

    /**
     * A stream that writes {@code fileName} as an attachment to {@code response}; the name goes
     * through {@link FileNames#contentDisposition}, so any name is safe here.
     */
    public static OutputStream of(HttpServletResponse response, String contentType, String fileName) {
        return new Download(response, contentType, fileName);
    }

    @Override
    public void write(int b) throws IOException {
        started().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        started().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    private OutputStream started() throws IOException {
        OutputStream started = out;
        if (started == null) {
            response.setContentType(contentType);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, FileNames.contentDisposition(fileName));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            // Never rendered in the application's origin, whatever the browser guesses it is.
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
            started = response.getOutputStream();
            out = started;
        }
        return started;
    }
}

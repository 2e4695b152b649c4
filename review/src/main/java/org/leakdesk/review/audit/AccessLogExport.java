package org.leakdesk.review.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogJsonLines;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.InfraAccessAction;
import org.springframework.stereotype.Component;

/**
 * Writes what an auditor's filter finds, oldest first, streamed from one read snapshot, followed
 * by the signed checkpoint that covers the last entry, so the export can be checked offline
 * against the witness ({@code java -jar leakdesk.jar verify-log}).
 *
 * <ul>
 *   <li>JSON lines: {@link AccessLogJsonLines}, one object per entry, then the checkpoint's line.
 *   <li>CSV: a header row, one row per entry, every cell quoted; a cell that a spreadsheet would
 *       read as a formula (starting with {@code = + - @}, tab or carriage return) gets a leading
 *       apostrophe. The checkpoint's text is the last row, under the header {@code checkpoint}.
 * </ul>
 */
@Component
class AccessLogExport {

    /** The two formats. */
    enum Format {
        JSONL("application/x-ndjson", "jsonl"),
        CSV("text/csv; charset=UTF-8", "csv");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        String contentType() {
            return contentType;
        }

        String extension() {
            return extension;
        }

        /** @throws IllegalArgumentException for anything but {@code jsonl} or {@code csv} */
        static Format of(String name) {
            return Format.valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final AccessLog accessLog;

    AccessLogExport(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    void write(AccessLogQuery query, Format format, String auditor, OutputStream out) throws IOException {
        accessLog.recordNow(
                new AccessRecord(auditor, InfraAccessAction.ACCESS_LOG_EXPORTED, null, describe(query, format)));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (format == Format.CSV) {
            writer.write("sequence,recorded_at,actor,action,subject,detail,entry_hash,previous_hash\r\n");
        }
        Rows rows = new Rows(writer, format);
        try {
            accessLog.export(query, rows);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        String checkpoint = accessLog.checkpointCovering(rows.last).orElse("");
        if (format == Format.JSONL) {
            writer.write(AccessLogJsonLines.checkpoint(checkpoint) + "\n");
        } else {
            writer.write("checkpoint\r\n" + cell(checkpoint) + "\r\n");
        }
        writer.flush();
    }

    /** Writes each entry as it streams by and remembers the last one's sequence. */
    private final class Rows implements java.util.function.Consumer<AccessLogEntry> {

        private final Writer writer;
        private final Format format;
        private long last;

        Rows(Writer writer, Format format) {
            this.writer = writer;
            this.format = format;
        }

        @Override
        public void accept(AccessLogEntry entry) {
            last = entry.sequence();
            try {
                writer.write(format == Format.JSONL ? AccessLogJsonLines.entry(entry) + "\n" : csvRow(entry));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String csvRow(AccessLogEntry entry) {
        return String.join(
                        ",",
                        cell(String.valueOf(entry.sequence())),
                        cell(entry.recordedAt().toString()),
                        cell(entry.actor()),
                        cell(entry.action().name()),
                        cell(entry.subject()),
                        cell(entry.detail()),
                        cell(HexFormat.of().formatHex(entry.entryHash())),
                        cell(HexFormat.of().formatHex(entry.previousHash())))
                + "\r\n";
    }

    /** A quoted CSV cell that no spreadsheet runs as a formula. */
    static String cell(@Nullable String value) {
        if (value == null) {
            return "\"\"";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String describe(AccessLogQuery query, Format format) {
        StringBuilder detail = new StringBuilder(format.extension());
        if (query.actor() != null) {
            detail.append(", actor ").append(query.actor());
        }
        if (query.action() != null) {
            detail.append(", action ").append(query.action().name());
        }
        if (query.subject() != null) {
            detail.append(", case ").append(query.subject());
        }
        if (query.from() != null) {
            detail.append(", from ").append(query.from());
        }
        if (query.to() != null) {
            detail.append(", to ").append(query.to());
        }
        return detail.toString();
    }
}

package org.leakdesk.infra.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogJsonLines;

/**
 * Reads an access log export in JSON lines ({@link AccessLogJsonLines}). Streams, so an export of millions of entries needs
 * no more memory than one line.
 */
final class ExportFile {

    private final Path file;
    private @Nullable Checkpoint checkpoint;
    private long entries;

    ExportFile(Path file) {
        this.file = file;
    }

    /**
     * Hands every entry to {@code sink}, in file order.
     *
     * @throws IllegalArgumentException naming the line that is not an entry or a checkpoint
     */
    void read(Consumer<AccessLogEntry> sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    AccessLogJsonLines.Line parsed = AccessLogJsonLines.parse(line);
                    if (parsed instanceof AccessLogJsonLines.CheckpointLine closing) {
                        checkpoint = closing.text().isEmpty() ? null : Checkpoint.parse(closing.text());
                    } else if (parsed instanceof AccessLogJsonLines.EntryLine entry) {
                        entries++;
                        sink.accept(entry.entry());
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "line " + number + " of " + file.getFileName() + " is not an access log entry ("
                                    + e.getMessage() + ")",
                            e);
                }
            }
        }
    }

    /** The export's entry with sequence {@code sequence}, or null. */
    @Nullable
    AccessLogEntry find(long sequence) throws IOException {
        AtomicReference<AccessLogEntry> found = new AtomicReference<>();
        read(entry -> {
            if (entry.sequence() == sequence) {
                found.set(entry);
            }
        });
        return found.get();
    }

    /** The checkpoint the export ends with, once read; null for an empty log or none. */
    @Nullable
    Checkpoint checkpoint() {
        return checkpoint;
    }

    long entries() {
        return entries;
    }
}

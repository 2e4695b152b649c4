package org.leakdesk.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The access log's export format, JSON lines: one object per entry ({@code sequence}, {@code
 * recordedAt} with microseconds, {@code actor}, {@code action}, {@code subject}, {@code detail},
 * {@code entryHash} and {@code previousHash} in hex), then one {@code {"checkpoint": "..."}} line
 * with the text of the signed checkpoint that covers the export. The auditor's pages write it;
 * {@code java -jar leakdesk.jar verify-log} reads it offline.
 */
public final class AccessLogJsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private AccessLogJsonLines() {}

    /** One line of an export, as read back. */
    public sealed interface Line {}

    /** An entry's line. */
    public record EntryLine(AccessLogEntry entry) implements Line {}

    /** The closing line: the covering checkpoint's text, empty for an empty log. */
    public record CheckpointLine(String text) implements Line {}

    /** The entry as one line of JSON, without the line break. */
    public static String entry(AccessLogEntry entry) {
        ObjectNode node = JSON.createObjectNode()
                .put("sequence", entry.sequence())
                .put("recordedAt", entry.recordedAt().toString())
                .put("actor", entry.actor())
                .put("action", entry.action().name())
                .put("subject", entry.subject())
                .put("detail", entry.detail())
                .put("entryHash", HEX.formatHex(entry.entryHash()))
                .put("previousHash", HEX.formatHex(entry.previousHash()));
        return write(node);
    }

    /** The closing line with the checkpoint's text, without the line break. */
    public static String checkpoint(String text) {
        return write(JSON.createObjectNode().put("checkpoint", text));
    }

    /**
     * Reads one line; actions are kept by their stored name.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Line parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node.has("checkpoint")) {
            return new CheckpointLine(node.get("checkpoint").asText());
        }
        try {
            return new EntryLine(new AccessLogEntry(
                    required(node, "sequence").asLong(),
                    Instant.parse(required(node, "recordedAt").asText()),
                    required(node, "actor").asText(),
                    AccessAction.named(required(node, "action").asText()),
                    text(node, "subject"),
                    text(node, "detail"),
                    HEX.parseHex(required(node, "entryHash").asText()),
                    HEX.parseHex(required(node, "previousHash").asText())));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("recordedAt is not a time", e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

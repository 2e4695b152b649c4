package org.leakdesk.intake.parsing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The framing on a parser child's pipes. A request is an operation, the file name, the length and
 * then the document's bytes; a reply is a status, a length and a payload (JSON of a {@link
 * ParseReport}, the bytes of a scrubbed copy, or a one-line reason for a refusal). The child reads
 * a whole request before it writes its reply, so neither side can block the other.
 */
public final class ChildWire {

    /** Read the document and report its metadata, text and embedded documents. */
    public static final int ANALYZE = 1;
    /** Read the document and return a copy without its metadata. */
    public static final int SCRUB = 2;

    /** The payload is the answer. */
    public static final int OK = 0;
    /** The child declined (e.g. a format it cannot scrub); the payload is the reason. */
    public static final int REFUSED = 1;

    /** The first bytes a child writes once it is ready, so the parent knows start-up worked. */
    public static final int READY = 0x4C44504B;

    private ChildWire() {}

    /** A request as the child reads it; the body is still to be read from the stream. */
    public record RequestHeader(int operation, String fileName, long length) {}

    /** A reply as the parent reads it. */
    public record Reply(int status, byte[] payload) {

        public String reason() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes a request, copying {@code length} bytes from {@code body}.
     *
     * @throws SourceFailure if reading {@code body} failed (not the pipe)
     */
    public static void writeRequest(DataOutputStream out, int operation, String fileName, long length, InputStream body)
            throws IOException {
        out.writeInt(operation);
        out.writeUTF(clip(fileName));
        out.writeLong(length);
        byte[] buffer = new byte[64 * 1024];
        long remaining = length;
        while (remaining > 0) {
            int n;
            try {
                n = body.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
            if (n < 0) {
                throw new SourceFailure(new EOFException("The document is shorter than its recorded size"));
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        out.flush();
    }

    /** Reads the next request's header, or null at the end of the stream (the parent closed it). */
    public static @Nullable RequestHeader readRequestHeader(DataInputStream in) throws IOException {
        int operation;
        try {
            operation = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        return new RequestHeader(operation, in.readUTF(), in.readLong());
    }

    public static void writeReply(DataOutputStream out, int status, byte[] payload) throws IOException {
        out.writeInt(status);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /**
     * Reads a reply.
     *
     * @throws ReplyTooLarge if the child announces more than {@code maxBytes}
     */
    public static Reply readReply(DataInputStream in, int maxBytes) throws IOException {
        int status = in.readInt();
        int length = in.readInt();
        if (length < 0 || length > maxBytes) {
            throw new ReplyTooLarge(length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Reply(status, payload);
    }

    /** A scrubbed copy on the wire: the media type it was written as, then its bytes. */
    public record ScrubbedCopy(String mediaType, byte[] bytes) {

        public byte[] encode() {
            byte[] type = mediaType.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + type.length + bytes.length];
            payload[0] = (byte) (type.length >>> 8);
            payload[1] = (byte) type.length;
            System.arraycopy(type, 0, payload, 2, type.length);
            System.arraycopy(bytes, 0, payload, 2 + type.length, bytes.length);
            return payload;
        }

        public static ScrubbedCopy decode(byte[] payload) {
            int typeLength = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            String type = new String(payload, 2, typeLength, StandardCharsets.UTF_8);
            byte[] bytes = java.util.Arrays.copyOfRange(payload, 2 + typeLength, payload.length);
            return new ScrubbedCopy(type, bytes);
        }
    }

    /** writeUTF takes at most 65,535 bytes; a file name is only a type hint, so a prefix does. */
    private static String clip(String fileName) {
        return fileName.length() > 1000 ? fileName.substring(0, 1000) : fileName;
    }

    /** Reading the document to send failed; the pipe and the child are fine. */
    public static final class SourceFailure extends IOException {
        public SourceFailure(IOException cause) {
            super("Reading the document to parse failed", cause);
        }
    }

    /** The child wanted to send more than the parent accepts. */
    public static final class ReplyTooLarge extends IOException {
        public ReplyTooLarge(int length) {
            super("A parser child's reply of " + length + " bytes is over the limit");
        }
    }
}

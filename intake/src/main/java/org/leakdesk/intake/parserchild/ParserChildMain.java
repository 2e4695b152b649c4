package org.leakdesk.intake.parserchild;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.LogManager;
import org.apache.tika.io.TikaInputStream;
import org.leakdesk.intake.parsing.ChildWire;
import org.leakdesk.intake.parsing.ParseReport;
import org.leakdesk.intake.parsing.ParserLimits;
import org.slf4j.LoggerFactory;

/**
 * Entry point of a parser child. Reads requests from standard input and answers on standard
 * output until the parent closes the pipe. Standard output is reserved for replies, so {@code
 * System.out}, {@code System.err} and every logger are switched off first: parsers print and log
 * fragments of what they read, and none of that may leave this process.
 */
public final class ParserChildMain {

    private ParserChildMain() {}

    public static void main(String[] args) throws IOException {
        OutputStream replies = new FileOutputStream(FileDescriptor.out);
        InputStream requests = new FileInputStream(FileDescriptor.in);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        System.setOut(nowhere);
        System.setErr(nowhere);
        silenceLogging();
        forbidExternalXmlResources();

        ParserLimits limits = ParserLimits.fromArguments(args);
        DocumentParsing parsing = new DocumentParsing(limits);
        ObjectMapper json = new ObjectMapper();
        DataInputStream in = new DataInputStream(new BufferedInputStream(requests, 64 * 1024));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(replies, 64 * 1024));
        out.writeInt(ChildWire.READY);
        out.flush();

        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        for (ChildWire.RequestHeader request = ChildWire.readRequestHeader(in);
                request != null;
                request = ChildWire.readRequestHeader(in)) {
            try {
                answer(request, in, out, limits, parsing, json, scratch);
            } finally {
                if (limits.scratchAvailable()) {
                    wipe(scratch);
                }
            }
        }
    }

    private static void answer(
            ChildWire.RequestHeader request,
            DataInputStream in,
            DataOutputStream out,
            ParserLimits limits,
            DocumentParsing parsing,
            ObjectMapper json,
            Path scratch)
            throws IOException {
        if (request.length() > limits.memoryDocumentLimit() && !limits.scratchAvailable()) {
            in.skipNBytes(request.length());
            ChildWire.writeReply(out, ChildWire.REFUSED, utf8("there is no safe scratch space for a file this large"));
            return;
        }
        try (TikaInputStream document = receive(in, request.length(), limits, scratch)) {
            switch (request.operation()) {
                case ChildWire.ANALYZE -> {
                    ParseReport report = parsing.parse(document, request.fileName());
                    ChildWire.writeReply(out, ChildWire.OK, json.writeValueAsBytes(report));
                }
                case ChildWire.SCRUB -> {
                    MetadataScrubber.Result result = MetadataScrubber.scrub(document, request.fileName());
                    if (result instanceof MetadataScrubber.Scrubbed scrubbed) {
                        ChildWire.writeReply(
                                out,
                                ChildWire.OK,
                                new ChildWire.ScrubbedCopy(scrubbed.mediaType(), scrubbed.bytes()).encode());
                    } else if (result instanceof MetadataScrubber.Unsupported unsupported) {
                        ChildWire.writeReply(out, ChildWire.REFUSED, utf8(unsupported.reason()));
                    }
                }
                default -> ChildWire.writeReply(out, ChildWire.REFUSED, utf8("unknown operation"));
            }
        }
    }

    /** Small documents stay in memory; larger ones go to the private, memory-backed scratch folder. */
    private static TikaInputStream receive(DataInputStream in, long length, ParserLimits limits, Path scratch)
            throws IOException {
        if (length <= limits.memoryDocumentLimit()) {
            byte[] bytes = new byte[(int) length];
            in.readFully(bytes);
            return TikaInputStream.get(bytes);
        }
        Path copy = Files.createTempFile(scratch, "document", ".bin");
        try (OutputStream file = Files.newOutputStream(copy, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            long remaining = length;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("The parent closed the pipe mid-document");
                }
                file.write(buffer, 0, n);
                remaining -= n;
            }
        }
        return TikaInputStream.get(copy);
    }

    private static void wipe(Path scratch) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(scratch)) {
            for (Path entry : entries) {
                delete(entry);
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    delete(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void silenceLogging() {
        LogManager.getLogManager().reset();
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.reset();
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    /** Tika's XML parsers already refuse external entities; this makes the JDK refuse them too. */
    private static void forbidExternalXmlResources() {
        System.setProperty("javax.xml.accessExternalDTD", "");
        System.setProperty("javax.xml.accessExternalSchema", "");
        System.setProperty("javax.xml.accessExternalStylesheet", "");
    }
}

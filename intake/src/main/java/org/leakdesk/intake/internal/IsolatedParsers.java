package org.leakdesk.intake.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import org.leakdesk.intake.parsing.ChildWire;
import org.leakdesk.intake.parsing.ParseReport;

/**
 * {@link DocumentAnalyzer} on a pool of parser children: warm children are reused, a child that
 * broke a limit is replaced, and at most {@code children} documents are parsed at once.
 */
final class IsolatedParsers implements DocumentAnalyzer, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Named in a report when no child got as far as saying which Tika it runs. */
    private static final String EXTRACTOR = "Apache Tika (in a parser child)";

    private final ChildLauncher launcher;
    private final boolean runsParsers;
    private final ScratchSpace scratch;
    private final ExtractionSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final Semaphore slots;
    private final BlockingQueue<ParserChild> idle = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parser-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param runsParsers false in a process whose roles run no parser (a source-only process): it
     *     then starts no child and answers every document with "not parsed"
     */
    IsolatedParsers(ChildLauncher launcher, ScratchSpace scratch, ExtractionSettings settings, boolean runsParsers) {
        this.launcher = launcher;
        this.runsParsers = runsParsers;
        this.scratch = scratch;
        this.settings = settings;
        this.slots = new Semaphore(Math.max(1, settings.children()), true);
    }

    @Override
    public ParseReport analyze(InputStream plaintext, long size, String fileName) throws IOException {
        if (size > settings.maxDocumentSize().toBytes()) {
            return notParsed(
                    "it is larger than " + settings.maxDocumentSize().toMegabytes() + " MB, the parsing limit");
        }
        try {
            ChildWire.Reply reply = call(ChildWire.ANALYZE, plaintext, size, fileName);
            if (reply.status() != ChildWire.OK) {
                return notParsed(reply.reason());
            }
            return json.readValue(reply.payload(), ParseReport.class);
        } catch (ChildFailure e) {
            return notParsed(e.getMessage());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return notParsed("the parser's answer was malformed");
        }
    }

    @Override
    public ScrubResult scrub(InputStream plaintext, long size, String fileName) throws IOException {
        if (size > settings.maxDocumentSize().toBytes()) {
            return new NotScrubbed("it is larger than the parsing limit");
        }
        try {
            ChildWire.Reply reply = call(ChildWire.SCRUB, plaintext, size, fileName);
            if (reply.status() != ChildWire.OK) {
                return new NotScrubbed(reply.reason());
            }
            ChildWire.ScrubbedCopy copy = ChildWire.ScrubbedCopy.decode(reply.payload());
            return new Scrubbed(copy.bytes(), copy.mediaType());
        } catch (ChildFailure e) {
            return new NotScrubbed(e.getMessage());
        }
    }

    private ChildWire.Reply call(int operation, InputStream plaintext, long size, String fileName)
            throws IOException, ChildFailure {
        if (!runsParsers) {
            throw new ChildFailure("this process runs no parsers (leakdesk.roles has neither staff nor worker)");
        }
        slots.acquireUninterruptibly();
        ParserChild child = null;
        try {
            child = borrow();
            ChildWire.Reply reply = child.call(operation, fileName, size, plaintext, settings.timeout(), (int)
                    Math.min(Integer.MAX_VALUE - 16, settings.maxOutput().toBytes()));
            giveBack(child);
            child = null;
            return reply;
        } finally {
            if (child != null) {
                child.close();
            }
            slots.release();
        }
    }

    private ParserChild borrow() throws IOException, ChildFailure {
        for (ParserChild child = idle.poll(); child != null; child = idle.poll()) {
            if (!child.broken()) {
                return child;
            }
            child.close();
        }
        return ParserChild.start(
                launcher, scratch, watchdog, settings.childHeap().toMegabytes() + " MB", START_TIMEOUT);
    }

    private void giveBack(ParserChild child) {
        if (child.broken() || child.documents() >= settings.documentsPerChild()) {
            child.close();
        } else {
            idle.add(child);
        }
    }

    private static ParseReport notParsed(String reason) {
        return ParseReport.notParsed(EXTRACTOR, reason);
    }

    /** Ends every idle child. Children busy with a document end when their call returns. */
    @Override
    public void close() {
        for (ParserChild child = idle.poll(); child != null; child = idle.poll()) {
            child.close();
        }
        watchdog.shutdownNow();
    }
}

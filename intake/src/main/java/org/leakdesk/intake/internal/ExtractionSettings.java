package org.leakdesk.intake.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How documents are parsed ({@code leakdesk.extraction.*}). Every parse runs in a child JVM with
 * these limits; a child that breaks one is killed and the document recorded as not parsed.
 *
 * @param children parser children running at once (each one JVM)
 * @param childHeap the {@code -Xmx} of each child
 * @param timeout wall-clock time one document may take, from the first byte sent to the answer
 * @param textLimit characters of text per file, embedded documents included (also stops decompression bombs)
 * @param maxEmbedded embedded documents parsed per file
 * @param maxDepth how deep embedded documents are followed
 * @param maxOutput the largest answer a child may send (metadata and text, or a scrubbed copy)
 * @param maxDocumentSize larger documents are stored but not parsed
 * @param memoryDocumentLimit documents up to this size are held in the child's memory; larger ones
 *     need scratch space
 * @param documentsPerChild a child is replaced after this many documents (a bound on slow leaks; a restart
 *     costs a JVM start and a cold JIT, so not often)
 * @param isolateNetwork start children in a network namespace of their own ({@code unshare}) when the
 *     machine allows it
 * @param scratchDirectory a memory-backed (tmpfs) folder for parsers that need a file; default /dev/shm.
 *     Without one, nothing is written and documents that need a file are recorded as not parsed.
 */
@ConfigurationProperties("leakdesk.extraction")
record ExtractionSettings(
        @DefaultValue("2") int children,
        @DefaultValue("512MB") DataSize childHeap,
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("100000") int textLimit,
        @DefaultValue("200") int maxEmbedded,
        @DefaultValue("5") int maxDepth,
        @DefaultValue("32MB") DataSize maxOutput,
        @DefaultValue("1GB") DataSize maxDocumentSize,
        @DefaultValue("64MB") DataSize memoryDocumentLimit,
        @DefaultValue("10000") int documentsPerChild,
        @DefaultValue("true") boolean isolateNetwork,
        @Nullable Path scratchDirectory) {}

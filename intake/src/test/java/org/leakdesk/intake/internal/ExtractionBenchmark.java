package org.leakdesk.intake.internal;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.io.TikaInputStream;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.parserchild.InProcessReference;
import org.leakdesk.intake.parsing.ParserLimits;
import org.springframework.util.unit.DataSize;

/**
 * Documents per second through LeakDesk's isolated extraction (parser children) against Tika in
 * this JVM on the same files, the same limits and the same number of threads, and this JVM's heap
 * before and after the isolated run. Run by {@code infra/scripts/benchmark-extraction}; not part
 * of the test suite. Prints {@code key=value} lines.
 */
public final class ExtractionBenchmark {

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        List<Path> corpus = new ArrayList<>(SharedFiles.corpusFiles());
        corpus.add(SharedFiles.sample(SharedFiles.PORAVALIT));
        corpus.add(SharedFiles.sample(SharedFiles.SPECIALEURASIA));
        List<byte[]> bytes = new ArrayList<>();
        for (Path file : corpus) {
            bytes.add(Files.readAllBytes(file));
        }
        ExtractionSettings settings = new ExtractionSettings(
                threads,
                DataSize.ofMegabytes(512),
                Duration.ofSeconds(60),
                100_000,
                200,
                5,
                DataSize.ofMegabytes(32),
                DataSize.ofGigabytes(1),
                DataSize.ofMegabytes(64),
                10_000,
                true,
                null);
        ScratchSpace scratch = ScratchSpace.find(null);
        try (IsolatedParsers isolated =
                new IsolatedParsers(new ChildLauncher(settings, scratch.available()), scratch, settings, true)) {
            // Warm-up: start the children and let both JITs see every parser once.
            run(
                    documents / 10,
                    threads,
                    corpus,
                    bytes,
                    (i, name, doc) -> isolated.analyze(new ByteArrayInputStream(doc), doc.length, name));
            long heapBefore = usedHeapAfterGc();
            double isolatedRate = run(
                    documents,
                    threads,
                    corpus,
                    bytes,
                    (i, name, doc) -> isolated.analyze(new ByteArrayInputStream(doc), doc.length, name));
            long heapAfter = usedHeapAfterGc();

            ParserLimits limits =
                    new ParserLimits(100_000, 200, 5, DataSize.ofMegabytes(64).toBytes(), scratch.available());
            ThreadLocal<InProcessReference> reference = ThreadLocal.withInitial(() -> new InProcessReference(limits));
            run(
                    documents / 10,
                    threads,
                    corpus,
                    bytes,
                    (i, name, doc) -> reference.get().parse(TikaInputStream.get(doc), name));
            double inProcessRate = run(
                    documents,
                    threads,
                    corpus,
                    bytes,
                    (i, name, doc) -> reference.get().parse(TikaInputStream.get(doc), name));

            System.out.printf("documents=%d%nthreads=%d%ncorpus_files=%d%n", documents, threads, corpus.size());
            System.out.printf("isolated_docs_per_s=%.1f%n", isolatedRate);
            System.out.printf("in_process_docs_per_s=%.1f%n", inProcessRate);
            System.out.printf("isolated_vs_in_process=%.2f%n", isolatedRate / inProcessRate);
            System.out.printf(
                    "main_heap_before_mib=%.1f%nmain_heap_after_mib=%.1f%n",
                    heapBefore / 1048576.0, heapAfter / 1048576.0);
        }
        System.exit(0);
    }

    interface Parse {
        void run(int index, String name, byte[] document) throws Exception;
    }

    private static double run(int documents, int threads, List<Path> corpus, List<byte[]> bytes, Parse parse)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < documents; i = next.getAndIncrement()) {
                    int file = i % corpus.size();
                    parse.run(i, corpus.get(file).getFileName().toString(), bytes.get(file));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return documents / seconds;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

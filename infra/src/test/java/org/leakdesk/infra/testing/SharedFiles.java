package org.leakdesk.infra.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workplace's shared test material: {@code shared/samples} (the two articles of the demo
 * story) and {@code shared/corpus/tika-test-documents}. Found beside the repository (or at
 * {@code LEAKDESK_SHARED_DIR}); a test that needs them fails loudly if they are missing.
 */
public final class SharedFiles {

    public static final String PORAVALIT = "poravalit-fsb-leak-report.txt";
    public static final String SPECIALEURASIA = "specialeurasia-fsb-leak-analysis.txt";

    private SharedFiles() {}

    public static Path sample(String name) {
        return existing(root().resolve("samples").resolve(name));
    }

    public static Path corpus(String name) {
        return existing(corpusDirectory().resolve(name));
    }

    public static List<Path> corpusFiles() {
        try (Stream<Path> files = Files.list(corpusDirectory())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path corpusDirectory() {
        return existing(root().resolve("corpus").resolve("tika-test-documents"));
    }

    private static Path root() {
        String configured = System.getenv("LEAKDESK_SHARED_DIR");
        if (configured != null && !configured.isBlank()) {
            return existing(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("samples"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("The shared test files (shared/samples, shared/corpus) were not found beside"
                + " the repository; set LEAKDESK_SHARED_DIR to their folder");
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("Missing shared test file " + path);
        }
        return path;
    }
}

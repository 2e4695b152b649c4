package org.leakdesk.infra.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.BlobStore;

/** The blob store contract on a local directory. */
class LocalBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    private LocalBlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalBlobStore(root);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    void placeSomethingThatIsNotABlob() throws IOException {
        Files.writeString(root.resolve("README"), "not a blob");
        Path stray = Files.createDirectories(root.resolve("ab"));
        Files.writeString(stray.resolve("ab-not-a-uuid"), "not a blob either");
    }

    @Override
    long unfinishedWrites() throws IOException {
        return filesUnder(root.resolve("incoming"));
    }

    @Override
    long storedItems() throws IOException {
        return filesUnder(root);
    }

    @Override
    int bytesThatReachTheStore() {
        // The temporary file exists from the start.
        return 1;
    }

    private static long filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

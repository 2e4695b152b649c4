package org.leakdesk.infra.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;

/** The blob store contract on a local directory, written with direct I/O (as on ext4 here). */
class LocalBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    private LocalBlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalBlobStore(root, directIo());
    }

    boolean directIo() {
        return true;
    }

    @Test
    void writesWithDirectIoOnlyWhenAsked() {
        assertThat(store.writesDirect()).isEqualTo(directIo());
    }

    @Test
    void blobsOfEveryLengthAroundTheBlockAndBufferSizesComeBackWhole() throws IOException {
        int buffer = LocalBlobStore.DIRECT_BUFFER_BYTES;
        for (int size : new int[] {1, 4095, 4096, 4097, buffer - 1, buffer, buffer + 1, 2 * buffer + 4097}) {
            byte[] content = randomBytes(size);
            BlobId id;
            try (PendingBlob blob = store.create()) {
                id = blob.id();
                try (OutputStream out = blob.stream()) {
                    for (int at = 0; at < size; at += 10_007) {
                        out.write(content, at, Math.min(10_007, size - at));
                    }
                }
                assertThat(blob.commit()).as("size").isEqualTo(size);
            }
            assertThat(Files.size(store.pathOf(id)))
                    .as("%d bytes on disk", size)
                    .isEqualTo(size);
            try (InputStream in = store.open(id)) {
                assertThat(in.readAllBytes()).as("%d bytes", size).isEqualTo(content);
            }
        }
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

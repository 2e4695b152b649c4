package org.leakdesk.infra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.PendingBlob;

class LocalBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void aCommittedBlobCanBeReadBack() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        byte[] content = "ciphertext bytes".getBytes();
        BlobId id;
        try (PendingBlob blob = store.create()) {
            id = blob.id();
            try (OutputStream out = blob.stream()) {
                out.write(content);
            }
            assertThat(store.exists(id)).as("invisible before commit").isFalse();
            assertThat(blob.commit()).isEqualTo(content.length);
        }

        assertThat(store.exists(id)).isTrue();
        try (InputStream in = store.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(filesUnder(root.resolve("incoming"))).isZero();
    }

    @Test
    void aBlobClosedWithoutCommitLeavesNoFile() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        BlobId id;
        try (PendingBlob blob = store.create()) {
            id = blob.id();
            blob.stream().write(new byte[100_000]);
        }

        assertThat(store.exists(id)).isFalse();
        assertThat(filesUnder(root)).isZero();
    }

    @Test
    void deleteRemovesTheBlobAndOpeningAMissingBlobIsAClearError() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        BlobId id;
        try (PendingBlob blob = store.create()) {
            id = blob.id();
            blob.stream().write(1);
            blob.commit();
        }

        store.delete(id);
        store.delete(id);

        assertThat(store.exists(id)).isFalse();
        assertThatThrownBy(() -> store.open(new BlobId(UUID.randomUUID()))).isInstanceOf(NoSuchFileException.class);
    }

    private static long filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

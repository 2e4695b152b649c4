package org.leakdesk.infra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void theSweepersViewListsOnlyCommittedBlobsOlderThanTheCutoffAndTouchRenewsOne() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        BlobId old = committed(store);
        BlobId young = committed(store);
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        Files.setLastModifiedTime(store.pathOf(old), FileTime.from(twoHoursAgo));
        Files.writeString(root.resolve("README"), "not a blob");
        Files.setLastModifiedTime(root.resolve("README"), FileTime.from(twoHoursAgo));
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));

        try (PendingBlob writing = store.create()) {
            Files.setLastModifiedTime(
                    root.resolve("incoming").resolve(writing.id() + ".part"), FileTime.from(twoHoursAgo));
            assertThat(list(store, cutoff)).containsExactly(old);
        }
        store.touch(old);
        assertThat(list(store, cutoff)).isEmpty();
        assertThat(list(store, Instant.now().plusSeconds(60))).containsExactlyInAnyOrder(old, young);
    }

    @Test
    void unfinishedBlobsOlderThanTheCutoffAreDeleted() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        Path stale = root.resolve("incoming").resolve(UUID.randomUUID() + ".part");
        Files.write(stale, new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        try (PendingBlob writing = store.create()) {
            assertThat(store.deleteUncommittedBefore(Instant.now().minus(Duration.ofHours(1))))
                    .isEqualTo(1);
            assertThat(Files.exists(stale)).isFalse();
            assertThat(Files.exists(root.resolve("incoming").resolve(writing.id() + ".part")))
                    .isTrue();
        }
    }

    private static BlobId committed(LocalBlobStore store) throws IOException {
        try (PendingBlob blob = store.create()) {
            blob.stream().write(1);
            blob.commit();
            return blob.id();
        }
    }

    private static java.util.List<BlobId> list(LocalBlobStore store, Instant cutoff) throws IOException {
        try (Stream<BlobId> ids = store.committedBefore(cutoff)) {
            return ids.toList();
        }
    }

    private static long filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

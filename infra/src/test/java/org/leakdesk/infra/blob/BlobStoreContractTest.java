package org.leakdesk.infra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;

/**
 * What every {@link BlobStore} promises, run against each real store (a directory, an S3 server):
 * nothing is visible before commit, nothing is left by a blob discarded or by a writer that died,
 * and the sweeper's view (age, keep-alive) holds.
 *
 * <p>Ages are real: a test waits past the next whole second rather than setting a time, because
 * an S3 server sets {@code LastModified} itself and reports it in whole seconds.
 */
abstract class BlobStoreContractTest {

    /** More than two S3 parts of the test stores' 5 MiB, so a blob takes the multipart path. */
    static final int LARGE = 12 * 1024 * 1024 + 123;

    /** The store under test, fresh and empty for each test. */
    abstract BlobStore store();

    /** Puts something in the store's space that is not a blob (a stray file or object), last written now. */
    abstract void placeSomethingThatIsNotABlob() throws IOException;

    /** Blobs being written (or left by a writer that died) that the store holds. */
    abstract long unfinishedWrites() throws IOException;

    /** Everything the store holds: committed blobs, unfinished writes, bookkeeping. */
    abstract long storedItems() throws IOException;

    /** How many bytes a writer must write before some of them are in the store (not only in memory). */
    abstract int bytesThatReachTheStore();

    @Test
    void aCommittedBlobCanBeReadBackAndIsInvisibleBefore() throws IOException {
        for (int size : new int[] {0, 16, LARGE}) {
            byte[] content = randomBytes(size);
            BlobId id;
            try (PendingBlob blob = store().create()) {
                id = blob.id();
                try (OutputStream out = blob.stream()) {
                    out.write(content);
                }
                assertThat(store().exists(id)).as("invisible before commit").isFalse();
                BlobId unseen = id;
                assertThatThrownBy(() -> store().open(unseen)).isInstanceOf(NoSuchFileException.class);
                assertThat(blob.commit()).as("size").isEqualTo(size);
            }

            assertThat(store().exists(id)).isTrue();
            try (InputStream in = store().open(id)) {
                assertThat(sha256(in.readAllBytes())).as("%d bytes", size).isEqualTo(sha256(content));
            }
        }
        assertThat(unfinishedWrites()).isZero();
    }

    @Test
    void aBlobClosedWithoutCommitLeavesNothing() throws IOException {
        BlobId id;
        try (PendingBlob blob = store().create()) {
            id = blob.id();
            blob.stream().write(randomBytes(LARGE));
        }

        assertThat(store().exists(id)).isFalse();
        assertThat(storedItems()).isZero();
    }

    @Test
    void deleteRemovesTheBlobAndOpeningAMissingBlobIsAClearError() throws IOException {
        BlobId id = committed();

        store().delete(id);
        store().delete(id);
        store().delete(new BlobId(UUID.randomUUID()));

        assertThat(store().exists(id)).isFalse();
        assertThatThrownBy(() -> store().open(id)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store().open(new BlobId(UUID.randomUUID()))).isInstanceOf(NoSuchFileException.class);
        assertThat(storedItems()).isZero();
    }

    @Test
    void theSweepersViewListsOnlyCommittedBlobsOlderThanTheCutoffAndTouchRenewsOne() throws Exception {
        BlobId old = committed();
        placeSomethingThatIsNotABlob();
        try (PendingBlob writing = store().create()) {
            writing.stream().write(new byte[bytesThatReachTheStore()]);
            Instant cutoff = pastTheNextSecond();
            BlobId young = committed();

            assertThat(list(cutoff)).containsExactly(old);

            store().touch(old);
            assertThat(list(cutoff)).as("touched: in use again").isEmpty();
            assertThat(list(Instant.now().plusSeconds(60))).containsExactlyInAnyOrder(old, young);
        }
        long before = storedItems();
        store().touch(new BlobId(UUID.randomUUID()));
        assertThat(storedItems()).as("touching a missing blob creates nothing").isEqualTo(before);
    }

    @Test
    void unfinishedBlobsOlderThanTheCutoffAreDeletedAndWritesInProgressKept() throws Exception {
        byte[] content = randomBytes(bytesThatReachTheStore() + 1000);
        // A writer that dies: its blob is never committed nor closed.
        PendingBlob abandoned = store().create();
        abandoned.stream().write(content);
        Instant cutoff = pastTheNextSecond();

        try (PendingBlob writing = store().create()) {
            writing.stream().write(content);
            assertThat(unfinishedWrites()).isEqualTo(2);

            assertThat(store().deleteUncommittedBefore(cutoff)).isEqualTo(1);

            assertThat(unfinishedWrites()).isEqualTo(1);
            writing.commit();
            try (InputStream in = store().open(writing.id())) {
                assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
            }
        }
        abandoned.close();
        assertThat(store().exists(abandoned.id())).isFalse();
        assertThat(unfinishedWrites()).isZero();
        assertThat(store().deleteUncommittedBefore(Instant.now().plusSeconds(60)))
                .isZero();
    }

    BlobId committed() throws IOException {
        try (PendingBlob blob = store().create()) {
            blob.stream().write(1);
            blob.commit();
            return blob.id();
        }
    }

    List<BlobId> list(Instant cutoff) throws IOException {
        try (Stream<BlobId> ids = store().committedBefore(cutoff)) {
            return ids.toList();
        }
    }

    /**
     * Waits past the next whole second and returns that second: everything written before the call
     * is older than it, even on a store that truncates times to seconds, and everything after is not.
     */
    static Instant pastTheNextSecond() throws InterruptedException {
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, next.toEpochMilli() - System.currentTimeMillis()) + 20);
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

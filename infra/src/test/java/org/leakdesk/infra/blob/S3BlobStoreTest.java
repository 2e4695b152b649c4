package org.leakdesk.infra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;
import org.leakdesk.infra.testing.S3ProxyServer;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The blob store contract on a real S3-compatible server (S3Proxy on loopback, one bucket per
 * test), through the store's own client built from the settings a newsroom writes.
 */
class S3BlobStoreTest extends BlobStoreContractTest {

    static final int PART = 5 * 1024 * 1024;

    private final S3ProxyServer server = S3ProxyServer.shared();
    private final S3Client s3 = server.client();
    private String bucket;
    private S3BlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        bucket = server.createBucket();
        store = BlobConfiguration.s3Store(settings(bucket, "leakdesk/"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static BlobProperties.S3 settings(String bucket, String prefix) {
        S3ProxyServer server = S3ProxyServer.shared();
        return new BlobProperties.S3(
                server.endpoint(),
                bucket,
                null,
                true,
                prefix,
                DataSize.ofBytes(PART),
                server.credentialsFile(),
                "default");
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    void placeSomethingThatIsNotABlob() {
        s3.putObject(r -> r.bucket(bucket).key("leakdesk/README"), RequestBody.fromString("not a blob"));
        s3.putObject(r -> r.bucket(bucket).key("leakdesk/blobs/not-a-uuid"), RequestBody.fromString("x"));
        s3.putObject(r -> r.bucket(bucket).key("other/blobs/" + UUID.randomUUID()), RequestBody.fromString("x"));
    }

    @Override
    long unfinishedWrites() {
        return uploads().size();
    }

    @Override
    long storedItems() {
        return objects().size() + uploads().size();
    }

    @Override
    int bytesThatReachTheStore() {
        // A part leaves memory once it is full and the next byte comes.
        return PART + 1;
    }

    @Test
    void partsReachTheServerWhileTheBlobIsWrittenAndOnlyCommitShowsIt() throws IOException {
        byte[] content = randomBytes(2 * PART + 10);
        try (PendingBlob blob = store.create()) {
            try (OutputStream out = blob.stream()) {
                out.write(content);
            }
            assertThat(uploads()).hasSize(1);
            MultipartUpload upload = uploads().get(0);
            assertThat(upload.key()).isEqualTo("leakdesk/blobs/" + blob.id());
            assertThat(s3.listParts(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                            .parts())
                    .as("two full parts on the server, the rest in memory")
                    .hasSize(2)
                    .allSatisfy(part -> assertThat(part.size()).isEqualTo(PART));
            assertThat(objects()).isEmpty();

            blob.commit();

            assertThat(uploads()).isEmpty();
            assertThat(s3.headObject(r -> r.bucket(bucket).key(upload.key())).contentLength())
                    .isEqualTo(content.length);
            try (InputStream in = store.open(blob.id())) {
                assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
            }
        }
    }

    @Test
    void aMultipartBlobIsAsYoungAsItsCommitNotItsStart() throws Exception {
        BlobId id;
        try (PendingBlob blob = store.create()) {
            id = blob.id();
            blob.stream().write(new byte[PART + 1]);
            Instant cutoff = pastTheNextSecond();
            blob.commit();
            assertThat(list(cutoff)).doesNotContain(id);
        }
    }

    @Test
    void aMissingBucketOrWrongCredentialsStopTheStoreFromStarting() {
        assertThatThrownBy(() -> BlobConfiguration.s3Store(settings("no-such-bucket-here", "")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-bucket-here");
        assertThatThrownBy(() -> BlobConfiguration.s3Store(new BlobProperties.S3(
                        server.endpoint(),
                        bucket,
                        null,
                        true,
                        "",
                        DataSize.ofMegabytes(8),
                        server.credentialsFile(),
                        "no-such-profile")))
                .hasMessageContaining("no-such-profile");
        assertThatThrownBy(() -> BlobConfiguration.s3Store(settings(" ", "")))
                .hasMessageContaining("leakdesk.blobs.s3.bucket");
    }

    private List<S3Object> objects() {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .toList();
    }

    private List<MultipartUpload> uploads() {
        return s3.listMultipartUploads(r -> r.bucket(bucket)).uploads();
    }
}

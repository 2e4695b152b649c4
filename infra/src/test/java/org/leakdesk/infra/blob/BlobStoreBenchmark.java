package org.leakdesk.infra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;
import org.leakdesk.infra.testing.S3ProxyServer;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes and reads blobs of {@code args[0]} MiB through both stores, each beside a reference
 * measured in the same run: for the local store, the same bytes written to a new file and synced; for
 * the S3 store (S3Proxy, filesystem backend, on loopback), the same bytes sent by the SDK itself as
 * a multipart upload with the same part size. Best of {@code args[1]} rounds; run by
 * {@code infra/scripts/benchmark-blob-stores}.
 */
final class BlobStoreBenchmark {

    private static final int PART = 8 * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] chunk = new byte[1024 * 1024];
        new Random(1).nextBytes(chunk);
        Path dir = Files.createDirectories(Path.of("infra", "target", "blob-benchmark"));
        LocalBlobStore local = new LocalBlobStore(Files.createTempDirectory(dir, "local"));
        S3ProxyServer server = S3ProxyServer.shared();
        String bucket = server.createBucket();
        try (S3BlobStore s3 = BlobConfiguration.s3Store(new BlobProperties.S3(
                server.endpoint(),
                bucket,
                null,
                true,
                "",
                DataSize.ofBytes(PART),
                server.credentialsFile(),
                "default"))) {
            System.out.printf("blob stores, %d MiB per blob, best of %d (MiB/s)%n", mib, rounds);
            double file =
                    best(rounds, () -> syncedFile(Files.createTempFile(dir, "reference", ".bin"), chunk, mib), mib);
            double localWrite = best(rounds, () -> written(local, chunk, mib), mib);
            BlobId localBlob = written(local, chunk, mib);
            double localRead = best(rounds, () -> read(local, localBlob), mib);
            double sdk = best(rounds, () -> sdkMultipart(server.client(), bucket, chunk, mib), mib);
            double s3Write = best(rounds, () -> written(s3, chunk, mib), mib);
            BlobId s3Blob = written(s3, chunk, mib);
            double s3Read = best(rounds, () -> read(s3, s3Blob), mib);
            System.out.printf("reference: file written and synced   %8.0f%n", file);
            System.out.printf(
                    "local store: write + commit           %8.0f  (%.2f x reference)%n", localWrite, localWrite / file);
            System.out.printf("local store: read                     %8.0f%n", localRead);
            System.out.printf("reference: SDK multipart upload       %8.0f%n", sdk);
            System.out.printf(
                    "S3 store: write + commit              %8.0f  (%.2f x reference)%n", s3Write, s3Write / sdk);
            System.out.printf("S3 store: read                        %8.0f%n", s3Read);
        }
        System.exit(0);
    }

    interface Run {
        Object go() throws Exception;
    }

    private static double best(int rounds, Run run, int mib) throws Exception {
        run.go(); // warm-up
        long bestNanos = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            run.go();
            bestNanos = Math.min(bestNanos, System.nanoTime() - start);
        }
        return mib / (bestNanos / 1e9);
    }

    private static Path syncedFile(Path path, byte[] chunk, int mib) throws IOException {
        try (FileChannel out = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < mib; i++) {
                out.write(ByteBuffer.wrap(chunk));
            }
            out.force(true);
        }
        return path;
    }

    private static BlobId written(BlobStore store, byte[] chunk, int mib) throws IOException {
        try (PendingBlob blob = store.create()) {
            OutputStream out = blob.stream();
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
            }
            blob.commit();
            return blob.id();
        }
    }

    private static long read(BlobStore store, BlobId id) throws IOException {
        try (InputStream in = store.open(id)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static String sdkMultipart(S3Client s3, String bucket, byte[] chunk, int mib) {
        String key = "reference/" + System.nanoTime();
        String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] part = new byte[PART];
        int perPart = PART / chunk.length;
        for (int done = 0; done < mib; done += perPart) {
            int chunks = Math.min(perPart, mib - done);
            for (int c = 0; c < chunks; c++) {
                System.arraycopy(chunk, 0, part, c * chunk.length, chunk.length);
            }
            int number = parts.size() + 1;
            long length = (long) chunks * chunk.length;
            String eTag = s3.uploadPart(
                            r -> r.bucket(bucket)
                                    .key(key)
                                    .uploadId(upload)
                                    .partNumber(number)
                                    .contentLength(length),
                            RequestBody.fromBytes(java.util.Arrays.copyOf(part, (int) length)))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }
        s3.completeMultipartUpload(
                r -> r.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
        return key;
    }
}

package org.leakdesk.infra.blob;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where blobs live ({@code leakdesk.blobs.*}).
 *
 * @param store {@code local} (a directory, the default) or {@code s3} (an S3-compatible bucket
 *     several machines share)
 * @param directory the local store's folder; temporary files go to its {@code incoming/} folder
 * @param s3 the S3 store's settings, used when {@code store} is {@code s3}
 */
@ConfigurationProperties("leakdesk.blobs")
record BlobProperties(
        @DefaultValue("local") Store store,
        Path directory,
        @DefaultValue S3 s3) {

    /** Which blob store the process uses. */
    enum Store {
        LOCAL,
        S3
    }

    /**
     * @param endpoint the server's URL for an S3-compatible store (MinIO, Ceph, Garage, ...); none
     *     for Amazon S3 itself
     * @param bucket the bucket, which must exist
     * @param region the bucket's region; none: the SDK's region chain ({@code AWS_REGION}, the
     *     profile), or {@code us-east-1} when an endpoint is given
     * @param pathStyle address the bucket as {@code endpoint/bucket} rather than {@code
     *     bucket.endpoint} (what most self-hosted servers want)
     * @param prefix put before every key (e.g. {@code leakdesk/}), to share a bucket
     * @param partSize how much of a blob is held in memory and sent as one multipart part (at
     *     least 5MB, S3's smallest part)
     * @param credentialsFile an AWS credentials file (profile format) readable only by the
     *     service user; none: the SDK's default chain (environment, profile, instance or container
     *     role)
     * @param profile the profile to read from {@code credentialsFile}
     */
    record S3(
            @Nullable URI endpoint,
            @Nullable String bucket,
            @Nullable String region,
            @DefaultValue("false") boolean pathStyle,
            @DefaultValue("") String prefix,
            @DefaultValue("8MB") DataSize partSize,
            @Nullable Path credentialsFile,
            @DefaultValue("default") String profile) {}
}

package org.leakdesk.infra.blob;

import java.io.IOException;
import org.leakdesk.infra.BlobStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BlobProperties.class)
class BlobConfiguration {

    /** The store {@code leakdesk.blobs.store} names; an S3 store closes its client with the context. */
    @Bean
    BlobStore blobStore(BlobProperties properties) throws IOException {
        if (properties.store() == BlobProperties.Store.S3) {
            return s3Store(properties.s3());
        }
        return new LocalBlobStore(properties.directory());
    }

    static S3BlobStore s3Store(BlobProperties.S3 settings) throws IOException {
        String bucket = settings.bucket();
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("leakdesk.blobs.store=s3 needs leakdesk.blobs.s3.bucket");
        }
        long partSize = settings.partSize().toBytes();
        if (partSize < 5L * 1024 * 1024 || partSize > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("leakdesk.blobs.s3.part-size must be between 5MB and 2GB");
        }
        return new S3BlobStore(client(settings), bucket, settings.prefix(), (int) partSize);
    }

    private static S3Client client(BlobProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                // The JDK's HttpURLConnection: no Netty or Apache HttpClient beside Spring Boot's.
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        } else if (settings.endpoint() != null) {
            // Self-hosted servers mostly ignore the region, but the request signature names one.
            builder.region(Region.US_EAST_1);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(BlobProperties.S3 settings) {
        if (settings.credentialsFile() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        ProfileFile file = ProfileFile.builder()
                .content(settings.credentialsFile())
                .type(ProfileFile.Type.CREDENTIALS)
                .build();
        return ProfileCredentialsProvider.builder()
                .profileFile(file)
                .profileName(settings.profile())
                .build();
    }
}

package org.leakdesk.intake.source;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * Where the flood limits' token buckets live ({@code leakdesk.source.rate.store}): in this
 * process's memory, or in PostgreSQL where every source process shares them.
 */
interface RateBuckets {

    /** The bucket called {@code key}, made with {@code configuration} if it does not exist yet. */
    Bucket bucket(String key, BucketConfiguration configuration);

    /** Drops buckets nobody has used for long enough that they are full again. */
    void forgetIdle();

    /** One process's buckets: right for a single source process (the zero-setup run). */
    final class InMemory implements RateBuckets {

        /** Above this many buckets, full ones (sources idle long enough) are dropped. */
        private static final int KEPT = 10_000;

        private record Kept(Bucket bucket, long capacity) {}

        private final ConcurrentMap<String, Kept> buckets = new ConcurrentHashMap<>();

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            if (buckets.size() > KEPT) {
                forgetIdle();
            }
            return buckets.computeIfAbsent(
                            key,
                            k -> new Kept(
                                    Bucket.builder()
                                            .addLimit(configuration.getBandwidths()[0])
                                            .build(),
                                    configuration.getBandwidths()[0].getCapacity()))
                    .bucket();
        }

        @Override
        public void forgetIdle() {
            buckets.values().removeIf(kept -> kept.bucket().getAvailableTokens() >= kept.capacity());
        }
    }

    /**
     * Buckets in PostgreSQL (Bucket4j's select-for-update proxy), shared by every source process:
     * the newsroom-wide rate is the configured one however many source processes run. Each check
     * is one short transaction on the bucket's row.
     */
    final class InPostgreSql implements RateBuckets {

        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        InPostgreSql(DataSource dataSource) {
            this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table("intake_rate_bucket")
                    .idColumn("id")
                    .stateColumn("state")
                    .expiresAtColumn("expires_at")
                    // A row lives until its bucket would be full again, then removeExpired takes it.
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return buckets.builder().build(key, () -> configuration);
        }

        @Override
        public void forgetIdle() {
            while (buckets.removeExpired(1_000) > 0) {
                // Until no expired row is left.
            }
        }
    }
}

package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.internal.InstallationSecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two source processes on one PostgreSQL database, each with its own limiter and its own
 * proof-of-work checker (as two JVMs would have): the rates are the newsroom's, not each
 * process's, and a browser check is good on either process, once.
 */
@SpringBootTest
class SharedFloodStateTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InstallationSecrets secrets;

    @Autowired
    RateBuckets configured;

    @BeforeEach
    void freshBuckets() {
        jdbc.sql("DELETE FROM intake_rate_bucket").update();
    }

    @Test
    void onPostgreSqlTheDefaultStoreIsTheSharedOne() {
        assertThat(configured).isInstanceOf(RateBuckets.InPostgreSql.class);
    }

    @Test
    void theRateOfNewSubmissionsIsSharedByEverySourceProcess() {
        SourceRateSettings fourAMinute = new SourceRateSettings(4, 30, SourceRateSettings.Store.DATABASE);
        SourceRateLimiter first = new SourceRateLimiter(fourAMinute, new RateBuckets.InPostgreSql(dataSource));
        SourceRateLimiter second = new SourceRateLimiter(fourAMinute, new RateBuckets.InPostgreSql(dataSource));

        first.admitSubmission(true);
        first.admitSubmission(true);
        second.admitSubmission(true);
        second.admitSubmission(true);

        // Each process alone has used only half of its own four.
        assertThatThrownBy(() -> first.admitSubmission(true)).isInstanceOf(SourceRateLimitedException.class);
        assertThatThrownBy(() -> second.admitSubmission(true)).isInstanceOf(SourceRateLimitedException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM intake_rate_bucket WHERE id LIKE 'submissions/%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aReturningSourceHasOneRateOfFollowUpsWhicheverProcessItReaches() {
        SourceRateSettings threeAnHour = new SourceRateSettings(30, 3, SourceRateSettings.Store.DATABASE);
        SourceRateLimiter first = new SourceRateLimiter(threeAnHour, new RateBuckets.InPostgreSql(dataSource));
        SourceRateLimiter second = new SourceRateLimiter(threeAnHour, new RateBuckets.InPostgreSql(dataSource));

        first.admitFollowUp("case-of-source-a");
        second.admitFollowUp("case-of-source-a");
        first.admitFollowUp("case-of-source-a");

        assertThatThrownBy(() -> second.admitFollowUp("case-of-source-a"))
                .isInstanceOfSatisfying(
                        SourceRateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(20)));
        assertThatCode(() -> second.admitFollowUp("case-of-source-b")).doesNotThrowAnyException();
        // Only a digest of the source's key is stored.
        assertThat(jdbc.sql("SELECT count(*) FROM intake_rate_bucket WHERE id LIKE '%case-of-source%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aBrowserCheckIssuedByOneProcessIsGoodOnAnotherOnce() {
        ProofOfWorkSettings easy = new ProofOfWorkSettings(8, Duration.ofMinutes(5));
        ProofOfWork first = new ProofOfWork(easy, new SecureRandom(), secrets, jdbc);
        ProofOfWork second = new ProofOfWork(easy, new SecureRandom(), secrets, jdbc);

        ProofOfWork.Challenge challenge = first.issue();
        String nonce = solve(challenge);

        assertThatCode(() -> second.check(challenge.token(), nonce)).doesNotThrowAnyException();
        assertThatThrownBy(() -> first.check(challenge.token(), nonce))
                .isInstanceOfSatisfying(
                        UploadRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo("upload.refused.check-used"));
    }

    private static String solve(ProofOfWork.Challenge challenge) {
        for (long n = 0; ; n++) {
            if (ProofOfWork.solves(challenge.token(), Long.toString(n), challenge.difficulty())) {
                return Long.toString(n);
            }
        }
    }
}

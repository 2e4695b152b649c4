package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.SignedInSource;
import org.leakdesk.intake.SourceSettings;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Source sessions end when idle, when old, and when too many are open; each end drops the key. */
class SourceSessionsTest {

    private final MutableClock clock = new MutableClock();
    private final SourceSessions sessions = new SourceSessions(
            new SecureRandom(),
            new SourceSettings(Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(1), 2),
            clock);

    @Test
    void anIdleSessionEndsAndItsKeyIsDropped() {
        Source source = new Source();
        String cookie = open(source);

        clock.advance(Duration.ofMinutes(14));
        assertThat(sessions.current(request(cookie))).isPresent();
        clock.advance(Duration.ofMinutes(14));
        assertThat(sessions.current(request(cookie))).isPresent();
        clock.advance(Duration.ofMinutes(16));

        assertThat(sessions.current(request(cookie))).isEmpty();
        assertThat(source.forgotten).isTrue();
    }

    @Test
    void aBusySessionStillEndsAtItsMaximumAge() {
        Source source = new Source();
        String cookie = open(source);
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.current(request(cookie))).isPresent();
        }

        clock.advance(Duration.ofMinutes(1));

        assertThat(sessions.current(request(cookie))).isEmpty();
        assertThat(source.forgotten).isTrue();
    }

    @Test
    void beyondTheMaximumTheLeastRecentlyUsedSessionEnds() {
        Source first = new Source();
        Source second = new Source();
        String firstCookie = open(first);
        clock.advance(Duration.ofMinutes(1));
        String secondCookie = open(second);
        clock.advance(Duration.ofMinutes(1));
        sessions.current(request(firstCookie));

        String thirdCookie = open(new Source());

        assertThat(sessions.size()).isEqualTo(2);
        assertThat(second.forgotten).isTrue();
        assertThat(sessions.current(request(secondCookie))).isEmpty();
        assertThat(sessions.current(request(firstCookie))).isPresent();
        assertThat(sessions.current(request(thirdCookie))).isPresent();
    }

    @Test
    void theCookieIsHttpOnlyStrictAndOnlyForTheSignedInPages() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        SourceSessions.Session session = sessions.open(new Source(), response);

        assertThat(response.getHeader("Set-Cookie"))
                .startsWith(SourceSessions.COOKIE + "=")
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/source")
                .doesNotContain("Max-Age");
        assertThat(session.csrfMatches(session.csrfToken())).isTrue();
        assertThat(session.csrfMatches("forged")).isFalse();
        assertThat(session.csrfMatches(null)).isFalse();
    }

    private String open(Source source) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        sessions.open(source, response);
        return response.getHeader("Set-Cookie").split(";")[0].split("=", 2)[1];
    }

    private static MockHttpServletRequest request(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie(SourceSessions.COOKIE, token));
        return request;
    }

    private static final class Source implements SignedInSource {

        private final UUID caseId = UUID.randomUUID();
        private boolean forgotten;

        @Override
        public UUID caseId() {
            return caseId;
        }

        @Override
        public void forget() {
            forgotten = true;
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

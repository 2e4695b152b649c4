package org.leakdesk.intake.source;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.SignedInSource;
import org.leakdesk.intake.SourceSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Signed-in sources, in this process's memory only: a source's reply key must never be written
 * anywhere, so these sessions are not the servlet container's (nor a database's). The cookie that
 * names one is set only by a successful codename sign-in: HttpOnly, SameSite=Strict, and sent only
 * to {@value #PATH}. Each session carries its own CSRF token for the signed-in forms. A source
 * process that restarts signs every source out; several source processes need sticky routing.
 */
class SourceSessions {

    static final String COOKIE = "leakdesk-source";
    static final String PATH = "/source";

    /** One signed-in source. */
    static final class Session {

        private final String token;
        private final SignedInSource source;
        private final String csrfToken;
        private final Instant startedAt;
        private volatile Instant lastUsed;

        Session(String token, SignedInSource source, String csrfToken, Instant startedAt) {
            this.token = token;
            this.source = source;
            this.csrfToken = csrfToken;
            this.startedAt = startedAt;
            this.lastUsed = startedAt;
        }

        SignedInSource source() {
            return source;
        }

        String csrfToken() {
            return csrfToken;
        }

        /** Whether {@code sent} is this session's CSRF token (compared in constant time). */
        boolean csrfMatches(@Nullable String sent) {
            return sent != null && MessageDigest.isEqual(csrfToken.getBytes(), sent.getBytes());
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final SourceSettings settings;
    private final Clock clock;

    SourceSessions(SecureRandom random, SourceSettings settings, Clock clock) {
        this.random = random;
        this.settings = settings;
        this.clock = clock;
    }

    /** The request's signed-in source, if its cookie names a live session (which it keeps alive). */
    Optional<Session> current(HttpServletRequest request) {
        String token = tokenOf(request);
        Session session = token == null ? null : sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            end(session);
            return Optional.empty();
        }
        session.lastUsed = now;
        return Optional.of(session);
    }

    /** Starts a session for a source who just signed in and sets its cookie. */
    Session open(SignedInSource source, HttpServletResponse response) {
        Instant now = clock.instant();
        removeExpired(now);
        while (sessions.size() >= settings.maxSessions()) {
            sessions.values().stream()
                    .min(Comparator.comparing(session -> session.lastUsed))
                    .ifPresent(this::end);
        }
        Session session = new Session(newToken(), source, newToken(), now);
        sessions.put(session.token, session);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(session.token, null).toString());
        return session;
    }

    /** Signs the source out: the key is dropped and the cookie cleared. */
    void close(Session session, HttpServletResponse response) {
        end(session);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString());
    }

    int size() {
        return sessions.size();
    }

    private void end(Session session) {
        sessions.remove(session.token, session);
        session.source.forget();
    }

    private boolean expired(Session session, Instant now) {
        return now.isAfter(session.lastUsed.plus(settings.sessionIdleTimeout()))
                || now.isAfter(session.startedAt.plus(settings.sessionMaxAge()));
    }

    private void removeExpired(Instant now) {
        sessions.values().stream()
                .filter(session -> expired(session, now))
                .toList()
                .forEach(this::end);
    }

    private static ResponseCookie cookie(String value, @Nullable Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .sameSite("Strict")
                .path(PATH);
        if (maxAge != null) {
            cookie.maxAge(maxAge);
        }
        return cookie.build();
    }

    private static @Nullable String tokenOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

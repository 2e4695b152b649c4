package org.leakdesk.review.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Holds each session's last fresh check and sends a request for an {@link AfterFreshCheck}
 * handler to {@code /confirm} when there is none or it is older than the configured validity.
 */
final class FreshChecks implements HandlerInterceptor {

    static final String CHECKED_AT = FreshChecks.class.getName() + ".CHECKED_AT";

    private final StaffSessionProperties settings;
    private final Clock clock;

    FreshChecks(StaffSessionProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(AfterFreshCheck.class)) {
            return true;
        }
        if (stillFresh(request.getSession(false))) {
            return true;
        }
        String here = request.getRequestURI().substring(request.getContextPath().length())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect(
                request.getContextPath() + "/confirm?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8));
        return false;
    }

    void passed(HttpSession session) {
        session.setAttribute(CHECKED_AT, clock.instant());
    }

    boolean stillFresh(HttpSession session) {
        if (session == null || !(session.getAttribute(CHECKED_AT) instanceof Instant at)) {
            return false;
        }
        return !clock.instant().isAfter(at.plus(settings.freshCheckValidity()));
    }

    /** A path on this site to return to after the check; anything else (another host, a scheme) goes home. */
    static String localPath(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.chars().anyMatch(Character::isISOControl)) {
            return "/";
        }
        return next;
    }
}

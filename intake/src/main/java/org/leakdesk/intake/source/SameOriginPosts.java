package org.leakdesk.intake.source;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery protection for the source face without any cookie before sign-in:
 * a form sent from another site is refused by what the browser says about where it comes from.
 * {@code Sec-Fetch-Site} (sent by current browsers, Tor Browser included) must be {@code
 * same-origin} or {@code none}; without it, an {@code Origin} must name this host. An {@code
 * Origin} of {@code null} is let through when nothing else is sent: this face's own pages send it,
 * because their referrer policy is {@code no-referrer}. The JSON API takes no cookies and is left
 * to tools. Signed-in forms also carry their session's token ({@link SourceSessions}).
 */
final class SameOriginPosts extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod())
                || request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (fromThisSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream()
                .write(
                        "This form can only be sent from this site's own pages. Open the page again and send it from there."
                                .getBytes(StandardCharsets.UTF_8));
    }

    static boolean fromThisSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return OWN_SITE.contains(site);
        }
        String origin = request.getHeader("Origin");
        return origin == null || origin.equals("null") || sameAuthority(origin, request.getHeader("Host"));
    }

    private static boolean sameAuthority(String origin, @Nullable String host) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

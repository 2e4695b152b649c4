package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The source's pages answer a rate limit with 429, a {@code Retry-After} header and a page that
 * says in plain words when to try again. JSON controllers answer it themselves (a handler in the
 * controller comes before this one).
 */
@ControllerAdvice(basePackages = "org.leakdesk.intake.source")
class SourceErrors {

    private final MessageSource messages;

    SourceErrors(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The page links back to the form the source came from: a returning source's own page (a
     * link to the first form would start a new case under a new codename), else the first form.
     */
    @ExceptionHandler(SourceRateLimitedException.class)
    String rateLimited(
            SourceRateLimitedException e,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        model.addAttribute("retryAfter", messages.getMessage(e.retryAfterWords(), locale));
        boolean returning = request.getRequestURI().startsWith(request.getContextPath() + SourceSessions.PATH + "/");
        model.addAttribute("back", returning ? SourceSessions.PATH + "/" : "/");
        return "intake/busy";
    }
}

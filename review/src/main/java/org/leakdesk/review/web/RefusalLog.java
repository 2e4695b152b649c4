package org.leakdesk.review.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.InfraAccessAction;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes every refused request of a signed-in staff member to the access log: a role that does
 * not cover the page, a case they were not given, a task that is not theirs. The entry names the
 * member, the case if the path has one, and the method and path; never a query string or form.
 */
@Component
public class RefusalLog {

    private static final Pattern CASE = Pattern.compile("/cases/([0-9a-fA-F-]{36})");

    private final AccessLog accessLog;

    RefusalLog(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    /** Records that {@code request} was refused (in a transaction of its own: the request's may roll back). */
    public void refused(HttpServletRequest request, String why) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor =
                authentication != null && authentication.isAuthenticated() ? authentication.getName() : "anonymous";
        accessLog.recordNow(new AccessRecord(
                actor,
                InfraAccessAction.ACCESS_DENIED,
                caseIn(request.getRequestURI()),
                request.getMethod() + " " + request.getRequestURI() + ": " + why));
    }

    private static @Nullable String caseIn(String path) {
        Matcher matcher = CASE.matcher(path);
        return matcher.find() ? matcher.group(1) : null;
    }
}

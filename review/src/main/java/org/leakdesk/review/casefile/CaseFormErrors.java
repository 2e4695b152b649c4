package org.leakdesk.review.casefile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.InvalidEntryException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A task form with something to fix is shown again on its case page, with the message above it and
 * what was typed still in the fields (the template reads them back from the request), answering
 * 400. Before the staff-wide error pages, which would lose what was typed.
 */
@ControllerAdvice(assignableTypes = {TaskController.class, VerificationController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseFormErrors {

    private final CasePage page;

    CaseFormErrors(CasePage page) {
        this.page = page;
    }

    @ExceptionHandler(InvalidEntryException.class)
    String showAgain(
            InvalidEntryException e,
            StaffMember member,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("entryProblem", e.getMessage());
        return page.render(caseOf(request), member, model);
    }

    /** Every form of the case page names its case: in the path or in a hidden field. */
    private static UUID caseOf(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> path =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String caseId =
                path != null && path.containsKey("caseId") ? path.get("caseId") : request.getParameter("caseId");
        return UUID.fromString(caseId);
    }
}

package org.leakdesk.review.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.leakdesk.infra.StaffAccountException;
import org.leakdesk.infra.UnknownJournalistKeyException;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionShreddedException;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.CaseWorkException;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.TaskAlreadyClaimedException;
import org.leakdesk.workflow.TaskNotFoundException;
import org.leakdesk.workflow.VerifierLinkGoneException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Maps each failure a staff member can act on to a status and a page that says what to do. */
@ControllerAdvice(basePackages = "org.leakdesk.review")
class StaffErrors {

    private final RefusalLog refusals;

    StaffErrors(RefusalLog refusals) {
        this.refusals = refusals;
    }

    /** A case the member was not given answers as if it did not exist, and is logged as refused. */
    @ExceptionHandler(CaseNotVisibleException.class)
    String notGiven(CaseNotVisibleException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        refusals.refused(request, "case not given to this member");
        return page(HttpServletResponse.SC_NOT_FOUND, "Not found", CaseNotVisibleException.MESSAGE, response, model);
    }

    @ExceptionHandler({TaskNotFoundException.class, SubmissionNotFoundException.class})
    String notFound(RuntimeException e, HttpServletResponse response, Model model) {
        String message = e instanceof TaskNotFoundException ? e.getMessage() : CaseNotVisibleException.MESSAGE;
        return page(HttpServletResponse.SC_NOT_FOUND, "Not found", message, response, model);
    }

    @ExceptionHandler(UnknownJournalistKeyException.class)
    String unknownKey(UnknownJournalistKeyException e, HttpServletResponse response, Model model) {
        return page(
                HttpServletResponse.SC_BAD_REQUEST,
                "Unknown journalist key",
                "No journalist key with that fingerprint can receive exports. An administrator adds keys with"
                        + " the keys add-journalist command.",
                response,
                model);
    }

    @ExceptionHandler(SubmissionShreddedException.class)
    String destroyed(SubmissionShreddedException e, HttpServletResponse response, Model model) {
        return page(
                HttpServletResponse.SC_GONE,
                "Destroyed",
                "This case's documents were destroyed after its retention period; nothing can be downloaded.",
                response,
                model);
    }

    @ExceptionHandler(NotPermittedException.class)
    String forbidden(NotPermittedException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        refusals.refused(request, e.getClass().getSimpleName());
        return page(HttpServletResponse.SC_FORBIDDEN, "Not allowed", e.getMessage(), response, model);
    }

    @ExceptionHandler(TaskAlreadyClaimedException.class)
    String conflict(CaseWorkException e, HttpServletResponse response, Model model) {
        return page(HttpServletResponse.SC_CONFLICT, "Already taken", e.getMessage(), response, model);
    }

    @ExceptionHandler(InvalidEntryException.class)
    String badEntry(InvalidEntryException e, HttpServletResponse response, Model model) {
        return page(
                HttpServletResponse.SC_BAD_REQUEST, "Please check what you entered", e.getMessage(), response, model);
    }

    @ExceptionHandler(StaffAccountException.class)
    String accountChange(StaffAccountException e, HttpServletResponse response, Model model) {
        return page(HttpServletResponse.SC_BAD_REQUEST, "Cannot change this account", e.getMessage(), response, model);
    }

    /** Unknown, used, expired or withdrawn: the same bare page, which says nothing about a case. */
    @ExceptionHandler(VerifierLinkGoneException.class)
    String verifierLinkGone(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "review/verifier-gone";
    }

    private static String page(int status, String title, String message, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "review/problem";
    }
}

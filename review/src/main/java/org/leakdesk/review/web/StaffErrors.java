package org.leakdesk.review.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
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
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Maps each failure a staff member can act on to a status and a page that says what to do. */
@ControllerAdvice(basePackages = "org.leakdesk.review")
class StaffErrors {

    private final RefusalLog refusals;
    private final MessageSource messages;

    StaffErrors(RefusalLog refusals, MessageSource messages) {
        this.refusals = refusals;
        this.messages = messages;
    }

    /** A case the member was not given answers as if it did not exist, and is logged as refused. */
    @ExceptionHandler(CaseNotVisibleException.class)
    String notGiven(
            CaseNotVisibleException e,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        refusals.refused(request, "case not given to this member");
        return page(
                HttpServletResponse.SC_NOT_FOUND,
                "not-found",
                CaseNotVisibleException.MESSAGE,
                response,
                locale,
                model);
    }

    @ExceptionHandler({TaskNotFoundException.class, SubmissionNotFoundException.class})
    String notFound(RuntimeException e, HttpServletResponse response, Locale locale, Model model) {
        String message = e instanceof TaskNotFoundException ? e.getMessage() : CaseNotVisibleException.MESSAGE;
        return page(HttpServletResponse.SC_NOT_FOUND, "not-found", message, response, locale, model);
    }

    @ExceptionHandler(UnknownJournalistKeyException.class)
    String unknownKey(UnknownJournalistKeyException e, HttpServletResponse response, Locale locale, Model model) {
        return page(
                HttpServletResponse.SC_BAD_REQUEST,
                "unknown-key",
                messages.getMessage("problem.unknown-key", null, locale),
                response,
                locale,
                model);
    }

    @ExceptionHandler(SubmissionShreddedException.class)
    String destroyed(SubmissionShreddedException e, HttpServletResponse response, Locale locale, Model model) {
        return page(
                HttpServletResponse.SC_GONE,
                "destroyed",
                messages.getMessage("problem.destroyed", null, locale),
                response,
                locale,
                model);
    }

    @ExceptionHandler(NotPermittedException.class)
    String forbidden(
            NotPermittedException e,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        refusals.refused(request, e.getClass().getSimpleName());
        return page(HttpServletResponse.SC_FORBIDDEN, "not-allowed", e.getMessage(), response, locale, model);
    }

    @ExceptionHandler(TaskAlreadyClaimedException.class)
    String conflict(CaseWorkException e, HttpServletResponse response, Locale locale, Model model) {
        return page(HttpServletResponse.SC_CONFLICT, "already-taken", e.getMessage(), response, locale, model);
    }

    @ExceptionHandler(InvalidEntryException.class)
    String badEntry(InvalidEntryException e, HttpServletResponse response, Locale locale, Model model) {
        return page(HttpServletResponse.SC_BAD_REQUEST, "check-entry", e.getMessage(), response, locale, model);
    }

    @ExceptionHandler(StaffAccountException.class)
    String accountChange(StaffAccountException e, HttpServletResponse response, Locale locale, Model model) {
        return page(HttpServletResponse.SC_BAD_REQUEST, "account", e.getMessage(), response, locale, model);
    }

    /** Unknown, used, expired or withdrawn: the same bare page, which says nothing about a case. */
    @ExceptionHandler(VerifierLinkGoneException.class)
    String verifierLinkGone(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "review/verifier-gone";
    }

    /** The problem page; {@code title} names its words in the staff bundle ({@code problem.title.*}). */
    private String page(
            int status, String title, String message, HttpServletResponse response, Locale locale, Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", messages.getMessage("problem.title." + title, null, locale));
        model.addAttribute("message", message);
        return "review/problem";
    }
}

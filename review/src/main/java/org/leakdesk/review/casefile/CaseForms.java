package org.leakdesk.review.casefile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.InvalidEntryException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A controller of the case page's forms (task, verification requests, reply, notes and labels):
 * an entry to fix shows the case page again, with the message above the form and what was typed
 * still in its fields, answering 400, rather than an error page that loses what was typed.
 */
abstract class CaseForms {

    private final CasePage page;

    CaseForms(CasePage page) {
        this.page = page;
    }

    @ExceptionHandler(InvalidEntryException.class)
    String showAgain(
            InvalidEntryException e,
            StaffMember member,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return page.showAgain(e, member, request, response, model);
    }
}

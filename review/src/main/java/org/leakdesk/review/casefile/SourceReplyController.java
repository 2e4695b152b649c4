package org.leakdesk.review.casefile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.SourceConversation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The reply form of the case page: a message to the case's source, encrypted so only they can read it. */
@Controller
@ServedOn(Face.STAFF)
class SourceReplyController {

    private final SourceConversation conversation;
    private final CasePage page;

    SourceReplyController(SourceConversation conversation, CasePage page) {
        this.conversation = conversation;
        this.page = page;
    }

    @PostMapping("/cases/{caseId}/replies")
    String reply(@PathVariable UUID caseId, @RequestParam(defaultValue = "") String text, StaffMember member) {
        conversation.reply(caseId, member, text);
        return "redirect:/cases/" + caseId + "?done=reply#conversation";
    }

    /** An empty or too long reply: the case page again, with what was typed still in the field. */
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
